using System.Text.Json.Nodes;

namespace Qonduit.Bench.Fuzz;

/// <summary>
/// Request bodies: a plausible document generated from the operation's schema (domain values where the member's
/// name says what it holds), then a few mutations of members or of the whole document's text.
/// </summary>
public static class JsonMutator
{
    private static readonly Func<Random, JsonNode?>[] Oddities =
    [
        _ => null, _ => "", _ => -1, _ => 0, _ => int.MaxValue, _ => long.MinValue, _ => double.MaxValue, _ => true,
        _ => new JsonArray(), _ => new JsonObject(), r => new string('x', r.Next(1_000, 300_000)), _ => "\u0000\ud800",
        _ => "../../etc/passwd", r => Nest(r.Next(10, 60)), _ => "2147483648", _ => 1.5,
    ];

    /// <summary>The body's text, or null to send none.</summary>
    public static string? Next(FuzzOperation operation, FuzzContext context, Random random)
    {
        if (operation.Body is null && random.Next(10) > 0) return null;
        var document = Generate(operation.Body, "", context, random, depth: 0);
        var edits = random.Next(2) == 0 ? 0 : random.Next(1, 3);
        for (var i = 0; i < edits && document is JsonObject o; i++) Mutate(o, random);
        var text = document?.ToJsonString() ?? "null";
        return random.Next(24) switch
        {
            0 => text[..random.Next(text.Length + 1)],
            1 => random.Next(3) switch { 0 => "", 1 => "[]", _ => "not json" },
            2 => text.Replace("\"", "'", StringComparison.Ordinal),
            3 => $"{{\"a\":{new string('[', random.Next(60, 5_000))}",
            _ => text,
        };
    }

    private static JsonNode? Generate(JsonNode? schema, string name, FuzzContext context, Random random, int depth)
    {
        if (context.TryValue(name, random, out var known)) return known;
        if (schema is null || depth > 6) return null;
        var types = Types(schema);
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var result = new JsonObject();
            var required = schema["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (member, memberSchema) in schema["properties"]?.AsObject() ?? [])
            {
                // Required members nearly always, optional ones now and then, so most documents pass the shape checks.
                if (random.Next(20) < (required.Contains(member) ? 19 : 5)) result[member] = Generate(memberSchema, member, context, random, depth + 1);
            }
            return result;
        }
        if (types.Contains("array")) return new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Generate(schema["items"], name, context, random, depth + 1))]);
        if (types.Contains("integer")) return random.Next(4) == 0 ? random.Next(-5, 5) : random.Next(1, 2000);
        if (types.Contains("number")) return random.NextDouble() * 10;
        if (types.Contains("boolean")) return random.Next(2) == 0;
        if (types.Contains("string")) return schema["format"]?.GetValue<string>() == "uuid" ? context.TaskId(random).ToString() : "fuzz";
        return null;
    }

    private static void Mutate(JsonObject document, Random random)
    {
        var members = document.Select(p => p.Key).ToList();
        switch (random.Next(4))
        {
            case 0 when members.Count > 0:
                document.Remove(members[random.Next(members.Count)]);
                break;
            case 1 when members.Count > 0:
                document[members[random.Next(members.Count)]] = Oddities[random.Next(Oddities.Length)](random);
                break;
            case 2:
                document["unexpected" + random.Next(10)] = Oddities[random.Next(Oddities.Length)](random);
                break;
            default:
                if (members.Count > 0) document[members[random.Next(members.Count)]] = new JsonArray(Oddities[random.Next(Oddities.Length)](random));
                break;
        }
    }

    private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    /// <summary>Below the writer's own depth limit; deeper documents are made as text.</summary>
    private static JsonNode Nest(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }
}
