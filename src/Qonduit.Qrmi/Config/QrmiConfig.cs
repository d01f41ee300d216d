using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qonduit.Qrmi.Config;

/// <summary>
/// qrmi_config.json in QRMI's shape: <c>{"resources": [{"name", "type", "environment": {...}}]}</c>. A user's own
/// <c>{name}_QRMI_*</c> environment variables override (or add to) the file's <c>environment</c> entries, as in QRMI.
/// </summary>
public sealed partial class QrmiConfig
{
    /// <summary>Where the CLI looks when no `--config` is given and `QRMI_CONFIG` is unset.</summary>
    public const string DefaultPath = "/etc/slurm/qrmi_config.json";

    public const string PathVariable = "QRMI_CONFIG";

    private readonly Dictionary<string, ResourceDefinition> _byName;

    private QrmiConfig(IReadOnlyList<ResourceDefinition> resources)
    {
        Resources = resources;
        _byName = resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ResourceDefinition> Resources { get; }

    public ResourceDefinition Get(string name) =>
        _byName.TryGetValue(name, out var resource) ? resource : throw new ResourceNotFoundException(name, _byName.Keys);

    public bool TryGet(string name, out ResourceDefinition resource) => _byName.TryGetValue(name, out resource!);

    public static QrmiConfig Load(string path, IReadOnlyDictionary<string, string> environment)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QrmiConfigException($"cannot read {path}: {e.Message}", e);
        }
        return Parse(json, environment, path);
    }

    public static QrmiConfig Parse(string json, IReadOnlyDictionary<string, string> environment, string source = "qrmi_config.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new QrmiConfigException($"{source} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("resources", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new QrmiConfigException($"{source}: expected an object with a \"resources\" array");
            var resources = new List<ResourceDefinition>();
            foreach (var entry in list.EnumerateArray())
            {
                var resource = ReadResource(entry, environment, source);
                if (resources.Any(r => r.Name == resource.Name))
                    throw new QrmiConfigException($"{source}: resource '{resource.Name}' is defined twice");
                resources.Add(resource);
            }
            return new QrmiConfig(resources);
        }
    }

    /// <summary>A configuration built from definitions already resolved (the job environment's).</summary>
    public static QrmiConfig Of(IReadOnlyList<ResourceDefinition> resources) => new(resources);

    /// <summary>The user's <c>{name}_QRMI_*</c> variables, keyed without the prefix.</summary>
    public static Dictionary<string, string> UserOverrides(string name, IReadOnlyDictionary<string, string> environment)
    {
        var prefix = name + "_";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in environment)
            if (key.StartsWith(prefix + "QRMI_", StringComparison.Ordinal))
                result[key[prefix.Length..]] = value;
        return result;
    }

    internal static void ValidateName(string name, string source)
    {
        if (!NamePattern().IsMatch(name))
            throw new QrmiConfigException(
                $"{source}: resource name '{name}' must be letters, digits and '_' (it prefixes environment variables)");
    }

    internal static void ValidateType(string name, string type, string source)
    {
        if (!ResourceTypes.All.Contains(type))
            throw new QrmiConfigException(
                $"{source}: resource '{name}' has unknown type '{type}' (known: {string.Join(", ", ResourceTypes.All)})");
    }

    private static ResourceDefinition ReadResource(JsonElement entry, IReadOnlyDictionary<string, string> environment, string source)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw new QrmiConfigException($"{source}: every resource must be an object with name, type and environment");
        var name = RequiredString(entry, "name", source, "?");
        ValidateName(name, source);
        var type = RequiredString(entry, "type", source, name);
        ValidateType(name, type, source);
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.TryGetProperty("environment", out var env))
        {
            if (env.ValueKind != JsonValueKind.Object)
                throw new QrmiConfigException($"{source}: resource '{name}': \"environment\" must be an object of strings");
            foreach (var property in env.EnumerateObject())
                merged[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => throw new QrmiConfigException($"{source}: resource '{name}': environment value '{property.Name}' must be a string"),
                };
        }
        foreach (var (key, value) in UserOverrides(name, environment)) merged[key] = value;
        return new ResourceDefinition(name, type, merged);
    }

    private static string RequiredString(JsonElement entry, string property, string source, string resource)
    {
        if (entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            return text;
        throw new QrmiConfigException($"{source}: resource '{resource}' needs a non-empty string \"{property}\"");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
