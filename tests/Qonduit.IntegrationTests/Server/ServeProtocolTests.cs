using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Hostile input through a real `qonduit serve` (Kestrel): every 4xx the application can see is problem details with
/// a dotted code; the few the web server answers itself are the documented ones (docs/hostile-input.md); a flooding
/// user key is refused with 429 `limits.rate`; an idle event stream answers its headers at once.
/// </summary>
public sealed partial class ServeProtocolTests
{
    [Fact]
    public async Task Malformed_requests_the_application_sees_get_problem_details_and_the_web_servers_own_refusals_are_the_documented_ones()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-protocol-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"), "--embedded-agent", "0");
        var admin = $"Authorization: Bearer {(await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim()}\r\n";
        const string json = "Content-Type: application/json\r\n";

        (string Request, int Status, string Code)[] mapped =
        [
            ($"GET /v1/devices?x={new string('a', 9000)} HTTP/1.1\r\n{admin}\r\n", 414, "http.uri-too-long"),
            ($"GET /v1/devices HTTP/1.1\r\n{admin}X-Big: {new string('a', 40_000)}\r\n\r\n", 431, "http.headers-too-large"),
            ($"GET /v1/devices HTTP/1.1\r\n{admin}{string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: a\r\n"))}\r\n", 431, "http.headers-too-large"),
            ($"POST /v1/tasks HTTP/1.1\r\n{admin}{json}Transfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n", 400, "http.bad-request"),
            ($"POST /v1/tasks HTTP/1.1\r\n{admin}{json}Content-Length: 0\r\n\r\n", 400, "request.invalid"),
            ($"GET /v1/tasks?limit=abc HTTP/1.1\r\n{admin}\r\n", 400, "request.invalid"),
            ($"GET /v1/events?lastEventId=abc HTTP/1.1\r\n{admin}\r\n", 400, "events.invalid-last-event-id"),
            ($"GET /v1/events HTTP/1.1\r\n{admin}Last-Event-ID: abc\r\n\r\n", 400, "events.invalid-last-event-id"),
            ($"GET /v1/events?task=zz HTTP/1.1\r\n{admin}\r\n", 400, "events.invalid-task"),
            ($"GET /v1/tasks/abc HTTP/1.1\r\n{admin}\r\n", 404, "task.not-found"),
            ($"GET /v1/nothing HTTP/1.1\r\n{admin}\r\n", 404, "http.not-found"),
            ($"DELETE /v1/devices HTTP/1.1\r\n{admin}\r\n", 405, "http.method-not-allowed"),
            ($"POST /v1/tasks HTTP/1.1\r\n{admin}Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{{}}", 415, "request.unsupported-media-type"),
            ("GET /v1/devices HTTP/1.1\r\nAuthorization: Basic eA==\r\n\r\n", 401, "auth.malformed-header"),
        ];
        foreach (var (request, status, code) in mapped)
        {
            var answer = await RawAsync(server.Url, request);
            Assert.True(answer.Status == status, $"{Shorten(request)}: expected {status}, got {answer.Status} {answer.Body}");
            Assert.Equal("application/problem+json", answer.ContentType);
            var problemCode = JsonDocument.Parse(answer.Body).RootElement.GetProperty("code").GetString()!;
            Assert.Equal(code, problemCode);
            Assert.Matches(DottedCode(), problemCode);
        }

        // docs/hostile-input.md "Protocol: responses the web server gives itself": refused while parsing the
        // connection, before any application code runs, so the answer has no body.
        (string Request, int Status)[] webServers =
        [
            ("GARBAGE\r\n\r\n", 400),
            ("GET /v1/devices HTTP/2.0\r\n\r\n", 505),
            ("GET /v1/devices HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("GET /v1/devices HTTP/1.1\r\nNoColon\r\n\r\n", 400),
            ("POST /v1/tasks HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
            ("POST /v1/tasks HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n{}", 400),
            ("GET /v1/devices/a%00b HTTP/1.1\r\n\r\n", 400),
            ($"GET /v1/devices?x={new string('a', 40_000)} HTTP/1.1\r\n\r\n", 414),
            ($"GET /v1/devices HTTP/1.1\r\nX-Big: {new string('a', 140_000)}\r\n\r\n", 431),
        ];
        foreach (var (request, status) in webServers)
        {
            var answer = await RawAsync(server.Url, request);
            Assert.True(answer.Status == status, $"{Shorten(request)}: expected {status}, got {answer.Status} {answer.Body}");
            Assert.Equal("", answer.Body);
        }
    }

    [Fact]
    public async Task A_flooding_user_key_gets_429_limits_rate_with_retry_after_an_admin_does_not_and_an_idle_stream_answers_at_once()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-ratelimit-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0", "--rate-limit", "1");
        using var user = server.Client(await CreateKeyAsync(database, "user", "flooder"));
        using var admin = server.Client((await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());

        var refused = await FloodAsync(user);
        Assert.NotNull(refused);
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("limits.rate", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Null(await FloodAsync(admin));

        // No event matches, and the keep-alive is 15 s away: only the headers can answer within the bound.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var events = await admin.GetAsync("/v1/events?type=none", HttpCompletionOption.ResponseHeadersRead, bound.Token);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rate_limit_off_lets_a_user_key_flood_and_a_bad_value_is_refused_at_start()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-ratelimit-off-").FullName;
        var database = Path.Combine(home, "q.db");
        await using (var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0", "--rate-limit", "off"))
        {
            using var user = server.Client(await CreateKeyAsync(database, "user", "flooder"));
            // With the default (100/s, bursts of 500) as with 1/s, this many requests at once would be refused.
            var flood = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                var statuses = new List<int>();
                for (var i = 0; i < 100; i++) statuses.Add((int)(await user.GetAsync("/v1/devices")).StatusCode);
                return statuses;
            })));
            Assert.All(flood.SelectMany(s => s), status => Assert.Equal(200, status));
        }

        var (exitCode, stderr) = await RunAsync(["serve", "--db", database, "--rate-limit", "lots"]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("serve.invalid-rate-limit", stderr, StringComparison.Ordinal);
    }

    /// <summary>Requests until the first 429 (returned) or 60 of them (null).</summary>
    private static async Task<HttpResponseMessage?> FloodAsync(HttpClient client)
    {
        for (var i = 0; i < 60; i++)
        {
            var response = await client.GetAsync("/v1/devices");
            if ((int)response.StatusCode == 429) return response;
            response.Dispose();
        }
        return null;
    }

    private sealed record RawAnswer(int Status, string? ContentType, string Body);

    /// <summary>One request as bytes on a fresh connection (closed after it), so nothing in between fixes it up.</summary>
    private static async Task<RawAnswer> RawAsync(Uri url, string request)
    {
        // A Host header where the request has none is added; requests that test Host themselves bring theirs.
        if (request.Contains(" HTTP/1.1\r\n", StringComparison.Ordinal) && !request.Contains("\r\nHost:", StringComparison.Ordinal))
            request = request.Replace(" HTTP/1.1\r\n", " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", StringComparison.Ordinal);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port, bound.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), bound.Token);
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, bound.Token);
        }
        catch (IOException)
        {
            // The server may reset the connection after refusing a request it did not read to the end.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"{Shorten(request)}: no complete answer: {Shorten(text)}");
        var head = text[..split].Split("\r\n");
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(split + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        return new RawAnswer(int.Parse(head[0].Split(' ')[1]), headers.GetValueOrDefault("Content-Type")?.Split(';')[0], body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0) return body.ToString();
            // The bodies here are ASCII JSON, so characters and bytes agree.
            body.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }

    private static async Task<string> CreateKeyAsync(string database, string role, string name)
    {
        var (exitCode, stdout) = await RunAsync(["keys", "create", "--role", role, "--name", name, "--db", database], standardOutput: true);
        Assert.Equal(0, exitCode);
        return stdout.Trim();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, bool standardOutput = false)
    {
        var start = new ProcessStartInfo(ServeProcess.Launcher, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, standardOutput ? await stdout : await stderr);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex DottedCode();
}
