using System.Net.Http.Json;
using Qonduit.Circuits.Qasm;
using Qonduit.Devices.Admission;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

public sealed class TasksApiTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Submit_admits_stores_and_returns_the_queued_record(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var task = await host.SubmitAsync();

        Assert.Equal(TaskState.Queued, task.State);
        Assert.Equal("alice", task.Tenant);
        Assert.Equal(1, task.AdmittedSnapshotVersion);
        Assert.Null(task.BoundSnapshotVersion);
        Assert.Equal(2, task.NumQubits);
        Assert.Equal("openqasm2", task.Dialect);
        var read = await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}");
        Assert.Equal(task.Id, read!.Id);
        Assert.Equal(TaskState.Queued, read.State);
    }

    [Fact]
    public async Task Inadmissible_circuit_is_a_422_listing_every_violation_and_stores_nothing()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Inadmissible, null, 10, Transpile: false));

        var problem = await Expect.ProblemAsync(response, 422, "admission.inadmissible");
        Assert.Equal("admission", problem.GetProperty("origin").GetString());
        var expected = Admissibility.Check(QasmParser.Parse(Samples.Inadmissible), Samples.Line()).Violations;
        var listed = problem.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("code").GetString()!, v.GetProperty("instructionIndex").GetInt32())).ToList();
        Assert.True(expected.Select(v => v.InstructionIndex).Distinct().Count() >= 2);
        Assert.Equal(expected.Select(v => (v.Code, v.InstructionIndex!.Value)), listed);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task Limits_are_typed_4xx_errors()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o =>
        {
            o.MaxCircuitBytes = 400;
            o.MaxInstructions = 4;
        });
        var big = Samples.Bell + new string(' ', 500);
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", big, null, 10)), 413, "limits.circuit-too-large");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.WithQubits(5), null, 10)), 413, "limits.too-many-instructions");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 100_001)), 422, "admission.too-many-shots");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 0)), 400, "task.invalid-shots");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("nowhere", Samples.Bell, null, 10)), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", "OPENQASM 2.0; qreg q[2]; bogus q[0];", null, 10)), 400, ErrorCodes.Qasm.UnknownGate);
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, "openqasm3", 10)), 400, "task.dialect-mismatch");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(null, Samples.Bell, null, 10)), 400, "task.missing-device");
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task A_circuit_wider_than_the_device_is_a_422()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.WithQubits(6), null, 10));
        await Expect.ProblemAsync(response, 422, "admission.too-many-qubits");
    }

    [Fact]
    public async Task List_pages_newest_first_with_a_cursor_and_filters_by_state()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var submitted = new List<Guid>();
        for (var i = 0; i < 5; i++) submitted.Add((await host.SubmitAsync()).Id);
        await host.Alice.PostAsync($"/v1/tasks/{submitted[0]}/cancel", null);

        var first = await host.Alice.GetFromJsonAsync<TaskPage>("/v1/tasks?limit=2");
        var second = await host.Alice.GetFromJsonAsync<TaskPage>($"/v1/tasks?limit=2&cursor={first!.NextCursor}");
        var third = await host.Alice.GetFromJsonAsync<TaskPage>($"/v1/tasks?limit=2&cursor={second!.NextCursor}");
        Assert.Equal(submitted.AsEnumerable().Reverse(), first.Items.Concat(second.Items).Concat(third!.Items).Select(t => t.Id));
        Assert.Null(third.NextCursor);

        var cancelled = await host.Alice.GetFromJsonAsync<TaskPage>("/v1/tasks?state=cancelled");
        Assert.Equal([submitted[0]], cancelled!.Items.Select(t => t.Id));
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks?state=bogus"), 400, "task.invalid-state");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks?cursor=x"), 400, "task.invalid-cursor");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks?limit=0"), 400, "task.invalid-limit");
    }

    [Fact]
    public async Task Another_users_task_is_a_404_everywhere_and_absent_from_their_list()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync(host.Alice);

        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/tasks/{task.Id}"), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Bob.PostAsync($"/v1/tasks/{task.Id}/cancel", null), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/tasks/{task.Id}/result"), 404, "task.not-found");
        Assert.Empty((await host.Bob.GetFromJsonAsync<TaskPage>("/v1/tasks"))!.Items);
        Assert.Single((await host.Admin.GetFromJsonAsync<TaskPage>("/v1/tasks"))!.Items);
        Assert.Equal(TaskState.Queued, host.Store.GetTask(task.Id)!.State);
    }

    [Fact]
    public async Task Cancel_by_the_tenant_is_terminal_and_a_second_cancel_is_a_409()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        var response = await host.Alice.PostAsync($"/v1/tasks/{task.Id}/cancel", null);
        await Expect.StatusAsync(response, 200);
        Assert.Equal(TaskState.Cancelled, (await response.Content.ReadFromJsonAsync<TaskView>())!.State);
        await Expect.ProblemAsync(await host.Alice.PostAsync($"/v1/tasks/{task.Id}/cancel", null), 409, "task.terminal");
    }

    [Fact]
    public async Task Result_is_a_409_until_terminal_then_carries_the_runners_result()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await Expect.ProblemAsync(await host.Alice.GetAsync($"/v1/tasks/{task.Id}/result"), 409, "task.not-terminal");
        var claim = await host.ClaimAsync();
        await Expect.ProblemAsync(await host.Alice.GetAsync($"/v1/tasks/{task.Id}/result"), 409, "task.not-terminal");
        var document = Samples.Result(new Dictionary<string, int> { ["00"] = 60, ["11"] = 40 });
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claim.Task.Id}/completed", new ReportCompletedRequest("agent-1", document)), 200);

        var result = await host.Alice.GetFromJsonAsync<TaskResultView>($"/v1/tasks/{task.Id}/result");
        Assert.Equal(TaskState.Completed, result!.State);
        Assert.Equal(60, result.Result!.Counts["00"]);
        Assert.Equal(1, result.BoundSnapshotVersion);
    }
}
