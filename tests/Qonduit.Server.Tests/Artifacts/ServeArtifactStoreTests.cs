using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Contracts.Artifacts;
using Qonduit.Server.Auth;
using Qonduit.Storage.Artifacts;

namespace Qonduit.Server.Tests.Artifacts;

/// <summary>`qonduit serve`'s composition keeps artifacts as files in the data directory, so they outlive the process.</summary>
public sealed class ServeArtifactStoreTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("qonduit-serve-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private async Task<(WebApplication App, HttpClient Client)> StartAsync(string key)
    {
        var app = ServerApp.Build(new ServerAppOptions { Urls = "http://127.0.0.1:0", Database = Path.Combine(_home, "q.db"), SeedBundledDevices = false },
            builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await ApiKeys.CreateAsync(
            app.Services.GetRequiredService<IControlPlaneStore>(), key, ApiKeyRole.User, DateTimeOffset.UtcNow, "alice")).Secret);
        return (app, client);
    }

    [Fact]
    public async Task Artifacts_are_files_under_the_data_directory_and_are_served_again_after_a_restart()
    {
        var (app, client) = await StartAsync("first");
        Assert.IsType<FileArtifactStore>(app.Services.GetRequiredService<IArtifactStore>());
        using var put = await client.PostAsync("/v1/artifacts", new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } });
        var stored = (await put.Content.ReadFromJsonAsync<ArtifactView>())!;
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();

        Assert.True(File.Exists(Directory.GetFiles(Path.Combine(_home, "artifacts"), ArtifactDigest.Hex(stored.Digest), SearchOption.AllDirectories).Single()));
        var (again, reader) = await StartAsync("second");
        await using (again)
        using (reader)
        {
            Assert.Equal([1, 2, 3], await reader.GetByteArrayAsync($"/v1/artifacts/{stored.Digest}"));
            await again.StopAsync();
        }
    }
}
