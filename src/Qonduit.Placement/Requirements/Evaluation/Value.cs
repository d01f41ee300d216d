using System.Globalization;

namespace Qonduit.Placement.Requirements.Evaluation;

public enum ValueKind
{
    Number,
    String,
    Undefined,
    Error,
}

/// <summary>
/// A value of the three-valued logic (HTCondor ClassAds): a number (true is non-zero, comparisons give 1 or 0), a
/// string, UNDEFINED (a missing or stale index) or ERROR (a string in arithmetic, a division by zero).
/// </summary>
public readonly record struct Value
{
    private Value(ValueKind kind, double number, string? text) => (Kind, Number, Text) = (kind, number, text);

    public ValueKind Kind { get; }

    public double Number { get; }

    public string? Text { get; }

    public static Value Undefined { get; } = new(ValueKind.Undefined, 0, null);

    public static Value Error { get; } = new(ValueKind.Error, 0, null);

    public static Value True { get; } = new(ValueKind.Number, 1, null);

    public static Value False { get; } = new(ValueKind.Number, 0, null);

    /// <summary>A number, or ERROR when arithmetic left the finite numbers.</summary>
    public static Value Of(double number) => double.IsFinite(number) ? new(ValueKind.Number, number, null) : Error;

    public static Value Of(string text) => new(ValueKind.String, 0, text);

    public static Value Of(bool truth) => truth ? True : False;

    /// <summary>What select[] asks: only a non-zero number selects.</summary>
    public bool IsTrue => Kind == ValueKind.Number && Number != 0;

    public override string ToString() => Kind switch
    {
        ValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.String => $"'{Text}'",
        ValueKind.Undefined => "UNDEFINED",
        _ => "ERROR",
    };
}
