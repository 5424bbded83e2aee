namespace Vigil.Configuration;

/// <summary>A configuration file is invalid; <see cref="Problems"/> lists every problem found.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
        : this([])
    {
    }

    public ConfigException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public ConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(problems.Count == 1 ? problems[0].ToString() : $"{problems.Count} problems in the configuration:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
    {
        Problems = problems;
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }
}
