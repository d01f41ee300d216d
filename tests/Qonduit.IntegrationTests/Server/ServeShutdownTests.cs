using System.Net;
using System.Net.Http.Json;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// A service manager stops `qonduit serve` with SIGTERM: open event streams end as streams (not as broken connections),
/// a request in flight gets its answer, and the process exits 0.
/// </summary>
public sealed class ServeShutdownTests
{
    [Fact]
    public async Task Sigterm_closes_open_event_streams_cleanly_finishes_an_in_flight_long_poll_and_exits_zero()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-sigterm-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0");
        using var admin = server.Client((await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());
        using var agent = server.Client(CreateAgentKey(database));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The stream replays the bundled devices' registrations, so its headers and first events are already here.
        using var events = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/events?lastEventId=0"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        var stream = await events.Content.ReadAsStreamAsync(deadline.Token);
        var reading = ReadToEndAsync(stream, deadline.Token);

        // A claim for a device with no work waits its full 30 s unless the server stops; it is in flight once the agent is listed.
        var claim = agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "draining", devices = new[] { "no-such-device" }, waitMs = 30_000 }, deadline.Token);
        while (!(await admin.GetStringAsync("/v1/agents", deadline.Token)).Contains("\"draining\"", StringComparison.Ordinal))
            await Task.Delay(50, deadline.Token);

        var exitCode = await server.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(HttpStatusCode.NoContent, (await claim).StatusCode);
        // A clean end is the terminating chunk: a read returns 0. A reset connection would throw instead.
        Assert.Contains("device.registered", await reading, StringComparison.Ordinal);
        Assert.False(deadline.IsCancellationRequested, "the event stream did not end when the server stopped");
    }

    private static async Task<string> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string CreateAgentKey(string database)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Slurm.RealSlurm.Qonduit(), ["keys", "create", "--role", "agent", "--name", "drain", "--db", database])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var secret = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return secret;
    }
}
