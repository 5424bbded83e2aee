namespace Vigil.Configuration;

/// <summary>One thing wrong in a configuration file, where it is, and how to fix it.</summary>
public sealed record ConfigProblem(string File, int Line, int Column, string Message, string Fix)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message} (fix: {Fix})";
}
