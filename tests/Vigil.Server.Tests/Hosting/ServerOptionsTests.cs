using Microsoft.Extensions.Options;

namespace Vigil.Server.Tests.Hosting;

/// <summary>Wrong host settings stop the host before it listens, with a message that says what is wanted.</summary>
public sealed class ServerOptionsTests
{
    [Theory]
    [InlineData("Vigil:MapTiles", "ftp://tiles.example/{z}/{x}/{y}.png", "Vigil:MapTiles must be an http(s) URL template containing {z}, {x} and {y}, or empty.")]
    [InlineData("Vigil:TravelTargetSeconds", "0", "TravelTargetSeconds")]
    [InlineData("Vigil:CapSender", "warnings, city", "Vigil:CapSender must be one word without spaces, commas")]
    [InlineData("Vigil:CapStatus", "Real", "Vigil:CapStatus must be Actual, Exercise, System, Test or Draft.")]
    [InlineData("Vigil:CapLanguage", "english please", "Vigil:CapLanguage must be a language tag")]
    [InlineData("Vigil:WallStreamsOverHttp1", "9", "WallStreamsOverHttp1")]
    [InlineData("Vigil:MqttUrl", "http://broker.example:1883", "Vigil:MqttUrl: 'http://broker.example:1883' is not an MQTT broker address; write mqtt://host:1883")]
    [InlineData("Vigil:MqttUrl", "mqtt://gauge:s3cret-pw@broker.example", "Vigil:MqttUrl: 'mqtt://***@broker.example' carries credentials; put them in Vigil:MqttUsername")]
    [InlineData("Vigil:MqttTopic", "vigil/site", "MqttTopic")]
    [InlineData("Vigil:Site", "north #1", "Site")]
    public async Task AWrongSetting_StopsTheHost_NamingIt(string key, string value, string expected)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, settings: new Dictionary<string, string> { [key] = value });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATileTemplate_IsAccepted()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, settings: new Dictionary<string, string> { ["Vigil:MapTiles"] = "https://tiles.city.example/{z}/{x}/{y}.png" });

        using HttpClient client = factory.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
