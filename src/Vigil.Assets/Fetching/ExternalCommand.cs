using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Vigil.Assets.Fetching;

/// <summary>Runs a package client to completion and turns its failure into one readable line.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/> and returns its standard output.</summary>
    /// <exception cref="ExternalCommandException">It could not start or exited non-zero.</exception>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        using Process process = Start(fileName, arguments, workingDirectory, redirectStdout: true);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout.ConfigureAwait(false);
        string errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ExternalCommandException($"'{Describe(fileName, arguments)}' failed (exit {process.ExitCode}): {FirstMeaningfulLine(errors, output)}");
        }

        return output;
    }

    /// <summary>Starts a process whose standard output the caller reads as a stream.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory, bool redirectStdout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = redirectStdout,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Package clients should answer in plain English, without colour codes or prompts.
        info.Environment["LC_ALL"] = "C";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["npm_config_fund"] = "false";
        info.Environment["npm_config_update_notifier"] = "false";
        try
        {
            return Process.Start(info) ?? throw new ExternalCommandException($"'{fileName}' did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new ExternalCommandException($"'{fileName}' is not installed or not on PATH ({ex.Message}).", ex);
        }
    }

    /// <summary>The line of a client's output that says what went wrong, without noise.</summary>
    public static string FirstMeaningfulLine(string errors, string output)
    {
        IEnumerable<string> lines = (errors + "\n" + output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? error = lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.StartsWith("E:", StringComparison.Ordinal));
        return error ?? lines.FirstOrDefault() ?? "no output";
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) => string.Join(' ', arguments.Prepend(fileName));
}
