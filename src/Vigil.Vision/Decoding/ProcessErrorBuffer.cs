using System.Diagnostics;
using System.Text;

namespace Vigil.Vision.Decoding;

/// <summary>
/// Drains a child process's standard error (so it never blocks on a full pipe) and keeps the
/// first few kilobytes for the one-line error a person sees.
/// </summary>
internal sealed class ProcessErrorBuffer
{
    private const int MaxChars = 4096;
    private readonly StringBuilder _text = new();

    public ProcessErrorBuffer(Process process) => Completion = PumpAsync(process);

    /// <summary>Finishes when the process closes its standard error.</summary>
    public Task Completion { get; }

    public string Text => _text.ToString().Trim();

    public string FirstLine => VideoProbe.FirstLine(_text.ToString());

    private async Task PumpAsync(Process process)
    {
        char[] chunk = new char[1024];
        int n;
        while ((n = await process.StandardError.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (_text.Length < MaxChars)
            {
                _text.Append(chunk, 0, Math.Min(n, MaxChars - _text.Length));
            }
        }
    }
}
