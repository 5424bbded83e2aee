using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Domain.Users;
using Vigil.Server.Originals;
using Vigil.Server.Tests.Hosting;
using Vigil.Server.Tests.Originals;

namespace Vigil.Server.Tests.Components;

/// <summary>
/// Unmasking in Chromium, end to end: an operator asks on the incident's page, an auditor approves on
/// Approvals (in a browser of their own), the operator watches the original with the watermark on it
/// and the countdown running, and the view ends when its half hour is over.
/// </summary>
public sealed class UnmaskBrowserTests : IDisposable
{
    private const string Password = "a-long-test-password";
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-unmask-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnOperatorAsks_AnAuditorApproves_TheOperatorWatchesWatermarked_UntilTheViewEnds()
    {
        string camera = await TestOriginals.CameraFileAsync(_folder, "color=c=0x808080:size=320x240:rate=10:duration=60");
        using var config = new TestConfigFile($$"""
            cameras:
              - { id: gate, name: Gate, url: {{camera}}, purpose: Test of unmasking, legal_basis: Test, retention: 24h, originals: { keep: 1h }, detect: { fps: 1 } }
            """);
        var clock = new ShiftedClock();
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, pipelines: true, configPath: config.Path, settings: new Dictionary<string, string> { ["Vigil:OriginalsSecret"] = TestOriginals.Secret }, clock: clock);
        await using ConsoleBrowser browser = await ConsoleBrowser.StartAsync(factory);
        await factory.CreateUserAsync("olivia", Password, Roles.Operator);
        await factory.CreateUserAsync("aude", Password, Roles.Auditor);
        OriginalSegmentFile segment = await TestOriginals.FirstSegmentAsync(factory.Services.GetRequiredService<OriginalStore>(), "gate", clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        HttpClient api = await factory.ClientWithRolesAsync(Roles.Operator);
        api.BaseAddress = browser.BaseAddress;
        string incident = (await (await api.PostAsJsonAsync("/api/incidents", new { type = "public_disorder", summary = "Fight at the gate", latitude = -0.21, longitude = -78.49 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The operator asks, on the incident's page.
        IPage olivia = await browser.NewPageAsync();
        try
        {
            await FlowAsync(browser, olivia, incident, segment, clock);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nthe operator's page ({olivia.Url}):\n{await olivia.InnerTextAsync("main")}\nbrowser errors: {string.Join(" | ", browser.Errors)}", ex);
        }
    }

    private static async Task FlowAsync(ConsoleBrowser browser, IPage olivia, string incident, OriginalSegmentFile segment, ShiftedClock clock)
    {
        await ConsoleBrowser.SignInAsync(olivia, "olivia", Password);
        await olivia.GotoAsync($"/incidents/{incident}");
        await olivia.WaitForSelectorAsync("[data-unmask-panel]");
        await olivia.FillAsync("#unmask-from", segment.Start.ToLocalTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await olivia.FillAsync("#unmask-minutes", "1");
        await olivia.FillAsync("#unmask-reason", "Who struck first at the gate: the statements disagree");
        await olivia.ClickAsync("[data-request-unmask]");
        await olivia.WaitForSelectorAsync("[data-unmask-request][data-state='pending']");
        Assert.Equal(0, await olivia.Locator("[data-watch-original]").CountAsync());

        // The auditor approves, in a browser of their own.
        IPage aude = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(aude, "aude", Password);
        await aude.GotoAsync("/approvals");
        ILocator pending = aude.Locator("[data-pending-unmask]");
        await pending.WaitForAsync();
        Assert.Contains("Who struck first", await pending.InnerTextAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync(aude, "30-unmask-approval");
        await pending.Locator("[data-approve]").ClickAsync();
        await aude.WaitForSelectorAsync("[data-viewable-unmask]");

        // The operator watches: the original, watermarked, and the time left.
        await olivia.ReloadAsync();
        await olivia.ClickAsync("[data-watch-original]");
        await olivia.WaitForURLAsync("**/unmask/*");
        ILocator view = olivia.Locator("img[data-original-view]");
        await view.WaitForAsync();
        await olivia.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await view.ElementHandleAsync());
        Assert.Matches(@"^(29|30):\d\d$", await olivia.InnerTextAsync("[data-countdown]"));
        TestOriginals.AssertWatermarked(await view.ScreenshotAsync());
        await browser.ScreenshotAsync(olivia, "31-unmask-view");

        // Half an hour later the view is over: the page says so and the picture is gone.
        clock.Advance(TimeSpan.FromMinutes(31));
        await olivia.WaitForSelectorAsync("[data-view-ended]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Equal(0, await olivia.Locator("img[data-original-view]").CountAsync());
        Assert.Equal(409, (await olivia.APIRequest.GetAsync(olivia.Url.Replace("/unmask/", "/api/unmask/", StringComparison.Ordinal) + "/view")).Status);
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }
}
