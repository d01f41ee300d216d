using System.Net.Http.Json;
using System.Text;
using Qonduit.Server.Devices;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

public sealed class TrajectoryBudgetTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_trajectory_budget_is_stored_shown_and_handed_to_the_agent_that_claims_the_task(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 100, Trajectories: 8));

        await Expect.StatusAsync(response, 201);
        var task = (await response.Content.ReadFromJsonAsync<TaskView>())!;
        Assert.Equal(8, task.Trajectories);
        Assert.Equal(8, host.Store.GetTask(task.Id)!.Trajectories);
        Assert.Equal(8, (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!.Trajectories);
        Assert.Equal(8, (await host.ClaimAsync()).Task.Trajectories);
    }

    [Fact]
    public async Task A_task_without_a_budget_runs_exact_and_says_so_with_null()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var task = await host.SubmitAsync();

        Assert.Null(task.Trajectories);
        Assert.Null((await host.ClaimAsync()).Task.Trajectories);
    }

    [Fact]
    public async Task A_budget_larger_than_the_shots_is_admitted_as_it_is_simply_exact()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 10, Trajectories: 1000));

        await Expect.StatusAsync(response, 201);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task A_budget_below_one_is_a_typed_400_and_stores_nothing(int trajectories)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 100, Trajectories: trajectories));

        await Expect.ProblemAsync(response, 400, "task.invalid-trajectories");
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("\"many\"")]
    public async Task A_budget_that_is_not_an_integer_is_a_typed_400_naming_the_member(string trajectories)
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var body = $$"""{"device":"line5","circuit":{{System.Text.Json.JsonSerializer.Serialize(Samples.Bell)}},"shots":100,"trajectories":{{trajectories}}}""";

        var response = await host.Alice.PostAsync("/v1/tasks", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Expect.ProblemAsync(response, 400, "request.invalid");
        Assert.Contains("$.trajectories", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task Viability_refuses_an_invalid_budget_as_the_submission_would()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var response = await host.Alice.PostAsJsonAsync("/v1/devices/line5/viability", new ViabilityRequest(Samples.Bell, Trajectories: 0));

        await Expect.ProblemAsync(response, 400, "task.invalid-trajectories");
    }
}
