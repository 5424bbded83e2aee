using BenchmarkDotNet.Running;
using Vigil.Domain.Benchmarks;

// dotnet run -c Release --project bench/Vigil.Domain.Benchmarks -- [BenchmarkDotNet args]
BenchmarkSwitcher.FromAssembly(typeof(RuleEngineBenchmarks).Assembly).Run(args);
