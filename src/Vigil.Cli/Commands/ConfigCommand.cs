using System.CommandLine;
using Spectre.Console;
using Vigil.Configuration;
using Vigil.Domain.Cameras;
using Vigil.Vision.Detection;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil config check [FILE]</c>: validate a configuration file and list every problem.</summary>
internal static class ConfigCommand
{
    /// <summary>The configuration <c>vigil</c> uses when none is named.</summary>
    public const string DefaultFile = "vigil.yaml";

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The configuration file.", DefaultValueFactory = _ => DefaultFile };
        var check = new Command("check", "Validate a configuration file: every problem with its line, column and fix; exit 1 if any.") { file };
        check.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(file)!;
            VigilConfig? config = await LoadAsync(context, path).ConfigureAwait(false);
            if (config is null)
            {
                return ExitCodes.Failure;
            }

            int zones = config.Cameras.Sum(c => c.Zones.Count);
            int rules = config.Cameras.Sum(c => c.Rules.Count);
            context.Out.MarkupLine($"[green]ok[/] {Markup.Escape(path)}: {config.Cameras.Count} camera(s), {zones} zone(s), {rules} rule(s), {config.Units.Count} unit(s)");
            foreach (Camera camera in config.Cameras)
            {
                context.Out.MarkupLine($"  {Markup.Escape(camera.Id)}: {Markup.Escape(camera.Purpose)} (retention {camera.Retention.TotalHours:0.#} h, redaction {camera.Redaction.ToString().ToLowerInvariant()})");
            }

            return ExitCodes.Success;
        });
        var command = new Command("config", "Work with vigil.yaml.");
        command.Subcommands.Add(check);
        return command;
    }

    /// <summary>Loads a configuration; on problems prints each on its own line, then the one-line error, and returns null.</summary>
    public static async Task<VigilConfig?> LoadAsync(CliContext context, string path)
    {
        try
        {
            return ConfigLoader.LoadFile(path, CocoClasses.Names.ToArray());
        }
        catch (ConfigException ex)
        {
            foreach (ConfigProblem problem in ex.Problems)
            {
                await context.Error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            context.Fail($"{path} is invalid: {ex.Problems.Count} problem(s)");
            return null;
        }
    }
}
