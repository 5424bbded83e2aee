using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data.Originals;
using Vigil.Server.Hosting;

namespace Vigil.Server.Originals;

/// <summary>
/// The installation key of the originals, unwrapped once at start-up with <c>Vigil:OriginalsSecret</c>
/// (given through the environment, never in a file the repository holds), and only when a camera
/// keeps originals. A missing, short or wrong secret stops the start with one line saying what to do.
/// </summary>
internal sealed class OriginalKeyring(IOptions<ServerOptions> options, VigilConfig config) : IDisposable
{
    private OriginalKeys? _keys;

    /// <summary>Whether any camera keeps its originals.</summary>
    public bool Needed { get; } = config.Cameras.Any(c => c.OriginalsKeep is not null);

    public OriginalKeys Keys => _keys ?? throw new InvalidOperationException("the originals' key is not open: no camera keeps originals, or Open was not called");

    /// <summary>Opens (or first creates) the installation key; returns why it cannot, or null.</summary>
    public string? Open()
    {
        if (!Needed || _keys is not null)
        {
            return null;
        }

        string? cameras = string.Join(", ", config.Cameras.Where(c => c.OriginalsKeep is not null).Select(c => c.Id));
        if (options.Value.OriginalsSecret is not { Length: >= OriginalKeys.MinSecretLength } secret)
        {
            return $"camera(s) {cameras} keep originals: set Vigil:OriginalsSecret (environment VIGIL_Vigil__OriginalsSecret) to a secret of at least {OriginalKeys.MinSecretLength} characters that only this server knows";
        }

        try
        {
            _keys = OriginalKeys.LoadOrCreate(options.Value.KeysDirectory, secret);
            return null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return $"Vigil:OriginalsSecret does not open {Path.Combine(options.Value.KeysDirectory, OriginalKeys.FileName)}: it is not the secret this installation's originals were sealed with";
        }
    }

    public void Dispose() => _keys?.Dispose();
}
