using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Cli.Server;
using Qonduit.Contracts;
using Qonduit.Contracts.Resources;

namespace Qonduit.Cli.LoadIndex;

/// <summary>`qonduit loadindex declare|push|show`: the declared load indices (LSF `lsf.shared`), ELIM lines pushed for a resource, and reported values.</summary>
public static class LoadIndexCommands
{
    public static Command Create()
    {
        var loadIndex = new Command("loadindex", "declare load indices, push values for a resource, show the catalogue or a resource's values");
        loadIndex.Subcommands.Add(Declare());
        loadIndex.Subcommands.Add(Push());
        loadIndex.Subcommands.Add(Show());
        return loadIndex;
    }

    private static Command Declare()
    {
        var connection = new ServerConnection();
        var name = new Argument<string>("name") { Description = "index name: [A-Za-z_][A-Za-z0-9_]{0,38}" };
        var type = new Option<string>("--type") { Description = "numeric, boolean or string", Required = true };
        type.AcceptOnlyFromAmong("numeric", "boolean", "string");
        var interval = new Option<string?>("--interval") { Description = "how often reporters send it: 15s (default), 500ms, 2m, 1h; at least 1s" };
        var increasing = new Option<string?>("--increasing") { Description = "yes (default): larger is more loaded; no: larger is better" };
        increasing.AcceptOnlyFromAmong("yes", "no");
        var consumable = new Option<bool>("--consumable") { Description = "rusage[] may reserve it (numeric only)" };
        var unit = new Option<string?>("--unit") { Description = "unit shown beside values" };
        var description = new Option<string?>("--description") { Description = "what the index measures" };
        var command = new Command("declare", "declare a load index or replace its declaration (admin key)") { name, type, interval, increasing, consumable, unit, description };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var request = new DeclareLoadIndexRequest(parse.GetValue(type), parse.GetValue(interval) is { } every ? Milliseconds(every) : null,
                parse.GetValue(increasing) is { } yes ? yes == "yes" : null, parse.GetValue(consumable) ? true : null, parse.GetValue(unit), parse.GetValue(description));
            var declared = await connection.Client(parse).DeclareLoadIndexAsync(parse.GetValue(name)!, request, ct).ConfigureAwait(false);
            Console.WriteLine($"declared {declared.Name}: {declared.Type}, every {declared.IntervalMs} ms, {(declared.Increasing ? "increasing" : "decreasing")}" +
                $"{(declared.Consumable ? ", consumable" : "")}{(declared.Unit is { } u ? $", unit {u}" : "")}");
            return 0;
        });
        return command;
    }

    private static Command Push()
    {
        var connection = new ServerConnection();
        var resource = new Argument<string>("resource") { Description = "a QPU device or pool name" };
        var lines = new Argument<string[]>("line") { Description = "ELIM lines `N name1 value1 …` (quote each), or - to read them from standard input", Arity = ArgumentArity.ZeroOrMore };
        var seq = new Option<long>("--seq") { Description = "sequence number: greater than the last push accepted for the resource", Required = true };
        var file = new Option<FileInfo?>("--file") { Description = "read the lines from a file" };
        var command = new Command("push", "push load-index values for a resource (agent or admin key)") { resource, lines, seq, file };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(lines) ?? [];
            var path = parse.GetValue(file);
            if ((given.Length > 0 ? 1 : 0) + (path is null ? 0 : 1) != 1)
                throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "give the lines as arguments, with --file F, or as - (standard input); exactly one of these");
            IReadOnlyList<string> pushed = path is not null ? await File.ReadAllLinesAsync(path.FullName, ct).ConfigureAwait(false)
                : given is ["-"] ? ReadAll(Console.In)
                : given;
            var answer = await connection.Client(parse).PushLoadIndicesAsync(parse.GetValue(resource)!, parse.GetValue(seq),
                [.. pushed.Where(l => !string.IsNullOrWhiteSpace(l))], ct).ConfigureAwait(false);
            Console.WriteLine($"seq {answer.Seq}: {answer.Accepted} value(s) accepted, {answer.Refused.Count} line(s) refused");
            foreach (var refused in answer.Refused) Console.Error.WriteLine($"  refused {refused}");
            return answer.Refused.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Show()
    {
        var connection = new ServerConnection();
        var resource = new Argument<string?>("resource") { Description = "show this resource's values; the catalogue when absent", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("show", "the declared load indices, or one resource's values with their age and staleness") { resource, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var client = connection.Client(parse);
            if (parse.GetValue(resource) is not { } name)
            {
                var catalog = await client.ListLoadIndicesAsync(ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(catalog, WireJson.Default.LoadIndexCatalogView));
                    return 0;
                }
                Console.WriteLine($"catalogue version {catalog.Version}");
                Console.WriteLine($"{"NAME",-24} {"TYPE",-8} {"INTERVAL",9} {"INCR",-4} {"CONS",-4} {"UNIT",-8} DESCRIPTION");
                foreach (var i in catalog.Indices)
                    Console.WriteLine($"{i.Name,-24} {i.Type,-8} {(i.BuiltIn ? "built-in" : $"{i.IntervalMs / 1000.0:0.###}s"),9} {(i.Increasing ? "yes" : "no"),-4} " +
                        $"{(i.Consumable ? "yes" : "no"),-4} {i.Unit ?? "",-8} {i.Description}");
                return 0;
            }
            var r = await client.GetResourceAsync(name, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(r.Indices, WireJson.Default.IReadOnlyDictionaryStringLoadIndexView));
                return 0;
            }
            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"{"INDEX",-24} {"VALUE",14} {"UNIT",-8} {"AGE",8} STALE");
            foreach (var (index, value) in r.Indices.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                var text = value.Value.ValueKind == JsonValueKind.Number ? value.Value.GetDouble().ToString("G6", CultureInfo.InvariantCulture) : value.Value.ToString();
                var age = Math.Max(0, (now - value.At).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
                Console.WriteLine($"{index,-24} {text,14} {value.Unit ?? "",-8} {age + "s",8} {(value.Stale ? "yes" : "no")}");
            }
            return 0;
        });
        return command;
    }

    private static List<string> ReadAll(TextReader reader)
    {
        var read = new List<string>();
        while (reader.ReadLine() is { } line) read.Add(line);
        return read;
    }

    /// <summary>`15s`, `500ms`, `2m`, `1h`, or bare seconds.</summary>
    private static int Milliseconds(string duration)
    {
        var (number, scale) = duration switch
        {
            _ when duration.EndsWith("ms", StringComparison.Ordinal) => (duration[..^2], 1.0),
            _ when duration.EndsWith('s') => (duration[..^1], 1_000.0),
            _ when duration.EndsWith('m') => (duration[..^1], 60_000.0),
            _ when duration.EndsWith('h') => (duration[..^1], 3_600_000.0),
            _ => (duration, 1_000.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0 || value * scale > int.MaxValue)
            throw new QonduitException(ErrorCodes.Cli.InvalidArguments, $"--interval: '{duration}' is not a duration such as 15s, 500ms, 2m or 1h");
        return (int)Math.Round(value * scale);
    }
}
