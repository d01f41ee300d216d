using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qonduit.Server.Problems;

namespace Qonduit.Bench.Fuzz;

/// <summary>
/// Sends seeded, mutated requests over every operation to a running server and judges each answer: no 5xx, every
/// 4xx problem details with a dotted `code`, no file content echoed back, no answer slower than <see cref="MaxLatency"/> (long polls and streams
/// excepted). Request i of seed s is the same request on every run, so a violation is reproduced by (s, i).
/// </summary>
public static partial class FuzzCampaign
{
    public static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(5);

    [GeneratedRegex(@"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    public static partial Regex DottedCode();

    public static async Task<FuzzReport> RunAsync(
        Uri server, FuzzContext context, IReadOnlyList<FuzzOperation> operations, FuzzSettings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var outcomes = new FuzzOutcome[settings.Requests];
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < settings.Requests && stopwatch.Elapsed < settings.Duration)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes[index] = await SendAsync(http, context, operations, settings.Seed, index, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken))).ConfigureAwait(false);
        return new FuzzReport([.. outcomes.Where(o => o is not null)], stopwatch.Elapsed);
    }

    private static async Task<FuzzOutcome> SendAsync(
        HttpClient http, FuzzContext context, IReadOnlyList<FuzzOperation> operations, int seed, int index, CancellationToken cancellationToken)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var operation = Pick(operations, random);
        using var request = FuzzRequests.Build(operation, context, random);
        var beyondWebServer = BeyondWebServerLimits(request);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Headers only: an event stream would otherwise never end.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = operation.Path == "/v1/events" && response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            if (status == 201 && operation.Path == "/v1/tasks" && Id(body) is { } id) context.SawTask(id);
            return Judge(index, operation, status, response.Content.Headers.ContentType, body, elapsed, context.Canary, beyondWebServer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new FuzzOutcome(index, operation.Name, 0, null, Stopwatch.GetElapsedTime(started), !operation.WaitsByDesign, $"no answer: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Uniform over operations, except that a third of requests carry a circuit: the parser is the widest surface.</summary>
    private static FuzzOperation Pick(IReadOnlyList<FuzzOperation> operations, Random random)
    {
        var circuits = operations.Where(o => o.Body?["properties"]?["circuit"] is not null).ToList();
        return circuits.Count > 0 && random.Next(3) == 0 ? circuits[random.Next(circuits.Count)] : operations[random.Next(operations.Count)];
    }

    private static FuzzOutcome Judge(
        int index, FuzzOperation operation, int status, MediaTypeHeaderValue? type, string body, TimeSpan elapsed, FuzzCanary canary, bool beyondWebServer)
    {
        var timed = !operation.WaitsByDesign;
        var code = status >= 400 ? Code(body) : null;
        string? violation = null;
        if (body.Contains(canary.Secret, StringComparison.Ordinal)) violation = $"{status} answer contains the content of {canary.Path}";
        else if (status >= 500) violation = $"server error {status}: {Truncate(body)}";
        else if (status is 414 or 431 && beyondWebServer && body.Length == 0) violation = null;
        else if (status >= 400 && type?.MediaType != "application/problem+json") violation = $"{status} is not problem details ({type?.MediaType ?? "no content type"}, {body.Length} bytes)";
        else if (status >= 400 && (code is null || !DottedCode().IsMatch(code))) violation = $"{status} has code '{code}', not in the dotted style";
        else if (timed && elapsed > MaxLatency) violation = $"answered after {elapsed.TotalSeconds:F1} s";
        return new FuzzOutcome(index, operation.Name, status, code, elapsed, timed, violation);
    }

    /// <summary>
    /// Whether the request is past the limits the web server enforces itself (docs/hostile-input.md, "responses the web
    /// server gives itself"): its 414 or 431 then has no body by design. A little margin covers how Kestrel counts.
    /// </summary>
    private static bool BeyondWebServerLimits(HttpRequestMessage request)
    {
        var defaults = new Qonduit.Server.ServerOptions();
        var line = request.Method.Method.Length + 1 + request.RequestUri!.OriginalString.Length + " HTTP/1.1".Length;
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Sum(h => h.Key.Length + h.Value.Sum(v => v.Length));
        const int Margin = 64;
        return line > RequestLimits.WebServerHeadroom * (defaults.MaxRequestTargetBytes + 32) - Margin
            || headers > RequestLimits.WebServerHeadroom * defaults.MaxRequestHeaderBytes - Margin;
    }

    private static string? Code(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Guid? Id(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) && id.TryGetGuid(out var guid) ? guid : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <param name="Concurrency">Requests in flight at once.</param>
public sealed record FuzzSettings(int Seed, int Requests, TimeSpan Duration, int Concurrency);

/// <param name="Timed">Whether the latency bound applies (not to long polls and streams).</param>
/// <param name="Violation">Why the answer breaks a rule; null when it keeps them all.</param>
public sealed record FuzzOutcome(int Index, string Operation, int Status, string? Code, TimeSpan Elapsed, bool Timed, string? Violation);

public sealed record FuzzReport(IReadOnlyList<FuzzOutcome> Outcomes, TimeSpan Elapsed)
{
    public IReadOnlyList<FuzzOutcome> Violations => [.. Outcomes.Where(o => o.Violation is not null)];

    public double LatencyPercentileMs(double q)
    {
        var sorted = Outcomes.Where(o => o.Timed).Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    public double MaxLatencyMs => Outcomes.Where(o => o.Timed).Select(o => o.Elapsed.TotalMilliseconds).DefaultIfEmpty(0).Max();

    /// <summary>One line per kind of violation (operation and rule), with how often and the first request that showed it.</summary>
    public IReadOnlyList<string> ViolationKinds(int seed) => [.. Violations
        .GroupBy(v => $"{v.Operation} → {v.Violation![..Math.Min(v.Violation!.Length, 80)]}")
        .Select(g => $"{g.Key} ({g.Count()}×, first: seed {seed} #{g.Min(v => v.Index)})")];

    /// <summary>Answers by status, e.g. "400: 1210, 201: 85".</summary>
    public string StatusSummary => string.Join(", ", Outcomes.GroupBy(o => o.Status).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}"));

    /// <summary>The most frequent refusals by code, e.g. "qasm.syntax: 812": how deep the mutations reach.</summary>
    public string CodeSummary(int top) => string.Join(", ", Outcomes.Where(o => o.Code is not null).GroupBy(o => o.Code)
        .OrderByDescending(g => g.Count()).Take(top).Select(g => $"{g.Key}: {g.Count()}"));
}
