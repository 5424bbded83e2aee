using OpenCvSharp;

namespace Vigil.Vision.Interop;

/// <summary>
/// An owned OpenCV image together with its <see cref="InputArray"/>. OpenCvSharp turns a
/// <see cref="Mat"/> into a new, finalizable wrapper at every call; a stage that reads a buffer on
/// every frame passes <see cref="In"/> instead. The wrapper refers to the <see cref="Mat"/>
/// header, which stays the same when OpenCV reallocates the pixels. (Outputs cannot be kept this
/// way: OpenCvSharp disposes an <see cref="OutputArray"/> after each call.)
/// </summary>
internal sealed class CvBuffer : IDisposable
{
    public CvBuffer()
        : this(new Mat())
    {
    }

    public CvBuffer(Mat mat)
    {
        Mat = mat;
        In = InputArray.Create(mat);
    }

    public Mat Mat { get; }

    public InputArray In { get; }

    public void Dispose()
    {
        In.Dispose();
        Mat.Dispose();
    }
}
