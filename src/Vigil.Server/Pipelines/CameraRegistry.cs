using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Server.Hosting;

namespace Vigil.Server.Pipelines;

/// <summary>The configured cameras, by id, with their runtimes (whether or not pipelines run).</summary>
internal sealed class CameraRegistry
{
    private readonly Dictionary<string, CameraRuntime> _byId;

    public CameraRegistry(VigilConfig config, IOptions<ServerOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        All = config.Cameras.Select(c => new CameraRuntime(c, clock)).ToArray();
        _byId = All.ToDictionary(c => c.Camera.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<CameraRuntime> All { get; }

    public CameraRuntime? Find(string id) => _byId.GetValueOrDefault(id);
}
