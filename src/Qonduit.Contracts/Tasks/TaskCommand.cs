using System.Text;
using System.Text.RegularExpressions;

namespace Qonduit.Contracts.Tasks;

/// <summary>
/// A classical step (docs/architecture.md "Command tasks"): the <see cref="Name"/> of a command the running agent's
/// operator declared in agent.json, never an executable: the agent resolves the name to its own argv, and
/// <see cref="Args"/> are appended to it as argv entries (no shell reads them). <see cref="Stdin"/> is the command's
/// standard input (empty when absent).
/// </summary>
public sealed partial record TaskCommand(string? Name, IReadOnlyList<string>? Args = null, string? Stdin = null)
{
    public const int MaxNameLength = 64;
    public const int MaxArgs = 256;
    public const int MaxArgLength = 4096;
    public const int MaxStdinBytes = 64 * 1024;

    /// <summary>Why this command is refused (name, args, stdin bounds), or null.</summary>
    public string? Problem()
    {
        if (!IsName(Name)) return $"command name '{Name}' must be a letter or '_' then letters, digits or '_', at most {MaxNameLength} characters";
        if (Args is { Count: > MaxArgs }) return $"at most {MaxArgs} args, not {Args.Count}";
        for (var i = 0; i < (Args?.Count ?? 0); i++)
        {
            // No NUL: an argv entry cannot hold one, so it would be cut where the user did not mean.
            if (Args![i] is not { } arg || arg.Length > MaxArgLength || arg.Contains('\0', StringComparison.Ordinal))
                return $"arg {i} must be a string of at most {MaxArgLength} characters without NUL";
        }
        if (Stdin is not null && Encoding.UTF8.GetByteCount(Stdin) > MaxStdinBytes) return $"stdin is at most {MaxStdinBytes} bytes";
        return null;
    }

    /// <summary>The rule for a command's name, shared by agent.json and submissions.</summary>
    public static bool IsName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();
}
