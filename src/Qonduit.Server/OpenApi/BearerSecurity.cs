using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Qonduit.Server.Auth;

namespace Qonduit.Server.OpenApi;

/// <summary>
/// Declares the API key as an HTTP Bearer scheme and applies it to each operation that needs a key, with the
/// refusals that follow from it: 401 without a valid key, 403 when the key's role may not call the operation.
/// </summary>
internal sealed class BearerSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key from `qonduit keys create`, sent as `Authorization: Bearer <key>`. Its role (user, agent, admin) decides the operations it may call.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        ErrorResponses.Add(operation, StatusCodes.Status401Unauthorized, "no key, or a malformed, unknown or revoked one (`auth.missing-key`, `auth.malformed-header`, `auth.invalid-key`, `auth.revoked-key`)");
        // A policy narrower than "any valid key" refuses the other roles.
        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null && a.Policy != AuthSetup.Anyone))
            ErrorResponses.Add(operation, StatusCodes.Status403Forbidden, "the key's role may not call this operation (`auth.forbidden`)");
        // User keys are rate limited (agents and admins are not).
        if (!metadata.OfType<IAuthorizeData>().Any(a => a.Policy is AuthSetup.Agents or AuthSetup.Admins))
            ErrorResponses.Add(operation, StatusCodes.Status429TooManyRequests, "the user key is past its request rate (`limits.rate`, with Retry-After)");
        return Task.CompletedTask;
    }
}
