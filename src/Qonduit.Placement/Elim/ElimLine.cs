using System.Globalization;
using Qonduit.Placement.Indices;

namespace Qonduit.Placement.Elim;

/// <summary>Why a reporter's line was refused; each is counted (<see cref="ElimIntake.Rejected"/>).</summary>
public enum ElimRejection
{
    /// <summary>Empty, longer than <see cref="ElimLine.MaxLength"/>, or N is not a non-negative integer.</summary>
    Malformed,

    /// <summary>The line does not hold exactly N name/value pairs.</summary>
    WrongCount,

    /// <summary>A name does not match the index-name pattern, or `name@` names no lane.</summary>
    BadName,

    /// <summary>A name no declaration knows.</summary>
    Undeclared,

    /// <summary>A numeric or Boolean value that is not a number, or is NaN or infinite.</summary>
    NonFinite,

    /// <summary>A number whose magnitude passes <see cref="ElimLine.MaxMagnitude"/>.</summary>
    OutOfRange,
}

/// <summary>One value of a line; <see cref="Lane"/> is set for `name@lane` (ours), null for every lane the reporter serves.</summary>
public sealed record ElimReading(string Name, string? Lane, IndexValue Value);

/// <summary>A line's readings, or why the whole line was refused (one bad pair refuses the line, as LSF's MELIM does).</summary>
public sealed record ElimParse(IReadOnlyList<ElimReading> Readings, ElimRejection? Rejection, string? Reason)
{
    public bool Accepted => Rejection is null;
}

/// <summary>
/// LSF's ELIM line `N name1 value1 … nameN valueN`, whitespace-separated, e.g.
/// `3 qpu_fidelity 0.995 qpu_queue_depth 3 qpu_calibration_age 1200`. Bounded: a line longer than
/// <see cref="MaxLength"/> is refused before it is split.
/// </summary>
public static class ElimLine
{
    public const int MaxLength = 16 * 1024;
    public const double MaxMagnitude = 1e30;

    public static ElimParse Parse(string line, IndexCatalog catalog)
    {
        if (line.Length > MaxLength) return Refuse(ElimRejection.Malformed, $"the line is longer than {MaxLength} characters");
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) return Refuse(ElimRejection.Malformed, "the line is empty");
        if (!int.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return Refuse(ElimRejection.Malformed, $"'{tokens[0]}' is not a count of pairs");
        if (tokens.Length != 1 + 2L * count)
            return Refuse(ElimRejection.WrongCount, $"the line announces {count} pair(s) but holds {(tokens.Length - 1) / 2.0:0.#}");
        var readings = new List<ElimReading>(count);
        for (var i = 0; i < count; i++)
        {
            var (nameToken, valueToken) = (tokens[1 + 2 * i], tokens[2 + 2 * i]);
            var at = nameToken.IndexOf('@', StringComparison.Ordinal);
            var name = at < 0 ? nameToken : nameToken[..at];
            var lane = at < 0 ? null : nameToken[(at + 1)..];
            if (!IndexDeclaration.IsValidName(name) || lane is "")
                return Refuse(ElimRejection.BadName, $"'{nameToken}' is not an index name (or name@lane)");
            if (catalog.Find(name) is not { } declaration)
                return Refuse(ElimRejection.Undeclared, $"'{name}' is not a declared index");
            var value = ReadValue(declaration, valueToken, out var rejection, out var reason);
            if (rejection is not null) return Refuse(rejection.Value, reason!);
            readings.Add(new ElimReading(name, lane, value));
        }
        return new ElimParse(readings, null, null);
    }

    private static IndexValue ReadValue(IndexDeclaration declaration, string token, out ElimRejection? rejection, out string? reason)
    {
        (rejection, reason) = (null, null);
        if (declaration.Type == IndexType.String) return IndexValue.Of(token);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            (rejection, reason) = (ElimRejection.NonFinite, $"'{declaration.Name}': '{token}' is not a finite number");
        else if (Math.Abs(number) > MaxMagnitude)
            (rejection, reason) = (ElimRejection.OutOfRange, $"'{declaration.Name}': |{token}| is larger than 1e30");
        return IndexValue.Of(number);
    }

    private static ElimParse Refuse(ElimRejection rejection, string reason) => new([], rejection, reason);
}
