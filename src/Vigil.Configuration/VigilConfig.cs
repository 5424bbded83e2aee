using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Sensors;

namespace Vigil.Configuration;

/// <summary>A validated <c>vigil.yaml</c>: cameras, response units, sensors and the recordings' storage guard.</summary>
public sealed record VigilConfig(string Source, IReadOnlyList<Camera> Cameras, IReadOnlyList<Unit> Units)
{
    /// <summary>The free-space floor and size cap of the recordings folder (<c>recordings:</c>).</summary>
    public RecordingStorage Storage { get; init; } = RecordingStorage.Default;

    /// <summary>River gauges, rain, seismic and smoke sensors (<c>sensors:</c>).</summary>
    public IReadOnlyList<Sensor> Sensors { get; init; } = [];

    /// <summary>The camera with that id.</summary>
    public Camera? FindCamera(string id) => Cameras.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
