using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Qonduit.Server.Problems;

namespace Qonduit.Server.OpenApi;

/// <summary>
/// Every error response of every operation is documented with one schema, <see cref="SchemaName"/>: the problem
/// details the server writes (docs/hostile-input.md), with `code`, `origin`, `correlationId` and `timestamp`. Besides
/// the domain refusals an endpoint declares (`ProducesProblem`), each operation lists the refusals every request can
/// meet: a request past the limits (414, 431), an unreadable parameter or body (400), an oversized or non-JSON body
/// (413, 415) and an internal error (500).
/// </summary>
internal sealed class ErrorResponses : IOpenApiOperationTransformer
{
    public const string SchemaName = "Problem";
    public const string ContentType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
            Add(operation, StatusCodes.Status400BadRequest, "a parameter or the body is malformed or does not fit (`request.invalid` and the operation's own codes)");
        if (operation.RequestBody is not null)
        {
            Add(operation, StatusCodes.Status413PayloadTooLarge, "the body is over the server's limit");
            Add(operation, StatusCodes.Status415UnsupportedMediaType, "the body is not sent as `application/json` (`request.unsupported-media-type`)");
        }
        Add(operation, StatusCodes.Status414UriTooLong, $"the request target is over the server's limit (`{ErrorCodes.Http.UriTooLong}`)");
        Add(operation, StatusCodes.Status431RequestHeaderFieldsTooLarge, $"the headers are over the server's limits (`{ErrorCodes.Http.HeadersTooLarge}`)");
        Add(operation, StatusCodes.Status500InternalServerError, "an internal error; the server log has the correlation id (`internal.error`)");

        var problem = Schema(context.Document!);
        var responses = operation.Responses!;
        foreach (var (status, response) in responses.Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400))
        {
            if (response is not OpenApiResponse concrete) continue;
            concrete.Content = new Dictionary<string, OpenApiMediaType> { [ContentType] = new() { Schema = problem } };
            if (string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrase(status))
                concrete.Description = ReasonPhrase(status);
        }
        // In status order, however they were declared, so the document reads (and diffs) predictably.
        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (status, response) in sorted) responses[status] = response;
        return Task.CompletedTask;
    }

    /// <summary>Adds a documented refusal unless the endpoint already declares that status.</summary>
    public static void Add(OpenApiOperation operation, int status, string description)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse { Description = description });
    }

    private static string ReasonPhrase(string status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));

    private static OpenApiSchemaReference Schema(OpenApiDocument document)
    {
        if (document.Components?.Schemas?.ContainsKey(SchemaName) != true)
        {
            document.AddComponent<IOpenApiSchema>(SchemaName, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details. Members beyond these carry the refusal's particulars (e.g. `violations`, `state`, `retryAfterSeconds`).",
                Required = new HashSet<string> { "status", "code", "origin", "correlationId", "timestamp" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "what went wrong, for a person" },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "the request path" },
                    ["code"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Pattern = "^[a-z]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+$",
                        Description = "stable, dotted `area.what-went-wrong`; match on this, not on the text",
                    },
                    ["origin"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = [.. Origins.All.Order(StringComparer.Ordinal).Select(o => (JsonNode)o)],
                        Description = "who the problem is attributed to",
                    },
                    ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "also in the X-Correlation-Id response header and the server log" },
                    ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                },
                AdditionalPropertiesAllowed = true,
            });
        }
        return new OpenApiSchemaReference(SchemaName, document);
    }
}
