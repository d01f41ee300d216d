using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Identity;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Server.Tests.Auth;

/// <summary>`/v1/keys`: an admin creates keys for anyone; a user lists and revokes its own; the last admin key stays. Both stores.</summary>
public sealed class KeysApiTests
{
    private static async Task<CreatedKeyView> CreateAsync(HttpClient admin, CreateKeyRequest request)
    {
        var response = await admin.PostAsJsonAsync("/v1/keys", request);
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<CreatedKeyView>())!;
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task An_admin_creates_a_key_for_another_user_whose_secret_works_at_once_and_is_never_listed(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);

        var created = await CreateAsync(host.Admin, new CreateKeyRequest("user", "carol", "carol-laptop"));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var unnamed = await CreateAsync(host.Admin, new CreateKeyRequest("agent", "carol"));

        Assert.Equal(("carol-laptop", "carol", "user"), (created.Name, created.User, created.Role));
        Assert.StartsWith("qk_", created.Secret, StringComparison.Ordinal);
        Assert.StartsWith("carol-", unnamed.Name, StringComparison.Ordinal);
        var carol = host.WithKey(created.Secret);
        Assert.Equal("carol", (await host.SubmitAsync(carol)).Tenant);
        var listed = await host.Admin.GetStringAsync("/v1/keys?user=carol");
        Assert.DoesNotContain(created.Secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        var keys = JsonSerializer.Deserialize<List<KeyView>>(listed, JsonSerializerOptions.Web)!;
        Assert.Equal([(created.Id, "carol-laptop", "user"), (unnamed.Id, unnamed.Name, "agent")], keys.Select(k => (k.Id, k.Name, k.Role)));
        Assert.Equal(6, (await host.Admin.GetFromJsonAsync<List<KeyView>>("/v1/keys"))!.Count);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_user_lists_and_revokes_only_its_own_keys_and_a_revoked_key_is_refused_on_its_next_request(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var laptop = await CreateAsync(host.Admin, new CreateKeyRequest("user", "alice", "alice-laptop"));
        var bobs = Assert.Single((await host.Bob.GetFromJsonAsync<List<KeyView>>("/v1/keys"))!);

        var own = (await host.Alice.GetFromJsonAsync<List<KeyView>>("/v1/keys"))!;
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/keys?user=bob"), 403, "auth.forbidden");
        await Expect.ProblemAsync(await host.Alice.DeleteAsync($"/v1/keys/{bobs.Id}"), 404, "auth.key-not-found");
        await Expect.ProblemAsync(await host.Alice.DeleteAsync("/v1/keys/bob"), 404, "auth.key-not-found");
        var revoked = await host.Alice.DeleteAsync($"/v1/keys/{laptop.Id}");

        Assert.Equal(["alice", "alice-laptop"], own.Select(k => k.Name));
        await Expect.StatusAsync(revoked, 200);
        Assert.NotNull((await revoked.Content.ReadFromJsonAsync<KeyView>())!.RevokedAt);
        await Expect.ProblemAsync(await host.WithKey(laptop.Secret).GetAsync("/v1/tasks"), 401, "auth.revoked-key");
        await Expect.StatusAsync(await host.Bob.GetAsync("/v1/tasks"), 200);
        await Expect.ProblemAsync(await host.Alice.DeleteAsync($"/v1/keys/{laptop.Id}"), 404, "auth.key-not-found");
        Assert.NotNull(Assert.Single((await host.Alice.GetFromJsonAsync<List<KeyView>>("/v1/keys"))!, k => k.Id == laptop.Id).RevokedAt);
    }

    [Fact]
    public async Task A_user_revoking_the_key_it_calls_with_is_answered_and_then_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.StatusAsync(await host.Alice.DeleteAsync("/v1/keys/alice"), 200);

        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/keys"), 401, "auth.revoked-key");
    }

