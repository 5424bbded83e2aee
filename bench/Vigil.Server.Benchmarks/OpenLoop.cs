using System.Diagnostics;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// An open-loop load generator: operation <c>i</c> starts at <c>start + i / rate</c> whatever the
/// earlier ones are doing, and its latency counts from that scheduled start (so a server that falls
/// behind cannot hide its queue, unlike a closed loop that waits for each answer).
/// </summary>
internal static class OpenLoop
{
    /// <summary>Runs <paramref name="operation"/> (given its index and scheduled start timestamp) and returns what each returned.</summary>
    public static async Task<T[]> RunAsync<T>(int rate, int seconds, Func<int, long, Task<T>> operation)
    {
        var tasks = new List<Task<T>>(rate * seconds);
        long interval = Stopwatch.Frequency / rate;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < rate * seconds; i++)
        {
            long due = start + (i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                long wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                if (wait > 1)
                {
                    await Task.Delay((int)wait - 1).ConfigureAwait(false);
                }
            }

            tasks.Add(operation(i, due));
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
