namespace Vigil.Domain.Dispatch;

/// <summary>What a lifecycle rule decided: the next state, or the refusal naming the rule (never both). Made by <see cref="Decisions"/>.</summary>
public sealed record Decision<T>
    where T : class
{
    internal Decision(T? next, string? refusal)
    {
        Next = next;
        Refusal = refusal;
    }

    public T? Next { get; }

    /// <summary>Why not, in words that name the rule (lower case, no full stop).</summary>
    public string? Refusal { get; }
}
