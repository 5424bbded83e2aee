namespace Vigil.Assets.Conversion.Quantization;

/// <summary>
/// The INT8 NanoDet from the TF.js graph (issue 24): the calibration model (the FP32 conversion
/// with every convolution's input and output as extra outputs) and the quantized model made with
/// the ranges measured on it.
/// </summary>
public static class Int8Conversion
{
    /// <summary>The FP32 model with the tensors to calibrate as extra outputs, and their names.</summary>
    public static (byte[] Model, IReadOnlyList<string> Tensors) CalibrationModel(string modelJsonPath, int inputSize)
    {
        var model = TfjsToOnnxConverter.ConvertModel(modelJsonPath, inputSize);
        IReadOnlyList<string> tensors = QdqQuantizer.CalibrationTensors(model);
        QdqQuantizer.ExposeForCalibration(model, tensors);
        return (model.ToBytes(), tensors);
    }

    /// <summary>
    /// The QDQ INT8 model for the given activation ranges, sized for <paramref name="inputSize"/>
    /// with its height and width left free, so the detector runs it on motion crops of any shape
    /// as well as on the whole frame (ADR 022).
    /// </summary>
    public static byte[] Quantize(string modelJsonPath, int inputSize, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var model = TfjsToOnnxConverter.ConvertModel(modelJsonPath, inputSize, freeSize: true);
        QdqQuantizer.Quantize(model, ranges);
        return model.ToBytes();
    }
}
