namespace Qonduit.Agent.Elim;

/// <summary>
/// One load-index reporter (agent.json `reporters`, LSF's ELIM): an executable the agent starts and whose stdout lines
/// `N name1 value1 …` it reads. Without <see cref="Resource"/> its values are for every resource the agent serves (a
/// `name@R` pair scopes one to resource R); with it, its unscoped values are for that resource only.
/// </summary>
public sealed record ReporterSpec
{
    public const int MaxReporters = 16;

    /// <summary>An absolute path to an executable file.</summary>
    public string? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>One of the agent's pools or devices.</summary>
    public string? Resource { get; init; }

    /// <summary>Why the reporters are refused (naming the reporter and the rule), or null.</summary>
    /// <param name="resources">The names of the pools and devices the agent serves.</param>
    public static string? Problem(IReadOnlyList<ReporterSpec?> reporters, IReadOnlyCollection<string> resources)
    {
        ArgumentNullException.ThrowIfNull(reporters);
        ArgumentNullException.ThrowIfNull(resources);
        if (reporters.Count > MaxReporters) return $"at most {MaxReporters} reporters, not {reporters.Count}";
        for (var i = 0; i < reporters.Count; i++)
        {
            if (reporters[i] is not { } reporter) return $"reporter {i} is null";
            if (reporter.Problem(resources) is { } problem) return $"reporter {i} ('{reporter.Command}'): {problem}";
        }
        return null;
    }

    private string? Problem(IReadOnlyCollection<string> resources)
    {
        if (Command is not { Length: > 0 } command || !Path.IsPathFullyQualified(command)) return "command must be an absolute path";
        if (!File.Exists(command)) return "command must be an existing file";
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(command) & Executable) == 0) return "command must be executable";
        if (Args is { } args && args.Any(a => a is null)) return "args must not hold null";
        if (Resource is { } resource && !resources.Contains(resource))
            return $"resource '{resource}' must be one of the agent's pools or devices ({(resources.Count == 0 ? "none" : string.Join(", ", resources))})";
        return null;
    }

    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
