using System.Text.RegularExpressions;

namespace Qonduit.Placement.Indices;

/// <summary>What an index's values are (LSF `lsf.shared` Resource section TYPE).</summary>
public enum IndexType
{
    Numeric,
    Boolean,
    String,
}

/// <summary>
/// A declared load index (LSF `lsf.shared`): values of undeclared names are refused. <see cref="Increasing"/> true means
/// larger is more loaded, so order[] sorts it ascending; <see cref="Consumable"/> lets rusage[] reserve it.
/// </summary>
public sealed partial record IndexDeclaration
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public IndexDeclaration(string name, IndexType type, TimeSpan? interval = null, bool increasing = true, bool consumable = false,
        string? unit = null, string? description = null)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"'{name}' is not an index name: [A-Za-z_][A-Za-z0-9_]{{0,38}}", nameof(name));
        var every = interval ?? DefaultInterval;
        if (every < MinimumInterval)
            throw new ArgumentOutOfRangeException(nameof(interval), every, "an index is reported at most once a second");
        if (consumable && type != IndexType.Numeric)
            throw new ArgumentException($"'{name}': only a numeric index can be consumable", nameof(consumable));
        (Name, Type, Interval, Increasing, Consumable, Unit, Description) = (name, type, every, increasing, consumable, unit, description);
    }

    public string Name { get; }

    public IndexType Type { get; }

    /// <summary>How often the reporter sends it; staleness counts in these (<see cref="Staleness"/>).</summary>
    public TimeSpan Interval { get; }

    public bool Increasing { get; }

    public bool Consumable { get; }

    public string? Unit { get; }

    public string? Description { get; }

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,38}$")]
    private static partial Regex NamePattern();
}
