namespace Qonduit.Cli.Bench;

/// <summary>The source checkout the working directory is in, found by its Qonduit.slnx: benchmarks run from one.</summary>
public static class SourceCheckout
{
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Qonduit.slnx"))) return dir.FullName;
        return null;
    }
}
