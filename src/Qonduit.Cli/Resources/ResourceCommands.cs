using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qonduit.Cli.Server;
using Qonduit.Contracts;
using Qonduit.Contracts.Resources;

namespace Qonduit.Cli.Resources;

/// <summary>`qonduit resources list|show`: every QPU device and agent pool with its state and load indices (like LSF's `lsload`).</summary>
public static class ResourceCommands
{
    /// <summary>The indices `list` shows a column of; `show` prints them all.</summary>
    private static readonly string[] KeyIndices = ["qpu_fidelity", "qpu_queue_depth", "qpu_lanes_free", "qpu_calibration_age"];

    public static Command Create()
    {
        var resources = new Command("resources", "QPU devices and simulator, CPU and GPU pools with their state and load indices");
        resources.Subcommands.Add(List());
        resources.Subcommands.Add(Show());
        return resources;
    }

    private static Command List()
    {
        var connection = new ServerConnection();
        var json = new Option<bool>("--json") { Description = "print the resources as JSON" };
        var command = new Command("list", "every resource: name, kind, lanes or slots, state and key load indices") { json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var listed = await connection.Client(parse).ListResourcesAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(listed, WireJson.Default.ListResourceView));
                return 0;
            }
            Console.WriteLine($"{"NAME",-20} {"KIND",-4} {"LANES/SLOTS",11} {"STATE",-7} {string.Join(' ', KeyIndices.Select(i => $"{i,19}"))}");
            foreach (var r in listed)
            {
                var capacity = r.Lanes is { } lanes ? $"{lanes} lanes" : $"{r.Slots} slots";
                var values = KeyIndices.Select(i => $"{(r.Indices.TryGetValue(i, out var v) ? Text(v) : "-"),19}");
                Console.WriteLine($"{r.Name,-20} {r.Kind,-4} {capacity,11} {r.State,-7} {string.Join(' ', values)}");
            }
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var connection = new ServerConnection();
        var name = new Argument<string>("name");
        var json = new Option<bool>("--json") { Description = "print the resource as JSON" };
        var command = new Command("show", "one resource with every load index, when it was taken and whether it is stale") { name, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var r = await connection.Client(parse).GetResourceAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(r, WireJson.Default.ResourceView));
                return 0;
            }
            Console.WriteLine($"{r.Name}: {r.Kind}, {(r.Lanes is { } lanes ? $"{lanes} lanes" : $"{r.Slots} slots")}, {r.State}");
            if (r.Agents is { Count: > 0 } agents) Console.WriteLine($"declared by: {string.Join(", ", agents)}");
            if (r.Commands is { Count: > 0 } offered) Console.WriteLine($"commands: {string.Join(", ", offered)}");
            var now = DateTimeOffset.UtcNow;
            foreach (var (index, value) in r.Indices.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                var age = Math.Max(0, (now - value.At).TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
                Console.WriteLine($"  {index,-22} {Text(value),14} {value.Unit,-7} age {age,5} s{(value.Stale ? "  STALE" : "")}");
            }
            return 0;
        });
        return command;
    }

    private static string Text(LoadIndexView index) =>
        index.Value.ValueKind == JsonValueKind.Number
            ? index.Value.GetDouble().ToString("G6", CultureInfo.InvariantCulture)
            : index.Value.ToString();
}
