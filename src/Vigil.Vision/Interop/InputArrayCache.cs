using OpenCvSharp;

namespace Vigil.Vision.Interop;

/// <summary>
/// The <see cref="InputArray"/> of a caller's frame, made again only when the caller passes a
/// different <see cref="Mat"/> (decoders reuse one frame buffer, so in practice it is made once).
/// Does not own the frame.
/// </summary>
internal sealed class InputArrayCache : IDisposable
{
    private Mat? _mat;
    private InputArray? _array;

    public InputArray For(Mat mat)
    {
        if (!ReferenceEquals(mat, _mat) || _array is null)
        {
            _array?.Dispose();
            _array = InputArray.Create(mat);
            _mat = mat;
        }

        return _array;
    }

    public void Dispose()
    {
        _array?.Dispose();
        _array = null;
        _mat = null;
    }
}
