namespace Vigil.Server.Benchmarks;

/// <summary>
/// The server benchmarks (BENCHMARKS.md), each run as
/// <c>dotnet run -c Release --project bench/Vigil.Server.Benchmarks -- NAME [ARGS]</c>:
/// <c>latency [CAMERAS=8] [SECONDS=90] [DETECTOR THREADS=0 (auto)] [int8|fp32] [regions|whole] [record|norecord]</c>,
/// <c>load [RATE=200] [SECONDS=30] [POSTGRES CONNECTION STRING]</c>,
/// <c>audit [RATE=1000] [SECONDS=10] [POSTGRES CONNECTION STRING]</c>,
/// <c>audit-http [RATE=1000] [SECONDS=10] [POSTGRES CONNECTION STRING]</c>,
/// <c>playback [HOURS=1] [STARTS=200]</c>,
/// <c>sensors [SENSORS=1000] [SECONDS=10] [cameras|none] [sqlite|POSTGRES CONNECTION STRING] [RATE=0: flat out]</c>,
/// <c>originals [SECONDS=60]</c>,
/// <c>incidents [RATE=20] [SECONDS=20] [POSTGRES CONNECTION STRING]</c>.
/// </summary>
internal static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "latency":
                await AlertLatencyBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "audit":
                await AuditOverheadBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "audit-http":
                await AuditHttpOverheadBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "playback":
                await PlaybackStartBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "sensors":
                await SensorIngestBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "originals":
                await OriginalsCostBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "incidents":
                await IncidentListBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            case "load":
                await AlertListLoadBenchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Vigil.Server.Benchmarks latency [CAMERAS] [SECONDS] [THREADS] [int8|fp32] [regions|whole] [record|norecord] | load [RATE] [SECONDS] [POSTGRES] | audit [RATE] [SECONDS] [POSTGRES] | audit-http [RATE] [SECONDS] [POSTGRES] | playback [HOURS] [STARTS] | sensors [SENSORS] [SECONDS] [cameras|none] [sqlite|POSTGRES] [RATE] | originals [SECONDS] | incidents [RATE] [SECONDS] [POSTGRES]").ConfigureAwait(false);
                return 2;
        }
    }
}
