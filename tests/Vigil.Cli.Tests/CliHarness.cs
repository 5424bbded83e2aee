using Spectre.Console;
using Vigil.Assets.Cache;
using Vigil.Assets.Manifest;

namespace Vigil.Cli.Tests;

/// <summary>Runs <c>vigil</c> in-process against a private asset cache and captures what it prints.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public CliHarness()
    {
        Root = Directory.CreateTempSubdirectory("vigil-cli-test-").FullName;
        Cache = new AssetCache(Root);
        Manifest = AssetManifest.LoadEmbedded();
    }

    public string Root { get; }

    public AssetCache Cache { get; }

    public AssetManifest Manifest { get; }

    public string Output => _out.ToString();

    public string Error => _error.ToString();

    /// <summary>Copies the verified assets of the real cache (installed by ./vigil test) into this one.</summary>
    public void CopyInstalledAssets()
    {
        var real = AssetCache.FromEnvironment();
        foreach (AssetEntry asset in Manifest.Assets)
        {
            string source = real.PathOf(asset);
            Assert.True(File.Exists(source), $"{source} is missing; run './vigil assets install'");
            string target = Cache.PathOf(asset);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    public async Task<int> RunAsync(params string[] args)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        console.Profile.Width = 240;
        return await VigilCli.RunAsync(args, new CliContext(console, _out, _error, Manifest, Cache));
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
