using BenchmarkDotNet.Running;
using Vigil.Vision.Benchmarks;

// dotnet run -c Release --project bench/Vigil.Vision.Benchmarks -- throughput   (inference vs pipeline, one run)
// dotnet run -c Release --project bench/Vigil.Vision.Benchmarks -- micro [BenchmarkDotNet args]  (allocations per stage)
// dotnet run -c Release --project bench/Vigil.Vision.Benchmarks -- cameras 8 12 16  (cameras sustained, 60 s each)
// dotnet run -c Release --project bench/Vigil.Vision.Benchmarks -- stages [FRAMES]  (one camera's CPU, stage by stage)
// dotnet run -c Release --project bench/Vigil.Vision.Benchmarks -- int8 [SIZE=416] [PERCENTILE EVERY: recalibrate]  (INT8 against FP32: graph, accuracy, speed)
// dotnet run -c Release --project bench/Vigil.Vision.Benchmarks -- calibrate [SIZE=416] [EVERY=8]  (writes the INT8 calibration table)
if (args.Length > 0 && args[0] == "throughput")
{
    await ThroughputBenchmark.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
    return 0;
}

if (args.Length > 0 && args[0] == "calibrate")
{
    await Int8Benchmark.WriteTableAsync(args.Skip(1).ToArray(), Console.Out).ConfigureAwait(false);
    return 0;
}

if (args.Length > 0 && args[0] == "int8")
{
    await Int8Benchmark.RunAsync(args.Skip(1).ToArray(), Console.Out).ConfigureAwait(false);
    return 0;
}

if (args.Length > 0 && args[0] == "stages")
{
    await StageProfileBenchmark.RunAsync(args.Skip(1).ToArray(), Console.Out).ConfigureAwait(false);
    return 0;
}

if (args.Length > 0 && args[0] == "cameras")
{
    await CameraCountBenchmark.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
    return 0;
}

if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args.Skip(1).ToArray());
    return 0;
}

await Console.Error.WriteLineAsync("usage: Vigil.Vision.Benchmarks throughput | cameras N... | stages [FRAMES] | int8 [SIZE] [PERCENTILE EVERY] | calibrate [SIZE] [EVERY] | micro [BenchmarkDotNet options]").ConfigureAwait(false);
return 2;
