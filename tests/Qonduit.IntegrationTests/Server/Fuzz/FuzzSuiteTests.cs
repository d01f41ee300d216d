using Qonduit.Bench.Fuzz;
using Xunit.Abstractions;

namespace Qonduit.IntegrationTests.Server.Fuzz;

/// <summary>
/// The fuzz suite at CI size: grammar-aware OpenQASM, JSON and header mutations over every OpenAPI operation of a real
/// `qonduit serve`, seeded so a failure names a reproducible request. `qonduit bench fuzz` runs the same at size.
/// Alone in its collection: it measures the server's memory and latency, which other suites' load would blur.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzSuiteTests(ITestOutputHelper output)
{
    private const int Seed = 20261205;
    private const long MemoryBound = 50L * 1024 * 1024;

    [Fact]
    public async Task Mutated_requests_get_typed_answers_in_bounded_time_and_the_server_gives_back_their_memory_when_idle()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-fuzz-");
        var database = Path.Combine(directory.FullName, "q.db");
        await using (var server = await ServeProcess.StartAsync(database, "--embedded-agent", "2", "--rate-limit", "off"))
        {
            var adminKey = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim();
            var (context, operations) = await FuzzTarget.PrepareAsync(server.Url, database, adminKey);
            // Another seed warms up the JIT and the caches, so the baseline is a working server's.
            await FuzzCampaign.RunAsync(server.Url, context, operations, new FuzzSettings(Seed + 1, 2_000, TimeSpan.FromSeconds(15), 4), CancellationToken.None);
            var baseline = ProcessMemory.ResidentBytes(server.ProcessId);

            var report = await FuzzCampaign.RunAsync(server.Url, context, operations, new FuzzSettings(Seed, 20_000, TimeSpan.FromSeconds(30), 4), CancellationToken.None);
            output.WriteLine($"{report.Outcomes.Count} requests in {report.Elapsed.TotalSeconds:F1} s; answers {report.StatusSummary}; " +
                $"latency p99 {report.LatencyPercentileMs(0.99):F1} ms, max {report.MaxLatencyMs:F1} ms; codes {report.CodeSummary(25)}");

            Assert.True(report.Violations.Count == 0, string.Join('\n', report.ViolationKinds(Seed)));
            Assert.True(report.Outcomes.Count >= 2_000, $"only {report.Outcomes.Count} requests in {report.Elapsed.TotalSeconds:F0} s");
            Assert.Equal(operations.Select(o => o.Name).ToHashSet(), report.Outcomes.Select(o => o.Operation).ToHashSet());
            // The rule is about a server left alone: what the campaign allocated must be returned within 10 s of idleness.
            await Task.Delay(TimeSpan.FromSeconds(10));
            var idle = ProcessMemory.ResidentBytes(server.ProcessId);
            Assert.True(idle - baseline < MemoryBound, $"RSS {baseline / 1048576} MB before, {idle / 1048576} MB after 10 s idle");
        }
        directory.Delete(recursive: true);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "fuzz";
}
