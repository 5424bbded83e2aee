namespace Vigil.Domain.Naming;

/// <summary>
/// The fixed names a set of enum values has in configuration, the API and exchanges, looked up
/// both ways. Names are case-sensitive (they are identifiers, not display text).
/// </summary>
public sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<T, string> _byValue = [];

    public NameTable(params (string Name, T Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach ((string name, T value) in entries)
        {
            _byName.Add(name, value);
            _byValue.Add(value, name);
        }
    }

    /// <summary>Every value by its name.</summary>
    public IReadOnlyDictionary<string, T> ByName => _byName;

    /// <summary>The name of <paramref name="value"/>.</summary>
    public string NameOf(T value) => _byValue.TryGetValue(value, out string? name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} {value} has no name.");
}
