using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qonduit.Cli.Server;
using Qonduit.Contracts.Consumers;
using Qonduit.Placement.FairShare;

namespace Qonduit.Cli.Consumers;

/// <summary>
/// `qonduit consumers …` (docs/orchestration.md §3, admin): the server's consumer tree (`show`, `set FILE`, `history`),
/// which leaf a user is charged to (`assign USER PATH`), and `fairshare`, the Fair Tree report in the columns of Slurm's
/// `sshare -l` — of the server's tree and usage, or with `--tree` (and `--usage`) an administrator's what-if without a server.
/// </summary>
public static class ConsumerCommands
{
    /// <summary>A tree or usage file larger than this is refused before it is read (a what-if file, not a database).</summary>
    public const long MaxFileBytes = 16 << 20;

    public static Command Create()
    {
        var consumers = new Command("consumers", "consumers and fair share");
        consumers.Subcommands.Add(FairShareCommand());
        consumers.Subcommands.Add(ShowCommand());
        consumers.Subcommands.Add(SetCommand());
        consumers.Subcommands.Add(HistoryCommand());
        consumers.Subcommands.Add(AssignCommand());
        return consumers;
    }

    private static Command FairShareCommand()
    {
        var connection = new ServerConnection();
        var tree = new Option<FileInfo?>("--tree") { Description = "what-if without a server: the consumer tree, {\"name\", \"shares\", \"children\": [...]} nested" };
        var usage = new Option<FileInfo?>("--usage") { Description = "with --tree: raw usage per leaf path, e.g. {\"/chem/alice\": 300} (default: none)" };
        var csv = new Option<bool>("--csv") { Description = "print comma-separated values with a header line" };
        var kind = new Option<string>("--kind") { Description = "the server's report for this pool kind: qpu, sim, cpu or gpu", DefaultValueFactory = _ => "qpu" };
        var recompute = new Option<bool>("--recompute") { Description = "have the server recompute fair share from usage now rather than read its last standing" };
        var command = new Command("fairshare", "the Fair Tree report (sshare -l columns): the server's tree and decayed usage, or --tree/--usage without a server")
        {
            tree, usage, csv, kind, recompute,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<FairShareRow> rows;
            if (parse.GetValue(tree) is { } treeFile)
            {
                var consumerTree = ConsumerTreeJson.ReadTree(Read(treeFile));
                var raw = parse.GetValue(usage) is { } usageFile ? ConsumerTreeJson.ReadUsage(Read(usageFile), consumerTree) : new Dictionary<string, double>();
                rows = FairTree.Compute(consumerTree, raw);
            }
            else
            {
                var live = await connection.Client(parse).GetFairShareAsync(parse.GetValue(kind)!, parse.GetValue(recompute), cancellationToken).ConfigureAwait(false);
                rows = [.. live.Select(r => new FairShareRow(r.Path, r.Account, r.User, r.RawShares, r.NormShares, r.RawUsage, r.EffectiveUsage,
                    r.LevelFs ?? double.PositiveInfinity, r.FairShare))];
            }
            foreach (var line in Lines(rows, parse.GetValue(csv))) Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var connection = new ServerConnection();
        var command = new Command("show", "the consumer tree in force on the server, with its version (JSON)");
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = await connection.Client(parse).GetConsumerTreeAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(tree, Contracts.WireJson.Default.ConsumerTreeView));
            return 0;
        });
        return command;
    }

    private static Command SetCommand()
    {
        var connection = new ServerConnection();
        var file = new Argument<FileInfo>("tree") { Description = "the consumer tree file, {\"name\", \"shares\", \"pools\", \"children\": [...]} nested" };
        var command = new Command("set", "set a new version of the server's consumer tree") { file };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = Read(parse.GetValue(file)!);
            // Checked here first, so a bad file is refused with the consumer and the rule before anything is sent.
            ConsumerTreeJson.ReadTree(text);
            using var document = JsonDocument.Parse(text);
            var stored = await connection.Client(parse).SetConsumerTreeAsync(document.RootElement, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"consumer tree v{stored.Version}");
            return 0;
        });
        return command;
    }

    private static Command HistoryCommand()
    {
        var connection = new ServerConnection();
        var command = new Command("history", "every version of the server's consumer tree, oldest first");
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            foreach (var version in await connection.Client(parse).GetConsumerTreeHistoryAsync(cancellationToken).ConfigureAwait(false))
                Console.WriteLine($"v{version.Version}  {version.CreatedAt:yyyy-MM-dd HH:mm:ss}Z  {version.CreatedBy}");
            return 0;
        });
        return command;
    }

    private static Command AssignCommand()
    {
        var connection = new ServerConnection();
        var user = new Argument<string>("user") { Description = "the user to charge" };
        var path = new Argument<string>("consumer") { Description = "a leaf of the tree in force, e.g. /chem/alice" };
        var command = new Command("assign", "charge a user to a leaf consumer of the server's tree") { user, path };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await connection.Client(parse).AssignConsumerAsync(parse.GetValue(user)!, parse.GetValue(path)!, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{parse.GetValue(user)} → {parse.GetValue(path)}");
            return 0;
        });
        return command;
    }

    private static readonly string[] Columns = ["Account", "User", "RawShares", "NormShares", "RawUsage", "EffectvUsage", "LevelFS", "FairShare"];

    public static IEnumerable<string> Lines(IReadOnlyList<FairShareRow> rows, bool csv)
    {
        var cells = rows.Select(Cells).ToList();
        if (csv)
        {
            yield return string.Join(',', Columns);
            foreach (var row in cells) yield return string.Join(',', row);
            yield break;
        }
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> values) => string.Join(' ', values.Select((v, i) => i < 2 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd();
        yield return Line(Columns);
        yield return string.Join(' ', widths.Select(w => new string('-', w)));
        foreach (var row in cells) yield return Line(row);
    }

    private static string[] Cells(FairShareRow row) =>
    [
        row.Account, row.User ?? "", row.RawShares.ToString(CultureInfo.InvariantCulture), Fixed(row.NormShares),
        row.RawUsage.ToString("0.###", CultureInfo.InvariantCulture), Fixed(row.EffectiveUsage),
        double.IsPositiveInfinity(row.LevelFs) ? "inf" : Fixed(row.LevelFs), row.FairShare is { } f ? Fixed(f) : "",
    ];

    private static string Fixed(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Read(FileInfo file)
    {
        if (file.Exists && file.Length > MaxFileBytes)
            throw new ConsumerTreeException(ErrorCodes.Consumer.InvalidTree, $"{file.FullName} is larger than {MaxFileBytes >> 20} MiB");
        return File.ReadAllText(file.FullName);
    }
}
