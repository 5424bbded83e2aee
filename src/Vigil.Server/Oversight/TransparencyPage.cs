using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Vigil.Server.Oversight;

/// <summary>The transparency report as a plain HTML page (readable without JavaScript; every value encoded).</summary>
internal static class TransparencyPage
{
    public static string Render(TransparencyReport report)
    {
        HtmlEncoder h = HtmlEncoder.Default;
        var b = new StringBuilder(16 * 1024);
        b.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Vigil · transparency report</title><style>body{font:15px system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}")
            .Append("table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccd;padding:.3rem .5rem;text-align:left;vertical-align:top}")
            .Append("th{background:#f0f3f7}code,pre{font-size:12px;word-break:break-all;white-space:pre-wrap}</style></head><body>")
            .Append("<h1>How this system is used</h1>")
            .Append("<p>This installation of Vigil detects events on public cameras for the emergency centre. It does not recognise faces, ")
            .Append("identify people or vehicles, or follow anyone between cameras. Every look at video and every action is recorded in an audit log ")
            .Append("that cannot be changed without detection. This page is generated from that log (")
            .Append(h.Encode(report.GeneratedAt.ToString("u", CultureInfo.InvariantCulture)))
            .Append("); the same data is at <a href=\"/transparency.json\">/transparency.json</a>. Public warnings in force are at <a href=\"/cap/alerts.xml\">/cap/alerts.xml</a> (CAP 1.2); each one, and each incident handed to another agency, counts as an export below.</p>");

        b.Append("<h2>Cameras</h2><table><tr><th>Camera</th><th>Purpose</th><th>Legal basis</th><th>Media kept</th><th>Redaction</th><th>Location</th><th>Analytics</th></tr>");
        foreach (TransparencyCamera c in report.Cameras)
        {
            b.Append("<tr><td>").Append(h.Encode(c.Name)).Append("</td><td>").Append(h.Encode(c.Purpose))
                .Append("</td><td>").Append(h.Encode(c.LegalBasis))
                .Append("</td><td>").Append(c.RetentionHours.ToString("0.##", CultureInfo.InvariantCulture)).Append(" h")
                .Append("</td><td>").Append(h.Encode(c.Redaction))
                .Append("</td><td>").Append(c.Latitude is { } lat && c.Longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"{lat:0.####}, {lon:0.####}") : "")
                .Append("</td><td>").Append(h.Encode(c.Analytics.Count == 0 ? "none (live view only)" : string.Join(", ", c.Analytics)))
                .Append("</td></tr>");
        }

        b.Append("</table><h2>Sensors</h2>");
        if (report.Sensors.Count == 0)
        {
            b.Append("<p>None.</p>");
        }
        else
        {
            b.Append("<table><tr><th>Sensor</th><th>Measures</th><th>Purpose</th><th>Readings kept</th><th>Location</th></tr>");
            foreach (TransparencySensor s in report.Sensors)
            {
                b.Append("<tr><td>").Append(h.Encode(s.Name)).Append("</td><td>").Append(h.Encode(s.Kind.Replace('_', ' ')))
                    .Append("</td><td>").Append(h.Encode(s.Purpose))
                    .Append("</td><td>").Append(s.RetentionDays.ToString("0.##", CultureInfo.InvariantCulture)).Append(" days")
                    .Append("</td><td>").Append(s.Latitude is { } lat && s.Longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"{lat:0.####}, {lon:0.####}") : "")
                    .Append("</td></tr>");
            }

            b.Append("</table>");
        }

        b.Append("<h2>Use by month</h2><table><tr><th>Month (UTC)</th><th>Alerts by kind</th><th>Incidents by type</th><th>Live-view sessions</th><th>Snapshot and frame views</th><th>Recording playbacks</th><th>Media deleted by retention</th><th>Evidence requests (approved / refused)</th><th>Requests to unmask originals (approved / refused)</th><th>Minutes of original footage watched</th><th>Exports</th><th>Incidents imported from other agencies</th><th>Failed sign-ins</th></tr>");
        foreach (TransparencyMonth m in report.Months)
        {
            string alerts = m.AlertsByKind.Count == 0 ? "0" : string.Join(", ", m.AlertsByKind.Select(p => $"{p.Key}: {p.Value}"));
            string incidents = m.IncidentsByType.Count == 0 ? "0" : string.Join(", ", m.IncidentsByType.Select(p => $"{p.Key}: {p.Value}"));
            b.Append("<tr><td>").Append(h.Encode(m.Month)).Append("</td><td>").Append(h.Encode(alerts)).Append("</td><td>").Append(h.Encode(incidents))
                .Append("</td><td>").Append(m.LiveViewSessions).Append("</td><td>").Append(m.SnapshotViews).Append("</td><td>").Append(m.RecordingViews)
                .Append("</td><td>").Append(m.MediaDeletedByRetention)
                .Append("</td><td>").Append(m.EvidenceRequests).Append(" (").Append(m.EvidenceApproved).Append(" / ").Append(m.EvidenceRefused).Append(')')
                .Append("</td><td>").Append(m.UnmaskRequests).Append(" (").Append(m.UnmaskApproved).Append(" / ").Append(m.UnmaskRefused).Append(')')
                .Append("</td><td>").Append(m.OriginalMinutesViewed.ToString("0.##", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(m.Exports)
                .Append("</td><td>").Append(m.Imports)
                .Append("</td><td>").Append(m.FailedSignIns).Append("</td></tr>");
        }

        b.Append("</table><h2>Audit log checkpoints</h2><p>Each checkpoint is signed with this installation's key (id <code>")
            .Append(h.Encode(report.AuditKeyId)).Append("</code>). Keep a copy: <code>vigil audit verify --public-key KEY --from-checkpoint FILE</code> ")
            .Append("shows whether the log still matches it.</p><pre>").Append(h.Encode(report.AuditPublicKey)).Append("</pre>")
            .Append("<table><tr><th>Entry</th><th>Signed (UTC)</th><th>Hash</th><th>Signature</th></tr>");
        foreach (TransparencyCheckpoint c in report.Checkpoints)
        {
            b.Append("<tr><td>").Append(c.Sequence).Append("</td><td>").Append(h.Encode(c.At.ToString("u", CultureInfo.InvariantCulture)))
                .Append("</td><td><code>").Append(h.Encode(c.Hash)).Append("</code></td><td><code>").Append(h.Encode(c.Signature)).Append("</code></td></tr>");
        }

        return b.Append("</table></body></html>").ToString();
    }
}
