namespace Vigil.Domain.Cameras;

/// <summary>
/// Which arithmetic a camera's detector runs in (<c>detect.precision</c>): <c>int8</c>
/// (<see cref="Quantized"/>, the default) — the same NanoDet with its convolutions quantized to 8-bit
/// integers, as accurate on the labelled frames and about twice as fast here (BENCHMARKS.md, issue
/// 24) — or <c>fp32</c> (<see cref="Full"/>), the 32-bit float conversion.
/// </summary>
public enum DetectorPrecision
{
    Quantized,
    Full,
}
