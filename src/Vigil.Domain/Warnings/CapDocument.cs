using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Vigil.Domain.Warnings;

/// <summary>Writes a <see cref="CapMessage"/> as a CAP 1.2 XML document, elements in the standard's order.</summary>
public static class CapDocument
{
    public static string Write(CapMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(2048);
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            WriteAlert(xml, message);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text;
    }

    /// <summary>Writes the <c>alert</c> element (for documents and for feeds that embed it).</summary>
    public static void WriteAlert(XmlWriter xml, CapMessage m)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(m);
        const string ns = CapVocabulary.Namespace;
        xml.WriteStartElement("alert", ns);
        xml.WriteElementString("identifier", ns, m.Identifier);
        xml.WriteElementString("sender", ns, m.Sender);
        xml.WriteElementString("sent", ns, CapTime.Format(m.Sent));
        xml.WriteElementString("status", ns, m.Status);
        xml.WriteElementString("msgType", ns, m.MessageType);
        xml.WriteElementString("scope", ns, "Public");
        Optional(xml, "note", m.Note);
        if (m.References.Count > 0)
        {
            xml.WriteElementString("references", ns, string.Join(' ', m.References));
        }

        Optional(xml, "incidents", m.Incidents);

        xml.WriteStartElement("info", ns);
        xml.WriteElementString("language", ns, m.Language);
        xml.WriteElementString("category", ns, m.Category);
        xml.WriteElementString("event", ns, m.Event);
        Optional(xml, "responseType", m.ResponseType);
        xml.WriteElementString("urgency", ns, m.Urgency);
        xml.WriteElementString("severity", ns, m.Severity);
        xml.WriteElementString("certainty", ns, m.Certainty);
        if (m.Expires is { } expires)
        {
            xml.WriteElementString("expires", ns, CapTime.Format(expires));
        }

        xml.WriteElementString("senderName", ns, m.SenderName);
        xml.WriteElementString("headline", ns, m.Headline);
        xml.WriteElementString("description", ns, m.Description);
        Optional(xml, "instruction", m.Instruction);

        xml.WriteStartElement("area", ns);
        xml.WriteElementString("areaDesc", ns, m.Area.Description);
        xml.WriteElementString("circle", ns, string.Create(CultureInfo.InvariantCulture, $"{m.Area.Latitude:0.######},{m.Area.Longitude:0.######} {m.Area.RadiusKm:0.###}"));
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Reads back a document this class wrote (to build the Update or Cancel that follows it).</summary>
    /// <exception cref="FormatException">The text is not such a document.</exception>
    public static CapMessage Read(string document)
    {
        XNamespace ns = CapVocabulary.Namespace;
        XElement alert;
        try
        {
            alert = XDocument.Parse(document).Root ?? throw new FormatException("empty document");
        }
        catch (XmlException ex)
        {
            throw new FormatException($"not XML: {ex.Message}", ex);
        }

        XElement info = alert.Element(ns + "info") ?? throw new FormatException("no info block");
        XElement area = info.Element(ns + "area") ?? throw new FormatException("no area");
        string[] circle = Required(area, "circle").Split(' ', ',');
        return new CapMessage(
            Required(alert, "identifier"),
            Required(alert, "sender"),
            DateTimeOffset.Parse(Required(alert, "sent"), CultureInfo.InvariantCulture),
            Required(alert, "status"),
            Required(alert, "msgType"),
            (string?)alert.Element(ns + "note"),
            ((string?)alert.Element(ns + "references") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseReference).ToArray(),
            (string?)alert.Element(ns + "incidents"),
            Required(info, "language"),
            Required(info, "category"),
            Required(info, "event"),
            (string?)info.Element(ns + "responseType"),
            Required(info, "urgency"),
            Required(info, "severity"),
            Required(info, "certainty"),
            info.Element(ns + "expires") is { } expires ? DateTimeOffset.Parse(expires.Value, CultureInfo.InvariantCulture) : null,
            Required(info, "senderName"),
            Required(info, "headline"),
            Required(info, "description"),
            (string?)info.Element(ns + "instruction"),
            new CapArea(
                Required(area, "areaDesc"),
                double.Parse(circle[0], CultureInfo.InvariantCulture),
                double.Parse(circle[1], CultureInfo.InvariantCulture),
                double.Parse(circle[2], CultureInfo.InvariantCulture)));
    }

    private static string Required(XElement parent, string name) =>
        (string?)parent.Element(XName.Get(name, CapVocabulary.Namespace)) ?? throw new FormatException($"no {name}");

    private static CapReference ParseReference(string text)
    {
        string[] parts = text.Split(',');
        return parts.Length == 3
            ? new CapReference(parts[0], parts[1], DateTimeOffset.Parse(parts[2], CultureInfo.InvariantCulture))
            : throw new FormatException($"reference '{text}' is not sender,identifier,sent");
    }

    private static void Optional(XmlWriter xml, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            xml.WriteElementString(name, CapVocabulary.Namespace, value);
        }
    }
}
