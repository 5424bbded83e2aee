using System.CommandLine;
using Spectre.Console;
using Vigil.Assets.Cache;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil demo</c>: the platform with the sample cameras. Until the server lands it checks the
/// demo's inputs and says what will run.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("demo", "Run Vigil with the sample videos as live cameras (the server arrives in a later release; for now: what will run).");
        command.SetAction(async (_, cancellationToken) =>
        {
            IReadOnlyList<AssetStatus> statuses = await AssetInspector.InspectAllAsync(context.Cache, context.Manifest, cancellationToken).ConfigureAwait(false);
            AssetStatus[] media = statuses.Where(s => s.Asset.Id.StartsWith("sample-", StringComparison.Ordinal) && s.Asset.File.EndsWith(".avi", StringComparison.Ordinal)).ToArray();
            context.Out.MarkupLine("[bold]Vigil demo[/]: the sample videos will be looped as live cameras:");
            foreach (AssetStatus s in media)
            {
                string state = s.IsVerified ? "[green]ready[/]" : "[red]not installed[/]";
                context.Out.MarkupLine($"  {state} {Markup.Escape(s.Asset.Id)}  {Markup.Escape(s.Asset.UsedBy)}");
            }

            context.Out.MarkupLine("Detection (NanoDet), tracking, rules, redaction and the operator console are being built; see README.md for the roadmap.");
            int missing = statuses.Count(s => !s.IsVerified);
            return missing == 0 ? ExitCodes.Success : context.Fail($"{missing} asset(s) are not installed; run './vigil assets install'.");
        });
        return command;
    }
}
