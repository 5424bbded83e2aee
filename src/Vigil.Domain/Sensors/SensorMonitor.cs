using Vigil.Domain.Rules;

namespace Vigil.Domain.Sensors;

/// <summary>
/// One sensor's readings over time, turned into events (ADR 018): a stage changes only after the
/// readings have stayed past its threshold for the sensor's minimum duration (and, going down, below it
/// by the hysteresis), so a single spike or a value hovering at a threshold pages nobody; a rise of the
/// configured amount within its window is reported once and re-armed when the rise has halved; three
/// intervals without anything arriving make the sensor silent (arrival, not the reading's own time: a
/// gauge sending its backlog after an outage is reporting). Readings outside the kind's physical range,
/// and readings older than the last one, change no stage. Driven by one caller at a time.
/// </summary>
public sealed class SensorMonitor
{
    /// <summary>The most readings the rate-of-rise window holds (a sensor reporting far faster than its window needs).</summary>
    public const int MaxWindow = 4096;

    private readonly Sensor _sensor;
    private readonly Queue<SensorReading> _window = new();
    private int _stage = -1;
    private int _target = -1;
    private DateTimeOffset? _since;
    private DateTimeOffset _heardAt;
    private bool _heard;
    private bool _silent;
    private bool _rising;

    /// <param name="sensor">The sensor as configured.</param>
    /// <param name="start">When monitoring began: a sensor that never reports is silent three intervals later.</param>
    public SensorMonitor(Sensor sensor, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        _sensor = sensor;
        _heardAt = start;
    }

    /// <summary>The stage in force, or null below every stage.</summary>
    public SensorStage? Stage => _stage < 0 ? null : _sensor.Stages[_stage];

    public bool IsSilent => _silent;

    /// <summary>The last reading taken into account, if any.</summary>
    public SensorReading? Last { get; private set; }

    /// <summary>Takes one reading that arrived when it was taken (a live feed).</summary>
    public bool Observe(SensorReading reading, List<SensorEvent> events) => Observe(reading, reading.At, events);

    /// <summary>Takes one reading that arrived at <paramref name="arrivedAt"/>; adds what it came to to <paramref name="events"/>. False when it changed no stage because it was stale or out of range.</summary>
    public bool Observe(SensorReading reading, DateTimeOffset arrivedAt, List<SensorEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_silent)
        {
            _silent = false;
            events.Add(new SensorEvent(_sensor.Id, SensorEventKind.Resumed, arrivedAt, reading.Value, Stage, Severity.Info));
        }

        if (!_heard || arrivedAt > _heardAt)
        {
            _heardAt = arrivedAt;
        }

        _heard = true;
        if (Last is { } last && reading.At <= last.At)
        {
            return false;
        }

        if (!SensorKinds.InRange(_sensor.Kind, _sensor.Unit, reading.Value))
        {
            events.Add(new SensorEvent(_sensor.Id, SensorEventKind.OutOfRange, reading.At, double.IsFinite(reading.Value) ? reading.Value : null, Stage, Severity.Info));
            return false;
        }

        Last = reading;
        Stages(reading, events);
        Rise(reading, events);
        return true;
    }

    /// <summary>Whether the sensor fell silent by <paramref name="now"/>; called on a timer.</summary>
    public void Check(DateTimeOffset now, List<SensorEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_silent && now - _heardAt >= _sensor.Interval * Sensor.SilentAfterIntervals)
        {
            _silent = true;
            events.Add(new SensorEvent(_sensor.Id, SensorEventKind.Silent, now, _heard ? Last?.Value : null, Stage, Severity.Warning));
        }
    }

    private void Stages(SensorReading reading, List<SensorEvent> events)
    {
        IReadOnlyList<SensorStage> stages = _sensor.Stages;
        int up = -1;
        for (int i = stages.Count - 1; i >= 0; i--)
        {
            if (reading.Value >= stages[i].Threshold)
            {
                up = i;
                break;
            }
        }

        int target = _stage;
        if (up > _stage)
        {
            target = up;
        }
        else
        {
            while (target >= 0 && reading.Value < stages[target].Threshold - _sensor.Hysteresis)
            {
                target--;
            }
        }

        if (target == _stage)
        {
            _since = null;
            return;
        }

        // The clock starts when readings first left the stage in this direction; a reading back inside it resets it.
        bool sameDirection = _since is not null && (_target > _stage) == (target > _stage);
        if (!sameDirection)
        {
            _since = reading.At;
        }

        _target = target;
        if (reading.At - _since!.Value < _sensor.MinDuration)
        {
            return;
        }

        bool raised = target > _stage;
        _stage = target;
        _since = null;
        events.Add(new SensorEvent(
            _sensor.Id,
            raised ? SensorEventKind.StageRaised : SensorEventKind.StageLowered,
            reading.At,
            reading.Value,
            Stage,
            Stage?.Severity ?? Severity.Info));
    }

    private void Rise(SensorReading reading, List<SensorEvent> events)
    {
        if (_sensor.RateOfRise is not { } rate)
        {
            return;
        }

        _window.Enqueue(reading);
        while (_window.Count > MaxWindow || (_window.TryPeek(out SensorReading oldest) && reading.At - oldest.At > rate.Window))
        {
            _window.Dequeue();
        }

        double lowest = double.PositiveInfinity;
        foreach (SensorReading r in _window)
        {
            lowest = Math.Min(lowest, r.Value);
        }

        double rise = reading.Value - lowest;
        if (!_rising && rise >= rate.Rise)
        {
            _rising = true;
            events.Add(new SensorEvent(_sensor.Id, SensorEventKind.RisingFast, reading.At, reading.Value, Stage, rate.Severity));
        }
        else if (_rising && rise < rate.Rise / 2)
        {
            _rising = false;
        }
    }
}
