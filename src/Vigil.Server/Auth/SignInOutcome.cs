using Vigil.Data.Entities;

namespace Vigil.Server.Auth;

/// <summary>What a sign-in attempt came to.</summary>
/// <param name="User">The user, when the password was right and the account usable.</param>
/// <param name="SessionId">The server-side session begun for them.</param>
/// <param name="Problem">Why not, in words a person can act on, otherwise.</param>
internal sealed record SignInOutcome(UserRecord? User, string? SessionId, string? Problem);
