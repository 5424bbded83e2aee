namespace Vigil.Domain.Exchange;

/// <summary>One way a document breaks the EIDO schema: where (a JSON Pointer, RFC 6901) and what is wrong there.</summary>
public sealed record EidoProblem(string Path, string Message);
