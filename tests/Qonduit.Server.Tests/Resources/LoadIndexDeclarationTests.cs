using System.Net.Http.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Resources;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Resources;

public sealed class LoadIndexDeclarationTests
{
    [Fact]
    public async Task A_declared_index_is_listed_beside_the_built_in_ones_and_each_declaration_grows_the_version()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var before = (await host.Alice.GetFromJsonAsync<LoadIndexCatalogView>("/v1/loadindices"))!;

        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_util",
            new DeclareLoadIndexRequest("numeric", 5_000, Consumable: true, Unit: "%", Description: "GPU utilisation")), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_util", new DeclareLoadIndexRequest("numeric", 2_000)), 200);
        var after = (await host.Alice.GetFromJsonAsync<LoadIndexCatalogView>("/v1/loadindices"))!;

        Assert.Equal((0L, 2L), (before.Version, after.Version));
        Assert.All(before.Indices, i => Assert.True(i.BuiltIn));
        Assert.Contains(after.Indices, i => i is { Name: "qpu_fidelity", BuiltIn: true });
        Assert.Equal(new LoadIndexDeclarationView("gpu_util", "numeric", 2_000, true, false, null, null, false), Assert.Single(after.Indices, i => !i.BuiltIn));
        Assert.Equal(2, new LoadIndexCatalog(host.Store, host.Clock).Version);
    }

    [Theory]
    [InlineData("9lives", "{\"type\":\"numeric\"}", 400, "loadindex.invalid-name")]
    [InlineData("qpu_fidelity", "{\"type\":\"numeric\"}", 409, "loadindex.built-in")]
    [InlineData("gpu_util", "{\"type\":\"float\"}", 400, "loadindex.invalid-declaration")]
    [InlineData("gpu_util", "{\"type\":\"numeric\",\"intervalMs\":500}", 400, "loadindex.invalid-declaration")]
    [InlineData("gpu_model", "{\"type\":\"string\",\"consumable\":true}", 400, "loadindex.invalid-declaration")]
    public async Task A_bad_declaration_is_refused_with_its_code(string name, string body, int status, string code)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Admin.PutAsync($"/v1/loadindices/{name}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json")), status, code);
        Assert.Equal(0, host.Get<LoadIndexCatalog>().Version);
    }

    [Fact]
    public async Task Only_an_admin_declares()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.StatusAsync(await host.Alice.PutAsJsonAsync("/v1/loadindices/gpu_util", new DeclareLoadIndexRequest("numeric")), 403);
    }

    [Fact]
    public async Task Every_heartbeat_answer_carries_the_catalogue_version()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_util", new DeclareLoadIndexRequest("numeric")), 200);

        var answer = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [], "i-1", 5_000));

        Assert.Equal(1L, (await answer.Content.ReadFromJsonAsync<HeartbeatResponse>())!.LoadIndicesVersion);
    }
}
