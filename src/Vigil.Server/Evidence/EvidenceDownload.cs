namespace Vigil.Server.Evidence;

/// <summary>An approved package ready to send to its requester: the file and the name to save it as.</summary>
internal sealed record EvidenceDownload(string Path, string FileName);
