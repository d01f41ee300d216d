using Qonduit.Storage.Sqlite;

namespace Qonduit.Server;

/// <summary>
/// How a host runs the control plane (`qonduit serve` parses its flags into this): where it listens, the SQLite database
/// and its durability, a configuration file, and the settings flags override. Null leaves the configuration's value.
/// </summary>
public sealed record ServerAppOptions
{
    public required string Urls { get; init; }

    /// <summary>The SQLite database; the data directory (<see cref="DataDirectory"/>) is its folder.</summary>
    public required string Database { get; init; }

    public SqliteDurability Durability { get; init; } = SqliteDurability.Normal;

    /// <summary>A JSON file whose `Qonduit` section sets <see cref="ServerOptions"/>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>False: never register the bundled devices, whatever the configuration says.</summary>
    public bool SeedBundledDevices { get; init; } = true;

    /// <summary>0 turns the per-user-key limit off.</summary>
    public int? UserRequestsPerSecond { get; init; }

    public string? IncludeDirectory { get; init; }
}
