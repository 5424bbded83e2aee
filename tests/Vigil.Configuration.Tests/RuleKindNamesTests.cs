using Vigil.Domain.Rules;

namespace Vigil.Configuration.Tests;

public sealed class RuleKindNamesTests
{
    [Fact]
    public void EveryRuleKind_HasOneNameThatLeadsBackToIt()
    {
        Assert.All(Enum.GetValues<RuleKind>(), k => Assert.Equal(k, RuleKindNames.ByName[RuleKindNames.NameOf(k)]));
        Assert.Equal(Enum.GetValues<RuleKind>().Length, RuleKindNames.ByName.Count);
    }
}
