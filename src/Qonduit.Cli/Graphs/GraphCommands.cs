using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Cli.Server;
using Qonduit.Contracts;
using Qonduit.Contracts.Graphs;
using Qonduit.Graphs.Definition;

namespace Qonduit.Cli.Graphs;

/// <summary>`qonduit graph validate|submit|show|runs|cancel|dot` (docs/orchestration.md §4).</summary>
public static class GraphCommands
{
    public static Command Create()
    {
        var graph = new Command("graph", "service graphs: hybrid workflows of circuit and classical steps, run by the control plane");
        graph.Subcommands.Add(Validate());
        graph.Subcommands.Add(Submit());
        graph.Subcommands.Add(Show());
        graph.Subcommands.Add(Runs());
        graph.Subcommands.Add(Cancel());
        graph.Subcommands.Add(Dot());
        return graph;
    }

    /// <summary>Checks a file offline, with the server's own checks; a refusal exits 1 with its code and where.</summary>
    public static Graph Check(string path)
    {
        try
        {
            return GraphCompiler.Compile(GraphFiles.Read(path));
        }
        catch (GraphException e)
        {
            throw new QonduitException(e.Code, $"{path}: {e.Where}: {e.Reason}");
        }
    }

    private static Command Validate()
    {
        var file = new Argument<string>("file") { Description = "the graph (JSON, or YAML with .yaml/.yml)" };
        var command = new Command("validate", "check a graph file as the server would, without a server") { file };
        command.SetAction(parse =>
        {
            var graph = Check(parse.GetValue(file)!);
            Console.WriteLine($"{graph.Name}: {graph.NodeCount} nodes, valid");
            return 0;
        });
        return command;
    }

    private static Command Submit()
    {
        var connection = new ServerConnection();
        var file = new Argument<string>("file") { Description = "the graph (JSON, or YAML with .yaml/.yml)" };
        var inputs = new Option<string?>("--inputs") { Description = "the run's inputs: a JSON object, or a JSON/YAML file holding one" };
        var json = new Option<bool>("--json") { Description = "print the run as JSON" };
        var command = new Command("submit", "post the graph and start a run of it; prints the run's id") { file, inputs, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var definition = GraphFiles.Read(parse.GetValue(file)!);
            var client = connection.Client(parse);
            var graph = await client.PostGraphAsync(definition, ct).ConfigureAwait(false);
            var run = await client.RunGraphAsync(graph.Id, GraphFiles.Inputs(parse.GetValue(inputs)), ct).ConfigureAwait(false);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(run, WireJson.Default.RunView));
            else Console.WriteLine(run.Id);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var connection = new ServerConnection();
        var id = new Argument<Guid>("run") { Description = "the run's id" };
        var json = new Option<bool>("--json") { Description = "print the run as JSON" };
        var command = new Command("show", "a run's status and its nodes: state, attempt, task, timings, error") { id, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var run = await connection.Client(parse).GetRunAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(run, WireJson.Default.RunView));
                return 0;
            }
            foreach (var line in Lines(run)) Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    /// <summary>What `show` prints: the run's line, then one line per node instance.</summary>
    public static IEnumerable<string> Lines(RunView run)
    {
        yield return $"run {run.Id} of graph {run.GraphId}: {run.Status}{(run.EndedAt is { } ended ? $" after {(ended - run.CreatedAt).TotalSeconds:F1} s" : "")}";
        yield return $"{"NODE",-32}  {"STATE",-10}  {"ATTEMPT",7}  {"TASK",-36}  ERROR";
        foreach (var n in run.Nodes)
            yield return $"{n.Key,-32}  {n.State,-10}  {n.Attempt,7}  {n.TaskId?.ToString() ?? "-",-36}  {(n.ErrorCode is null ? "" : $"{n.ErrorCode}: {n.Error}")}";
    }

    private static Command Runs()
    {
        var connection = new ServerConnection();
        var graph = new Option<Guid?>("--graph") { Description = "only runs of this graph" };
        var status = new Option<string?>("--status") { Description = "running, succeeded, failed or cancelled" };
        var json = new Option<bool>("--json") { Description = "print the runs as JSON" };
        var command = new Command("runs", "your runs, newest first") { graph, status, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var page = await connection.Client(parse).ListRunsAsync(parse.GetValue(graph), parse.GetValue(status), cancellationToken: ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(page, WireJson.Default.RunPage));
                return 0;
            }
            Console.WriteLine($"{"RUN",-36}  {"GRAPH",-36}  {"STATUS",-10}  CREATED");
            foreach (var r in page.Items)
                Console.WriteLine($"{r.Id,-36}  {r.GraphId,-36}  {r.Status,-10}  {r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture)}");
            return 0;
        });
        return command;
    }

    private static Command Cancel()
    {
        var connection = new ServerConnection();
        var id = new Argument<Guid>("run") { Description = "the run's id" };
        var command = new Command("cancel", "cancel a run: its nodes that have not ended, and their tasks") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var run = await connection.Client(parse).CancelRunAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            Console.WriteLine($"run {run.Id}: {run.Status}");
            return 0;
        });
        return command;
    }

    private static Command Dot()
    {
        var connection = new ServerConnection();
        var target = new Argument<string>("graph-or-run") { Description = "a graph file, or a run's id (its nodes coloured by state)" };
        var command = new Command("dot", "Graphviz of a graph file or of a run: qonduit graph dot FILE | dot -Tsvg > graph.svg") { target };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(target)!;
            if (!Guid.TryParse(text, out var runId))
            {
                Console.Write(GraphDot.Render(Check(text)));
                return 0;
            }
            var client = connection.Client(parse);
            var run = await client.GetRunAsync(runId, ct).ConfigureAwait(false);
            var graph = await client.GetGraphAsync(run.GraphId, ct).ConfigureAwait(false);
            Console.Write(GraphDot.Render(GraphCompiler.Compile(graph.Definition), run.Nodes.ToDictionary(n => n.Key, n => n.State)));
            return 0;
        });
        return command;
    }
}
