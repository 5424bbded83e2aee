using Spectre.Console;
using Vigil.Assets.Cache;
using Vigil.Assets.Manifest;

namespace Vigil.Cli;

/// <summary>What every command works with: where it writes and which assets it sees.</summary>
/// <param name="Out">Standard output (tables, progress, results).</param>
/// <param name="PlainOut">The same standard output as plain text, for help and version.</param>
/// <param name="Error">Standard error (the one-line failures).</param>
/// <param name="Manifest">The asset manifest the product was built with.</param>
/// <param name="Cache">The asset cache.</param>
internal sealed record CliContext(IAnsiConsole Out, TextWriter PlainOut, TextWriter Error, AssetManifest Manifest, AssetCache Cache)
{
    /// <summary>The process's console, the embedded manifest and the cache from <c>VIGIL_HOME</c>.</summary>
    public static CliContext FromEnvironment() => new(
        AnsiConsole.Console,
        Console.Out,
        Console.Error,
        AssetManifest.LoadEmbedded(),
        AssetCache.FromEnvironment());

    /// <summary>Hands out verified asset paths.</summary>
    public AssetLocator Assets => new(Manifest, Cache);

    /// <summary>Writes the single failure line every command uses and returns the exit code.</summary>
    public int Fail(string message, int exitCode = ExitCodes.Failure)
    {
        Error.WriteLine($"vigil: error: {message}");
        return exitCode;
    }
}
