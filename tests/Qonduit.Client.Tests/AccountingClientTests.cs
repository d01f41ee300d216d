using System.Net;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Client.Tests;

/// <summary>Accounting through the client: its parameters reach the server, and a bad one comes back as its typed code.</summary>
public sealed class AccountingClientTests
{
    [Fact]
    public async Task The_client_reads_the_totals_of_a_window_by_period_and_a_bad_window_is_its_typed_error()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var now = host.Clock.GetUtcNow();
        await host.Store.WriteAsync(w => w.InsertTask(new TaskRecord
        {
            Id = Guid.NewGuid(), Tenant = "alice", Device = "line5", Dialect = "openqasm2", Circuit = Samples.Bell, Shots = 50, AdmittedSnapshotVersion = 1,
            CreatedAt = now.AddHours(-2), UpdatedAt = now.AddHours(-1), ClaimedAt = now.AddHours(-1).AddSeconds(-3), FinishedAt = now.AddHours(-1),
            State = TaskState.Completed, ResourceKind = "qpu", LaneSeconds = 3, CpuSeconds = 0.2, Simulations = 1,
        }));
        var alice = new QonduitClient(host.Alice, apiKey: null);

        var report = await alice.GetAccountingAsync("period", now.AddDays(-1), now, "hour");

        Assert.Equal(("period", "hour", "alice"), (report.By, report.Period, report.User));
        Assert.Equal([(1L, 3.0, 50L, 1L, 0.2)], report.Rows.Select(r => (r.Tasks, r.LaneSeconds, r.Shots, r.Simulations, r.CpuSeconds)));
        var bad = await Assert.ThrowsAsync<QonduitApiException>(() => alice.GetAccountingAsync(from: now, to: now.AddDays(-1)));
        Assert.Equal((HttpStatusCode.BadRequest, "accounting.invalid-window"), (bad.Status, bad.Code));
    }
}
