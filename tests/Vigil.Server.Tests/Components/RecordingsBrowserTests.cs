using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Data.Evidence;
using Vigil.Domain.Evidence;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Components;

/// <summary>
/// An alert's clip plays in Chromium from the alert queue and from its incident, and the
/// recordings timeline shows the alert's marker where its clip starts; its incident's evidence package
/// is asked for, approved by an auditor and downloaded. The demo configuration, its
/// campus camera recording continuously in 2 s segments with 2 s of pre- and post-roll.
/// </summary>
public sealed class RecordingsBrowserTests() : HostedServerTest(s_config, pipelines: true)
{
    private const string Password = "a-long-test-password";

    private static readonly string s_config = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "demo.yaml"))
        .Replace("retention: 72h\n    record: { mode: continuous, retain: 1 }", "retention: 72h\n    record: { mode: continuous, retain: 1, segment: 2s, pre: 2s, post: 2s }", StringComparison.Ordinal);

    [Fact]
    public async Task AnAlertsClip_PlaysFromTheQueueAndFromTheIncident_WithItsMarkerOnTheTimeline()
    {
        Assert.Contains("segment: 2s", s_config, StringComparison.Ordinal);
        await using ConsoleBrowser browser = await ConsoleBrowser.StartAsync(Factory);
        await Factory.CreateUserAsync("sam", Password, Roles.Supervisor);
        IPage page = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, "sam", Password);

        // An alert of the campus camera whose whole clip is recorded and indexed.
        AlertRecord alert = await RecordedClipAsync(TimeSpan.FromSeconds(150));
        await page.WaitForSelectorAsync($"li[data-alert='{alert.Id}']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.ClickAsync($"li[data-alert='{alert.Id}']");
        await page.ClickAsync("a[data-play-clip]");
        await page.WaitForURLAsync("**/recordings/campus-path?*");
        await AssertPlaysAsync(page);
        await browser.ScreenshotAsync(page, "10-recordings-clip");

        // Its marker sits where the clip starts (the page shows 30 s of timeline before it).
        ILocator marker = page.Locator($"[data-alert-marker='{alert.Id}']");
        await marker.WaitForAsync();
        double left = await marker.EvaluateAsync<double>("m => parseFloat(m.style.left)");
        DateTimeOffset clipTo = alert.ClipTo!.Value;
        double expected = 30 / (30 + (clipTo - alert.ClipFrom!.Value).TotalSeconds + 30) * 100;
        Assert.InRange(left, expected - 0.5, expected + 0.5);

        // Keyboard as on the wall: 2 for double speed.
        await page.FocusAsync("[data-player]");
        await page.Keyboard.PressAsync("2");
        Assert.Equal(2, await page.EvaluateAsync<double>("() => document.querySelector('[data-player-video]').playbackRate"));

        // The same clip from the incident that holds it.
        await page.GotoAsync("/");
        await page.ClickAsync($"li[data-alert='{alert.Id}']");
        await page.Keyboard.PressAsync("e");
        await page.WaitForSelectorAsync("[role=dialog]");
        await page.FillAsync("#incident-summary", "Person on the lower lawn");
        await page.ClickAsync("[role=dialog] button.primary");
        await page.WaitForURLAsync("**/incidents/*");
        string incidentPage = page.Url;
        await page.ClickAsync("a[data-play-clip]");
        await page.WaitForURLAsync("**/recordings/campus-path?*");
        await AssertPlaysAsync(page);

        // Its evidence leaves only with a second person: sam asks, the auditor approves, sam downloads
        // the signed package, which holds the clip's recorded segments and verifies with the published key.
        await page.GotoAsync(incidentPage);
        await page.FillAsync("#evidence-reason", "The city's fire investigator asked for the footage");
        await page.ClickAsync("[data-request-evidence]");
        await page.WaitForSelectorAsync("[data-evidence-request] .evidence-pending");
        Assert.Equal(0, await page.Locator("[data-download-evidence]").CountAsync());
        await Factory.CreateUserAsync("ava", Password, Roles.Auditor);
        IPage auditor = await browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(auditor, "ava", Password);
        await auditor.GotoAsync("/approvals");
        await auditor.WaitForSelectorAsync("[data-pending-request]");
        await browser.ScreenshotAsync(auditor, "11-approvals");
        await auditor.ClickAsync("[data-pending-request] [data-approve]");
        await auditor.WaitForSelectorAsync("#no-pending");
        await page.ReloadAsync();
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-download-evidence]"));
        string saved = Path.Combine(Factory.DataDirectory, "downloaded-evidence.zip");
        await download.SaveAsAsync(saved);
        using ECDsa key = AuditSigner.PublicKeyFromPem(Factory.Services.GetRequiredService<AuditSigner>().PublicKeyPem);
        await using FileStream input = File.OpenRead(saved);
        EvidenceCheck check = await EvidencePackage.VerifyAsync(input, key, CancellationToken.None);
        Assert.True(check.IsIntact, string.Join("; ", check.Problems));
        Assert.Contains(check.Manifest!.Files, f => f.Kind == EvidenceFile.Clip && f.AlertIds.Contains(alert.Id));
    }

    /// <summary>
    /// Waits until the player plays. A wait, not a timing check: under a full test run's load (Vision's
    /// tests beside cameras of other server tests) starting a clip has taken over 30 s, so it waits a
    /// minute and, if it still does not play, says what the player was doing.
    /// </summary>
    private static async Task AssertPlaysAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const v = document.querySelector('[data-player-video]'); return v && v.readyState >= 2 && v.currentTime > 0.3 && !v.paused; }",
                null,
                new PageWaitForFunctionOptions { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            string state = await page.EvaluateAsync<string>(
                "() => { const v = document.querySelector('[data-player-video]'); return v ? JSON.stringify({ src: v.currentSrc, readyState: v.readyState, networkState: v.networkState, currentTime: v.currentTime, paused: v.paused, error: v.error && v.error.code }) : 'no player'; }");
            throw new Xunit.Sdk.XunitException($"The clip did not play within 60 s at {page.Url}: {state}; page: {await page.InnerTextAsync("body")}");
        }
    }

    /// <summary>Waits for a campus-path alert with a finished clip and indexed segments that cover all of it.</summary>
    private async Task<AlertRecord> RecordedClipAsync(TimeSpan timeout)
    {
        DateTimeOffset deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            await using VigilDbContext db = Factory.OpenDatabase();
            List<AlertRecord> alerts = await db.Alerts.Where(a => a.CameraId == "campus-path" && a.ClipFrom != null && a.ClipTo != null && a.TrackId != null).ToListAsync();
            foreach (AlertRecord a in alerts)
            {
                List<RecordingSegmentRecord> segments = await db.RecordingSegments.Where(s => s.CameraId == "campus-path" && s.StartedAt < a.ClipTo && s.EndedAt > a.ClipFrom).ToListAsync();
                if (segments.Count > 0 && segments.Min(s => s.StartedAt) <= a.ClipFrom && segments.Max(s => s.EndedAt) >= a.ClipTo)
                {
                    return a;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no campus-path alert with a recorded clip within {timeout.TotalSeconds:0} s");
    }
}
