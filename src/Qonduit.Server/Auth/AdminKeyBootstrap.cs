using Microsoft.Extensions.Options;

namespace Qonduit.Server.Auth;

/// <summary>
/// First start: with no active key nobody could call the server, so an admin key is created and written to
/// <see cref="ServerOptions.BootstrapAdminKeyFile"/> readable by the owner only. The log says so without the secret
/// (logs travel further than a terminal); the host that started the server may show <see cref="CreatedSecret"/> once.
/// </summary>
public sealed partial class AdminKeyBootstrap(
    IControlPlaneStore store, IOptions<ServerOptions> options, TimeProvider time, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    /// <summary>The secret of the admin key this start created; null when a key already existed.</summary>
    public string? CreatedSecret { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.BootstrapAdminKeyFile;
        if (path is null) return;
        if (await store.WriteAsync(w => w.AnyActiveKey(), cancellationToken: cancellationToken).ConfigureAwait(false)) return;
        var (record, secret) = await ApiKeys.CreateAsync(store, "admin", ApiKeyRole.Admin, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, fileOptions)) await file.WriteLineAsync(secret).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        CreatedSecret = secret;
        LogCreated(logger, record.Id, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "no API key existed, so admin key {KeyId} was created; its secret is in {Path} (owner-readable only)")]
    private static partial void LogCreated(ILogger logger, string keyId, string path);
}
