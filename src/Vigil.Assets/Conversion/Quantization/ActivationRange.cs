namespace Vigil.Assets.Conversion.Quantization;

/// <summary>The values one activation tensor took over the calibration frames (NaN-free).</summary>
public readonly record struct ActivationRange(float Min, float Max);
