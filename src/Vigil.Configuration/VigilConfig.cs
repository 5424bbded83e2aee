using Vigil.Domain.Cameras;

namespace Vigil.Configuration;

/// <summary>A validated <c>vigil.yaml</c>.</summary>
public sealed record VigilConfig(string Source, IReadOnlyList<Camera> Cameras)
{
    /// <summary>The camera with that id.</summary>
    public Camera? FindCamera(string id) => Cameras.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
