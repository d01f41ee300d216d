using Qonduit.Contracts.Resources;

namespace Qonduit.Agent.Tests.Elim;

/// <summary>
/// Real reporter processes: small bash scripts written into a temporary folder. Each script can record its starts (one
/// line per start with the time in nanoseconds) and its pid in files the test reads.
/// </summary>
public sealed class ReporterScripts : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("qonduit-elim-test-").FullName;

    public static LoadIndexCatalogView Catalog { get; } = new(1,
    [
        new LoadIndexDeclarationView("cpu_load", "numeric", 1000, true, false, null, null, false),
        new LoadIndexDeclarationView("gpu_state", "string", 1000, true, false, null, null, false),
    ]);

    /// <summary>Writes an executable script; `$DIR` in <paramref name="body"/> is this folder.</summary>
    public string Write(string name, string body)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, $"#!/usr/bin/env bash\nDIR='{Root}'\n{body}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A script line that records one start in <c>$DIR/&lt;name&gt;.starts</c>.</summary>
    public static string RecordStart(string name) => $"date +%s%N >> \"$DIR/{name}.starts\"";

    public IReadOnlyList<long> Starts(string name)
    {
        var file = Path.Combine(Root, name + ".starts");
        return File.Exists(file) ? [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(long.Parse)] : [];
    }

    public void Touch(string name) => File.WriteAllText(Path.Combine(Root, name), "");

    /// <summary>Running (a zombie waiting to be reaped by whoever inherited it counts as gone).</summary>
    public static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public IReadOnlyList<int> Pids(string file)
    {
        var path = Path.Combine(Root, file);
        return File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(int.Parse)] : [];
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
