using System.Diagnostics;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// An open-loop load generator: operation <c>i</c> is due at <c>start + i / rate</c> whatever the
/// earlier ones are doing, and its latency counts from that due time (so a server that falls behind
/// cannot hide its queue, unlike a closed loop that waits for each answer). Between launches the
/// generator sleeps on the timer (about a millisecond at a time) instead of spinning, so it does not
/// take a core from the server on a small machine; the price is that an operation may start up to
/// about a millisecond after it is due, which is why operations can also measure from their own start.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Runs <paramref name="operation"/> (given its index and due timestamp) and returns what each returned.</summary>
    public static async Task<T[]> RunAsync<T>(int rate, int seconds, Func<int, long, Task<T>> operation)
    {
        int count = rate * seconds;
        var tasks = new Task<T>[count];
        long start = Stopwatch.GetTimestamp();
        int next = 0;
        while (next < count)
        {
            long now = Stopwatch.GetTimestamp();
            for (long due = Due(start, next, rate); next < count && due <= now; due = Due(start, next, rate))
            {
                tasks[next] = operation(next, due);
                next++;
            }

            if (next < count)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static long Due(long start, int i, int rate) => start + (long)(i * (double)Stopwatch.Frequency / rate);

    /// <summary>One GET: milliseconds from <paramref name="scheduled"/> to the whole answer, or -1 when it failed.</summary>
    public static async Task<double> GetAsync(HttpClient client, Uri uri, long scheduled)
    {
        try
        {
            using HttpResponseMessage response = await client.GetAsync(uri).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            return response.StatusCode == System.Net.HttpStatusCode.OK ? Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds : -1;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }
}
