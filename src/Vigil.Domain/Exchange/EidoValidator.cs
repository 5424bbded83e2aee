using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vigil.Domain.Exchange;

/// <summary>
/// Checks a document against <see cref="EidoSchema"/>: required properties, types, closed lists,
/// RFC 3339 times and absolute URIs, then what the schema says in words: every <c>$ref</c> names
/// the <c>$id</c> of a component of the same document, and no two components share an <c>$id</c>.
/// Each problem carries its JSON Pointer; at most <see cref="MaxProblems"/> are reported.
/// </summary>
public static partial class EidoValidator
{
    /// <summary>How many problems one answer lists at most (a broken document should not make a huge answer).</summary>
    public const int MaxProblems = 100;

    public static IReadOnlyList<EidoProblem> Validate(JsonNode? document)
    {
        var walk = new Walk();
        walk.Object(document, EidoSchema.Types[EidoSchema.Document], "");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string path, string id) in walk.Ids)
        {
            if (!ids.Add(id))
            {
                walk.Add(path, $"'{id}' is the $id of another component of this document; every $id must be unique");
            }
        }

        foreach ((string path, string target) in walk.References.Where(r => !ids.Contains(r.Target)))
        {
            walk.Add(path, $"'{target}' is the $id of no component of this document");
        }

        return walk.Problems.Take(MaxProblems).ToArray();
    }

    /// <summary>Whether the text is an RFC 3339 date-time with seconds and a zone (what <c>format: date-time</c> means).</summary>
    public static bool IsDateTime(string text) =>
        Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed class Walk
    {
        public List<EidoProblem> Problems { get; } = [];

        public List<(string Path, string Id)> Ids { get; } = [];

        public List<(string Path, string Target)> References { get; } = [];

        public void Add(string path, string message)
        {
            if (Problems.Count < MaxProblems)
            {
                Problems.Add(new EidoProblem(path.Length == 0 ? "/" : path, message));
            }
        }

        public void Object(JsonNode? node, EidoType type, string path)
        {
            if (node is not JsonObject obj)
            {
                Add(path, $"must be an object ({type.Name}), not {Describe(node)}");
                return;
            }

            foreach (string name in type.Required.Where(r => !obj.ContainsKey(r)))
            {
                Add($"{path}/{Escape(name)}", $"is required in {type.Name}");
            }

            foreach ((string name, JsonNode? value) in obj)
            {
                if (type.Properties.TryGetValue(name, out EidoProperty? property))
                {
                    Value(value, property, $"{path}/{Escape(name)}");
                }
            }

            if (type.Properties.ContainsKey("$id") && obj["$id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            {
                Ids.Add(($"{path}/$id", id.GetValue<string>()));
            }
        }

        private void Value(JsonNode? node, EidoProperty property, string path)
        {
            switch (property.Kind)
            {
                case EidoValueKind.Text:
                    _ = Text(node, path);
                    break;
                case EidoValueKind.DateTime:
                    if (Text(node, path) is { } time && !IsDateTime(time))
                    {
                        Add(path, $"'{Clip(time)}' is not an RFC 3339 date-time with seconds and a zone (e.g. 2026-12-01T14:05:00-05:00)");
                    }

                    break;
                case EidoValueKind.Uri:
                    if (Text(node, path) is { } uri && !System.Uri.TryCreate(uri, UriKind.Absolute, out _))
                    {
                        Add(path, $"'{Clip(uri)}' is not an absolute URI");
                    }

                    break;
                case EidoValueKind.UriReference:
                    if (Text(node, path) is { } reference && !System.Uri.TryCreate(reference, UriKind.RelativeOrAbsolute, out _))
                    {
                        Add(path, $"'{Clip(reference)}' is not a URI reference");
                    }

                    break;
                case EidoValueKind.Boolean:
                    if (node is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        Add(path, $"must be true or false, not {Describe(node)}");
                    }

                    break;
                case EidoValueKind.WholeNumber:
                    if (node is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !int.TryParse(number.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        Add(path, $"must be a whole number (32-bit), not {Describe(node)}");
                    }

                    break;
                case EidoValueKind.Choice:
                    if (Text(node, path) is { } choice && !property.Choices!.Contains(choice, StringComparer.Ordinal))
                    {
                        Add(path, $"'{Clip(choice)}' is not one of: {string.Join(", ", property.Choices!)}");
                    }

                    break;
                case EidoValueKind.Reference:
                    Reference(node, path);
                    break;
                case EidoValueKind.Component:
                    Object(node, EidoSchema.Types[property.TypeName!], path);
                    break;
                case EidoValueKind.NiemObject:
                    if (node is not JsonObject)
                    {
                        Add(path, $"must be an object (a NIEM component), not {Describe(node)}");
                    }

                    break;
                default:
                    List(node, property, path);
                    break;
            }
        }

        private void List(JsonNode? node, EidoProperty property, string path)
        {
            if (node is not JsonArray items)
            {
                Add(path, $"must be an array, not {Describe(node)}");
                return;
            }

            if (items.Count < property.MinItems)
            {
                Add(path, $"must have at least {property.MinItems} item(s)");
            }

            for (int i = 0; i < items.Count; i++)
            {
                string at = $"{path}/{i}";
                switch (property.Kind)
                {
                    case EidoValueKind.TextList:
                        _ = Text(items[i], at);
                        break;
                    case EidoValueKind.ReferenceList:
                        Reference(items[i], at);
                        break;
                    default:
                        Object(items[i], EidoSchema.Types[property.TypeName!], at);
                        break;
                }
            }
        }

        private void Reference(JsonNode? node, string path)
        {
            if (node is not JsonObject reference)
            {
                Add(path, $"must be a reference ({{\"$ref\": \"the $id of a component\"}}), not {Describe(node)}");
                return;
            }

            if (Text(reference["$ref"], $"{path}/$ref", required: true) is { } target)
            {
                References.Add(($"{path}/$ref", target));
            }
        }

        private string? Text(JsonNode? node, string path, bool required = false)
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                return value.GetValue<string>();
            }

            Add(path, node is null && required ? "is required" : $"must be a string, not {Describe(node)}");
            return null;
        }

        private static string Describe(JsonNode? node) => node switch
        {
            null => "null",
            JsonObject => "an object",
            JsonArray => "an array",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                _ => "null",
            },
            _ => "something else",
        };

        private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
    }
}
