using Microsoft.Playwright;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Components;

/// <summary>
/// The operator console in a real browser, against the demo configuration with its cameras running:
/// a supervisor's shift from a live alert to a closed incident, and what each role may reach.
/// </summary>
public sealed class ConsoleEndToEndTests() : HostedServerTest(configYaml: null, pipelines: true, settings: s_settings)
{
    private const string Password = "a-long-test-password";

    // Two live tiles at once over HTTP/1.1 (the test server's protocol), so the demo's third camera pauses.
    private static readonly Dictionary<string, string> s_settings = new(StringComparer.Ordinal) { ["Vigil:WallStreamsOverHttp1"] = "2" };

    [Fact]
    public async Task AShift_FromALiveAlertToAClosedIncident_InTheBrowser()
    {
        await using ConsoleBrowser browser = await ConsoleBrowser.StartAsync(Factory);
        await Factory.CreateUserAsync("sam", Password, Roles.Supervisor);
        IPage page = await browser.NewPageAsync();

        await ConsoleBrowser.SignInAsync(page, "sam", Password);

        // The wall: every demo camera, its redacted live view moving.
        await page.WaitForSelectorAsync("article.tile[data-camera='campus-path'] img");
        Assert.Equal(3, await page.Locator("article.tile").CountAsync());
        ILocator live = page.Locator("article.tile[data-camera='campus-path'] img");
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await live.ElementHandleAsync());
        byte[] first = await live.ScreenshotAsync();
        await Task.Delay(1500);
        byte[] later = await live.ScreenshotAsync();
        Assert.False(first.AsSpan().SequenceEqual(later), "the live view did not change in 1.5 s");
        await browser.ScreenshotAsync(page, "01-wall-1366x768");

