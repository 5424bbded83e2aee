namespace Vigil.Domain.Dispatch;

/// <summary>Makes <see cref="Decision{T}"/>s: allowed with the next state, or refused with the rule.</summary>
public static class Decisions
{
    public static Decision<T> Allow<T>(T next)
        where T : class => new(next ?? throw new ArgumentNullException(nameof(next)), null);

    public static Decision<T> Refuse<T>(string why)
        where T : class => new(null, why ?? throw new ArgumentNullException(nameof(why)));
}
