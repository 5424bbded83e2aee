namespace Vigil.Server.Benchmarks;

/// <summary>Latencies of successful requests, from the scheduled start and from sending, and how many failed.</summary>
internal sealed class Samples
{
    public List<double> FromSchedule { get; } = [];

    public List<double> FromSend { get; } = [];

    public int Failed { get; private set; }

    public int Count => FromSchedule.Count + Failed;

    /// <summary>Adds one request; negative latencies mark a failure.</summary>
    public void Add(double fromSchedule, double fromSend)
    {
        if (fromSchedule < 0)
        {
            Failed++;
            return;
        }

        FromSchedule.Add(fromSchedule);
        FromSend.Add(fromSend);
    }

    public void Clear()
    {
        FromSchedule.Clear();
        FromSend.Clear();
        Failed = 0;
    }
}