        // An alert arrives without a reload (the marker would be gone after one).
        await page.EvaluateAsync("() => { window.vigilNoReload = true; }");
        int before = await page.Locator("li[data-alert]").CountAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('li[data-alert]').length > {before}", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.vigilNoReload === true"));

        // Escalate it from the keyboard: select, 'e', the dialog, open the incident.
        ILocator alert = page.Locator("li[data-alert]").First;
        await alert.ClickAsync();
        await page.Keyboard.PressAsync("e");
        await page.WaitForSelectorAsync("[role=dialog]");
        await browser.ScreenshotAsync(page, "02-escalate-dialog");
        await page.SelectOptionAsync("#incident-type", "intrusion");
        await page.FillAsync("#incident-summary", "Person entered the lower lawn after hours");
        await page.ClickAsync("[role=dialog] button.primary");
        await page.WaitForURLAsync("**/incidents/*");
        await Expect(page.Locator("#incident-status"), "new");

        // Dispatch the recommended unit (the first row is the nearest), then move it along by keyboard.
        ILocator recommended = page.Locator("tr[data-recommendation]").First;
        string unit = (await recommended.GetAttributeAsync("data-recommendation"))!;
        await recommended.Locator("button").ClickAsync();
        await Expect(page.Locator("#incident-status"), "dispatched");
        await PressAsync(page, $"[data-unit='{unit}'] button[data-status='en_route']");
        await PressAsync(page, $"[data-unit='{unit}'] button[data-status='on_scene']");
        await Expect(page.Locator("#incident-status"), "on scene");

        // The narrative shows what was typed as text: no script runs, no markup appears.
        await page.FillAsync("#narrative", "<script>window.vigilInjected = 1</script><b id=\"injected\">bold</b>");
        await page.ClickAsync("text=Add line");
        await page.WaitForSelectorAsync("text=<b id=\"injected\">bold</b>");
        Assert.Equal(0, await page.Locator("#injected").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.vigilInjected === 1"));
        await browser.ScreenshotAsync(page, "03-incident-on-scene");

        // A public warning about it (CAP, on the public feed), and the hand-over to another agency (EIDO).
        await page.ClickAsync("text=Compose a public warning…");
        await page.FillAsync("#w-headline", "Keep away from the lower lawn");
        await page.SelectOptionAsync("#w-response", "Avoid");
        await page.ClickAsync("button:text-is('Publish')");
        await page.WaitForSelectorAsync("[data-warning-message='Alert']");
        IAPIResponse feed = await page.Context.APIRequest.GetAsync("/cap/alerts.xml");
        Assert.Contains("<headline>Keep away from the lower lawn</headline>", await feed.TextAsync(), StringComparison.Ordinal);
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Export EIDO"));
        Assert.Contains("\"incidentComponent\"", await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        // Resolve, stand the unit down, close.
        await page.ClickAsync("button:text-is('Resolve')");
        await Expect(page.Locator("#incident-status"), "resolved");
        await PressAsync(page, $"[data-unit='{unit}'] button[data-status='available']");
        await page.WaitForSelectorAsync($"[data-unit='{unit}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.ClickAsync("button:text-is('Close')");
        await Expect(page.Locator("#incident-status"), "closed");
        await browser.ScreenshotAsync(page, "04-incident-closed");

        // The units board, the map, the metrics with this incident.
        await page.ClickAsync("nav >> text=Units");
        await page.WaitForSelectorAsync($"[data-column='available'] [data-unit='{unit}']");
        await browser.ScreenshotAsync(page, "05-units");
        await page.ClickAsync("nav >> text=Map");
        await page.WaitForSelectorAsync(".map .leaflet-interactive");
        Assert.True(await page.Locator(".map .leaflet-interactive").CountAsync() >= 9, "cameras and units are on the map");
        await browser.ScreenshotAsync(page, "06-map");
        await page.ClickAsync("nav >> text=Metrics");
        await page.WaitForSelectorAsync("[data-summary='P2 intrusion']");
        Assert.Contains("1 incident", await page.Locator("[data-summary='P2 intrusion'] h3").TextContentAsync() ?? "", StringComparison.Ordinal);
        await browser.ScreenshotAsync(page, "07-metrics");

        // The same wall on a 1920x1080 screen: nothing overflows sideways.
        IPage wall = await browser.NewPageAsync(1920, 1080);
        await ConsoleBrowser.SignInAsync(wall, "sam", Password);
        await wall.WaitForSelectorAsync("article.tile img");
        Assert.True(await wall.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await browser.ScreenshotAsync(wall, "08-wall-1920x1080");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        Assert.True(browser.Errors.Count == 0, string.Join('\n', browser.Errors));
    }

    [Fact]
    public async Task EachRole_SeesOnlyItsPages_AndAnonymousOnlySignInAndTransparency()
    {
        await using ConsoleBrowser browser = await ConsoleBrowser.StartAsync(Factory);
        await Factory.CreateUserAsync("olivia", Password, Roles.Operator);
        await Factory.CreateUserAsync("aude", Password, Roles.Auditor);

        IPage anonymous = await browser.NewPageAsync();
        foreach (string path in new[] { "/", "/incidents", "/units", "/map", "/stats" })
        {
            await anonymous.GotoAsync(path);
            Assert.Contains("/sign-in", anonymous.Url, StringComparison.Ordinal);
        }

        await browser.ScreenshotAsync(anonymous, "00-sign-in");
        IResponse? transparency = await anonymous.GotoAsync("/transparency");
        Assert.Equal(200, transparency!.Status);
        Assert.Contains("Campus path", await anonymous.ContentAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync(anonymous, "09-transparency");

        IPage operatorPage = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(operatorPage, "olivia", Password);
        Assert.Equal(0, await operatorPage.Locator("nav >> text=Metrics").CountAsync());
        await operatorPage.GotoAsync("/stats");
        await operatorPage.WaitForSelectorAsync("h1:text-is('Not for your role')");
        Assert.EndsWith("/not-allowed", operatorPage.Url, StringComparison.Ordinal);
        IAPIResponse api = await operatorPage.Context.APIRequest.GetAsync("/api/response-times");
        Assert.Equal(403, api.Status);

        await operatorPage.GotoAsync("/audit");
        await operatorPage.WaitForSelectorAsync("h1:text-is('Not for your role')");

        // Over HTTP/1.1 the wall streams two tiles; choosing the paused one streams it and pauses the first.
        await operatorPage.GotoAsync("/");
        await operatorPage.WaitForSelectorAsync("article.tile[data-camera='park-trees'] .paused");
        await operatorPage.ClickAsync("article.tile[data-camera='park-trees']");
        await operatorPage.WaitForSelectorAsync("article.tile[data-camera='park-trees'] img");
        await operatorPage.WaitForSelectorAsync("article.tile[data-camera='campus-path'] .paused");
        Assert.Equal(2, await operatorPage.Locator("article.tile img").CountAsync());

        // What the operator may use is there.
        await operatorPage.ClickAsync("nav >> text=Incidents");
        await operatorPage.WaitForSelectorAsync("h1:text-is('Incidents')");

        // The auditor reads the log (the operator's sign-in is in it) and verifies the chain; no operations pages.
        IPage auditorPage = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(auditorPage, "aude", Password);
        Assert.Equal(0, await auditorPage.Locator("nav >> text=Incidents").CountAsync());
        await auditorPage.ClickAsync("nav >> text=Audit log");
        await auditorPage.FillAsync("#audit-actor", "olivia");
        await auditorPage.ClickAsync("button:text-is('Search')");
        await auditorPage.WaitForSelectorAsync("td:text-is('sign-in')");
        await auditorPage.ClickAsync("text=Verify the chain and signatures");
        await Assertions.Expect(auditorPage.Locator("#verification")).ToContainTextAsync("Intact");
        await browser.ScreenshotAsync(auditorPage, "10-audit");

        // The admin creates a dispatcher from the console, who then signs in and sees the units board.
        IPage adminPage = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(adminPage, "admin", VigilFactory.AdminPassword);
        await adminPage.ClickAsync("nav >> text=Users");
        await adminPage.FillAsync("#new-name", "dora");
        await adminPage.FillAsync("#new-password", Password);
        await adminPage.UncheckAsync("[data-new-role='operator']");
        await adminPage.CheckAsync("[data-new-role='dispatcher']");
        await adminPage.ClickAsync("button:text-is('Create')");
        await Assertions.Expect(adminPage.Locator("#users-message")).ToHaveTextAsync("Created dora.");
        await adminPage.WaitForSelectorAsync("tr[data-user='dora']");
        await browser.ScreenshotAsync(adminPage, "11-users");
        IPage dispatcherPage = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(dispatcherPage, "dora", Password);
        await dispatcherPage.ClickAsync("nav >> text=Units");
        await dispatcherPage.WaitForSelectorAsync("[data-column='available'] [data-unit]");
        Assert.True(browser.Errors.Count == 0, string.Join('\n', browser.Errors));
    }

    private static Task Expect(ILocator locator, string text) =>
        Assertions.Expect(locator).ToHaveTextAsync(text, new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

    /// <summary>Activates a button from the keyboard: focus it, press Enter.</summary>
    private static async Task PressAsync(IPage page, string selector)
    {
        ILocator button = page.Locator(selector);
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await button.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }
}
