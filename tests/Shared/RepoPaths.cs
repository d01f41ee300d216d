namespace Qonduit.Tests.Shared;

/// <summary>Locates the repository's own data (copied from the reference sources, with licences) from a test's bin folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    public static string QasmBench(string size) => Data("qasmbench", size);

    public static string IbmBackend(string kind, string name) => Data("ibm-backends", $"{kind}_{name}.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Qonduit.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Qonduit.slnx not found above " + AppContext.BaseDirectory);
    }
}
