using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Vigil.Server.Tests.Warnings;

/// <summary>
/// An independent check of a CAP 1.2 <c>alert</c> element against the standard's rules (OASIS CAP
/// v1.2, section 3): element order and cardinality, the closed vocabularies, the date-time form, the
/// identifier/sender characters, the references and circle syntax. Written from the specification
/// for these tests; it shares no code with the writer it checks. (No package ships the official XSD;
/// see the note on issue 7.)
/// </summary>
internal static partial class CapConformance
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    // (name, minimum, maximum) in the order the standard fixes.
    private static readonly (string Name, int Min, int Max)[] s_alert =
    [
        ("identifier", 1, 1), ("sender", 1, 1), ("sent", 1, 1), ("status", 1, 1), ("msgType", 1, 1), ("source", 0, 1),
        ("scope", 1, 1), ("restriction", 0, 1), ("addresses", 0, 1), ("code", 0, int.MaxValue), ("note", 0, 1),
        ("references", 0, 1), ("incidents", 0, 1), ("info", 0, int.MaxValue),
    ];

    private static readonly (string Name, int Min, int Max)[] s_info =
    [
        ("language", 0, 1), ("category", 1, int.MaxValue), ("event", 1, 1), ("responseType", 0, int.MaxValue), ("urgency", 1, 1),
        ("severity", 1, 1), ("certainty", 1, 1), ("audience", 0, 1), ("eventCode", 0, int.MaxValue), ("effective", 0, 1), ("onset", 0, 1),
        ("expires", 0, 1), ("senderName", 0, 1), ("headline", 0, 1), ("description", 0, 1), ("instruction", 0, 1), ("web", 0, 1),
        ("contact", 0, 1), ("parameter", 0, int.MaxValue), ("resource", 0, int.MaxValue), ("area", 0, int.MaxValue),
    ];

    private static readonly (string Name, int Min, int Max)[] s_area =
    [
        ("areaDesc", 1, 1), ("polygon", 0, int.MaxValue), ("circle", 0, int.MaxValue), ("geocode", 0, int.MaxValue), ("altitude", 0, 1), ("ceiling", 0, 1),
    ];

    private static readonly Dictionary<string, string[]> s_vocabularies = new(StringComparer.Ordinal)
    {
        ["status"] = ["Actual", "Exercise", "System", "Test", "Draft"],
        ["msgType"] = ["Alert", "Update", "Cancel", "Ack", "Error"],
        ["scope"] = ["Public", "Restricted", "Private"],
        ["category"] = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"],
        ["responseType"] = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"],
        ["urgency"] = ["Immediate", "Expected", "Future", "Past", "Unknown"],
        ["severity"] = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"],
        ["certainty"] = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"],
    };

    /// <summary>Every rule the element breaks (empty when it conforms).</summary>
    public static List<string> Problems(XElement alert)
    {
        var problems = new List<string>();
        XNamespace ns = Namespace;
        if (alert.Name != ns + "alert")
        {
            problems.Add($"root is {alert.Name}, not {{{Namespace}}}alert");
            return problems;
        }

        Sequence(alert, s_alert, problems);
        foreach (string token in new[] { "identifier", "sender" })
        {
            if (alert.Element(ns + token)?.Value is { } value && !TokenPattern().IsMatch(value))
            {
                problems.Add($"{token} '{value}' has spaces, commas or restricted characters");
            }
        }

        DateTime(alert.Element(ns + "sent"), problems);
        if (alert.Element(ns + "references") is { } references)
        {
            foreach (string reference in references.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = reference.Split(',');
                if (parts.Length != 3 || !DateTimePattern().IsMatch(parts[2]))
                {
                    problems.Add($"reference '{reference}' is not sender,identifier,sent");
                }
            }
        }

        string? messageType = alert.Element(ns + "msgType")?.Value;
        if (messageType is "Update" or "Cancel" && alert.Element(ns + "references") is null)
        {
            problems.Add($"an {messageType} must carry references");
        }

        foreach (XElement info in alert.Elements(ns + "info"))
        {
            Sequence(info, s_info, problems);
            DateTime(info.Element(ns + "expires"), problems);
            foreach (XElement area in info.Elements(ns + "area"))
            {
                Sequence(area, s_area, problems);
                foreach (XElement circle in area.Elements(ns + "circle"))
                {
                    Match m = CirclePattern().Match(circle.Value);
                    if (!m.Success || Math.Abs(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) > 90 || Math.Abs(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) > 180)
                    {
                        problems.Add($"circle '{circle.Value}' is not 'lat,lon radius' in WGS 84");
                    }
                }
            }
        }

        foreach (XElement element in alert.Descendants())
        {
            if (s_vocabularies.TryGetValue(element.Name.LocalName, out string[]? allowed) && !allowed.Contains(element.Value, StringComparer.Ordinal))
            {
                problems.Add($"{element.Name.LocalName} '{element.Value}' is not one of {string.Join(", ", allowed)}");
            }

            if (element.Name.Namespace != ns)
            {
                problems.Add($"{element.Name} is outside the CAP namespace");
            }
        }

        return problems;
    }

    private static void Sequence(XElement parent, (string Name, int Min, int Max)[] rules, List<string> problems)
    {
        List<XElement> children = parent.Elements().ToList();
        int at = 0;
        foreach ((string name, int min, int max) in rules)
        {
            int count = 0;
            while (at < children.Count && children[at].Name.LocalName == name)
            {
                count++;
                at++;
            }

            if (count < min || count > max)
            {
                problems.Add($"{parent.Name.LocalName} has {count} {name} (allowed {min} to {(max == int.MaxValue ? "many" : max)}) in this position");
            }
        }

        if (at < children.Count)
        {
            problems.Add($"{parent.Name.LocalName}: unexpected {children[at].Name.LocalName} at position {at + 1}");
        }

        foreach (XElement leaf in children.Where(c => !c.HasElements && string.IsNullOrWhiteSpace(c.Value)))
        {
            problems.Add($"{parent.Name.LocalName}/{leaf.Name.LocalName} is empty");
        }
    }

    private static void DateTime(XElement? element, List<string> problems)
    {
        if (element is not null && !DateTimePattern().IsMatch(element.Value))
        {
            problems.Add($"{element.Name.LocalName} '{element.Value}' is not CAP's date-time (YYYY-MM-DDThh:mm:ss±hh:mm, no 'Z')");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[^\s,<&]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$")]
    private static partial Regex CirclePattern();
}
