using Vigil.Server.Benchmarks;

// dotnet run -c Release --project bench/Vigil.Server.Benchmarks -- latency [CAMERAS=8] [SECONDS=90] [DETECTOR THREADS=0 (auto)]
// dotnet run -c Release --project bench/Vigil.Server.Benchmarks -- load [RATE=200] [SECONDS=30] [POSTGRES CONNECTION STRING]
// dotnet run -c Release --project bench/Vigil.Server.Benchmarks -- audit [RATE=1000] [SECONDS=10] [POSTGRES CONNECTION STRING]
// dotnet run -c Release --project bench/Vigil.Server.Benchmarks -- audit-http [RATE=1000] [SECONDS=10] [POSTGRES CONNECTION STRING]
switch (args.FirstOrDefault())
{
    case "latency":
        await AlertLatencyBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
        return 0;
    case "audit":
        await AuditOverheadBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
        return 0;
    case "audit-http":
        await AuditHttpOverheadBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
        return 0;
    case "load":
        await AlertListLoadBenchmark.RunAsync(args[1..]).ConfigureAwait(false);
        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: Vigil.Server.Benchmarks latency [CAMERAS] [SECONDS] [THREADS] | load [RATE] [SECONDS] [POSTGRES] | audit [RATE] [SECONDS] [POSTGRES] | audit-http [RATE] [SECONDS] [POSTGRES]").ConfigureAwait(false);
        return 2;
}
