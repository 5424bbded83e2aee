using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Doctor;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil doctor</c>: is this machine ready to run Vigil? One line per check.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("doctor", "Check ffmpeg, the native libraries (OpenCV, ONNX Runtime) and every asset; exit 1 with the fix when something is wrong.");
        command.SetAction(async (_, cancellationToken) =>
        {
            IReadOnlyList<DoctorResult> results = await DoctorChecks.RunAllAsync(context.Manifest, context.Cache, cancellationToken).ConfigureAwait(false);
            int width = results.Max(r => r.Check.Length);
            foreach (DoctorResult r in results)
            {
                string mark = r.Ok ? "[green]ok  [/]" : "[red]FAIL[/]";
                string fix = r.Fix is null ? string.Empty : $" [yellow]fix: {Markup.Escape(r.Fix)}[/]";
                context.Out.MarkupLine($"{mark} {Markup.Escape(r.Check.PadRight(width))}  {Markup.Escape(r.Detail)}{fix}");
            }

            DoctorResult[] failed = results.Where(r => !r.Ok).ToArray();
            return failed.Length == 0
                ? ExitCodes.Success
                : context.Fail($"{failed.Length} check(s) failed: {string.Join(", ", failed.Select(r => r.Check))}");
        });
        return command;
    }
}
