using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Server.Oversight;

/// <summary><c>/transparency</c> and <c>/transparency.json</c>: public, no sign-in.</summary>
internal static class TransparencyEndpoints
{
    public static void MapTransparencyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/transparency.json", async Task<Ok<TransparencyReport>> (TransparencyService transparency, CancellationToken ct) =>
                TypedResults.Ok(await transparency.GetAsync(ct).ConfigureAwait(false)))
            .WithTags("Transparency").WithName("GetTransparencyReport")
            .WithSummary("The public report: camera registry, monthly figures of use, signed audit checkpoints and the key to check them.")
            .AllowAnonymous();
        app.MapGet("/transparency", async (TransparencyService transparency, CancellationToken ct) =>
                Results.Content(TransparencyPage.Render(await transparency.GetAsync(ct).ConfigureAwait(false)), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
    }
}
