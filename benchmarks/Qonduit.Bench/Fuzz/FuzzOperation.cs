using System.Text.Json.Nodes;

namespace Qonduit.Bench.Fuzz;

/// <summary>One operation of the server's OpenAPI document: what the fuzzer fills in and mutates.</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonNode? Body)
{
    public string Name => $"{Method.ToUpperInvariant()} {Path}";

    /// <summary>
    /// Long polls and streams answer late by design (a claim or lease acquisition waits up to its waitMs, an event
    /// stream never ends), so the latency bound does not apply to them.
    /// </summary>
    public bool WaitsByDesign => Path is "/v1/agent/claim" or "/v1/events" || (Method == "post" && Path.EndsWith("/leases", StringComparison.Ordinal));

    /// <summary>Every operation of an OpenAPI 3 document, with request bodies resolved to their schemas.</summary>
    public static IReadOnlyList<FuzzOperation> FromOpenApi(JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray()
                    .Select(p => new FuzzParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(p["schema"], schemas)))
                    .ToList() ?? [];
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                operations.Add(new FuzzOperation(method, path, parameters, Resolve(body, schemas)));
            }
        }
        return operations;
    }

    /// <summary>Inlines `$ref`s (to a bounded depth, so a recursive schema cannot loop).</summary>
    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas, int depth = 0)
    {
        if (schema is null || depth > 8) return null;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Resolve(schemas?[reference[(reference.LastIndexOf('/') + 1)..]], schemas, depth + 1);
        var copy = schema.DeepClone();
        if (copy["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
                properties[name] = Resolve(properties[name], schemas, depth + 1);
        }
        if (copy["items"] is { } items) copy["items"] = Resolve(items, schemas, depth + 1);
        return copy;
    }
}

/// <summary>A path, query or header parameter.</summary>
public sealed record FuzzParameter(string Name, string In, JsonNode? Schema);
