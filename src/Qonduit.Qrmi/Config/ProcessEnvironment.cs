using System.Collections;

namespace Qonduit.Qrmi.Config;

/// <summary>A snapshot of the process environment; code takes the dictionary so tests pass their own.</summary>
public static class ProcessEnvironment
{
    public static IReadOnlyDictionary<string, string> Snapshot()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string key && entry.Value is string value) result[key] = value;
        return result;
    }
}
