using System.Collections.Concurrent;

namespace Vigil.Server.Pages;

/// <summary>The few HTML pages the host serves itself, compiled into the binary.</summary>
internal static class EmbeddedPages
{
    private static readonly ConcurrentDictionary<string, byte[]> s_cache = new(StringComparer.Ordinal);

    public static IResult Html(string name) => Results.Bytes(Load(name), "text/html; charset=utf-8");

    /// <summary>A page's script or style sheet, served as a file so that no page needs inline code under the CSP.</summary>
    public static IResult File(string name) => Results.Bytes(
        Load(name),
        name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");

    private static byte[] Load(string name) => s_cache.GetOrAdd(name, static n =>
    {
        using Stream stream = typeof(EmbeddedPages).Assembly.GetManifestResourceStream($"Vigil.Server.Pages.{n}")
            ?? throw new InvalidOperationException($"The page '{n}' is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
