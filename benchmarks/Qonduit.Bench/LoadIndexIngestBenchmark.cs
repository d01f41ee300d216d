using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Placement.Indices;
using Qonduit.Server.Events;
using Qonduit.Server.Resources;
using Qonduit.Storage;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench loadindex`: the server's load-index ingest in process. Throughput: ELIM lines of 20 name/value pairs
/// parsed, validated against the catalogue and recorded on the <see cref="LoadIndexBoard"/> (history included), in pairs
/// per second beside the bound of 10,000. Lateness: values reported once with a 1 s interval, left to go stale under the
/// real <see cref="LoadIndexStaleMonitor"/> on the system clock; each `loadindex.stale` event's time minus the moment it
/// was due (2 intervals after the value arrived), beside the bound of 1 s.
/// </summary>
public static class LoadIndexIngestBenchmark
{
    private const double BoundPairsPerSecond = 10_000;
    private const double BoundLatenessMs = 1_000;
    private const int PairsPerLine = 20;

    public static Command Create()
    {
        var lines = new Option<int>("--lines") { Description = "ELIM lines to ingest (after a warm-up)", DefaultValueFactory = _ => 50_000 };
        var resources = new Option<int>("--resources") { Description = "resources the lines are spread over", DefaultValueFactory = _ => 100 };
        var stale = new Option<int>("--stale-values") { Description = "values left to go stale for the lateness measurement", DefaultValueFactory = _ => 200 };
        var command = new Command("loadindex", "load-index ingest: pairs/s beside 10,000, and stale events' lateness beside 1 s") { lines, resources, stale };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(Math.Max(1, parse.GetValue(lines)), Math.Max(1, parse.GetValue(resources)), Math.Max(1, parse.GetValue(stale)), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int lineCount, int resourceCount, int staleValues, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, PairsPerLine).Select(i => $"idx_{i:D2}").ToArray();
        var catalog = new IndexCatalog(names.Select(n => new IndexDeclaration(n, IndexType.Numeric)));
        var random = new Random(20);
        var lines = Enumerable.Range(0, 1_000).Select(_ =>
            $"{PairsPerLine} " + string.Join(' ', names.Select(n => $"{n} {(random.NextDouble() * 100).ToString("F3", CultureInfo.InvariantCulture)}"))).ToArray();

        var board = new LoadIndexBoard();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Math.Min(lineCount, 2_000); i++) board.Ingest($"res-{i % resourceCount}", [lines[i % lines.Length]], catalog, now);
        var start = Stopwatch.GetTimestamp();
        var accepted = 0L;
        for (var i = 0; i < lineCount; i++) accepted += board.Ingest($"res-{i % resourceCount}", [lines[i % lines.Length]], catalog, now).Accepted;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var pairsPerSecond = accepted / seconds;

        var lateness = await StaleLatenessAsync(staleValues, cancellationToken).ConfigureAwait(false);
        Array.Sort(lateness);
        double P(double p) => lateness.Length == 0 ? double.NaN : lateness[Math.Clamp((int)Math.Ceiling(p * lateness.Length) - 1, 0, lateness.Length - 1)];

        Console.WriteLine($"qonduit bench loadindex: {lineCount} lines x {PairsPerLine} pairs over {resourceCount} resources, {Environment.ProcessorCount} cores, load average {BenchResults.LoadAverage()}");
        Console.WriteLine($"  ingest {pairsPerSecond:N0} pairs/s ({accepted} pairs in {seconds:F3} s)   target >= {BoundPairsPerSecond:N0} pairs/s  {(pairsPerSecond >= BoundPairsPerSecond ? "met" : "MISSED")}");
        Console.WriteLine($"  stale flagged {lateness.Length}/{staleValues}: lateness p50 {P(0.5):F0} ms   p99 {P(0.99):F0} ms   max {P(1):F0} ms   " +
                          $"target max <= {BoundLatenessMs:N0} ms  {(lateness.Length == staleValues && P(1) <= BoundLatenessMs ? "met" : "MISSED")}");
        var figures = new JsonObject
        {
            ["lines"] = lineCount,
            ["pairsPerLine"] = PairsPerLine,
            ["resources"] = resourceCount,
            ["pairsPerSecond"] = Math.Round(pairsPerSecond),
            ["boundPairsPerSecond"] = BoundPairsPerSecond,
            ["staleValues"] = staleValues,
            ["staleFlagged"] = lateness.Length,
            ["latenessMsP50"] = Math.Round(P(0.5), 1),
            ["latenessMsP99"] = Math.Round(P(0.99), 1),
            ["latenessMsMax"] = Math.Round(P(1), 1),
            ["boundLatenessMs"] = BoundLatenessMs,
            ["loadAverage"] = BenchResults.LoadAverage(),
        };
        Console.WriteLine($"appended to {BenchResults.Append("loadindex", figures)}");
    }

    /// <summary>
    /// Values with a 1 s interval arriving over a second, then the monitor on the system clock until each was flagged (or
    /// 6 s passed): the lateness of each `loadindex.stale` event past its due time, in ms.
    /// </summary>
    private static async Task<double[]> StaleLatenessAsync(int values, CancellationToken cancellationToken)
    {
        var board = new LoadIndexBoard();
        var store = new InMemoryControlPlaneStore();
        using var monitor = new LoadIndexStaleMonitor(board, store, new EventHub(), TimeProvider.System);
        var catalog = new IndexCatalog([new IndexDeclaration("gpu_util", IndexType.Numeric, TimeSpan.FromSeconds(1))]);
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await monitor.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < values; i++)
            {
                var resource = $"res-{i}";
                var at = DateTimeOffset.UtcNow;
                board.Ingest(resource, ["1 gpu_util 50"], catalog, at);
                due[resource] = at + 2 * TimeSpan.FromSeconds(1);
                // Spread over a second, so arrivals fall at every phase of the monitor's tick.
                await Task.Delay(TimeSpan.FromMilliseconds(1_000.0 / values), cancellationToken).ConfigureAwait(false);
            }
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6);
            while (Flagged(store).Count < values && DateTimeOffset.UtcNow < deadline)
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await monitor.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return [.. Flagged(store).Select(e => (e.At - due[Resource(e)]).TotalMilliseconds)];
    }

    private static IReadOnlyList<EventRecord> Flagged(InMemoryControlPlaneStore store) =>
        store.ReadEvents(0, new EventFilter(Types: [EventTypes.LoadIndexStale]), int.MaxValue);

    private static string Resource(EventRecord e) => JsonDocument.Parse(e.Data).RootElement.GetProperty("resource").GetString()!;
}
