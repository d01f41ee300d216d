using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Qonduit.Server.Tasks;

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

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components!.Schemas!;
        // A task's result travels as the agent's JSON object; the document describes it as the runner writes it.
        var result = await Component<TaskResultDocument>(document, context, cancellationToken).ConfigureAwait(false);
        var transpilation = await Component<ResultTranspilation>(document, context, cancellationToken).ConfigureAwait(false);
        var size = await Component<ResultSize>(document, context, cancellationToken).ConfigureAwait(false);
        Property(schemas, nameof(TaskResultDocument), "circuit", await Component<ResultCircuit>(document, context, cancellationToken).ConfigureAwait(false));
        Property(schemas, nameof(TaskResultDocument), "timings", await Component<ResultTimings>(document, context, cancellationToken).ConfigureAwait(false));
        Property(schemas, nameof(TaskResultDocument), "transpilation", Nullable(transpilation));
        Property(schemas, nameof(ResultTranspilation), "before", size);
        Property(schemas, nameof(ResultTranspilation), "after", size);
        Property(schemas, nameof(TaskResultView), "result", Nullable(result));
        Property(schemas, nameof(ReportCompletedRequest), "result", result);

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
    }

    private static OpenApiSchemaReference? NullOr(IOpenApiSchema? schema) =>
        schema is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, OpenApiSchemaReference target] } ? target : null;

    private static async Task<OpenApiSchemaReference> Component<T>(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(T), cancellationToken: cancellationToken).ConfigureAwait(false);
        document.AddComponent(typeof(T).Name, schema);
        return new OpenApiSchemaReference(typeof(T).Name, document);
    }

    private static OpenApiSchema Nullable(OpenApiSchemaReference target) => new() { Type = JsonSchemaType.Null, AllOf = [target] };

    private static void Property(IDictionary<string, IOpenApiSchema> schemas, string owner, string property, IOpenApiSchema schema) =>
        ((OpenApiSchema)schemas[owner]).Properties![property] = schema;
}
