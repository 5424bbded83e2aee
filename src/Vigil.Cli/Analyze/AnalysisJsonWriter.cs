using System.Text.Json;
using Vigil.Configuration;
using Vigil.Domain.Alerts;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;

namespace Vigil.Cli.Analyze;

/// <summary>
/// Writes <c>vigil analyze</c>'s JSON Lines: one object per decoded frame, then a summary line.
/// One <see cref="Utf8JsonWriter"/> is reused for every line.
/// </summary>
internal sealed class AnalysisJsonWriter : IAsyncDisposable
{
    private static readonly byte[] s_newLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<string, HashSet<int>> _tracksByLabel = new(StringComparer.Ordinal);

    public AnalysisJsonWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
    }

    public async ValueTask WriteFrameAsync(FrameAnalysis frame, IReadOnlyList<AlertChange> alerts, CancellationToken cancellationToken)
    {
        _json.Reset(_stream);
        _json.WriteStartObject();
        _json.WriteNumber("frame", frame.Index);
        _json.WriteNumber("t", Math.Round(frame.Timestamp.TotalSeconds, 3));
        _json.WriteStartArray("motion");
        foreach (BoundingBox box in frame.MotionRegions)
        {
            WriteBox(box);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("objects");
        foreach (TrackedObject o in frame.Objects)
        {
            _json.WriteStartObject();
            _json.WriteNumber("track", o.TrackId);
            _json.WriteString("label", o.Label);
            _json.WriteNumber("score", Math.Round(o.Score, 2));
            _json.WritePropertyName("box");
            WriteBox(o.Box);
            _json.WriteEndObject();
            Count(o);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("alerts");
        foreach (AlertChange change in alerts)
        {
            if (change.Kind == AlertChangeKind.Opened)
            {
                WriteAlert(change.Alert);
            }
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(s_newLine, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteSummaryAsync(long frames, double seconds, FrameAnalyzer analyzer, CancellationToken cancellationToken)
    {
        _json.Reset(_stream);
        _json.WriteStartObject();
        _json.WriteStartObject("summary");
        _json.WriteNumber("frames", frames);
        _json.WriteNumber("seconds", Math.Round(seconds, 2));
        _json.WriteNumber("fps", Math.Round(seconds > 0 ? frames / seconds : 0, 1));
        ArgumentNullException.ThrowIfNull(analyzer);
        _json.WriteNumber("detector_calls", analyzer.DetectorCalls);
        _json.WriteNumber("region_ticks", analyzer.RegionTicks);
        _json.WriteNumber("network_runs", analyzer.NetworkRuns);
        _json.WriteStartObject("tracks");
        foreach ((string label, HashSet<int> ids) in _tracksByLabel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            _json.WriteNumber(label, ids.Count);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(s_newLine, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An alert on the frame where it fires: id, rule, kind, where, which track, how severe.</summary>
    private void WriteAlert(Alert alert)
    {
        _json.WriteStartObject();
        _json.WriteString("id", alert.Id);
        _json.WriteString("rule", alert.RuleId);
        _json.WriteString("kind", RuleKindNames.NameOf(alert.Kind));
        if (alert.ZoneId is { } zone)
        {
            _json.WriteString("zone", zone);
        }

        if (alert.LineId is { } line)
        {
            _json.WriteString("line", line);
        }

        if (alert.TrackId is { } track)
        {
            _json.WriteNumber("track", track);
        }

        if (alert.Crossing is { } crossing)
        {
            _json.WriteString("direction", crossing == Domain.Rules.CrossingDirection.LeftToRight ? "left_to_right" : "right_to_left");
        }

        if (alert.Value is { } value)
        {
            _json.WriteNumber("value", Math.Round(value, 2));
        }

        _json.WriteString("severity", alert.Severity.ToString().ToLowerInvariant());
        if (alert.Snapshot is { } snapshot)
        {
            _json.WriteString("snapshot", snapshot);
        }

        _json.WriteEndObject();
    }

    private void WriteBox(BoundingBox box)
    {
        _json.WriteStartArray();
        _json.WriteNumberValue((int)MathF.Round(box.X));
        _json.WriteNumberValue((int)MathF.Round(box.Y));
        _json.WriteNumberValue((int)MathF.Round(box.Width));
        _json.WriteNumberValue((int)MathF.Round(box.Height));
        _json.WriteEndArray();
    }

    private void Count(TrackedObject o)
    {
        if (!_tracksByLabel.TryGetValue(o.Label, out HashSet<int>? ids))
        {
            _tracksByLabel[o.Label] = ids = [];
        }

        ids.Add(o.TrackId);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
    }
}
