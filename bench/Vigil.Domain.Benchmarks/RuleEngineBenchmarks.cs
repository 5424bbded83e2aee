using BenchmarkDotNet.Attributes;
using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Domain.Rules;

namespace Vigil.Domain.Benchmarks;

/// <summary>
/// Rule evaluation for a busy camera: 100 tracks walking through 5 zones and 2 lines watched by
/// 20 rules of every kind. The goal is under 0.2 ms per frame.
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private readonly List<RuleEvent> _events = [];
    private RuleEngine _engine = null!;
    private TrackedObject[][] _frames = null!;
    private int _frame;

    [Params(100)]
    public int Tracks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ground = new GroundCalibration([new(0, 0.5), new(1, 0.5), new(1, 1), new(0, 1)], [new(0, 0), new(30, 0), new(30, 15), new(0, 15)]);
        Zone[] zones =
        [
            Square("a", 0.0, 0.5, 0.5, 1.0, ground, null),
            Square("b", 0.5, 0.5, 1.0, 1.0, ground, null),
            Square("c", 0.0, 0.0, 0.5, 0.5, null, new PointF2(1, 0)),
            Square("d", 0.5, 0.0, 1.0, 0.5, null, new PointF2(0, 1)),
            new("e", new Polygon([new(0.2, 0.2), new(0.8, 0.25), new(0.7, 0.8), new(0.5, 0.9), new(0.25, 0.7)]), null, null),
        ];
        TripLine[] lines = [new("l1", new(0.5, 0.0), new(0.5, 1.0)), new("l2", new(0.0, 0.5), new(1.0, 0.5))];
        var rules = new List<RuleDefinition>();
        foreach (string z in new[] { "a", "b", "e" })
        {
            rules.Add(new RuleDefinition { Id = $"entry-{z}", Kind = RuleKind.ZoneEntry, Zone = z });
            rules.Add(new RuleDefinition { Id = $"dwell-{z}", Kind = RuleKind.Dwell, Zone = z, Duration = TimeSpan.FromSeconds(10) });
            rules.Add(new RuleDefinition { Id = $"occ-{z}", Kind = RuleKind.Occupancy, Zone = z, Count = 30 });
        }

        rules.Add(new RuleDefinition { Id = "dens-a", Kind = RuleKind.Density, Zone = "a" });
        rules.Add(new RuleDefinition { Id = "dens-b", Kind = RuleKind.Density, Zone = "b" });
        rules.Add(new RuleDefinition { Id = "wrong-c", Kind = RuleKind.WrongWay, Zone = "c" });
        rules.Add(new RuleDefinition { Id = "wrong-d", Kind = RuleKind.WrongWay, Zone = "d" });
        rules.Add(new RuleDefinition { Id = "stop-c", Kind = RuleKind.StoppedVehicle, Zone = "c", Labels = ["person"] });
        rules.Add(new RuleDefinition { Id = "stop-d", Kind = RuleKind.StoppedVehicle, Zone = "d", Labels = ["person"] });
        rules.Add(new RuleDefinition { Id = "cross-1", Kind = RuleKind.LineCrossing, Line = "l1" });
        rules.Add(new RuleDefinition { Id = "cross-2", Kind = RuleKind.LineCrossing, Line = "l2" });
        var camera = new Camera { Id = "bench", Name = "bench", Url = "x", Purpose = "bench", LegalBasis = "bench", Retention = TimeSpan.FromHours(1), Zones = zones, Lines = lines, Rules = rules };
        _engine = new RuleEngine(camera, 1920, 1080);

        // 200 frames of 100 people walking in straight lines across the view.
        var random = new Random(42);
        var starts = Enumerable.Range(0, Tracks).Select(_ => (X: random.NextDouble() * 1800, Y: random.NextDouble() * 1000, Vx: (random.NextDouble() - 0.5) * 20, Vy: (random.NextDouble() - 0.5) * 10)).ToArray();
        _frames = Enumerable.Range(0, 200).Select(f => starts.Select((s, i) =>
            new TrackedObject(i + 1, "person", 0.8f, new BoundingBox((float)Math.Clamp(s.X + (s.Vx * f), 0, 1880), (float)Math.Clamp(s.Y + (s.Vy * f), 0, 1000), 40, 80))).ToArray()).ToArray();
        for (int f = 0; f < 50; f++)
        {
            Evaluate();
        }
    }

    [Benchmark]
    public int Evaluate()
    {
        _events.Clear();
        int f = _frame++;
        _engine.Evaluate(TimeSpan.FromSeconds(f * 0.2), _frames[f % _frames.Length], _events);
        return _events.Count;
    }

    private static Zone Square(string id, double x0, double y0, double x1, double y1, GroundCalibration? ground, PointF2? direction) =>
        new(id, new Polygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)]), ground, direction);
}
