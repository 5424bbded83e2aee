namespace Vigil.Domain.Exchange;

/// <summary>An agency as EIDO names it: its identifier (a domain-like id, NENA-STA-010) and its name.</summary>
public sealed record EidoAgency(string Id, string Name);
