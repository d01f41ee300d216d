namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Which files an `include` may read. The standard includes (qelib1.inc, stdgates.inc) are built in and always allowed;
/// anything else is read only from under <see cref="Directory"/>, and only if its real path (symlinks resolved) stays
/// there. An include outside the policy is refused from its spelling alone, before the file system is asked anything,
/// so the refusal says nothing about whether such a file exists.
/// </summary>
public sealed class QasmIncludePolicy
{
    private QasmIncludePolicy(string? directory) => Directory = directory;

    /// <summary>Only qelib1.inc and stdgates.inc: the policy for text from elsewhere (a request, a payload).</summary>
    public static QasmIncludePolicy StandardOnly { get; } = new(null);

    /// <summary>Also files under <paramref name="directory"/>, relative to the including file (or to the directory for a top-level text).</summary>
    public static QasmIncludePolicy UnderDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new QasmIncludePolicy(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
    }

    /// <summary>The directory includes may be read from; null when only the standard includes are allowed.</summary>
    public string? Directory { get; }

    public override string ToString() => Directory is null ? "standard includes only" : $"standard includes and files under {Directory}";
}
