using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Assets.Conversion.Tfjs;

/// <summary>
/// A TensorFlow.js graph model read from disk: its nodes, its constants (weights dequantised to
/// float32) and the input and outputs of its signature.
/// </summary>
internal sealed class TfjsGraphModel
{
    private TfjsGraphModel(IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsTensor> constants, string inputName, int[] inputShape, IReadOnlyList<string> outputNames)
    {
        Nodes = nodes;
        Constants = constants;
        InputName = inputName;
        InputShape = inputShape;
        OutputNames = outputNames;
    }

    public IReadOnlyList<TfjsNode> Nodes { get; }

    public IReadOnlyDictionary<string, TfjsTensor> Constants { get; }

    public string InputName { get; }

    public int[] InputShape { get; }

    /// <summary>Signature outputs, node names without the <c>:0</c> suffix, in a stable (sorted) order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Reads <c>model.json</c> and the weight files it names (which sit beside it, or are given).</summary>
    public static TfjsGraphModel Load(string modelJsonPath, string? weightsPath = null)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(modelJsonPath));
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("format", out JsonElement format) || format.GetString() != "graph-model")
        {
            throw new ConversionException($"{modelJsonPath} is not a TF.js graph model (format must be \"graph-model\").");
        }

        var nodes = new List<TfjsNode>();
        foreach (JsonElement node in root.GetProperty("modelTopology").GetProperty("node").EnumerateArray())
        {
            string[] inputs = node.TryGetProperty("input", out JsonElement i) ? i.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            JsonElement attributes = node.TryGetProperty("attr", out JsonElement a) ? a.Clone() : default;
            nodes.Add(new TfjsNode(node.GetProperty("name").GetString()!, node.GetProperty("op").GetString()!, inputs, attributes));
        }

        Dictionary<string, TfjsTensor> constants = ReadWeights(root.GetProperty("weightsManifest"), Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!, weightsPath);
        JsonElement signature = root.GetProperty("signature");
        JsonProperty input = signature.GetProperty("inputs").EnumerateObject().Single();
        int[] inputShape = input.Value.GetProperty("tensorShape").GetProperty("dim").EnumerateArray()
            .Select(d => int.Parse(d.GetProperty("size").GetString()!, CultureInfo.InvariantCulture)).ToArray();
        string[] outputs = signature.GetProperty("outputs").EnumerateObject().Select(o => StripPort(o.Name)).Order(StringComparer.Ordinal).ToArray();
        return new TfjsGraphModel(nodes, constants, StripPort(input.Name), inputShape, outputs);
    }

    /// <summary><c>node:0</c> and <c>node</c> name the same tensor.</summary>
    public static string StripPort(string name) => name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name;

    private static Dictionary<string, TfjsTensor> ReadWeights(JsonElement manifest, string folder, string? weightsPath)
    {
        var constants = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (JsonElement group in manifest.EnumerateArray())
        {
            byte[] data = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(weightsPath ?? Path.Combine(folder, p.GetString()!)))
                .ToArray();
            int offset = 0;
            foreach (JsonElement weight in group.GetProperty("weights").EnumerateArray())
            {
                string name = weight.GetProperty("name").GetString()!;
                int[] shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                int count = shape.Aggregate(1, (a, b) => a * b);
                string dtype = weight.GetProperty("dtype").GetString()!;
                string? quantised = weight.TryGetProperty("quantization", out JsonElement q) ? q.GetProperty("dtype").GetString() : null;
                (TfjsTensor tensor, int bytes) = (dtype, quantised) switch
                {
                    ("float32", "float16") => (new TfjsTensor(shape, ReadHalves(data.AsSpan(offset), count), null), count * 2),
                    ("float32", null) => (new TfjsTensor(shape, ReadSingles(data.AsSpan(offset), count), null), count * 4),
                    ("int32", null) => (TfjsTensor.Int(shape, ReadInt32s(data.AsSpan(offset), count)), count * 4),
                    _ => throw new ConversionException($"Weight '{name}' has dtype {dtype} with quantisation {quantised ?? "none"}, which the converter does not read."),
                };
                constants[name] = tensor;
                offset += bytes;
            }

            if (offset != data.Length)
            {
                throw new ConversionException($"The weights manifest describes {offset} bytes but the weight files hold {data.Length}.");
            }
        }

        return constants;
    }

    private static float[] ReadHalves(ReadOnlySpan<byte> data, int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]);
        }

        return values;
    }

    private static float[] ReadSingles(ReadOnlySpan<byte> data, int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        }

        return values;
    }

    private static long[] ReadInt32s(ReadOnlySpan<byte> data, int count)
    {
        long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]);
        }

        return values;
    }
}
