using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qonduit.Placement.FairShare;

/// <summary>
/// Reads a consumer tree from JSON, `{"name", "shares"?, "pools"?: {POOL: {owned, lend?, borrow?, reclaimGraceSeconds?}},
/// "children"?: [...]}` nested, and a usage map `{"/chem/alice": 300}`; every refusal is a <see cref="ConsumerTreeException"/>
/// naming the consumer and the rule, and the sizes are bounded so a hostile file costs bounded time and memory.
/// </summary>
public static partial class ConsumerTreeJson
{
    public const int MaxDepth = 16;
    public const int MaxConsumers = 100_000;
    public const int MaxShares = 1_000_000;
    public const int MaxSlots = 1_000_000;

    public static ConsumerNode ReadTree(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2 * MaxDepth + 4 });
        }
        catch (JsonException e)
        {
            throw Invalid($"not JSON: {e.Message}");
        }
        using (document)
        {
            var count = 0;
            return Node(document.RootElement, "", 0, ref count, isRoot: true);
        }
    }

    /// <summary>Raw usage per leaf path; a path that is not a leaf of <paramref name="tree"/> is refused.</summary>
    public static IReadOnlyDictionary<string, double> ReadUsage(string json, ConsumerNode tree)
    {
        var leaves = tree.Descendants().Where(d => d.Node.IsLeaf).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, JsonElement>? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
        }
        catch (JsonException e)
        {
            throw new ConsumerTreeException(ErrorCodes.Consumer.InvalidUsage, $"not JSON of path to usage: {e.Message}");
        }
        var usage = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (path, value) in raw ?? [])
        {
            if (!leaves.Contains(path))
                throw new ConsumerTreeException(ErrorCodes.Consumer.InvalidUsage, $"'{path}' is not a leaf consumer of the tree");
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0)
                throw new ConsumerTreeException(ErrorCodes.Consumer.InvalidUsage, $"usage of '{path}' must be a non-negative number");
            usage[path] = number;
        }
        return usage;
    }

    private static ConsumerNode Node(JsonElement element, string parentPath, int depth, ref int count, bool isRoot)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Invalid($"a consumer under '{Display(parentPath)}' is not an object");
        if (++count > MaxConsumers) throw Invalid($"more than {MaxConsumers} consumers");
        if (depth > MaxDepth) throw Invalid($"deeper than {MaxDepth} levels under '{Display(parentPath)}'");
        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
        if (name is null || !NamePattern().IsMatch(name)) throw Invalid($"a consumer under '{Display(parentPath)}' has name '{name}', which must match {NamePattern()}");
        var path = isRoot ? "" : $"{parentPath}/{name}";
        var shares = Integer(element, "shares", 1, MaxShares, path);
        var pools = new Dictionary<string, PoolOwnership>(StringComparer.Ordinal);
        if (element.TryGetProperty("pools", out var poolsElement))
        {
            if (poolsElement.ValueKind != JsonValueKind.Object) throw Invalid($"'{Display(path)}': pools must be an object of pool name to ownership");
            foreach (var pool in poolsElement.EnumerateObject())
            {
                if (pool.Value.ValueKind != JsonValueKind.Object) throw Invalid($"'{Display(path)}': pool '{pool.Name}' must be an object");
                pools[pool.Name] = new PoolOwnership(
                    Integer(pool.Value, "owned", 0, MaxSlots, path),
                    pool.Value.TryGetProperty("lend", out _) ? Integer(pool.Value, "lend", 0, MaxSlots, path) : null,
                    pool.Value.TryGetProperty("borrow", out _) ? Integer(pool.Value, "borrow", 0, MaxSlots, path) : null,
                    TimeSpan.FromSeconds(Integer(pool.Value, "reclaimGraceSeconds", 0, 86_400, path)));
            }
        }
        var children = new List<ConsumerNode>();
        if (element.TryGetProperty("children", out var childrenElement))
        {
            if (childrenElement.ValueKind != JsonValueKind.Array) throw Invalid($"'{Display(path)}': children must be an array");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in childrenElement.EnumerateArray())
            {
                var node = Node(child, path, depth + 1, ref count, isRoot: false);
                if (!names.Add(node.Name)) throw Invalid($"'{Display(path)}' has two children named '{node.Name}'");
                children.Add(node);
            }
        }
        return new ConsumerNode(name, shares, children, pools);
    }

    private static int Integer(JsonElement element, string property, int fallback, int max, string path)
    {
        if (!element.TryGetProperty(property, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < 0 || number > max)
            throw Invalid($"'{Display(path)}': {property} must be an integer 0..{max}");
        return number;
    }

    private static string Display(string path) => path.Length == 0 ? "/" : path;

    private static ConsumerTreeException Invalid(string message) => new(ErrorCodes.Consumer.InvalidTree, message);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex NamePattern();
}

/// <summary>A consumer tree or usage map refused, with its registry code.</summary>
public sealed class ConsumerTreeException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
