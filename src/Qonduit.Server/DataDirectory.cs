namespace Qonduit.Server;

/// <summary>
/// Where `qonduit serve` keeps its files: the database (--db, else $QONDUIT_HOME, else ~/.local/share/qonduit), and beside it
/// the first admin key, the embedded agent's key, its run directories (`runs/`) and the artifacts (`artifacts/`).
/// </summary>
public static class DataDirectory
{
    public static string DefaultDatabase()
    {
        var home = Environment.GetEnvironmentVariable("QONDUIT_HOME");
        if (string.IsNullOrEmpty(home))
        {
            var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            home = Path.Combine(string.IsNullOrEmpty(data) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share") : data, "qonduit");
        }
        return Path.Combine(home, "qonduit.db");
    }

    public static string Of(string database) => Path.GetDirectoryName(Path.GetFullPath(database))!;

    public static string AdminKeyFile(string database) => Path.Combine(Of(database), "admin.key");

    public static string AgentKeyFile(string database) => Path.Combine(Of(database), "agent.key");

    /// <summary>The file artifact store's root unless `Qonduit:Artifacts:Directory` names another.</summary>
    public static string Artifacts(string database) => Path.Combine(Of(database), "artifacts");
}
