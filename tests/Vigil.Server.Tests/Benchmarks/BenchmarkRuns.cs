namespace Vigil.Server.Tests.Benchmarks;

/// <summary>
/// The benchmarks' smoke runs load the machine on purpose (cameras, thousands of requests): they run
/// one at a time, after the other tests, so they do not starve the browser tests' timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchmarkRuns
{
    public const string Name = "benchmark smoke runs";
}
