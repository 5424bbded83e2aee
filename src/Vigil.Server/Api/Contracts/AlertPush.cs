namespace Vigil.Server.Api.Contracts;

/// <summary>A live-push message: what happened to an alert (<c>opened</c>, <c>updated</c>, <c>ended</c>, <c>handled</c>) and the alert now.</summary>
public sealed record AlertPush(string Change, AlertDto Alert);
