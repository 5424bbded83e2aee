using System.CommandLine;
using Vigil.Cli.Commands;

namespace Vigil.Cli;

/// <summary>Builds the <c>vigil</c> command tree and runs it with Vigil's error conventions.</summary>
internal static class VigilCli
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("Vigil: public-safety video analytics that sees events, never identities.");
        root.Subcommands.Add(AssetsCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(ServeCommand.CreateDemo(context));
        root.Subcommands.Add(ServeCommand.CreateServe(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(EvidenceCommand.Create(context));
        root.Subcommands.Add(AnalyzeCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(RedactCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs; a wrong command line is one line and exit 2, a failure one line and exit 1.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        RootCommand root = CreateRootCommand(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: the parser's own message may span several.
            string message = string.Join(' ', parse.Errors[0].Message.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return context.Fail($"{message} (see 'vigil --help')", ExitCodes.Usage);
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.PlainOut, Error = context.Error }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return context.Fail("cancelled");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Vigil.Assets.Cache.AssetNotAvailableException)
        {
            return context.Fail(ex.Message);
        }
    }
}
