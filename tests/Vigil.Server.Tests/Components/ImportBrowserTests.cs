using Microsoft.Playwright;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Components;

/// <summary>
/// A dispatcher takes in a neighbouring agency's EIDO file from the Incidents page in Chromium: a
/// broken one is refused listing where it breaks the schema; the call transfer opens an incident
/// marked as handed over, with no map position and no caller data. The demo configuration, cameras off.
/// </summary>
public sealed class ImportBrowserTests() : HostedServerTest()
{
    private const string Password = "a-long-test-password";

    [Fact]
    public async Task ADispatcher_ImportsACallTransferFile_AfterABrokenOneIsRefusedWithItsPaths()
    {
        await using ConsoleBrowser browser = await ConsoleBrowser.StartAsync(Factory);
        await Factory.CreateUserAsync("dana", Password, Roles.Dispatcher);
        IPage page = await browser.NewPageAsync(1600, 1000);
        await ConsoleBrowser.SignInAsync(page, "dana", Password);
        await page.ClickAsync("nav >> text=Incidents");
        await page.WaitForSelectorAsync("label[for='import-eido']");

        string broken = Path.Combine(Factory.DataDirectory, "broken.eido.json");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(CallTransferPath)).Replace("\"eidoVersion\": \"1.0\",", "", StringComparison.Ordinal));
        await page.SetInputFilesAsync("#import-eido", broken);
        ILocator error = page.Locator("#import-error");
        await error.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Contains("/eidoVersion: is required", await error.InnerTextAsync(), StringComparison.Ordinal);

        await page.SetInputFilesAsync("#import-eido", CallTransferPath);
        await page.WaitForURLAsync("**/incidents/*", new PageWaitForURLOptions { Timeout = 30_000 });
        ILocator details = page.Locator(".panel p.muted").First;
        await details.WaitForAsync();
        string text = await details.InnerTextAsync();
        Assert.Contains("handed over by norte.example.ec", text, StringComparison.Ordinal);
        Assert.Contains("no map position", text, StringComparison.Ordinal);
        Assert.DoesNotContain("593991234567", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(browser.Errors);
    }

    private static string CallTransferPath => Path.Combine(RepoPaths.Root, "tests", "Shared", "Exchange", "call-transfer.eido.json");
}
