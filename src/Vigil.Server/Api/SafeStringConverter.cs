using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Domain.Security;

namespace Vigil.Server.Api;

/// <summary>
/// Every string in every request body is checked as it is read (<see cref="UnsafeText"/>): text that
/// could never be published or exchanged is refused with a 400 naming the field, before any endpoint
/// sees it.
/// </summary>
internal sealed class SafeStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // The reader refuses an escaped half of a surrogate pair ("\ud800") itself.
            throw new UnsafeTextException("holds an unpaired surrogate, which XML and JSON cannot carry; remove it");
        }

        return UnsafeText.Check(text) is { } problem ? throw new UnsafeTextException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
