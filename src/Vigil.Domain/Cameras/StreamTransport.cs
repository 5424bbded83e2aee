namespace Vigil.Domain.Cameras;

/// <summary>How an RTSP camera's packets travel.</summary>
public enum StreamTransport
{
    /// <summary>Interleaved in the RTSP connection (the default): passes firewalls and NAT, loses nothing.</summary>
    Tcp,

    /// <summary>RTP over UDP: lower latency on a clean network, frames lost on a lossy one.</summary>
    Udp,
}
