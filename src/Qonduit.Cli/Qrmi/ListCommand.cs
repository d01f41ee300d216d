using System.CommandLine;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>`qonduit qrmi list [--filter EXPR] [--least-busy]`: one line per resource with the attributes filters read.</summary>
internal static class ListCommand
{
    private static readonly string[] Columns = ["name", "type", "status", "num_qubits", "lanes_in_use", "lanes", "queue_depth", "median_2q_error"];

    public static Command Create()
    {
        var config = QrmiCommands.ConfigOption();
        var filter = new Option<string?>("--filter", "-f") { Description = "attribute filter, e.g. \"num_qubits>=100&status=online&name=ibm_*\"" };
        var leastBusy = new Option<bool>("--least-busy") { Description = "print only the name of the least busy online match" };
        var command = new Command("list", "list quantum resources, optionally filtered by attributes") { config, filter, leastBusy };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var provider = QrmiCommands.Provider(parse.GetValue(config), ProcessEnvironment.Snapshot(), new ResourceFactory());
            var selection = ResourceFilter.Parse(parse.GetValue(filter));
            if (parse.GetValue(leastBusy))
            {
                Console.WriteLine((await provider.LeastBusyAsync(selection, cancellationToken)).Resource.ResourceId);
                return CliRunner.Success;
            }
            var rows = (await provider.SelectAsync(selection, cancellationToken))
                .Select(v => Columns.Select(c => v.Attributes.GetValueOrDefault(c, "-")).ToArray()).ToList();
            var widths = Columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Length).Max()).ToArray();
            Console.WriteLine(Format(Columns, widths));
            foreach (var row in rows) Console.WriteLine(Format(row, widths));
            return CliRunner.Success;
        });
        return command;
    }

    private static string Format(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
