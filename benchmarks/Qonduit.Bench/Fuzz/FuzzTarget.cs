using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Bench.Fuzz;

/// <summary>Readies a running `qonduit serve` for a campaign: a key of each role and the operations to fuzz.</summary>
public static class FuzzTarget
{
    /// <param name="database">The server's SQLite database; keys are created in it as `qonduit keys create` does.</param>
    public static async Task<(FuzzContext Context, IReadOnlyList<FuzzOperation> Operations)> PrepareAsync(
        Uri server, string database, string adminKey, CancellationToken cancellationToken = default)
    {
        FuzzKeys keys;
        using (var store = new SqliteControlPlaneStore(new SqliteStoreOptions(database)))
        {
            var now = DateTimeOffset.UtcNow;
            keys = new FuzzKeys(
                adminKey,
                (await ApiKeys.CreateAsync(store, "fuzz-alice", ApiKeyRole.User, now, cancellationToken).ConfigureAwait(false)).Secret,
                (await ApiKeys.CreateAsync(store, "fuzz-bob", ApiKeyRole.User, now, cancellationToken).ConfigureAwait(false)).Secret,
                (await ApiKeys.CreateAsync(store, "fuzz-agent", ApiKeyRole.Agent, now, cancellationToken).ConfigureAwait(false)).Secret);
        }
        using var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json", cancellationToken).ConfigureAwait(false))!;
        using var devices = JsonDocument.Parse(await http.GetStringAsync("/v1/devices", cancellationToken).ConfigureAwait(false));
        var names = devices.RootElement.EnumerateArray().Select(d => d.GetProperty("device").GetString()!).ToList();
        if (names.Count == 0) throw new InvalidOperationException("the server has no device to fuzz against; start it without --no-seed");
        var canary = FuzzCanary.Create(Path.GetDirectoryName(Path.GetFullPath(database))!);
        return (new FuzzContext(keys, names, canary), FuzzOperation.FromOpenApi(document));
    }
}
