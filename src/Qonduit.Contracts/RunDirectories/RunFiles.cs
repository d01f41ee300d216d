using System.Text;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>
/// The run directory contract (docs/architecture.md "Run directory"): the agent writes <see cref="Payload"/>; the runner reads
/// only that and writes <see cref="Result"/> or <see cref="Error"/> plus <see cref="Log"/>.
/// </summary>
public static class RunFiles
{
    public const string Payload = "payload.json";
    public const string Result = "result.json";
    public const string Error = "error.json";
    public const string Log = "runner.log";

    /// <summary>
    /// Writes through a temporary file in the same directory and renames it into place, so a reader sees the whole
    /// file or none of it (a crash mid-write leaves only the temporary file behind).
    /// </summary>
    public static void WriteAtomically(string path, string contents)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(contents));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
