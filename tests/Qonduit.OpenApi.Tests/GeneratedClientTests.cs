using Qonduit.OpenApi.Tests.Generated;

namespace Qonduit.OpenApi.Tests;

/// <summary>
/// The OpenAPI document is enough to use the API: a client generated from docs/openapi.json (NSwag, at build time)
/// submits a circuit to a real `qonduit serve`, waits for it and reads typed counts.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string Bell = """
        OPENQASM 3.0;
        include "stdgates.inc";
        qubit[2] q;
        bit[2] c;
        h q[0];
        cx q[0], q[1];
        c = measure q;
        """;

    [Fact]
    public async Task A_generated_client_submits_a_circuit_waits_and_reads_typed_counts()
    {
        await using var api = await ServedApi.StartAsync();
        using var http = api.Server.Client(api.UserKey);
        var client = new QonduitApiClient(http);

        var submitted = await client.SubmitTaskAsync(new SubmitTaskRequest { Device = "ibm_fez-ideal", Circuit = Bell, Shots = 200, Seed = 7 });
        var task = submitted;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (task.State is not (TaskState.Completed or TaskState.Failed or TaskState.Cancelled))
        {
            await Task.Delay(50, deadline.Token);
            task = await client.GetTaskAsync(submitted.Id, deadline.Token);
        }
        var outcome = await client.GetTaskResultAsync(submitted.Id);

        Assert.Equal(TaskState.Completed, outcome.State);
        var result = outcome.Result!;
        Assert.Equal(200, result.Shots);
        Assert.Equal(7UL, result.Seed);
        Assert.Equal(200, result.Counts.Values.Sum());
        Assert.Equal(["00", "11"], result.Counts.Keys.Order());
        Assert.Equal(2, result.Circuit.Clbits);
        Assert.True(result.Timings.TotalMs > 0);
    }

    [Fact]
    public async Task A_refusal_reaches_the_generated_client_as_a_typed_problem()
    {
        await using var api = await ServedApi.StartAsync();
        using var http = api.Server.Client(api.UserKey);
        var client = new QonduitApiClient(http);

        var refusal = await Assert.ThrowsAsync<ApiException<Problem>>(() => client.GetTaskAsync(Guid.NewGuid()));

        Assert.Equal(404, refusal.StatusCode);
        Assert.Equal("task.not-found", refusal.Result.Code);
        Assert.False(string.IsNullOrEmpty(refusal.Result.CorrelationId));
    }
}
