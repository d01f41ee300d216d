using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Cli.Artifacts;
using Qonduit.Contracts;
using Qonduit.Contracts.Artifacts;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Cli.Tests.Artifacts;

/// <summary>`qonduit artifacts put|get|ls` against the control plane listening on a loopback port, as `serve` composes it.</summary>
public sealed class ArtifactCommandsTests : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("qonduit-cli-artifacts-").FullName;
    private WebApplication _server = null!;
    private string _url = "";
    private string _alice = "";
    private string _bob = "";

    public async Task InitializeAsync()
    {
        _server = ServerApp.Build(new ServerAppOptions { Urls = "http://127.0.0.1:0", Database = Path.Combine(_home, "q.db"), SeedBundledDevices = false });
        await _server.StartAsync();
        _url = _server.Urls.Single();
        var store = _server.Services.GetRequiredService<IControlPlaneStore>();
        _alice = (await ApiKeys.CreateAsync(store, "alice", ApiKeyRole.User, DateTimeOffset.UtcNow)).Secret;
        _bob = (await ApiKeys.CreateAsync(store, "bob", ApiKeyRole.User, DateTimeOffset.UtcNow)).Secret;
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private QonduitProcess.Outcome Run(string key, params string[] arguments) => QonduitProcess.Run([.. arguments, "--server", _url, "--key", key]);

    [Fact]
    public void A_file_put_is_listed_and_fetched_back_byte_for_byte_by_its_owner_only()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"energies\": [-1.13, -1.12]}\n");
        var input = Path.Combine(_home, "energies.json");
        File.WriteAllBytes(input, bytes);

        var put = Run(_alice, "artifacts", "put", input, "--type", "application/json", "--run", "r1", "--node", "vqe", "--attempt", "1");
        var again = Run(_alice, "artifacts", "put", input, "--type", "application/json");

        Assert.Equal(0, put.ExitCode);
        var digest = put.Stdout.Trim();
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), digest);
        Assert.Equal("29 B application/json", put.Stderr.Trim());
        Assert.Equal((digest, "29 B application/json, already stored"), (again.Stdout.Trim(), again.Stderr.Trim()));

        var listed = Run(_alice, "artifacts", "ls", "--run", "r1");
        Assert.Equal(0, listed.ExitCode);
        var row = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.StartsWith(digest, row, StringComparison.Ordinal);
        Assert.EndsWith("r1/vqe/1", row.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(Run(_alice, "artifacts", "ls", "--run", "other").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonSerializer.Deserialize(Run(_alice, "artifacts", "ls", "--json").Stdout, WireJson.Default.ArtifactPage)!;
        Assert.Equal((digest, "alice", 29L), (json.Items.Single().Digest, json.Items.Single().Owner, json.Items.Single().Size));

        var output = Path.Combine(_home, "copy.json");
        Assert.Equal(0, Run(_alice, "artifacts", "get", digest, "-o", output).ExitCode);
        Assert.Equal(bytes, File.ReadAllBytes(output));
        Assert.Equal(Encoding.UTF8.GetString(bytes), Run(_alice, "artifacts", "get", digest).Stdout);

        var bobs = Run(_bob, "artifacts", "get", digest, "-o", Path.Combine(_home, "stolen.json"));
        Assert.Equal(1, bobs.ExitCode);
        Assert.Contains("error [artifact.not-found]", bobs.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_home, "stolen.json")));
        Assert.False(File.Exists(Path.Combine(_home, "stolen.json.partial")));
    }

    [Fact]
    public void A_missing_file_a_bad_media_type_and_a_bad_digest_are_refused_with_their_codes()
    {
        var input = Path.Combine(_home, "x.bin");
        File.WriteAllBytes(input, [1, 2]);

        Assert.Contains("error [cli.file-not-found]", Run(_alice, "artifacts", "put", Path.Combine(_home, "absent"), "--type", "text/plain").Stderr, StringComparison.Ordinal);
        Assert.Contains("error [artifact.invalid-media-type]", Run(_alice, "artifacts", "put", input, "--type", "text").Stderr, StringComparison.Ordinal);
        Assert.Contains("error [artifact.invalid-digest]", Run(_alice, "artifacts", "get", "sha256:beef").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_listing_aligns_its_columns_and_shows_a_missing_producer_part_as_a_dash()
    {
        var at = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);
        var digest = "sha256:" + new string('a', 64);

        Assert.Equal(
        [
            $"{"DIGEST",-71}  {"SIZE",10}  TYPE                      CREATED               PRODUCER",
            $"{digest}     1,024 B  application/json          2026-12-05 09:30:00Z  r1/-/2",
            $"{digest}         3 B  text/plain                2026-12-05 09:30:00Z  -",
        ], ArtifactCommands.Lines(
        [
            new ArtifactView(digest, "application/json", 1024, "alice", new ArtifactProducerView("r1", null, 2), at, at),
            new ArtifactView(digest, "text/plain", 3, "alice", null, at, at),
        ]));
    }
}
