namespace Vigil.Domain.Evidence;

/// <summary>
/// What verifying an evidence package found: its manifest (when it could be read) and every problem,
/// each naming the file it concerns. Intact when there is none.
/// </summary>
public sealed record EvidenceCheck(EvidenceManifest? Manifest, IReadOnlyList<string> Problems, int FilesChecked)
{
    public bool IsIntact => Problems.Count == 0;
}
