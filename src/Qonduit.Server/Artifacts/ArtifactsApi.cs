using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Qonduit.Contracts.Artifacts;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;
using Qonduit.Storage.Artifacts;

namespace Qonduit.Server.Artifacts;

/// <summary>
/// Artifacts over HTTP (docs/architecture.md "Artifacts"): users and admins store raw bytes and read them back by digest.
/// An artifact is its owner's: another tenant's is a 404, as if it did not exist; an admin reads any owner's.
/// </summary>
public static class ArtifactsApi
{
    private const int MaxMediaTypeLength = 255;
    private const int MaxProducerNameLength = 200;

    /// <summary>The in-memory store unless a host registered another (`qonduit serve`: <see cref="AddFileArtifactStore"/>), and retention.</summary>
    public static IServiceCollection AddArtifacts(this IServiceCollection services)
    {
        services.TryAddSingleton<IArtifactStore>(sp => new InMemoryArtifactStore(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ServerOptions>>().Value.Artifacts.MaxBytes));
        return services.AddHostedService<ArtifactRetentionService>();
    }

    /// <summary>Artifacts as files under <see cref="ArtifactOptions.Directory"/>, else <paramref name="defaultRoot"/>.</summary>
    public static IServiceCollection AddFileArtifactStore(this IServiceCollection services, string defaultRoot)
    {
        services.RemoveAll<IArtifactStore>();
        services.AddSingleton<IArtifactStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ServerOptions>>().Value.Artifacts;
            return new FileArtifactStore(options.Directory ?? defaultRoot, sp.GetRequiredService<TimeProvider>(), options.MaxBytes);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapArtifacts(this IEndpointRouteBuilder app)
    {
        var artifacts = app.MapGroup("/v1/artifacts").RequireAuthorization(AuthSetup.Submitters).WithTags("Artifacts");
        artifacts.MapPost("", Put).WithName("putArtifact")
            .WithSummary("store the raw body as an artifact; Content-Type is its media type; run, node, attempt name its producer; the same bytes again return the same record")
            .AddOpenApiOperationTransformer(RawBody).ProducesProblem(400).ProducesProblem(413);
        artifacts.MapGet("/{digest}", Content).WithName("getArtifact")
            .WithSummary("the artifact's bytes, with its media type as Content-Type and its digest as ETag")
            .Produces<Stream>(200, "application/octet-stream").ProducesProblem(400).ProducesProblem(404);
        artifacts.MapGet("/{digest}/meta", Meta).WithName("getArtifactMeta").WithSummary("the artifact's record").ProducesProblem(400).ProducesProblem(404);
        artifacts.MapGet("", List).WithName("listArtifacts").WithSummary("the caller's artifacts in digest order, optionally only those a run produced")
            .ProducesProblem(400);
        return app;
    }

    private static async Task<Created<ArtifactView>> Put(HttpContext context, IArtifactStore store, string? run, string? node, int? attempt)
    {
        var mediaType = MediaType(context.Request.ContentType);
        var producer = Producer(run, node, attempt);
        if (context.Request.ContentLength > store.MaxBytes) throw TooLarge(store.MaxBytes);
        // The store stops at the first byte past its limit; the web server's own limit (30 MB by default) is moved just above
        // it, so a larger limit is possible and the refusal is ours, a problem with a code, not the web server's empty 413.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = store.MaxBytes + 1;
        try
        {
            var stored = await store.PutAsync(Caller.From(context.User).User, context.Request.Body, mediaType, producer, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/v1/artifacts/{stored.Digest}", ArtifactViews.From(stored));
        }
        catch (ArtifactTooLargeException e)
        {
            throw TooLarge(e.Limit);
        }
    }

    private static async Task<IResult> Content(string digest, HttpContext context, IArtifactStore store)
    {
        var opened = await store.OpenAsync(Caller.From(context.User).TenantScope, Valid(digest), context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(digest);
        // The content never changes under its digest, so the digest is a strong validator: If-None-Match answers 304.
        return TypedResults.Stream(opened.Content, opened.Record.MediaType, entityTag: new EntityTagHeaderValue($"\"{opened.Record.Digest}\""));
    }

    private static Ok<ArtifactView> Meta(string digest, HttpContext context, IArtifactStore store) =>
        TypedResults.Ok(ArtifactViews.From(store.Get(Caller.From(context.User).TenantScope, Valid(digest)) ?? throw NotFound(digest)));

    private static Ok<ArtifactPage> List(HttpContext context, IArtifactStore store, string? run, string? cursor, int? limit)
    {
        if (cursor is not null && !ArtifactDigest.IsValid(cursor))
            throw ControlPlaneException.BadRequest(ErrorCodes.Artifact.InvalidCursor, $"'{cursor}' is not a cursor from a previous page");
        var size = limit ?? 100;
        if (size is < 1 or > ArtifactQuery.MaxLimit)
            throw ControlPlaneException.BadRequest(ErrorCodes.Artifact.InvalidLimit, $"limit must be 1..{ArtifactQuery.MaxLimit}");
        var page = store.List(new ArtifactQuery(Caller.From(context.User).User, run, cursor, size));
        return TypedResults.Ok(new ArtifactPage([.. page.Items.Select(ArtifactViews.From)], page.Next));
    }

    // Described, not declared with Accepts: routing would then refuse every media type but the declared ones with a 415.
    private static Task RawBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "the artifact's bytes; Content-Type is its media type",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["*/*"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        return Task.CompletedTask;
    }

    private static string Valid(string digest) => ArtifactDigest.IsValid(digest) ? digest
        : throw ControlPlaneException.BadRequest(ErrorCodes.Artifact.InvalidDigest, $"'{digest}' is not an artifact digest (sha256: and 64 lowercase hex digits)");

    private static string MediaType(string? contentType)
    {
        // A concrete type/subtype: a wildcard or a bare word would be served back as a Content-Type no client can act on.
        if (contentType is not { Length: > 0 and <= MaxMediaTypeLength } || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || parsed.MatchesAllTypes || parsed.MatchesAllSubTypes || parsed.SubType.Length == 0)
        {
            throw ControlPlaneException.BadRequest(ErrorCodes.Artifact.InvalidMediaType,
                $"send the artifact's media type as Content-Type (e.g. application/json), at most {MaxMediaTypeLength} characters");
        }
        return parsed.ToString();
    }

    private static ArtifactProducer? Producer(string? run, string? node, int? attempt)
    {
        if (run?.Length > MaxProducerNameLength || node?.Length > MaxProducerNameLength || attempt < 0)
        {
            throw ControlPlaneException.BadRequest(ErrorCodes.Artifact.InvalidProducer,
                $"run and node are at most {MaxProducerNameLength} characters and attempt is not negative");
        }
        return run is null && node is null && attempt is null ? null : new ArtifactProducer(run, node, attempt);
    }

    private static ControlPlaneException NotFound(string digest) => ControlPlaneException.NotFound(ErrorCodes.Artifact.NotFound, $"no artifact {digest}");

    private static ControlPlaneException TooLarge(long limit) =>
        ControlPlaneException.TooLarge(ErrorCodes.Artifact.TooLarge, $"an artifact is at most {limit} bytes");
}
