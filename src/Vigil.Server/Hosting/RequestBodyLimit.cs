using Microsoft.AspNetCore.Http.Metadata;

namespace Vigil.Server.Hosting;

/// <summary>An endpoint's own body limit, above the server's <see cref="ServerOptions.MaxRequestBodyBytes"/> (e.g. an EIDO import).</summary>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
