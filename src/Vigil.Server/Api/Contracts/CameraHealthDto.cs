namespace Vigil.Server.Api.Contracts;

/// <summary>
/// A camera's state as anyone may see it on <c>/health</c>: the state and since when, never the reason
/// (a reason can quote the camera's source); signed-in users read reasons on <c>/api/cameras</c>.
/// </summary>
public sealed record CameraHealthDto(string CameraId, string State, DateTimeOffset Since)
{
    internal static CameraHealthDto From(CameraStateDto state) => new(state.CameraId, state.State, state.Since);
}
