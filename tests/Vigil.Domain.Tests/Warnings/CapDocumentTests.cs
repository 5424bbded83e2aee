using Vigil.Domain.Warnings;

namespace Vigil.Domain.Tests.Warnings;

public sealed class CapDocumentTests
{
    private static readonly DateTimeOffset s_sent = new(2026, 11, 27, 4, 50, 7, TimeSpan.Zero);

    private static CapMessage Message(string type, params CapReference[] references) => new(
        "vigil-1", "warnings@city.example", s_sent, "Exercise", type, type == "Cancel" ? "Over & done <now>" : null, references, "vigil-incident-9",
        "es-EC", "Met", "Crecida", "Evacuate", "Immediate", "Severe", "Observed", s_sent.AddHours(6), "ECU 911",
        "Crecida del río", "El río sube rápido.", "Suba a zonas altas.", new CapArea("Barrio La Ribera", -0.2067, -78.4987, 2.5));

    [Fact]
    public void ADocument_ReadsBackAsTheMessageItWasWrittenFrom()
    {
        CapMessage original = Message("Cancel", new CapReference("warnings@city.example", "vigil-0", s_sent.AddMinutes(-5)));

        CapMessage read = CapDocument.Read(CapDocument.Write(original));

        Assert.Equal(original with { References = [] }, read with { References = [] });
        Assert.Equal(original.References, read.References);
    }

    [Fact]
    public void Text_IsEscaped_AndReferencesAreSenderIdentifierSent()
    {
        string xml = CapDocument.Write(Message("Cancel", new CapReference("warnings@city.example", "vigil-0", s_sent)));

        Assert.Contains("<note>Over &amp; done &lt;now&gt;</note>", xml, StringComparison.Ordinal);
        Assert.Contains("<references>warnings@city.example,vigil-0,2026-11-27T04:50:07-00:00</references>", xml, StringComparison.Ordinal);
        Assert.Contains("<circle>-0.2067,-78.4987 2.5</circle>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void NotADocument_IsAFormatError() =>
        Assert.Throws<FormatException>(() => CapDocument.Read("<alert>"));
}
