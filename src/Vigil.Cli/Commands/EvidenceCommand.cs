using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Spectre.Console;
using Vigil.Data.Audit;
using Vigil.Data.Evidence;
using Vigil.Domain.Evidence;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil evidence verify PACKAGE --public-key KEY</c>: checks an evidence package offline against
/// the installation's published key; names every file that was changed, removed or added.
/// </summary>
internal static class EvidenceCommand
{
    public static Command Create(CliContext context)
    {
        var package = new Argument<string>("package") { Description = "The evidence package (ZIP) downloaded from Vigil." };
        var publicKey = new Option<string>("--public-key")
        {
            Description = "PEM public key of the installation that signed it (published on its transparency page).",
            Required = true,
        };
        var verify = new Command("verify", "Check an evidence package's signed manifest and every file in it; exit 0 when intact, 1 naming each changed, missing or added file.")
        {
            package, publicKey,
        };
        verify.SetAction((parse, ct) => VerifyAsync(context, parse.GetValue(package)!, parse.GetValue(publicKey)!, ct));
        return new Command("evidence", "Evidence packages exported under dual control.") { verify };
    }

    private static async Task<int> VerifyAsync(CliContext context, string packagePath, string publicKeyPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(packagePath))
        {
            return context.Fail($"no evidence package at {packagePath}", ExitCodes.Usage);
        }

        if (!File.Exists(publicKeyPath))
        {
            return context.Fail($"no public key at {publicKeyPath}", ExitCodes.Usage);
        }

        ECDsa key;
        try
        {
            key = AuditCommand.ReadKey(publicKeyPath);
        }
        catch (InvalidOperationException ex)
        {
            return context.Fail(ex.Message, ExitCodes.Usage);
        }

        using (key)
        {
            EvidenceCheck check;
            var stream = File.OpenRead(packagePath);
            await using (stream.ConfigureAwait(false))
            {
                check = await EvidencePackage.VerifyAsync(stream, key, cancellationToken).ConfigureAwait(false);
            }

            if (!check.IsIntact)
            {
                foreach (string problem in check.Problems)
                {
                    context.Out.MarkupLine($"[red]broken[/] {Markup.Escape(problem)}");
                }

                return context.Fail(check.Problems.Count == 1
                    ? $"evidence package {packagePath} is not as signed: {check.Problems[0]}"
                    : $"evidence package {packagePath} is not as signed: {check.Problems.Count} problems, the first: {check.Problems[0]}");
            }

            EvidenceManifest m = check.Manifest!;
            context.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"intact: {check.FilesChecked} file(s) of incident {m.Incident.Id} ({m.Incident.Type}) match the manifest signed with key {AuditSigner.KeyIdOf(key)}; requested by {m.RequestedBy}, approved by {m.ApprovedBy} at {m.ApprovedAt.UtcDateTime:u}")));
            return ExitCodes.Success;
        }
    }
}
