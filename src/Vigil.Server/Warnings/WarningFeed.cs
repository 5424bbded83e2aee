using System.Text;
using System.Xml;
using Vigil.Data.Entities;
using Vigil.Domain.Warnings;

namespace Vigil.Server.Warnings;

/// <summary>
/// The public feed of warnings as Atom (RFC 4287), one entry per warning in force (its latest
/// message), each carrying the CAP document itself and a link to it, as alert hubs expect.
/// </summary>
internal static class WarningFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Write(IReadOnlyList<PublicWarningRecord> current, string sender, string title, DateTimeOffset now)
    {
        var text = new StringBuilder(4096);
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"urn:vigil:{sender}:warnings");
            xml.WriteElementString("title", Atom, title);
            xml.WriteElementString("updated", Atom, CapTime.Format(current.Count > 0 ? current.Max(w => w.Sent) : now));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, title);
            xml.WriteEndElement();
            xml.WriteStartElement("link", Atom);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("href", "/cap/alerts.xml");
            xml.WriteEndElement();
            foreach (PublicWarningRecord w in current)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"urn:vigil:{sender}:{w.Identifier}");
                xml.WriteElementString("title", Atom, w.Headline);
                xml.WriteElementString("updated", Atom, CapTime.Format(w.Sent));
                xml.WriteStartElement("link", Atom);
                xml.WriteAttributeString("rel", "alternate");
                xml.WriteAttributeString("type", "application/cap+xml");
                xml.WriteAttributeString("href", $"/cap/alerts/{w.Id}.xml");
                xml.WriteEndElement();
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "application/cap+xml");
                using (XmlReader document = XmlReader.Create(new StringReader(w.Document)))
                {
                    document.MoveToContent();
                    xml.WriteNode(document, defattr: false);
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text;
    }
}
