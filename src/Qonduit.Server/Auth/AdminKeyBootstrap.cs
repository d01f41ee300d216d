using Microsoft.Extensions.Options;
using Qonduit.Server.Storage;

namespace Qonduit.Server.Auth;

/// <summary>
/// First start: with no active key nobody could call the server, so an admin key is created, printed once to
/// stderr and written to <see cref="ServerOptions.BootstrapAdminKeyFile"/> readable by the owner only.
/// </summary>
public sealed class AdminKeyBootstrap(IControlPlaneStore store, IOptions<ServerOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.BootstrapAdminKeyFile;
        if (path is null) return;
        if (await store.WriteAsync(w => w.AnyActiveKey(), cancellationToken: cancellationToken).ConfigureAwait(false)) return;
        var (_, secret) = await ApiKeys.CreateAsync(store, "admin", ApiKeyRole.Admin, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, fileOptions)) await file.WriteLineAsync(secret).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await Console.Error.WriteLineAsync($"qonduit: created admin API key (shown once; also in {path}):\n  {secret}").ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
