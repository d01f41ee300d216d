using System.Globalization;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// A process's CPU time (user + system, /proc in USER_HZ = 100 ticks a second): the whole process, which keeps the
/// time of threads that have ended, and each live thread's by name (its 15-character comm).
/// </summary>
internal sealed record ThreadCpu(double Total, IReadOnlyDictionary<int, (string Name, double Seconds)> Threads)
{
    /// <summary>Null once the process has gone.</summary>
    public static ThreadCpu? Of(int pid)
    {
        if (Read($"/proc/{pid}/stat") is not { } total) return null;
        var threads = new Dictionary<int, (string, double)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) && Read(Path.Combine(task, "stat")) is { } thread)
                threads[tid] = (thread.Name, thread.Seconds);
        }
        return new ThreadCpu(total.Seconds, threads);
    }

    /// <summary>
    /// The process's CPU since <paramref name="before"/>, split into the threads named <paramref name="name"/> and the
    /// rest. A named thread that ended in between counts as idle: it would have stayed alive had it been working.
    /// </summary>
    public (double Named, double Others) Since(ThreadCpu before, string name)
    {
        var named = Threads.Where(t => t.Value.Name == name)
            .Sum(t => t.Value.Seconds - (before.Threads.TryGetValue(t.Key, out var earlier) ? earlier.Seconds : 0));
        return (named, Total - before.Total - named);
    }

    private static (string Name, double Seconds)? Read(string statPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(statPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
        var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X") return null;
        return (name, (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }
}
