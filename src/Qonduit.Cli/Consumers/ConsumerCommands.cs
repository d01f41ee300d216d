using System.CommandLine;
using System.Globalization;
using Qonduit.Placement.FairShare;

namespace Qonduit.Cli.Consumers;

/// <summary>
/// `qonduit consumers fairshare --tree TREE.json --usage USAGE.json`: an administrator's what-if, without a server — the
/// Fair Tree report of a consumer tree under a usage map, in the columns of Slurm's `sshare -l`.
/// </summary>
public static class ConsumerCommands
{
    /// <summary>A tree or usage file larger than this is refused before it is read (a what-if file, not a database).</summary>
    public const long MaxFileBytes = 16 << 20;

    public static Command Create()
    {
        var consumers = new Command("consumers", "consumers and fair share");
        consumers.Subcommands.Add(FairShareCommand());
        return consumers;
    }

    private static Command FairShareCommand()
    {
        var tree = new Option<FileInfo>("--tree") { Description = "the consumer tree: {\"name\", \"shares\", \"children\": [...]} nested", Required = true };
        var usage = new Option<FileInfo?>("--usage") { Description = "raw usage per leaf path, e.g. {\"/chem/alice\": 300} (default: none)" };
        var csv = new Option<bool>("--csv") { Description = "print comma-separated values with a header line" };
        var command = new Command("fairshare", "the Fair Tree report (sshare -l columns) of a tree and a usage map, without a server") { tree, usage, csv };
        command.SetAction(parse =>
        {
            var consumerTree = ConsumerTreeJson.ReadTree(Read(parse.GetValue(tree)!));
            var usageFile = parse.GetValue(usage);
            var raw = usageFile is null ? new Dictionary<string, double>() : ConsumerTreeJson.ReadUsage(Read(usageFile), consumerTree);
            foreach (var line in Lines(FairTree.Compute(consumerTree, raw), parse.GetValue(csv))) Console.WriteLine(line);
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
