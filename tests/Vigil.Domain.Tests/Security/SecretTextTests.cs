using Vigil.Domain.Security;

namespace Vigil.Domain.Tests.Security;

public sealed class SecretTextTests
{
    [Theory]
    [InlineData("rtsp://admin:secret123@127.0.0.1:554/stream", "rtsp://***@127.0.0.1:554/stream")]
    [InlineData("http://cam.local/video.mjpg?token=abc&x=1", "http://cam.local/video.mjpg")]
    [InlineData("rtsp://user:pa/ss@word@host/path?user=u#frag", "rtsp://***@word@host/path")]
    [InlineData("/srv/video/gate.avi", "/srv/video/gate.avi")]
    [InlineData("rtsp://host/path", "rtsp://host/path")]
    public void RedactUrl_RemovesUserInfoAndQuery(string url, string shown)
    {
        string redacted = SecretText.RedactUrl(url);

        Assert.StartsWith(shown.Split('@')[0], redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("secret123", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("token", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("pa/ss", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("?", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_MasksUrlsInText_AndTheSourcesSecretsWhereverTheyStand()
    {
        const string source = "rtsp://admin:s%40cret99@10.1.2.3/live?token=T0kenValue";
        string text = "rtsp://admin:s%40cret99@10.1.2.3/live?token=T0kenValue: 401 Unauthorized; tried password s@cret99 and T0kenValue";

        string scrubbed = SecretText.Scrub(text, source);

        Assert.StartsWith("rtsp://***@10.1.2.3/live 401 Unauthorized", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("cret99", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("T0kenValue", scrubbed, StringComparison.Ordinal);
    }
}
