namespace Qonduit.Agent.Runs;

/// <summary>
/// The agent's run root: one directory per task it holds (named by task id), and <see cref="ArchiveFolder"/> for those
/// it has let go (reported, cancelled, taken away), kept for inspection and re-runs.
/// </summary>
public sealed class RunRoot
{
    public const string ArchiveFolder = "archive";

    public RunRoot(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(ArchivePath);
    }

    public string Path { get; }

    public string ArchivePath => System.IO.Path.Combine(Path, ArchiveFolder);

    /// <summary>A fresh directory for the task; a leftover of an earlier attempt at the same task is archived first.</summary>
    public RunDirectory Create(string taskId)
    {
        if (!IsTaskId(taskId)) throw new ArgumentException($"'{taskId}' is not a task id", nameof(taskId));
        var dir = new RunDirectory(System.IO.Path.Combine(Path, taskId));
        if (Directory.Exists(dir.Path)) Archive(dir);
        Directory.CreateDirectory(dir.Path);
        return dir;
    }

    /// <summary>The task directories present (reconciliation's starting point); anything else in the root is left alone.</summary>
    public IReadOnlyList<RunDirectory> Scan() =>
        [.. Directory.EnumerateDirectories(Path)
            .Where(d => IsTaskId(System.IO.Path.GetFileName(d)))
            .Order(StringComparer.Ordinal)
            .Select(d => new RunDirectory(d))];

    /// <summary>Moves the directory under archive/ (as &lt;taskId&gt;, or &lt;taskId&gt;.N when that name is taken); returns where it went.</summary>
    public string Archive(RunDirectory dir)
    {
        var target = System.IO.Path.Combine(ArchivePath, dir.TaskId);
        for (var n = 2; Directory.Exists(target); n++) target = System.IO.Path.Combine(ArchivePath, $"{dir.TaskId}.{n}");
        Directory.Move(dir.Path, target);
        return target;
    }

    public static bool IsTaskId(string name) => Guid.TryParse(name, out _);
}
