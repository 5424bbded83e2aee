using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigil.Server.Tests.Hosting;

/// <summary>Every operation the API description lists, and a request for each with plausible ids (that match nothing) and an empty JSON body.</summary>
internal static class OpenApiOperations
{
    public static async Task<List<(string Id, string Method, string Path)>> ReadAsync(HttpClient signedIn)
    {
        JsonElement document = await signedIn.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new List<(string, string, string)>();
        foreach (JsonProperty path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject())
            {
                string id = operation.Value.TryGetProperty("operationId", out JsonElement name) ? name.GetString()! : $"(no operationId) {operation.Name} {path.Name}";
                operations.Add((id, operation.Name.ToUpperInvariant(), path.Name));
            }
        }

        return operations;
    }

    public static HttpRequestMessage Request(string method, string template, string cameraId)
    {
        string path = template
            .Replace("/api/cameras/{id}", $"/api/cameras/{cameraId}", StringComparison.Ordinal)
            .Replace("{id}", "0123456789abcdef0123456789abcdef", StringComparison.Ordinal)
            .Replace("{tokenId}", "fedcba9876543210fedcba9876543210", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
