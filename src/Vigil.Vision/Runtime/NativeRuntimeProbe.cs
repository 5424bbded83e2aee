using System.ComponentModel;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Vigil.Vision.Runtime;

/// <summary>Checks that the native pieces vision needs are present and load.</summary>
public static class NativeRuntimeProbe
{
    /// <summary>The OpenCV version of the loaded native library.</summary>
    /// <exception cref="InvalidOperationException">The native library (or one it needs, such as GTK) does not load.</exception>
    public static string OpenCvVersion()
    {
        try
        {
            return Cv2.GetVersionString() ?? "unknown version";
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new InvalidOperationException($"OpenCV's native library did not load ({Innermost(ex).Message})", ex);
        }
    }

    /// <summary>The ONNX Runtime version and its execution providers, e.g. <c>1.31.1 (CPUExecutionProvider)</c>.</summary>
    /// <exception cref="InvalidOperationException">ONNX Runtime's native library does not load.</exception>
    public static string OnnxRuntimeDescription()
    {
        try
        {
            OrtEnv env = OrtEnv.Instance();
            return $"{env.GetVersionString()} ({string.Join(", ", env.GetAvailableProviders())})";
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or OnnxRuntimeException)
        {
            throw new InvalidOperationException($"ONNX Runtime's native library did not load ({Innermost(ex).Message})", ex);
        }
    }

    /// <summary>The first line of <c>ffmpeg -version</c>.</summary>
    /// <exception cref="InvalidOperationException">ffmpeg is not installed or does not run.</exception>
    public static async Task<string> FfmpegVersionAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-hide_banner");
        info.ArgumentList.Add("-version");
        try
        {
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
            string output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0
                ? output.Split('\n', 2)[0].Split(" Copyright", 2)[0].Trim()
                : throw new InvalidOperationException($"ffmpeg -version exited with {process.ExitCode}");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("ffmpeg is not installed or not on PATH", ex);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
