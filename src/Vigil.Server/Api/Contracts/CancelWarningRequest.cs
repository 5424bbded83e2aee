namespace Vigil.Server.Api.Contracts;

/// <summary>Why a warning is withdrawn (shown to the public in the Cancel message's note).</summary>
public sealed record CancelWarningRequest(string? Reason);
