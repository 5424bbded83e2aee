using Vigil.Server.Pipelines;

namespace Vigil.Server.Api.Contracts;

/// <summary>A camera: what it is for, where, and how it is doing right now.</summary>
public sealed record CameraDto(
    string Id,
    string Name,
    string Purpose,
    string LegalBasis,
    double RetentionHours,
    double? Latitude,
    double? Longitude,
    string Redaction,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> Rules,
    CameraStateDto Status,
    string LiveUrl)
{
    internal static CameraDto From(CameraRuntime runtime)
    {
        Domain.Cameras.Camera c = runtime.Camera;
        return new CameraDto(
            c.Id,
            c.Name,
            c.Purpose,
            c.LegalBasis,
            c.Retention.TotalHours,
            c.Location?.Latitude,
            c.Location?.Longitude,
            Enum.GetName(c.Redaction)!.ToLowerInvariant(),
            c.Zones.Select(z => z.Id).ToArray(),
            c.Rules.Select(r => r.Id).ToArray(),
            runtime.State,
            $"/api/cameras/{c.Id}/live.mjpeg");
    }
}
