using Vigil.Domain.Dispatch;
using Vigil.Domain.Naming;

namespace Vigil.Domain.Tests.Naming;

public sealed class NameTableTests
{
    [Fact]
    public void IncidentAndUnitTypes_EveryValueHasOneNameThatLeadsBackToIt()
    {
        Assert.All(Enum.GetValues<IncidentType>(), t => Assert.Equal(t, IncidentTypeNames.ByName[IncidentTypeNames.NameOf(t)]));
        Assert.All(Enum.GetValues<UnitType>(), t => Assert.Equal(t, UnitTypeNames.ByName[UnitTypeNames.NameOf(t)]));
        Assert.Equal(Enum.GetValues<IncidentType>().Length, IncidentTypeNames.ByName.Count);
        Assert.Equal(Enum.GetValues<UnitType>().Length, UnitTypeNames.ByName.Count);
    }

    [Fact]
    public void Lookup_IsCaseSensitive_AndAnUnnamedValueIsRefusedByName()
    {
        var table = new NameTable<UnitType>(("ambulance", UnitType.Ambulance));

        Assert.False(table.ByName.ContainsKey("Ambulance"));
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => table.NameOf(UnitType.Rescue));
        Assert.Contains("Rescue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_TheSameNameTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => new NameTable<UnitType>(("a", UnitType.Ambulance), ("a", UnitType.Rescue)));
}
