using System.Net;
using Qonduit.Contracts.Identity;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Client.Tests;

/// <summary>The key methods of <see cref="QonduitClient"/> against the real control plane in process.</summary>
public sealed class KeyClientTests : IAsyncLifetime
{
    private ControlPlaneHost _host = null!;
    private QonduitClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ControlPlaneHost.StartAsync();
        _admin = new QonduitClient(_host.Admin, apiKey: null);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_a_key_its_holder_lists_and_revokes_and_then_it_is_refused()
    {
        var created = await _admin.CreateKeyAsync(new CreateKeyRequest("user", "carol", "carol-ci"));
        var carol = new QonduitClient(_host.WithKey(created.Secret), apiKey: null);

        var own = await carol.ListKeysAsync();
        var revoked = await carol.RevokeKeyAsync(created.Id);

        Assert.Equal((created.Id, "carol", "user"), (Assert.Single(own).Id, own[0].User, own[0].Role));
        Assert.Equal(created.Id, revoked.Id);
        Assert.NotNull(revoked.RevokedAt);
        Assert.NotNull(Assert.Single(await _admin.ListKeysAsync("carol")).RevokedAt);
        var refused = await Assert.ThrowsAsync<QonduitApiException>(() => carol.ListKeysAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, "auth.revoked-key"), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task Revoking_the_last_admin_key_is_a_typed_conflict()
    {
        var error = await Assert.ThrowsAsync<QonduitApiException>(() => _admin.RevokeKeyAsync("admin"));

        Assert.Equal((HttpStatusCode.Conflict, "auth.last-admin-key"), (error.Status, error.Code));
    }
}
