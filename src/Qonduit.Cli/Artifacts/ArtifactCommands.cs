using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Cli.Server;
using Qonduit.Contracts;
using Qonduit.Contracts.Artifacts;

namespace Qonduit.Cli.Artifacts;

/// <summary>`qonduit artifacts put|get|ls`: store a file as an artifact, fetch one by digest, list yours.</summary>
public static class ArtifactCommands
{
    public static Command Create()
    {
        var artifacts = new Command("artifacts", "immutable data addressed by its sha256, which workflow steps pass to each other");
        artifacts.Subcommands.Add(Put());
        artifacts.Subcommands.Add(Get());
        artifacts.Subcommands.Add(List());
        return artifacts;
    }

    private static Command Put()
    {
        var connection = new ServerConnection();
        var file = new Argument<string>("file") { Description = "the file to store" };
        var type = new Option<string>("--type") { Description = "its media type, e.g. application/json", Required = true };
        var run = new Option<string?>("--run") { Description = "the run that produced it" };
        var node = new Option<string?>("--node") { Description = "the node of the run's graph that produced it" };
        var attempt = new Option<int?>("--attempt") { Description = "the node's attempt that produced it" };
        var command = new Command("put", "store a file; prints its digest (the same file again gives the same digest)") { file, type, run, node, attempt };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new QonduitException(ErrorCodes.Cli.FileNotFound, $"file '{path}' does not exist");
            var producer = (parse.GetValue(run), parse.GetValue(node), parse.GetValue(attempt)) is (null, null, null) ? null
                : new ArtifactProducerView(parse.GetValue(run), parse.GetValue(node), parse.GetValue(attempt));
            await using var content = File.OpenRead(path);
            var stored = await connection.Client(parse).PutArtifactAsync(content, parse.GetValue(type)!, producer, ct).ConfigureAwait(false);
            Console.WriteLine(stored.Digest);
            // On stderr, so a script reads the digest alone; a record older than this put was there already.
            Console.Error.WriteLine($"{Size(stored.Size)} {stored.MediaType}{(stored.CreatedAt < stored.LastUsedAt ? ", already stored" : "")}");
            return 0;
        });
        return command;
    }

    private static Command Get()
    {
        var connection = new ServerConnection();
        var digest = new Argument<string>("digest") { Description = "sha256:… as put printed it" };
        var output = new Option<string?>("--output", "-o") { Description = "write to this file (default: standard output)" };
        var command = new Command("get", "fetch an artifact's bytes") { digest, output };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var client = connection.Client(parse);
            if (parse.GetValue(output) is not { } path)
            {
                await using var stdout = Console.OpenStandardOutput();
                await client.DownloadArtifactAsync(parse.GetValue(digest)!, stdout, ct).ConfigureAwait(false);
                return 0;
            }
            // Beside the target, then renamed onto it: a download that fails leaves no half file under the name asked for.
            var target = Path.GetFullPath(path);
            var partial = target + ".partial";
            try
            {
                await using (var file = File.Create(partial)) await client.DownloadArtifactAsync(parse.GetValue(digest)!, file, ct).ConfigureAwait(false);
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var connection = new ServerConnection();
        var run = new Option<string?>("--run") { Description = "only those this run produced" };
        var json = new Option<bool>("--json") { Description = "print the artifacts as JSON" };
        var command = new Command("ls", "your artifacts in digest order: digest, size, media type, created, producer") { run, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var client = connection.Client(parse);
            var all = new List<ArtifactView>();
            string? cursor = null;
            do
            {
                var page = await client.ListArtifactsAsync(parse.GetValue(run), cursor, 500, ct).ConfigureAwait(false);
                all.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new ArtifactPage(all, null), WireJson.Default.ArtifactPage));
                return 0;
            }
            foreach (var line in Lines(all)) Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    /// <summary>The table `ls` prints: a header, then one line per artifact.</summary>
    public static IEnumerable<string> Lines(IEnumerable<ArtifactView> artifacts)
    {
        yield return $"{"DIGEST",-71}  {"SIZE",10}  {"TYPE",-24}  {"CREATED",-20}  PRODUCER";
        foreach (var a in artifacts)
        {
            var producer = a.Producer is { } p ? string.Join('/', new[] { p.Run, p.Node, p.Attempt?.ToString(CultureInfo.InvariantCulture) }.Select(s => s ?? "-")) : "-";
            yield return $"{a.Digest,-71}  {Size(a.Size),10}  {a.MediaType,-24}  {a.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture),-20}  {producer}";
        }
    }

    private static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
