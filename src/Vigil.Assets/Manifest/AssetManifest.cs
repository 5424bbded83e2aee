using System.Globalization;
using System.Text.Json;
using Vigil.Assets.Policy;

namespace Vigil.Assets.Manifest;

/// <summary>The list of every external file the product uses (<c>assets/manifest.json</c>).</summary>
public sealed class AssetManifest
{
    private const string EmbeddedName = "Vigil.Assets.manifest.json";

    private AssetManifest(IReadOnlyList<AssetEntry> assets, string sha256)
    {
        Assets = assets;
        Sha256 = sha256;
    }

    /// <summary>The assets, in manifest order.</summary>
    public IReadOnlyList<AssetEntry> Assets { get; }

    /// <summary>SHA-256 of the manifest text; the cache records it after a complete install.</summary>
    public string Sha256 { get; }

    /// <summary>Finds an asset by id.</summary>
    /// <exception cref="KeyNotFoundException">No asset has that id.</exception>
    public AssetEntry this[string id] =>
        Assets.FirstOrDefault(a => a.Id.Equals(id, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No asset '{id}' in the manifest.");

    /// <summary>Loads the manifest the product was built with.</summary>
    public static AssetManifest LoadEmbedded()
    {
        using Stream stream = typeof(AssetManifest).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new AssetManifestException($"The build carries no embedded resource '{EmbeddedName}'.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "assets/manifest.json");
    }

    /// <summary>Parses and validates manifest text; every problem is reported in one exception.</summary>
    public static AssetManifest Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new AssetManifestException(
                string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: not valid JSON ({ex.Message}); fix the syntax."),
                ex);
        }

        using (document)
        {
            var problems = new List<string>();
            var assets = new List<AssetEntry>();
            if (!document.RootElement.TryGetProperty("assets", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new AssetManifestException($"{sourceName}: the top-level object needs an \"assets\" array.");
            }

            int index = 0;
            foreach (JsonElement element in list.EnumerateArray())
            {
                AssetEntry? entry = ReadEntry(element, $"{sourceName}: assets[{index}]", problems);
                if (entry is not null)
                {
                    assets.Add(entry);
                }

                index++;
            }

            CheckUnique(assets, a => a.Id, "id", sourceName, problems);
            CheckUnique(assets, a => a.File, "file", sourceName, problems);
            var ids = assets.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            foreach (AssetEntry derived in assets.Where(a => a.Derivation is not null))
            {
                foreach (string input in derived.Derivation!.Inputs.Where(i => !ids.Contains(i)))
                {
                    problems.Add($"{sourceName}: '{derived.Id}' is derived from '{input}', which the manifest does not list.");
                }
            }

            if (problems.Count > 0)
            {
                throw new AssetManifestException(string.Join(Environment.NewLine, problems));
            }

            return new AssetManifest(assets, Checksums.Sha256OfText(json));
        }
    }

    private static AssetEntry? ReadEntry(JsonElement element, string where, List<string> problems)
    {
        string? id = ReadString(element, "id", where, problems);
        string? file = ReadString(element, "file", where, problems);
        string? sha = ReadString(element, "sha256", where, problems);
        string? licence = ReadString(element, "licence", where, problems);
        string? usedBy = ReadString(element, "usedBy", where, problems);
        AssetSource? source = null;
        AssetDerivation? derivation = null;
        bool hasSource = element.TryGetProperty("source", out JsonElement sourceElement);
        bool hasDerivation = element.TryGetProperty("derived", out JsonElement derivedElement);
        if (hasSource == hasDerivation)
        {
            problems.Add($"{where}: give exactly one of \"source\" (a package file) or \"derived\" (made by a converter).");
        }
        else if (hasSource && sourceElement.ValueKind == JsonValueKind.Object)
        {
            source = ReadSource(sourceElement, $"{where}.source", problems);
        }
        else if (hasDerivation && derivedElement.ValueKind == JsonValueKind.Object)
        {
            derivation = ReadDerivation(derivedElement, $"{where}.derived", problems);
        }
        else
        {
            problems.Add($"{where}: \"source\" or \"derived\" must be an object.");
        }

        if (file is not null && (Path.IsPathRooted(file) || file.Split('/').Any(p => p is ".." or "." or "")))
        {
            problems.Add($"{where}: file '{file}' must be a relative path inside the cache, without '..'.");
            file = null;
        }

        if (sha is not null && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)))
        {
            problems.Add($"{where}: sha256 '{sha}' must be 64 lower-case hex digits.");
            sha = null;
        }

        foreach (string? path in new[] { file, source?.Path })
        {
            if (path is not null && ForbiddenModels.IsForbidden(path))
            {
                problems.Add($"{where}: '{path}' is a model for a task Vigil never performs (DESIGN.md section 1); remove it from the manifest.");
                return null;
            }
        }

        return id is null || file is null || sha is null || licence is null || usedBy is null || (source is null && derivation is null)
            ? null
            : new AssetEntry(id, file, source, derivation, sha, licence, usedBy);
    }

    private static AssetSource? ReadSource(JsonElement element, string where, List<string> problems)
    {
        string? kindText = ReadString(element, "kind", where, problems);
        string? package = ReadString(element, "package", where, problems);
        string? path = ReadString(element, "path", where, problems);
        string? version = element.TryGetProperty("version", out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        AssetSourceKind? kind = kindText switch
        {
            "npm" => AssetSourceKind.Npm,
            "deb" => AssetSourceKind.Deb,
            null => null,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            problems.Add($"{where}: kind '{kindText}' is unknown; use \"npm\" or \"deb\".");
        }

        if (kind == AssetSourceKind.Npm && string.IsNullOrEmpty(version))
        {
            problems.Add($"{where}: an npm source needs an exact \"version\".");
            return null;
        }

        return kind is null || package is null || path is null ? null : new AssetSource(kind.Value, package, version, path);
    }

    private static AssetDerivation? ReadDerivation(JsonElement element, string where, List<string> problems)
    {
        string? converter = ReadString(element, "converter", where, problems);
        string[] inputs = element.TryGetProperty("inputs", out JsonElement i) && i.ValueKind == JsonValueKind.Array
            ? i.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
        if (inputs.Length == 0)
        {
            problems.Add($"{where}: \"inputs\" must list the ids of the assets the converter reads.");
        }

        int? inputSize = element.TryGetProperty("inputSize", out JsonElement size) && size.TryGetInt32(out int n) ? n : null;
        return converter is null || inputs.Length == 0 ? null : new AssetDerivation(converter, inputs, inputSize);
    }

    private static string? ReadString(JsonElement element, string name, string where, List<string> problems)
    {
        if (element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        problems.Add($"{where}: \"{name}\" must be a non-empty string.");
        return null;
    }

    private static void CheckUnique(List<AssetEntry> assets, Func<AssetEntry, string> key, string what, string sourceName, List<string> problems)
    {
        foreach (IGrouping<string, AssetEntry> group in assets.GroupBy(key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{sourceName}: {what} '{group.Key}' is listed {group.Count()} times; each {what} must be unique.");
        }
    }
}
