namespace Vigil.Server.Api.Contracts;

/// <summary>A line for the incident's narrative (at most 1000 characters).</summary>
public sealed record IncidentNoteRequest(string? Text);
