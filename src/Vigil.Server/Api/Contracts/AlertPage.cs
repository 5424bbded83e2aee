namespace Vigil.Server.Api.Contracts;

/// <summary>One page of alerts, newest first; <c>Next</c> is the cursor for the following page (pass it as <c>before</c>).</summary>
public sealed record AlertPage(IReadOnlyList<AlertDto> Items, string? Next);
