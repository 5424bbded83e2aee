using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Assets.Conversion.Quantization;

/// <summary>
/// The calibrated activation ranges an INT8 model is made from: measured once on the sample videos
/// (<c>Vigil.Vision.Benchmarks calibrate</c>), committed as <c>nanodet-SIZE.ranges.json</c> and carried
/// by this assembly, so every machine derives the same INT8 bytes (a calibration run's floats could
/// differ in their last bits between CPUs; the table does not).
/// </summary>
public static class Int8Ranges
{
    /// <summary>The table's file (and resource) name for an input size.</summary>
    public static string ResourceName(int inputSize) => string.Create(CultureInfo.InvariantCulture, $"nanodet-{inputSize}.ranges.json");

    /// <summary>The shipped ranges for an input size.</summary>
    /// <exception cref="ConversionException">No table was calibrated for that size.</exception>
    public static IReadOnlyDictionary<string, ActivationRange> Load(int inputSize)
    {
        using Stream stream = typeof(Int8Ranges).Assembly.GetManifestResourceStream($"Vigil.Assets.{ResourceName(inputSize)}")
            ?? throw new ConversionException($"No INT8 calibration table for input size {inputSize} ({ResourceName(inputSize)}); run 'Vigil.Vision.Benchmarks calibrate {inputSize}'.");
        using JsonDocument json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("ranges").EnumerateObject()
            .ToDictionary(p => p.Name, p => new ActivationRange(p.Value[0].GetSingle(), p.Value[1].GetSingle()), StringComparer.Ordinal);
    }

    /// <summary>The table as committed: sorted by tensor, floats written to round-trip exactly.</summary>
    public static string ToJson(int inputSize, IReadOnlyDictionary<string, ActivationRange> ranges, string method)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var b = new StringBuilder();
        b.Append("{\n  \"$comment\": ").Append(JsonSerializer.Serialize(method)).Append(",\n");
        b.Append("  \"inputSize\": ").Append(inputSize.ToString(CultureInfo.InvariantCulture)).Append(",\n  \"ranges\": {\n");
        string[] lines = ranges.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"    {JsonSerializer.Serialize(r.Key)}: [{r.Value.Min.ToString("R", CultureInfo.InvariantCulture)}, {r.Value.Max.ToString("R", CultureInfo.InvariantCulture)}]")
            .ToArray();
        b.Append(string.Join(",\n", lines)).Append("\n  }\n}\n");
        return b.ToString();
    }
}
