namespace Vigil.Server.Tests.Hosting;

/// <summary>A <c>vigil.yaml</c> written to a temporary file for a test's hosts, removed afterwards.</summary>
internal sealed class TestConfigFile : IDisposable
{
    public TestConfigFile(string yaml)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(Path, yaml);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