    [Fact]
    public async Task Only_an_admin_creates_keys_and_an_agent_key_manages_none()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/keys", new CreateKeyRequest("user", "alice", "alice-2")), 403, "auth.forbidden");
        await Expect.ProblemAsync(await host.Agent.GetAsync("/v1/keys"), 403, "auth.forbidden");
        await Expect.ProblemAsync(await host.Agent.DeleteAsync("/v1/keys/agent-key"), 403, "auth.forbidden");
        await Expect.ProblemAsync(await host.Anonymous.GetAsync("/v1/keys"), 401, "auth.missing-key");
        Assert.DoesNotContain(host.Store.ListKeys(), k => k.Name == "alice-2");
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task The_last_admin_key_is_never_revoked_but_an_admin_with_a_successor_may_revoke_its_own(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);

        var alone = await Expect.ProblemAsync(await host.Admin.DeleteAsync("/v1/keys/admin"), 409, "auth.last-admin-key");
        var successor = host.WithKey((await CreateAsync(host.Admin, new CreateKeyRequest("admin", Name: "ops"))).Secret);
        await Expect.StatusAsync(await host.Admin.DeleteAsync("/v1/keys/admin"), 200);

        Assert.Contains("only active admin key", alone.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect.ProblemAsync(await host.Admin.GetAsync("/v1/keys"), 401, "auth.revoked-key");
        await Expect.ProblemAsync(await successor.DeleteAsync("/v1/keys/ops"), 409, "auth.last-admin-key");
        Assert.Equal(1, host.Store.ListKeys().Count(k => k.IsActive && k.Role == ApiKeyRole.Admin));
    }

    [Fact]
    public async Task Admins_see_each_key_change_live_naming_the_key_that_made_it_and_users_do_not()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await using var admins = await SseReader.OpenAsync(host, host.Admin, "/v1/events?type=key.*");
        await using var alices = await SseReader.OpenAsync(host, host.Alice, "/v1/events");

        var created = await CreateAsync(host.Admin, new CreateKeyRequest("user", "alice", "alice-laptop"));
        await Expect.StatusAsync(await host.Alice.DeleteAsync($"/v1/keys/{created.Id}"), 200);
        var task = await host.SubmitAsync(host.Alice);

        var changes = await admins.TakeAsync(2);
        Assert.Equal([EventTypes.KeyCreated, EventTypes.KeyRevoked], changes.Select(c => c.EventType));
        var data = changes.Select(c => JsonDocument.Parse(c.Data).RootElement.GetProperty("data")).ToList();
        Assert.Equal([(created.Id, "admin"), (created.Id, "alice")], data.Select(d => (d.GetProperty("keyId").GetString(), d.GetProperty("by").GetString())));
        Assert.All(changes, c => Assert.DoesNotContain(created.Secret, c.Data, StringComparison.Ordinal));
        // Alice's own task event comes after the key events in store order: had they been shown to her, they would come first.
        var first = (await alices.NextAsync())!.Value;
        Assert.Equal((EventTypes.TaskQueued, task.Id), (first.EventType, JsonDocument.Parse(first.Data).RootElement.GetProperty("taskId").GetGuid()));
    }

    [Fact]
    public async Task A_key_request_without_a_known_role_or_any_name_or_with_a_taken_name_is_refused_and_nothing_is_stored()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var before = host.Store.ListKeys().Count;

        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/keys", new CreateKeyRequest("root", "carol")), 400, "auth.unknown-role");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/keys", new { user = "carol" }), 400, "auth.unknown-role");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/keys", new CreateKeyRequest("user")), 400, "auth.key-unnamed");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/keys", new CreateKeyRequest("user", "carol", "bob")), 409, "auth.key-exists");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/keys", new CreateKeyRequest("user", "carol", "a\nb")), 400, "auth.invalid-key-name");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/keys", new CreateKeyRequest("user", new string('u', 101), "c")), 400, "auth.invalid-user-name");
        await Expect.ProblemAsync(await host.Admin.DeleteAsync("/v1/keys/key_nothing"), 404, "auth.key-not-found");

        Assert.Equal(before, host.Store.ListKeys().Count);
        Assert.DoesNotContain(host.Store.ListUsers(), u => u.Name == "carol");
    }
}
