namespace Qonduit.Server.Auth;

/// <summary>
/// The agent-role key of an agent this server's own process runs (`qonduit serve --embedded-agent`), kept in a file
/// beside the database so a restart reuses it; the server is its own admin here.
/// </summary>
public static class LocalAgentKey
{
    public const string KeyName = "embedded-agent";

    /// <summary>
    /// Reuses the key in <paramref name="path"/> while the store still accepts it; otherwise issues a new one there (mode 0600)
    /// and binds <paramref name="agentId"/>, which the lost key may hold, to it.
    /// </summary>
    public static async Task<string> ProvisionAsync(IControlPlaneStore store, string path, string agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (File.Exists(path) && File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } existing
            && store.FindKeyByHash(ApiKeys.Hash(existing)) is { IsActive: true, Role: ApiKeyRole.Agent })
            return existing;
        var now = DateTimeOffset.UtcNow;
        // The file is gone or belongs to another database: the stored key of that name can no longer be used by anyone.
        if (store.ListKeys().Any(k => k.IsActive && k.Name == KeyName))
            await ApiKeys.RevokeAsync(store, KeyName, now, cancellationToken).ConfigureAwait(false);
        var (_, secret) = await ApiKeys.CreateAsync(store, KeyName, ApiKeyRole.Agent, now, cancellationToken).ConfigureAwait(false);
        if (store.ListAgents().Any(a => a.AgentId == agentId))
            await Agents.AgentBinding.RebindAsync(store, KeyName, agentId, now, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, fileOptions)) await file.WriteLineAsync(secret).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
