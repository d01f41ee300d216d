using Qonduit.Circuits;

namespace Qonduit.Cli.Bench;

/// <summary>The checkout a benchmark runs in, found above the working directory by its Qonduit.slnx.</summary>
internal static class Repository
{
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Qonduit.slnx"))) return dir.FullName;
        return null;
    }

    /// <summary>The repository's data/ folder (QASMBench, IBM backends, reference circuits).</summary>
    public static string Data() => Root() is { } root
        ? Path.Combine(root, "data")
        : throw new QonduitException("bench_no_data", "cannot find the repository's data/ folder above the working directory; pass --data");
}
