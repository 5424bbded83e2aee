using System.Text;

namespace Vigil.Assets.Conversion.Onnx;

/// <summary>What an ONNX file holds, read without ONNX Runtime: operator counts, inputs, outputs.</summary>
public sealed record OnnxGraphSummary(IReadOnlyDictionary<string, int> OperatorCounts, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, long IrVersion, long OpsetVersion)
{
    /// <summary>How many nodes of an operator type the graph has (0 when none).</summary>
    public int Count(string opType) => OperatorCounts.GetValueOrDefault(opType);

    /// <summary>Reads an ONNX model file.</summary>
    public static OnnxGraphSummary Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var inputs = new List<string>();
        var outputs = new List<string>();
        long ir = 0;
        long opset = 0;
        var model = new ProtoReader(data);
        while (model.TryReadField(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == 0:
                    ir = (long)model.ReadVarint();
                    break;
                case 7 when wire == 2:
                    ReadGraph(model.ReadBytes(), counts, inputs, outputs);
                    break;
                case 8 when wire == 2:
                    opset = Math.Max(opset, ReadOpset(model.ReadBytes()));
                    break;
                default:
                    model.Skip(wire);
                    break;
            }
        }

        return new OnnxGraphSummary(counts, inputs, outputs, ir, opset);
    }

    private static void ReadGraph(ReadOnlySpan<byte> bytes, Dictionary<string, int> counts, List<string> inputs, List<string> outputs)
    {
        var graph = new ProtoReader(bytes);
        while (graph.TryReadField(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    string op = ReadStringField(graph.ReadBytes(), 4);
                    counts[op] = counts.GetValueOrDefault(op) + 1;
                    break;
                case 11 when wire == 2:
                    inputs.Add(ReadStringField(graph.ReadBytes(), 1));
                    break;
                case 12 when wire == 2:
                    outputs.Add(ReadStringField(graph.ReadBytes(), 1));
                    break;
                default:
                    graph.Skip(wire);
                    break;
            }
        }
    }

    private static long ReadOpset(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        string domain = string.Empty;
        long version = 0;
        while (reader.TryReadField(out int field, out int wire))
        {
            if (field == 1 && wire == 2)
            {
                domain = Encoding.UTF8.GetString(reader.ReadBytes());
            }
            else if (field == 2 && wire == 0)
            {
                version = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return domain.Length == 0 || domain == "ai.onnx" ? version : 0;
    }

    private static string ReadStringField(ReadOnlySpan<byte> message, int wanted)
    {
        var reader = new ProtoReader(message);
        while (reader.TryReadField(out int field, out int wire))
        {
            if (field == wanted && wire == 2)
            {
                return Encoding.UTF8.GetString(reader.ReadBytes());
            }

            reader.Skip(wire);
        }

        return string.Empty;
    }
}
