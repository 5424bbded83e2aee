using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;

namespace Vigil.Configuration;

/// <summary>A validated <c>vigil.yaml</c>: cameras and response units.</summary>
public sealed record VigilConfig(string Source, IReadOnlyList<Camera> Cameras, IReadOnlyList<Unit> Units)
{
    /// <summary>The camera with that id.</summary>
    public Camera? FindCamera(string id) => Cameras.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
