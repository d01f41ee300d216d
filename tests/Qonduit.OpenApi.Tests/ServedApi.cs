using System.Diagnostics;
using Qonduit.IntegrationTests.Server;

namespace Qonduit.OpenApi.Tests;

/// <summary>A real `qonduit serve` (SQLite, embedded agent) with a user key made by `qonduit keys create`.</summary>
public sealed class ServedApi : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private ServedApi(DirectoryInfo directory, ServeProcess server, string userKey)
    {
        _directory = directory;
        Server = server;
        UserKey = userKey;
    }

    public ServeProcess Server { get; }

    public string UserKey { get; }

    public static async Task<ServedApi> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-openapi-");
        var database = Path.Combine(directory.FullName, "q.db");
        var server = await ServeProcess.StartAsync(database);
        var start = new ProcessStartInfo(ServeProcess.Launcher, ["keys", "create", "--role", "user", "--name", "alice", "--db", database])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var keys = Process.Start(start)!;
        var key = (await keys.StandardOutput.ReadToEndAsync()).Trim();
        await keys.WaitForExitAsync();
        Assert.True(keys.ExitCode == 0, await keys.StandardError.ReadToEndAsync());
        return new ServedApi(directory, server, key);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
