using System.Globalization;
using System.Text.RegularExpressions;

namespace Qonduit.Qrmi.Provider;

/// <summary>
/// An attribute filter such as <c>num_qubits&gt;=27&amp;status=online&amp;name=ibm_*</c>: conditions joined by
/// <c>&amp;</c>, each <c>attribute op value</c> with op one of <c>= != &gt;= &lt;= &gt; &lt;</c>. Numbers compare as
/// numbers; <c>=</c> and <c>!=</c> on text accept <c>*</c> and <c>?</c> wildcards. A condition on an attribute the
/// resource cannot report (an unreachable one has no num_qubits) does not match.
/// </summary>
public sealed partial class ResourceFilter
{
    private readonly IReadOnlyList<Condition> _conditions;

    private ResourceFilter(IReadOnlyList<Condition> conditions) => _conditions = conditions;

    public static ResourceFilter All { get; } = new([]);

    public string Text => string.Join("&", _conditions.Select(c => $"{c.Attribute}{c.Op}{c.Value}"));

    public static ResourceFilter Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return All;
        var conditions = new List<Condition>();
        foreach (var part in text.Split('&', StringSplitOptions.TrimEntries))
        {
            var match = ConditionPattern().Match(part);
            if (!match.Success)
                throw new FilterSyntaxException($"filter condition '{part}' is not 'attribute op value' (ops: = != >= <= > <)");
            var attribute = match.Groups[1].Value;
            if (!ResourceAttributes.Known.Contains(attribute))
                throw new FilterSyntaxException(
                    $"filter attribute '{attribute}' is unknown (known: {string.Join(", ", ResourceAttributes.Known)})");
            var op = match.Groups[2].Value;
            var value = match.Groups[3].Value.Trim();
            if (op is not ("=" or "!=") && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw new FilterSyntaxException($"filter condition '{part}': '{op}' compares numbers, and '{value}' is not one");
            conditions.Add(new Condition(attribute, op, value));
        }
        return new ResourceFilter(conditions);
    }

    public bool Matches(IReadOnlyDictionary<string, string> attributes) =>
        _conditions.All(c => attributes.TryGetValue(c.Attribute, out var actual) && c.Holds(actual));

    private sealed record Condition(string Attribute, string Op, string Value)
    {
        public bool Holds(string actual)
        {
            var numeric = double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                & double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
            return Op switch
            {
                "=" => numeric ? a == b : Glob(Value).IsMatch(actual),
                "!=" => numeric ? a != b : !Glob(Value).IsMatch(actual),
                ">=" => numeric && a >= b,
                "<=" => numeric && a <= b,
                ">" => numeric && a > b,
                _ => numeric && a < b,
            };
        }

        private static Regex Glob(string pattern) =>
            new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"^([a-z_0-9]+)\s*(!=|>=|<=|=|>|<)\s*(.+)$")]
    private static partial Regex ConditionPattern();
}
