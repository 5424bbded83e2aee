using Vigil.Domain.Cameras;

namespace Vigil.Vision.Detection;

/// <summary>The NanoDet asset for each detector precision.</summary>
public static class DetectorModels
{
    /// <summary>The 32-bit float conversion (<c>detect.precision: fp32</c>; the one the TF.js reference check compares).</summary>
    public const string FullAsset = "nanodet-onnx";

    /// <summary>The INT8 quantization of it (the default).</summary>
    public const string QuantizedAsset = "nanodet-int8";

    public static string AssetId(DetectorPrecision precision) => precision == DetectorPrecision.Full ? FullAsset : QuantizedAsset;
}
