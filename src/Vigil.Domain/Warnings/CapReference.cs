namespace Vigil.Domain.Warnings;

/// <summary>An earlier message that an Update or Cancel refers to: CAP writes it <c>sender,identifier,sent</c>.</summary>
public sealed record CapReference(string Sender, string Identifier, DateTimeOffset Sent)
{
    public override string ToString() => $"{Sender},{Identifier},{CapTime.Format(Sent)}";
}
