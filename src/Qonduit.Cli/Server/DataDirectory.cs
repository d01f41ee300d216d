namespace Qonduit.Cli.Server;

/// <summary>Where `qonduit serve` keeps its database and first admin key: --db, else $QONDUIT_HOME, else ~/.local/share/qonduit.</summary>
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

    public static string AdminKeyFile(string database) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "admin.key");
}
