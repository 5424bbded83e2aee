namespace Vigil.Domain.Exchange;

/// <summary>One property of an EIDO type: its kind, the nested type or closed list it names, and the fewest items a list may have.</summary>
public sealed record EidoProperty(EidoValueKind Kind, string? TypeName = null, IReadOnlyList<string>? Choices = null, int MinItems = 0);
