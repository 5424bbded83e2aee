namespace Vigil.Cli.Doctor;

/// <summary>One line of <c>vigil doctor</c>.</summary>
/// <param name="Check">What was checked.</param>
/// <param name="Ok">Whether it is fine.</param>
/// <param name="Detail">What was found (a version, a path, the problem).</param>
/// <param name="Fix">How to put it right, when it is not fine.</param>
internal sealed record DoctorResult(string Check, bool Ok, string Detail, string? Fix = null);
