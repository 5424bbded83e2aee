namespace Vigil.Domain.Exchange;

/// <summary>One type of NENA's EIDO schema: the properties it must have and every property it defines (other properties are allowed, as in OpenAPI).</summary>
public sealed record EidoType(string Name, IReadOnlyList<string> Required, IReadOnlyDictionary<string, EidoProperty> Properties);
