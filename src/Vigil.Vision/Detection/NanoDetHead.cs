namespace Vigil.Vision.Detection;

/// <summary>One output level of NanoDet: its stride, grid and the two output tensors' names.</summary>
/// <param name="Stride">Pixels of input per grid cell (8, 16, 32).</param>
/// <param name="Grid">Cells per side (input size / stride).</param>
/// <param name="ScoresOutput">Name of the <c>[1, cells, 80]</c> per-class sigmoid scores.</param>
/// <param name="BoxesOutput">Name of the <c>[1, cells, 44]</c> side distributions (4 sides × 11 bins).</param>
internal sealed record NanoDetHead(int Stride, int Grid, string ScoresOutput, string BoxesOutput)
{
    public int Cells => Grid * Grid;
}
