using System.Net.Http.Json;
using Qonduit.Contracts.Identity;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Auth;

/// <summary>Users hold keys; the user is the tenant. Run on both stores: the port's adapters answer alike.</summary>
public sealed class UsersTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_key_made_without_a_user_is_its_own_user_charged_to_its_own_name(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);

        var alice = Assert.Single(host.Store.ListUsers(), u => u.Name == "alice");
        Assert.Null(alice.Consumer);
        Assert.Equal("alice", alice.EffectiveConsumer);
        Assert.Equal("alice", Assert.Single(host.Store.ListKeys(), k => k.Name == "alice").User);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Two_keys_of_one_user_see_and_cancel_the_same_tasks_and_another_user_sees_none(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var laptop = await host.ClientAsync("alice-laptop", ApiKeyRole.User, user: "alice");

        var submitted = await host.SubmitAsync(host.Alice);
        Assert.Equal("alice", submitted.Tenant);
        Assert.Equal(submitted.Id, Assert.Single((await laptop.GetFromJsonAsync<TaskPage>("/v1/tasks"))!.Items).Id);
        await Expect.StatusAsync(await laptop.PostAsync($"/v1/tasks/{submitted.Id}/cancel", null), 200);
        var fromLaptop = await host.SubmitAsync(laptop);
        Assert.Equal("alice", fromLaptop.Tenant);
        await Expect.StatusAsync(await host.Alice.GetAsync($"/v1/tasks/{fromLaptop.Id}"), 200);
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/tasks/{fromLaptop.Id}"), 404, "task.not-found");
        Assert.Single(host.Store.ListUsers(), u => u.Name == "alice");
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task The_admin_lists_users_with_their_keys_and_the_agent_ids_bound_to_each(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        await host.ClientAsync("alice-ci", ApiKeyRole.Agent, user: "alice");
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-7", [])), 200);

        var users = (await host.Admin.GetFromJsonAsync<List<UserView>>("/v1/users"))!;

        Assert.Equal(["admin", "agent-key", "alice", "bob"], users.Select(u => u.Name));
        var alice = users.Single(u => u.Name == "alice");
        Assert.Equal("alice", alice.Consumer);
        Assert.Equal([("alice", "user"), ("alice-ci", "agent")], alice.Keys.Select(k => (k.Name, k.Role)));
        Assert.Equal(["agent-7"], users.Single(u => u.Name == "agent-key").Keys.Single().AgentIds);
        var one = (await host.Admin.GetFromJsonAsync<UserView>("/v1/users/alice"))!;
        Assert.Equal(alice.Keys.Select(k => k.Id), one.Keys.Select(k => k.Id));
    }

    [Fact]
    public async Task Only_an_admin_may_list_users_and_an_unknown_user_is_a_typed_404()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/users"), 403, "auth.forbidden");
        await Expect.ProblemAsync(await host.Admin.GetAsync("/v1/users/nobody"), 404, "auth.user-not-found");
    }

    [Fact]
    public async Task A_user_name_that_is_not_printable_is_refused_and_nothing_is_stored()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var error = await Assert.ThrowsAsync<RefusedException>(() => ApiKeys.CreateAsync(host.Store, "k", ApiKeyRole.User, host.Clock.GetUtcNow(), "a\nb"));

        Assert.Equal("auth.invalid-user-name", error.Code);
        Assert.DoesNotContain(host.Store.ListKeys(), k => k.Name == "k");
    }

    [Fact]
    public async Task Revoking_one_key_of_a_user_leaves_its_other_keys_working()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var laptop = await host.ClientAsync("alice-laptop", ApiKeyRole.User, user: "alice");

        await ApiKeys.RevokeAsync(host.Store, "alice", host.Clock.GetUtcNow());

        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks"), 401, "auth.revoked-key");
        await Expect.StatusAsync(await laptop.GetAsync("/v1/tasks"), 200);
    }
}
