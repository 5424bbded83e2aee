using System.Runtime.InteropServices;

namespace Vigil.Assets.Conversion.Onnx;

/// <summary>
/// An ONNX model under construction (one graph, default domain) and its serialisation to the
/// ONNX protobuf format. Only the parts Vigil's converter emits are modelled.
/// </summary>
internal sealed class OnnxModel(string graphName, int opsetVersion)
{
    /// <summary>IR version 7 is the one paired with opset 13 (what Debian's onnx 1.12 checks).</summary>
    public const long IrVersion = 7;

    private const int AttributeFloat = 1;
    private const int AttributeInt = 2;
    private const int AttributeString = 3;
    private const int AttributeFloats = 6;
    private const int AttributeInts = 7;
    private const int TensorFloat = 1;
    private const int TensorInt64 = 7;

    public List<OnnxNode> Nodes { get; } = [];

    public List<OnnxInitializer> Initializers { get; } = [];

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    public string ProducerName { get; init; } = "vigil";

    public string ProducerVersion { get; init; } = "1";

    public string DocString { get; init; } = string.Empty;

    /// <summary>Key–value metadata (<c>metadata_props</c>), written in key order.</summary>
    public SortedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Serialises the model.</summary>
    public byte[] ToBytes()
    {
        var model = new ProtoWriter();
        model.WriteVarint(1, IrVersion);
        model.WriteString(2, ProducerName);
        model.WriteString(3, ProducerVersion);
        if (DocString.Length > 0)
        {
            model.WriteString(6, DocString);
        }

        model.WriteMessage(7, WriteGraph);
        model.WriteMessage(8, opset =>
        {
            opset.WriteString(1, string.Empty);
            opset.WriteVarint(2, opsetVersion);
        });
        foreach ((string key, string value) in Metadata)
        {
            model.WriteMessage(14, entry =>
            {
                entry.WriteString(1, key);
                entry.WriteString(2, value);
            });
        }

        return model.ToArray();
    }

    private void WriteGraph(ProtoWriter graph)
    {
        foreach (OnnxNode node in Nodes)
        {
            graph.WriteMessage(1, w => WriteNode(w, node));
        }

        graph.WriteString(2, graphName);
        foreach (OnnxInitializer initializer in Initializers)
        {
            graph.WriteMessage(5, w => WriteTensor(w, initializer));
        }

        foreach (OnnxValueInfo input in Inputs)
        {
            graph.WriteMessage(11, w => WriteValueInfo(w, input));
        }

        foreach (OnnxValueInfo output in Outputs)
        {
            graph.WriteMessage(12, w => WriteValueInfo(w, output));
        }
    }

    private static void WriteNode(ProtoWriter w, OnnxNode node)
    {
        foreach (string input in node.Inputs)
        {
            w.WriteString(1, input);
        }

        foreach (string output in node.Outputs)
        {
            w.WriteString(2, output);
        }

        w.WriteString(3, node.Name);
        w.WriteString(4, node.OpType);
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            w.WriteMessage(5, a => WriteAttribute(a, attribute));
        }
    }

    private static void WriteAttribute(ProtoWriter a, OnnxAttribute attribute)
    {
        a.WriteString(1, attribute.Name);
        if (attribute.Float is { } f)
        {
            a.WriteFloat(2, f);
            a.WriteVarint(20, AttributeFloat);
        }
        else if (attribute.Int is { } i)
        {
            a.WriteVarint(3, i);
            a.WriteVarint(20, AttributeInt);
        }
        else if (attribute.Text is { } s)
        {
            a.WriteString(4, s);
            a.WriteVarint(20, AttributeString);
        }
        else if (attribute.Floats is { } floats)
        {
            a.WritePackedFloats(7, floats);
            a.WriteVarint(20, AttributeFloats);
        }
        else if (attribute.Ints is { } ints)
        {
            a.WritePackedVarints(8, ints);
            a.WriteVarint(20, AttributeInts);
        }
        else
        {
            throw new InvalidOperationException($"Attribute '{attribute.Name}' has no value.");
        }
    }

    private static void WriteTensor(ProtoWriter t, OnnxInitializer tensor)
    {
        t.WritePackedVarints(1, tensor.Dims);
        t.WriteVarint(2, tensor.Raw is not null ? tensor.RawType : tensor.Floats is null ? TensorInt64 : TensorFloat);
        t.WriteString(8, tensor.Name);

        // raw_data is little-endian; so is every machine .NET runs Vigil on.
        ReadOnlySpan<byte> raw = tensor.Raw is { } bytes
            ? bytes
            : tensor.Floats is { } floats
                ? MemoryMarshal.AsBytes(floats.AsSpan())
                : MemoryMarshal.AsBytes(tensor.Int64s.AsSpan());
        t.WriteBytes(9, raw);
    }

    private static void WriteValueInfo(ProtoWriter v, OnnxValueInfo info)
    {
        v.WriteString(1, info.Name);
        v.WriteMessage(2, type => type.WriteMessage(1, tensor =>
        {
            tensor.WriteVarint(1, TensorFloat);
            if (info.Shape is { } dims)
            {
                tensor.WriteMessage(2, shape =>
                {
                    for (int i = 0; i < dims.Length; i++)
                    {
                        int dim = dims[i];
                        string name = info.DimNames?[i] ?? $"{info.Name}:{i}";
                        shape.WriteMessage(1, d =>
                        {
                            if (dim < 0)
                            {
                                d.WriteString(2, name);
                            }
                            else
                            {
                                d.WriteVarint(1, dim);
                            }
                        });
                    }
                });
            }
        }));
    }
}
