using System.Text;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>
/// The run directory contract (docs/architecture.md "Run directory"): the agent writes <see cref="Payload"/>; the runner reads
/// only that and writes <see cref="Result"/> or <see cref="Error"/> plus <see cref="Log"/>, and <see cref="Progress"/> while it works.
/// </summary>
public static class RunFiles
{
    public const string Payload = "payload.json";
    public const string Result = "result.json";
    public const string Error = "error.json";
    public const string Log = "runner.log";
    public const string Progress = "progress.jsonl";

    /// <summary>A command task's stdout and stderr, each bounded (the runner notes a truncation at the end).</summary>
    public const string Stdout = "stdout.log";

    /// <inheritdoc cref="Stdout"/>
    public const string Stderr = "stderr.log";

    /// <summary>What a command task writes in its working directory, the run directory, for its result's <c>outputs</c>.</summary>
    public const string Outputs = "outputs.json";

    /// <summary>
    /// Writes through a temporary file in the same directory and renames it into place, so a reader sees the whole
    /// file or none of it (a crash mid-write leaves only the temporary file behind). <paramref name="durable"/>: flushed to
    /// disk before the rename, for artifacts that must survive a power loss; advisory files skip the cost.
    /// </summary>
    public static void WriteAtomically(string path, string contents, bool durable = true)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(contents));
            stream.Flush(flushToDisk: durable);
        }
        File.Move(temp, path, overwrite: true);
    }
}
