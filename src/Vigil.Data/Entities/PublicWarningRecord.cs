namespace Vigil.Data.Entities;

/// <summary>
/// One published CAP message, exactly as it was published (<see cref="Document"/> never changes).
/// Messages of one warning share a <see cref="ThreadId"/> (the first message's id) and are numbered;
/// the unique (thread, number) pair lets only one of two simultaneous updates succeed.
/// </summary>
public sealed class PublicWarningRecord
{
    public required string Id { get; set; }

    public required string ThreadId { get; set; }

    /// <summary>1 for the Alert, then 2, 3, … for each Update and the Cancel.</summary>
    public int Number { get; set; }

    public required string IncidentId { get; set; }

    /// <summary>The CAP identifier (unique for the sender).</summary>
    public required string Identifier { get; set; }

    /// <summary><c>Alert</c>, <c>Update</c> or <c>Cancel</c>.</summary>
    public required string MessageType { get; set; }

    public DateTimeOffset Sent { get; set; }

    public DateTimeOffset? Expires { get; set; }

    public required string Headline { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>The CAP 1.2 XML document as published.</summary>
    public required string Document { get; set; }
}
