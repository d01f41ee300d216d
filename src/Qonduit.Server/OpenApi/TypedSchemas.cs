using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Qonduit.Server.OpenApi;

/// <summary>Schema corrections so that a generated client gets types, not strings or opaque objects.</summary>
internal sealed class TypedSchemas : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    /// <summary>
    /// The server reads numbers given as strings (the web defaults), which the schema generator writes as
    /// "integer or string matching a pattern"; the server always writes numbers, and that is the contract.
    /// </summary>
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            // The generator writes an optional enum as an enum with a null member, and an optional object as
            // "one of null or it"; OpenAPI 3.0 says both with `nullable` on the property.
            schema.Enum?.Remove(schema.Enum.FirstOrDefault(v => v is null)!);
            // Enums travel as their names; without a type, generators take them for numbers.
            if (schema.Enum is { Count: > 0 } && schema.Type is null) schema.Type = JsonSchemaType.String;
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (NullOr(property) is { } target) schema.Properties![name] = Nullable(target);
            }
        }
        // An optional body is said by the request body's `required: false`, not by its schema.
        foreach (var body in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).Select(o => o.RequestBody).OfType<OpenApiRequestBody>())
        {
            foreach (var media in body.Content?.Values.OfType<OpenApiMediaType>() ?? [])
            {
                if (NullOr(media.Schema) is { } target) media.Schema = target;
            }
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchemaReference? NullOr(IOpenApiSchema? schema) =>
        schema is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, OpenApiSchemaReference target] } ? target : null;

    private static OpenApiSchema Nullable(OpenApiSchemaReference target) => new() { Type = JsonSchemaType.Null, AllOf = [target] };
}
