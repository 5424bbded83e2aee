using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Domain.Rules;

namespace Vigil.Domain.Tests.Rules;

/// <summary>Drives a rule engine frame by frame with synthetic tracks on a 1000x1000 image.</summary>
internal sealed class RuleScenario
{
    public const int Size = 1000;
    private readonly RuleEngine _engine;
    private readonly List<RuleEvent> _frameEvents = [];

    public RuleScenario(IReadOnlyList<Zone> zones, IReadOnlyList<TripLine> lines, params RuleDefinition[] rules)
    {
        Camera = new Camera
        {
            Id = "test",
            Name = "test",
            Url = "file",
            Purpose = "tests",
            LegalBasis = "tests",
            Retention = TimeSpan.FromHours(1),
            Zones = zones,
            Lines = lines,
            Rules = rules,
        };
        _engine = new RuleEngine(Camera, Size, Size);
    }

    public Camera Camera { get; }

    public TimeSpan Time { get; private set; }

    public List<RuleEvent> Events { get; } = [];

    public static Zone Square(string id, double x0, double y0, double x1, double y1, GroundCalibration? ground = null, PointF2? direction = null) =>
        new(id, new Polygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)]), ground, direction);

    /// <summary>A person whose bottom-centre (feet) is at normalised (x, y).</summary>
    public static TrackedObject Person(int id, double x, double y, string label = "person") =>
        new(id, label, 0.9f, new BoundingBox((float)((x * Size) - 15), (float)((y * Size) - 80), 30, 80));

    /// <summary>Advances one frame (0.1 s) with these tracks; returns the frame's events.</summary>
    public List<RuleEvent> Step(params TrackedObject[] tracks)
    {
        Time += TimeSpan.FromSeconds(0.1);
        _frameEvents.Clear();
        _engine.Evaluate(Time, tracks, _frameEvents);
        Events.AddRange(_frameEvents);
        return [.. _frameEvents];
    }
}
