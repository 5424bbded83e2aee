using System.Globalization;
using Vigil.Domain.Cameras;

namespace Vigil.Vision.Decoding;

/// <summary>
/// How ffprobe and ffmpeg open a network camera: RTSP over TCP unless the camera says UDP, and a
/// socket timeout so that a camera that accepts and then says nothing fails instead of hanging.
/// Files take none of these.
/// </summary>
public sealed record SourceOptions
{
    public static SourceOptions Default { get; } = new();

    public StreamTransport Transport { get; init; } = StreamTransport.Tcp;

    /// <summary>Longest wait for a connection or a read on the camera's socket.</summary>
    public TimeSpan IoTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The input arguments that go before <c>-i SOURCE</c>.</summary>
    internal IEnumerable<string> InputArguments(string source)
    {
        string micros = ((long)IoTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        if (source.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            // Probing a live stream costs its duration at every connection: two seconds find the
            // stream's size (the SDP or the first key frame) where ffmpeg's default waits five.
            return ["-rtsp_transport", Transport == StreamTransport.Udp ? "udp" : "tcp", "-timeout", micros, "-analyzeduration", "2000000"];
        }

        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // MJPEG over HTTP has no timestamps of its own: the arrival time stands in.
            return ["-rw_timeout", micros, "-use_wallclock_as_timestamps", "1"];
        }

        return [];
    }
}
