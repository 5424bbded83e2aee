using System.Net.Http.Json;
using Microsoft.Playwright;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Components;

/// <summary>
/// The demo's river gauge in Chromium: its readings (posted by the gauge's own account) are plotted on
/// the Sensors page with the four stage bands; the flood alert arrives in the queue without a reload,
/// escalates to a flood incident, and the public warning form starts from the gauge's stage; the map
/// counts the gauge. The demo configuration, cameras off.
/// </summary>
public sealed class SensorsBrowserTests() : HostedServerTest()
{
    private const string Password = "a-long-test-password";

    [Fact]
    public async Task TheDemoGauge_IsPlottedWithItsStages_AndItsFloodAlertBecomesAnIncidentAndAWarning()
    {
        await using ConsoleBrowser browser = await ConsoleBrowser.StartAsync(Factory);
        await Factory.CreateUserAsync("sam", Password, Roles.Supervisor);
        IPage page = await browser.NewPageAsync(1920, 1080);
        await ConsoleBrowser.SignInAsync(page, "sam", Password);
        await page.EvaluateAsync("() => { window.vigilNoReload = true; }");

        // An hour at base flow, then the river climbs through action and minor to moderate.
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        var readings = new List<object>();
        for (int i = 360; i >= 1; i--)
        {
            double level = i > 60 ? 1.3 + (0.01 * Math.Sin(i)) : 1.3 + (1.8 * (60 - i) / 59.0);
            readings.Add(new { phenomenonTime = now.AddSeconds(-10 * i), result = Math.Round(level, 3) });
        }

        HttpClient gauge = await Factory.ClientForAsync("machangara", Roles.Sensor);
        gauge.BaseAddress = browser.BaseAddress;
        (await gauge.PostAsJsonAsync("/api/sensors/machangara/readings", readings)).EnsureSuccessStatusCode();

        // The flood alert arrives in the open queue, live.
        ILocator flood = page.Locator("li[data-alert]", new PageLocatorOptions { HasText = "moderate · Machangara" });
        await flood.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.vigilNoReload === true"));

        // The Sensors page: the gauge at its moderate stage, its line over four stage bands.
        await page.ClickAsync("nav >> text=Sensors");
        await page.WaitForSelectorAsync("[data-sensor='machangara'][data-stage='moderate']");
        ILocator plot = page.Locator("[data-sensor-plot='machangara']");
        Assert.Equal(["action", "minor", "moderate", "major"], await plot.Locator("rect.stage-band").EvaluateAllAsync<string[]>("bands => bands.map(b => b.dataset.stage)"));
        int points = await plot.Locator("polyline.reading-line").First.EvaluateAsync<int>("l => l.points.numberOfItems");
        Assert.InRange(points, 300, 360);
        // The band of the stage in force lies where the last readings are: the line ends inside 'moderate'.
        bool endsInModerate = await page.EvaluateAsync<bool>("""
            () => {
              const plot = document.querySelector("[data-sensor-plot='machangara']");
              const line = plot.querySelector('polyline.reading-line');
              const last = line.points.getItem(line.points.numberOfItems - 1);
              const band = plot.querySelector("rect.stage-band[data-stage='moderate']");
              const top = band.y.baseVal.value, bottom = top + band.height.baseVal.value;
              return last.y >= top && last.y <= bottom;
            }
            """);
        Assert.True(endsInModerate, "the last reading is drawn inside the moderate band");
        await browser.ScreenshotAsync(page, "20-sensors-1920x1080");

        // The map counts the gauge among its markers.
        await page.ClickAsync("nav >> text=Map");
        await Expect(page.Locator("[data-legend='sensors']"), "sensors (1)");

        // Escalated, the alert suggests a flood incident; its warning form starts from the gauge.
        await page.ClickAsync("nav >> text=Operations");
        await flood.ClickAsync();
        await page.Keyboard.PressAsync("e");
        await page.WaitForSelectorAsync("[role=dialog]");
        Assert.Equal("flood", await page.InputValueAsync("#incident-type"));
        Assert.Contains("moderate stage at Machangara", await page.InputValueAsync("#incident-summary"), StringComparison.Ordinal);
        await page.ClickAsync("[role=dialog] button.primary");
        await page.WaitForURLAsync("**/incidents/*");
        await page.ClickAsync("[data-compose-warning]");
        Assert.Equal("Flood", await page.InputValueAsync("#w-event"));
        Assert.Equal("Severe", await page.InputValueAsync("#w-severity"));
        Assert.Equal("Observed", await page.InputValueAsync("#w-certainty"));
        Assert.Equal("Evacuate", await page.InputValueAsync("#w-response"));
        Assert.StartsWith("Flood warning: Machangara", await page.InputValueAsync("#w-headline"), StringComparison.Ordinal);
        Assert.Contains("km of the gauge", await page.InputValueAsync("#w-area"), StringComparison.Ordinal);
        await page.ClickAsync("button.primary >> text=Publish");
        await page.WaitForSelectorAsync("[data-warning-message='Alert']");
        await browser.ScreenshotAsync(page, "21-flood-incident-warning");
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    private static async Task Expect(ILocator locator, string text)
    {
        for (int i = 0; i < 100 && !(await locator.InnerTextAsync()).Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(text, await locator.InnerTextAsync(), StringComparison.Ordinal);
    }
}
