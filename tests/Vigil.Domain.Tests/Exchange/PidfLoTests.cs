using Vigil.Domain.Cameras;
using Vigil.Domain.Exchange;

namespace Vigil.Domain.Tests.Exchange;

public sealed class PidfLoTests
{
    [Fact]
    public void APoint_ReadsBackToTheSamePosition()
    {
        string pidf = PidfLo.Point("urn:x", new GeoLocation(-0.1806532, -78.4678382), DateTimeOffset.UnixEpoch);

        Assert.Equal(new GeoLocation(-0.180653, -78.467838), PidfLo.Read(pidf)!.Value.Position);
    }

    [Fact]
    public void ADocumentWithADtd_IsNotRead_SoNoEntityCanReachOutside()
    {
        const string hostile = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><presence xmlns=\"urn:ietf:params:xml:ns:pidf\">&x;</presence>";

        Assert.Null(PidfLo.Read(hostile));
    }

    [Fact]
    public void OutOfRangeCoordinates_AreNoPosition() =>
        Assert.Null(PidfLo.Read("<p xmlns:gml=\"http://www.opengis.net/gml\"><gml:pos>95 10</gml:pos></p>")!.Value.Position);
}
