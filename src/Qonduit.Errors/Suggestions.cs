namespace Qonduit.Errors;

/// <summary>
/// "Did you mean" for an unknown name (a device, a gate, a verb): the known names within <see cref="MaxDistance"/> edits
/// (insert, delete, substitute, swap two adjacent characters), closest first, then alphabetically, at most
/// <see cref="MaxSuggestions"/>. Case is ignored, so `IBM_FEZ` finds `ibm_fez`. Bounded: a name longer than
/// <see cref="MaxNameLength"/> gets no suggestion, and a candidate whose length alone rules it out costs nothing.
/// </summary>
public static class Suggestions
{
    public const int MaxDistance = 2;

    public const int MaxSuggestions = 3;

    public const int MaxNameLength = 100;

    public static IReadOnlyList<string> For(string name, IEnumerable<string> known)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength) return [];
        var wanted = name.ToLowerInvariant();
        var found = new List<(string Name, int Distance)>();
        foreach (var candidate in known.Distinct(StringComparer.Ordinal))
        {
            if (candidate.Length > MaxNameLength || Math.Abs(candidate.Length - wanted.Length) > MaxDistance) continue;
            var distance = Distance(wanted, candidate.ToLowerInvariant());
            if (distance <= MaxDistance && !string.Equals(candidate, name, StringComparison.Ordinal)) found.Add((candidate, distance));
        }
        return [.. found.OrderBy(f => f.Distance).ThenBy(f => f.Name, StringComparer.Ordinal).Take(MaxSuggestions).Select(f => f.Name)];
    }

    /// <summary>The sentence a message ends with: ` (did you mean: ibm_fez?)`, or nothing when there is no suggestion.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? "" : $" (did you mean: {string.Join(", ", suggestions)}?)";

    /// <summary>Optimal string alignment distance: Levenshtein plus the swap of two adjacent characters as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = Math.Min(best, before[j - 2] + 1);
                current[j] = best;
            }
            (before, previous, current) = (previous, current, before);
        }
        return previous[b.Length];
    }
}
