using System.Runtime.InteropServices;
using Vigil.Assets.Conversion.Onnx;

namespace Vigil.Assets.Conversion.Quantization;

/// <summary>
/// Static INT8 quantization of the converted NanoDet in ONNX's QDQ form (issue 24): around every
/// convolution, the input and output activations get a QuantizeLinear/DequantizeLinear pair
/// (uint8, per tensor, asymmetric, from calibrated ranges), the weights are stored as int8 per
/// output channel (symmetric) behind a DequantizeLinear, and the bias as int32 at the input scale
/// times each channel's weight scale. ONNX Runtime's optimiser turns each DQ → Conv → Q group into
/// one integer <c>QLinearConv</c>; everything else stays float. Deterministic: the same model and
/// ranges give the same bytes.
/// </summary>
public static class QdqQuantizer
{
    private const int Uint8 = 2;
    private const int Int8 = 3;
    private const int Int32 = 6;

    /// <summary>The activation tensors a calibration run must measure: each convolution's input and output.</summary>
    internal static IReadOnlyList<string> CalibrationTensors(OnnxModel model) =>
        model.Nodes.Where(n => n.OpType == "Conv").SelectMany(n => new[] { n.Inputs[0], n.Outputs[0] }).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The model with <paramref name="tensors"/> as extra graph outputs, so one run returns them.</summary>
    internal static void ExposeForCalibration(OnnxModel model, IReadOnlyList<string> tensors)
    {
        foreach (string tensor in tensors.Where(t => model.Outputs.All(o => o.Name != t)))
        {
            model.Outputs.Add(new OnnxValueInfo(tensor, null));
        }
    }

