using System.Globalization;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Cli.Results;

/// <summary>
/// What a person reads of a result's outcomes (`tasks result`, `submit --wait`, `run`): the most frequent first (count
/// descending, then bitstring), the first <c>top</c> of them (all when null), a line for the rest, a summary (shots,
/// distinct outcomes, simulations) and the registers left out because no measurement writes them (they read all zeros,
/// so leaving them out merges nothing). Pure: JSON output stays complete and does not come here.
/// </summary>
public sealed record CountsView(
    IReadOnlyList<CountsView.Row> Rows,
    int Distinct,
    double HiddenWeight,
    string Summary,
    IReadOnlyList<string> Omitted,
    bool Exact)
{
    public const int DefaultTop = 16;

    /// <summary>An outcome and its count (or, exact, its probability).</summary>
    public sealed record Row(string Outcome, double Weight);

    public int Hidden => Distinct - Rows.Count;

    /// <summary>Sampled counts.</summary>
    /// <param name="registers">The result's classical registers (<see cref="RunResult.Registers"/>); null keeps every key whole.</param>
    public static CountsView Of(IReadOnlyDictionary<string, int> counts, int shots, int simulations, IReadOnlyList<ClassicalRegisterShape>? registers, int? top)
    {
        var keys = new KeyLayout(registers);
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            var shown = keys.Reduce(key);
            merged[shown] = merged.GetValueOrDefault(shown) + count;
        }
        var ordered = merged.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var rows = ordered.Take(top ?? int.MaxValue).Select(c => new Row(c.Key, c.Value)).ToList();
        var summary = $"{Number(shots)} shot{Plural(shots)}, {Number(ordered.Count)} distinct outcome{Plural(ordered.Count)}, {Number(simulations)} simulation{Plural(simulations)}";
        return new(rows, ordered.Count, ordered.Skip(rows.Count).Sum(c => c.Value), summary, keys.Omitted, Exact: false);
    }

    /// <summary>
    /// Exact probabilities, the most probable first: <paramref name="probabilities"/> holds one more than
    /// <paramref name="top"/> when there are more outcomes (the simulator was asked for top + 1), so the rest is known to exist.
    /// </summary>
    public static CountsView OfProbabilities(IReadOnlyList<(string Outcome, double Probability)> probabilities, IReadOnlyList<ClassicalRegisterShape>? registers, int? top)
    {
        var keys = new KeyLayout(registers);
        var shown = probabilities.OrderByDescending(p => p.Probability).ThenBy(p => p.Outcome, StringComparer.Ordinal)
            .Take(top ?? int.MaxValue).Select(p => new Row(keys.Reduce(p.Outcome), p.Probability)).ToList();
        var more = probabilities.Count > shown.Count;
        var hidden = more ? Math.Max(0, 1 - shown.Sum(r => r.Weight)) : 0;
        var summary = more
            ? $"exact probabilities: the {Number(shown.Count)} most probable outcome{Plural(shown.Count)}"
            : $"exact probabilities: {Number(shown.Count)} outcome{Plural(shown.Count)} with nonzero probability";
        return new(shown, more ? shown.Count + 1 : shown.Count, hidden, summary, keys.Omitted, Exact: true);
    }

    /// <summary>`… 1,012 more outcomes (1,014 shots); --all lists them`, or null when every outcome is shown.</summary>
    public string? More => Hidden <= 0 ? null
        : Exact ? $"… more outcomes with probability {HiddenWeight.ToString("G6", CultureInfo.InvariantCulture)} in all; --all lists them"
        : $"… {Number(Hidden)} more outcome{Plural(Hidden)} ({Number((long)HiddenWeight)} shot{Plural((long)HiddenWeight)}); --all lists them";

    /// <summary>`left out, never measured: register flags (3 bits)`, or null.</summary>
    public string? OmittedLine => Omitted.Count == 0 ? null : $"left out, never measured: {string.Join(", ", Omitted)}";

    /// <summary>The plain-text listing: one `outcome  weight` line per row, then the rest, the summary and what was left out.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var row in Rows) yield return $"{row.Outcome}  {Weight(row)}";
        if (More is { } more) yield return more;
        yield return Summary;
        if (OmittedLine is { } omitted) yield return omitted;
    }

    public string Weight(Row row) => Exact ? row.Weight.ToString("G15", CultureInfo.InvariantCulture) : ((long)row.Weight).ToString(CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(long n) => n == 1 ? "" : "s";

    /// <summary>
    /// A count key's parts (registers separated by a space, last declared first) and which of them to keep: every register
    /// some measurement writes. A key that does not have one part per register, or a result where no register is
    /// measured, stays whole.
    /// </summary>
    private sealed class KeyLayout
    {
        private readonly bool[]? _keep;

        public KeyLayout(IReadOnlyList<ClassicalRegisterShape>? registers)
        {
            Omitted = [];
            if (registers is null || registers.All(r => r.Measured) || !registers.Any(r => r.Measured)) return;
            _keep = [.. registers.Reverse().Select(r => r.Measured)];
            Omitted = [.. registers.Where(r => !r.Measured).Select(r => $"register {r.Name} ({r.Size} bit{Plural(r.Size)})")];
        }

        public IReadOnlyList<string> Omitted { get; }

        public string Reduce(string key)
        {
            if (_keep is null) return key;
            var parts = key.Split(' ');
            return parts.Length == _keep.Length ? string.Join(' ', parts.Where((_, i) => _keep[i])) : key;
        }
    }
}
