namespace Qonduit.Circuits;

/// <summary>
/// Base of every typed error a user can cause (bad input, inadmissible circuit, too large a request).
/// <see cref="Code"/> is stable and machine-readable (problem details `code`); the CLI exits 1 on it, 2 on anything else.
/// </summary>
public class QonduitException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