    /// <summary>Rewrites the model's convolutions in QDQ form with the given activation ranges.</summary>
    internal static void Quantize(OnnxModel model, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        Dictionary<string, OnnxInitializer> initializers = model.Initializers.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<OnnxNode>(model.Nodes.Count * 3);
        foreach (OnnxNode node in model.Nodes)
        {
            if (node.OpType != "Conv")
            {
                nodes.Add(node);
                continue;
            }

            string x = node.Inputs[0];
            string y = node.Outputs[0];
            OnnxInitializer weights = initializers[node.Inputs[1]];
            (float inputScale, byte inputZero) = Activation(Range(ranges, x));
            string xScale = Scalar(model, added, $"{x}/scale", inputScale);
            string xZero = ZeroPoint(model, added, $"{x}/zero_point", inputZero);
            nodes.Add(new OnnxNode($"{node.Name}/x_q", "QuantizeLinear", [x, xScale, xZero], [$"{node.Name}/x_q"], []));
            nodes.Add(new OnnxNode($"{node.Name}/x_dq", "DequantizeLinear", [$"{node.Name}/x_q", xScale, xZero], [$"{node.Name}/x_dq"], []));

            int channels = (int)weights.Dims[0];
            float[] w = weights.Floats!;
            int perChannel = w.Length / channels;
            float[] weightScales = new float[channels];
            sbyte[] qw = new sbyte[w.Length];
            for (int c = 0; c < channels; c++)
            {
                float largest = 0;
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
                {
                    largest = Math.Max(largest, Math.Abs(w[i]));
                }

                float scale = largest > 0 ? largest / 127f : 1f;
                weightScales[c] = scale;
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
                {
                    qw[i] = (sbyte)Math.Clamp((int)MathF.Round(w[i] / scale, MidpointRounding.ToEven), -127, 127);
                }
            }

            string wq = Add(model, added, new OnnxInitializer($"{weights.Name}/q", weights.Dims, null, null, MemoryMarshal.AsBytes(qw.AsSpan()).ToArray(), Int8));
            string wScale = Add(model, added, new OnnxInitializer($"{weights.Name}/scale", [channels], weightScales, null));
            string wZero = Add(model, added, new OnnxInitializer($"{weights.Name}/zero_point", [channels], null, null, new byte[channels], Int8));
            nodes.Add(new OnnxNode($"{node.Name}/w_dq", "DequantizeLinear", [wq, wScale, wZero], [$"{node.Name}/w_dq"], [OnnxAttribute.Of("axis", 0L)]));
            var convInputs = new List<string> { $"{node.Name}/x_dq", $"{node.Name}/w_dq" };

            if (node.Inputs.Count > 2)
            {
                OnnxInitializer bias = initializers[node.Inputs[2]];
                float[] biasScales = weightScales.Select(s => s * inputScale).ToArray();
                int[] qb = bias.Floats!.Select((b, c) => (int)Math.Clamp(Math.Round(b / (double)biasScales[c], MidpointRounding.ToEven), int.MinValue + 1, int.MaxValue)).ToArray();
                string bq = Add(model, added, new OnnxInitializer($"{bias.Name}/q", bias.Dims, null, null, MemoryMarshal.AsBytes(qb.AsSpan()).ToArray(), Int32));
                string bScale = Add(model, added, new OnnxInitializer($"{bias.Name}/scale", [channels], biasScales, null));
                string bZero = Add(model, added, new OnnxInitializer($"{bias.Name}/zero_point", [channels], null, null, new byte[channels * 4], Int32));
                nodes.Add(new OnnxNode($"{node.Name}/b_dq", "DequantizeLinear", [bq, bScale, bZero], [$"{node.Name}/b_dq"], [OnnxAttribute.Of("axis", 0L)]));
                convInputs.Add($"{node.Name}/b_dq");
            }

            nodes.Add(node with { Inputs = convInputs, Outputs = [$"{y}/float"] });
            (float outputScale, byte outputZero) = Activation(Range(ranges, y));
            string yScale = Scalar(model, added, $"{y}/scale", outputScale);
            string yZero = ZeroPoint(model, added, $"{y}/zero_point", outputZero);
            nodes.Add(new OnnxNode($"{node.Name}/y_q", "QuantizeLinear", [$"{y}/float", yScale, yZero], [$"{node.Name}/y_q"], []));
            nodes.Add(new OnnxNode($"{node.Name}/y_dq", "DequantizeLinear", [$"{node.Name}/y_q", yScale, yZero], [y], []));
        }

        // The float weights and biases are replaced by their quantized forms.
        HashSet<string> replaced = model.Nodes.Where(n => n.OpType == "Conv").SelectMany(n => n.Inputs.Skip(1)).ToHashSet(StringComparer.Ordinal);
        model.Initializers.RemoveAll(i => replaced.Contains(i.Name));
        model.Nodes.Clear();
        model.Nodes.AddRange(nodes);
    }

    /// <summary>uint8 asymmetric quantization of a range widened to hold zero (ONNX's Q/DQ need zero exactly representable).</summary>
    internal static (float Scale, byte ZeroPoint) Activation(ActivationRange range)
    {
        float min = Math.Min(range.Min, 0);
        float max = Math.Max(range.Max, 0);
        float scale = max > min ? (max - min) / 255f : 1f;
        return (scale, (byte)Math.Clamp((int)MathF.Round(-min / scale, MidpointRounding.ToEven), 0, 255));
    }

    private static ActivationRange Range(IReadOnlyDictionary<string, ActivationRange> ranges, string tensor) =>
        ranges.TryGetValue(tensor, out ActivationRange range) ? range : throw new ConversionException($"No calibrated range for '{tensor}'.");

    private static string Scalar(OnnxModel model, HashSet<string> added, string name, float value) =>
        Add(model, added, new OnnxInitializer(name, [], [value], null));

    private static string ZeroPoint(OnnxModel model, HashSet<string> added, string name, byte value) =>
        Add(model, added, new OnnxInitializer(name, [], null, null, [value], Uint8));

    private static string Add(OnnxModel model, HashSet<string> added, OnnxInitializer initializer)
    {
        if (added.Add(initializer.Name))
        {
            model.Initializers.Add(initializer);
        }

        return initializer.Name;
    }
}
