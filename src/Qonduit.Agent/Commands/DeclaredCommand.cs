using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent.Commands;

/// <summary>
/// A command the agent's operator declares (agent.json `commands`: name → this): the argv a command task of that name
/// runs, the user's args appended as further entries, and how long it may run. Only the name ever leaves the agent; a
/// user chooses the name and the args, never the executable, and no shell reads either.
/// </summary>
public sealed record DeclaredCommand
{
    public const int MaxCommands = 256;
    public const int MaxArgv = 256;
    public const int DefaultTimeoutSeconds = 600;

    /// <summary>A week: a bound for a command that hangs, well past any Slurm partition's usual limit.</summary>
    public const int MaxTimeoutSeconds = 7 * 24 * 3600;

    /// <summary>The executable (absolute, or a bare name found on PATH) and its fixed leading arguments.</summary>
    public IReadOnlyList<string>? Argv { get; init; }

    /// <summary>Killed with its process tree after this long (<see cref="DefaultTimeoutSeconds"/> when absent).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The timeout in force. A method, not a property: agent.json refuses a misspelt `timeout` rather than match it to this.</summary>
    public int TimeoutInForce() => TimeoutSeconds ?? DefaultTimeoutSeconds;

    /// <summary>Why the declarations are refused (naming the command and the rule), or null.</summary>
    public static string? Problem(IReadOnlyDictionary<string, DeclaredCommand?> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count > MaxCommands) return $"at most {MaxCommands} commands, not {commands.Count}";
        foreach (var (name, command) in commands)
        {
            if (!TaskCommand.IsName(name))
                return $"command name '{name}' must be a letter or '_' then letters, digits or '_', at most {TaskCommand.MaxNameLength} characters";
            if (command is null) return $"command '{name}' is null";
            if (command.Problem() is { } problem) return $"command '{name}': {problem}";
        }
        return null;
    }

    private string? Problem()
    {
        if (Argv is not { Count: > 0 } argv) return "argv must name the executable at least";
        if (argv.Count > MaxArgv) return $"argv holds at most {MaxArgv} entries, not {argv.Count}";
        if (argv.Any(a => a is null || a.Contains('\0', StringComparison.Ordinal))) return "argv entries must be strings without NUL";
        if (TimeoutSeconds is < 1 or > MaxTimeoutSeconds) return $"timeoutSeconds must be 1..{MaxTimeoutSeconds}, not {TimeoutSeconds}";
        return ExecutableProblem(argv[0]);
    }

    /// <summary>An absolute path to an executable file, or a bare name that one directory of PATH holds as one.</summary>
    private static string? ExecutableProblem(string executable)
    {
        if (Path.IsPathFullyQualified(executable))
            return IsExecutable(executable) ? null : $"'{executable}' is not an existing executable file";
        if (executable.Length == 0 || executable.Contains('/', StringComparison.Ordinal))
            return $"'{executable}' must be an absolute path or a bare name found on PATH";
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => IsExecutable(Path.Combine(d, executable)))
            ? null
            : $"'{executable}' is found on no directory of PATH as an executable file";
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & Executable) != 0);

    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
