using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Components;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright against a real Kestrel host. The browser may
/// reach loopback only: any other request is aborted and reported as an error. Every console error
/// and uncaught page error is collected; screenshots go to artifacts/test-results/console/.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        _playwright = playwright;
        _browser = browser;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Console errors, page errors and blocked requests so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToArray();
            }
        }
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "console");

    /// <summary>Starts the factory on Kestrel (a loopback port) and launches the browser.</summary>
    public static async Task<ConsoleBrowser> StartAsync(VigilFactory factory)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: './vigil test' installs Debian's chromium package.");
        factory.UseKestrel(0);
        factory.StartServer();
        string address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Belt and braces with the request filter below: names other than loopback do not resolve.
            Args = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1", "--disable-background-networking", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        return new ConsoleBrowser(playwright, browser, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>A fresh browser context (its own cookies) and page at the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        IBrowserContext context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsLoopback)
            {
                await route.ContinueAsync();
            }
            else
            {
                Record($"blocked request to {url}");
                await route.AbortAsync();
            }
        });
        IPage page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error on {page.Url}: {error}");
        return page;
    }

    /// <summary>Signs in through the sign-in page and waits for the console.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/sign-in**");
        await page.FillAsync("#user", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("header.topbar");
    }

    /// <summary>
    /// Saves a screenshot of the page and checks it with axe-core (WCAG 2.1 A and AA rules); serious
    /// and critical findings are recorded as errors, naming the rule and the elements.
    /// </summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
        AxeResult result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        foreach (AxeResultItem violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            Record($"accessibility on {name}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
