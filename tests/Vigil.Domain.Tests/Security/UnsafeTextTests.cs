using Vigil.Domain.Security;

namespace Vigil.Domain.Tests.Security;

public sealed class UnsafeTextTests
{
    [Theory]
    [InlineData("Flood at the bridge\nwater rising\t2 m", -1)]
    [InlineData("Río Tomebamba 🌊", -1)]
    [InlineData("bad\uFFFEtext", 3)]
    [InlineData("x\uFFFF", 1)]
    [InlineData("\u0001", 0)]
    public void IndexOfUnsafe_FindsWhatXmlAndUtf8Refuse(string text, int expected) =>
        Assert.Equal(expected, UnsafeText.IndexOfUnsafe(text));

    [Fact]
    public void IndexOfUnsafe_FindsHalvesOfSurrogatePairs()
    {
        // Built from chars: test-case attributes cannot carry a lone surrogate intact.
        Assert.Equal(5, UnsafeText.IndexOfUnsafe("lone " + (char)0xD800 + " half"));
        Assert.Equal(5, UnsafeText.IndexOfUnsafe("tail " + (char)0xDC00));
        Assert.Equal(-1, UnsafeText.IndexOfUnsafe("pair " + (char)0xD83C + (char)0xDF0A));
    }

    [Fact]
    public void Check_NamesTheCharacterAndWhere() =>
        Assert.Contains("U+FFFE at position 4", UnsafeText.Check("bad\uFFFE"), StringComparison.Ordinal);
}
