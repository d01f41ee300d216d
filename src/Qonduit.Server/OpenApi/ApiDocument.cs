using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Qonduit.Server.OpenApi;

/// <summary>
/// The API as a contract: the OpenAPI document at <see cref="DocumentPath"/> and its reference page at
/// <see cref="ReferencePath"/>, both without a key (they describe the API; they hold no data). The document is checked
/// in as docs/openapi.json and a test keeps the two equal, so it is written deterministically: no server URL.
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // 3.0 rather than 3.1: client generators (NSwag among them) read its nullability reliably.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Qonduit control plane",
                    Version = "v1",
                    Description = "Submit OpenQASM circuits to quantum devices, follow them and read their results. " +
                        "Every operation but the health check needs `Authorization: Bearer <api key>`; every error is " +
                        "`application/problem+json` with a stable `code`.",
                };
                // The reference page and generated clients call the server they were loaded from.
                document.Servers = [];
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecurity>();
            options.AddOperationTransformer<BearerSecurity>();
            options.AddOperationTransformer<ErrorResponses>();
            options.AddSchemaTransformer<TypedSchemas>();
            options.AddDocumentTransformer<TypedSchemas>();
        });

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options =>
        {
            // Served from the package's embedded bundle, with no font, proxy, telemetry or assistant calls out, so
            // the page works on a host without internet access.
            options.WithOpenApiRoutePattern(DocumentPath)
                .WithTitle("Qonduit API reference")
                .AddPreferredSecuritySchemes(BearerSecurity.SchemeName)
                .ExpandAllTags()
                .ShowOperationId()
                .HideDeveloperTools()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp();
        }).AllowAnonymous();
        return app;
    }
}
