namespace Vigil.Server.Api.Contracts;

/// <summary>A timeline line.</summary>
public sealed record IncidentEventDto(DateTimeOffset At, string Actor, string Kind, string Text);
