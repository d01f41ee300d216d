namespace Qonduit.Qrmi.Config;

/// <summary>
/// One resource of qrmi_config.json after the user's overrides: <see cref="Environment"/> maps the resource's
/// own keys (`QRMI_QONDUIT_URL`, ...) without the `{name}_` prefix they carry in the process environment.
/// </summary>
public sealed record ResourceDefinition(string Name, string Type, IReadOnlyDictionary<string, string> Environment)
{
    public string? Get(string key) => Environment.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public string Require(string key) =>
        Get(key) ?? throw new QrmiConfigException(
            $"resource '{Name}' ({Type}) needs '{key}' in its qrmi_config.json environment or '{Name}_{key}' in the process environment");

    public int GetInt(string key, int fallback)
    {
        var text = Get(key);
        if (text is null) return fallback;
        return int.TryParse(text, out var value) && value >= 0
            ? value
            : throw new QrmiConfigException($"resource '{Name}': '{key}' must be a non-negative integer, not '{text}'");
    }

    /// <summary>The variables a job gets for this resource: every key with the `{name}_` prefix.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToJobVariables() =>
        Environment.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => KeyValuePair.Create($"{Name}_{e.Key}", e.Value));
}
