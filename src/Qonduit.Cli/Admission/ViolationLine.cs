namespace Qonduit.Cli.Admission;

/// <summary>
/// One admissibility violation as `file:line:column: code: message` (the file alone when the violation has no line), the
/// way compilers print errors: `qonduit admit` and `qonduit submit --no-transpile` print them alike.
/// </summary>
internal static class ViolationLine
{
    public static string Of(string file, int? line, int? column, string code, string message) =>
        $"{(line is { } l ? $"{file}:{l}:{column ?? 1}" : file)}: {code}: {message}";
}
