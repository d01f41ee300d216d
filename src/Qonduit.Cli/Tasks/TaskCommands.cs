using System.CommandLine;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Cli.Admission;
using Qonduit.Cli.Placement;
using Qonduit.Cli.Results;
using Qonduit.Cli.Server;
using Qonduit.Client;
using Qonduit.Client.Primitives;
using Qonduit.Contracts;
using Qonduit.Contracts.Tasks;
using Qonduit.Qrmi.Config;

namespace Qonduit.Cli.Tasks;

/// <summary>`qonduit submit` and `qonduit tasks list|show|cancel|result|watch` against a running server.</summary>
public static class TaskCommands
{
    public static Command Submit()
    {
        var connection = new ServerConnection();
        var file = new Argument<string?>("file") { Description = "OpenQASM 2 or 3 source (with --command: the command's first arg)", Arity = ArgumentArity.ZeroOrOne };
        var rest = new Argument<string[]>("args") { Description = "with --command: the command's args, each one argv entry (put them after --)", Arity = ArgumentArity.ZeroOrMore };
        var commandName = new Option<string?>("--command")
        {
            Description = "submit a classical command task instead: the name of a command agents' operators declare (agent.json `commands`); needs --requirement selecting pools",
        };
        var stdin = new Option<string?>("--stdin") { Description = "with --command: a file whose text is the command's standard input (at most 64 KiB)" };
        var device = new Option<string?>("--device") { Description = "device name on the server (in a `--qpu` job: default its first QPU, whose lease the task spends)" };
        var shots = new Option<int>("--shots") { Description = "shots", DefaultValueFactory = _ => 1024 };
        var seed = new Option<long?>("--seed") { Description = "sampling seed (reproducible results)" };
        var priority = new Option<int?>("--priority") { Description = "higher is claimed first" };
        var version = new Option<int?>("--snapshot-version") { Description = "replay against this past device version" };
        var wait = new Option<bool>("--wait") { Description = "wait until the task is terminal and print its counts" };
        var noTranspile = new Option<bool>("--no-transpile") { Description = "the circuit is native to the device as written: admit it as such and run it unchanged" };
        var trajectories = new Option<int?>("--trajectories")
        {
            Description = "draw at most N error patterns and spread the shots over them (default: one per shot, exact; see `qonduit run --trajectories`)",
        };
        var requirement = new Option<string?>("--requirement")
        {
            Description = "place the task at claim time on a resource this requirement selects (docs/orchestration.md §2); --device then names the snapshot " +
                          "admitted against; without --device only simulator pools may be selected, and they run the circuit as written, noiselessly",
        };
        var noise = new Option<string?>("--noise")
        {
            Description = "with --requirement: on a simulator pool, the device's noise (device, the default with --device) or none (ideal, the only one without)",
        };
        var command = new Command("submit", "submit a circuit to the control plane (transpiled onto the device at claim time unless --no-transpile)")
        {
            file, rest, device, shots, seed, priority, version, wait, noTranspile, trajectories, requirement, noise, commandName, stdin,
        };
        connection.AddTo(command);
        var outcomes = new OutcomeOptions();
        outcomes.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var top = outcomes.Top(parse);
            if (parse.GetValue(commandName) is { } name)
            {
                string[] args = [.. parse.GetValue(file) is { } first ? [first] : Array.Empty<string>(), .. parse.GetValue(rest) ?? []];
                var input = parse.GetValue(stdin) is { } stdinPath
                    ? File.Exists(stdinPath) ? await File.ReadAllTextAsync(stdinPath, cancellationToken).ConfigureAwait(false)
                        : throw new QonduitException(ErrorCodes.Cli.FileNotFound, $"stdin file '{stdinPath}' does not exist")
                    : null;
                var commandClient = connection.Client(parse);
                var submitted = await commandClient.SubmitAsync(
                    CommandSubmission.Request(name, args, input, parse.GetValue(requirement), parse.GetValue(priority), parse.GetValue(device)), cancellationToken).ConfigureAwait(false);
                Console.WriteLine(submitted.Id);
                if (!parse.GetValue(wait)) return 0;
                var ended = await ProgressWait.UntilTerminalAsync(commandClient, submitted.Id, cancellationToken).ConfigureAwait(false);
                return await PrintResultAsync(commandClient, ended.Id, top, cancellationToken).ConfigureAwait(false);
            }
            var path = parse.GetValue(file) ?? throw new QonduitException(ErrorCodes.Cli.MissingSource, "give a circuit file (or --command NAME for a command task)");
            if (parse.GetValue(rest) is { Length: > 0 } extra)
                throw new QonduitException(ErrorCodes.Cli.InvalidArguments, $"one circuit file, not {extra.Length + 1}; words after it are a command's args (--command)");
            if (!File.Exists(path)) throw new QonduitException(ErrorCodes.Cli.FileNotFound, $"circuit file '{path}' does not exist");
            var job = JobQpu(parse.GetValue(device));
            var client = connection.Client(parse, job);
            var placed = parse.GetValue(requirement);
            // With a requirement and no device the task is an ideal simulation; the server refuses it when the requirement may reach a QPU.
            var target = job?.Device ?? parse.GetValue(device)
                ?? (placed is null ? throw new QonduitException(ErrorCodes.Cli.MissingDevice, "give --device (outside a `--qpu` job there is no default)") : null);
            var request = new SubmitTaskRequest(target, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false),
                Dialect: null, parse.GetValue(shots), Seed: parse.GetValue(seed), Priority: parse.GetValue(priority), SnapshotVersion: parse.GetValue(version),
                LeaseToken: job?.LeaseToken, Transpile: !parse.GetValue(noTranspile), Trajectories: parse.GetValue(trajectories),
                Requirement: placed, Noise: parse.GetValue(noise));
            var task = await SubmitAsync(client, request, path, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(task.Id);
            if (!parse.GetValue(wait)) return 0;
            var done = await ProgressWait.UntilTerminalAsync(client, task.Id, cancellationToken).ConfigureAwait(false);
            return await PrintResultAsync(client, done.Id, top, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>An inadmissible circuit's violations are printed against the user's file, as `qonduit admit` prints them.</summary>
    private static async Task<TaskView> SubmitAsync(QonduitClient client, SubmitTaskRequest request, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (QonduitApiException e) when (e.Problem.Extra?.GetValueOrDefault("violations") is { ValueKind: JsonValueKind.Array } listed)
        {
            foreach (var v in listed.Deserialize(WireJson.Default.IReadOnlyListViolationView) ?? [])
                Console.Error.WriteLine(ViolationLine.Of(path, v.Line, v.Column, v.Code, v.Message));
            throw;
        }
    }

    /// <summary>
    /// The `--qpu` job's control-plane resource the submission goes to: the one `--device` names (by resource or device
    /// name), else the job's first; null outside a job or for a device the job does not hold.
    /// </summary>
    private static QpuJobResource? JobQpu(string? device)
    {
        var held = QpuJob.Read(ProcessEnvironment.Snapshot()).Resources.Where(r => r.IsQonduitDevice).ToList();
        return device is null ? held.FirstOrDefault() : held.FirstOrDefault(r => r.Name == device || r.Device == device);
    }

    public static Command Tasks()
    {
        var tasks = new Command("tasks", "list, inspect, cancel and watch tasks on the control plane");
        tasks.Subcommands.Add(List());
        tasks.Subcommands.Add(ById("show", "print a task's record", async (client, id, ct) =>
        {
            Print(await client.GetTaskAsync(id, ct).ConfigureAwait(false), detailed: true);
            return 0;
        }));
        tasks.Subcommands.Add(ById("cancel", "cancel a queued or running task", async (client, id, ct) =>
        {
            Print(await client.CancelAsync(id, ct).ConfigureAwait(false), detailed: false);
            return 0;
        }));
        tasks.Subcommands.Add(Result());
        tasks.Subcommands.Add(WatchCommand.Create());
        return tasks;
    }

    private static Command List()
    {
        var connection = new ServerConnection();
        var state = new Option<string?>("--state") { Description = "queued, running, completed, failed or cancelled" };
        var device = new Option<string?>("--device") { Description = "only this device" };
        var limit = new Option<int>("--limit") { Description = "how many, newest first", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "list your tasks (an admin: everyone's), newest first") { state, device, limit };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TaskState? wanted = parse.GetValue(state) is { } s
                ? Enum.TryParse<TaskState>(s, ignoreCase: true, out var parsed) ? parsed : throw new QonduitException(ErrorCodes.Cli.InvalidState,
                    $"unknown state '{s}'{Suggestions.DidYouMean(Suggestions.For(s, Enum.GetValues<TaskState>().Select(v => v.Name())))}")
                : null;
            var page = await connection.Client(parse).ListTasksAsync(new TaskQueryOptions(wanted, parse.GetValue(device), null, parse.GetValue(limit)), cancellationToken).ConfigureAwait(false);
            foreach (var task in page.Items) Print(task, detailed: false);
            return 0;
        });
        return command;
    }

    private static Command Result()
    {
        var outcomes = new OutcomeOptions();
        var json = new Option<bool>("--json") { Description = "print the whole result as JSON (every outcome, timings, transpilation)" };
        var command = ById("result", "print a terminal task's outcomes (most frequent first) or error", (client, id, parse, ct) =>
            parse.GetValue(json) ? PrintJsonAsync(client, id, ct) : PrintResultAsync(client, id, outcomes.Top(parse), ct));
        outcomes.AddTo(command);
        command.Options.Add(json);
        return command;
    }

    private static async Task<int> PrintJsonAsync(QonduitClient client, Guid id, CancellationToken cancellationToken)
    {
        var result = await client.GetResultAsync(id, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(result, WireJson.Default.TaskResultView));
        return result.State == TaskState.Completed ? 0 : 1;
    }

    private static Command ById(string name, string description, Func<QonduitClient, Guid, CancellationToken, Task<int>> action) =>
        ById(name, description, (client, id, _, ct) => action(client, id, ct));

    private static Command ById(string name, string description, Func<QonduitClient, Guid, ParseResult, CancellationToken, Task<int>> action)
    {
        var connection = new ServerConnection();
        var id = new Argument<Guid>("id") { Description = "task id" };
        var command = new Command(name, description) { id };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => action(connection.Client(parse), parse.GetValue(id), parse, cancellationToken));
        return command;
    }

    /// <param name="top">How many outcomes to list (<see cref="CountsView"/>); null for all.</param>
    private static async Task<int> PrintResultAsync(QonduitClient client, Guid id, int? top, CancellationToken cancellationToken)
    {
        var result = await client.GetResultAsync(id, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            Console.WriteLine($"{result.State.Name()}: [{error.Code}] ({error.Origin}) {error.Message}{(error.Detail is null ? "" : "\n" + error.Detail)}");
            return result.State == TaskState.Completed ? 0 : 1;
        }
        Console.WriteLine($"{result.State.Name()} on snapshot v{result.BoundSnapshotVersion}" +
                          (result.Result?.Trajectories is { } budget ? $", shots spread over at most {budget} error patterns" : ""));
        if (result.Result?.Transpilation is { } t)
        {
            Console.WriteLine($"transpiled: layout [{string.Join(',', t.InitialLayout)}] → final [{string.Join(',', t.FinalPermutation)}], {t.Swaps} swaps");
            Console.WriteLine($"  before: depth {t.Before.Depth}, {t.Before.Gates} gates, {t.Before.TwoQubitGates} two-qubit");
            Console.WriteLine($"  after:  depth {t.After.Depth}, {t.After.Gates} gates, {t.After.TwoQubitGates} two-qubit");
        }
        if (result.Result?.Command is { } ran)
        {
            foreach (var line in CommandSubmission.Lines(ran)) Console.WriteLine(line);
            return 0;
        }
        if (result.Result is { } run)
            foreach (var line in CountsView.Of(run.Counts, run.Shots, run.Simulations, run.Registers, top).Lines()) Console.WriteLine(line);
        return 0;
    }

    private static void Print(TaskView t, bool detailed)
    {
        var waiting = !detailed && t.PendingReason is { } reason ? "  " + TaskLines.ShortReason(reason) : "";
        Console.WriteLine($"{t.Id}  {t.State.Name(),-9} {t.Device,-14} shots={t.Shots,-6} {(t.Stale ? "STALE " : "")}{t.CreatedAt:u}{waiting}");
        if (!detailed) return;
        Console.WriteLine($"  tenant {t.Tenant}, dialect {t.Dialect}, {t.NumQubits} qubits, {t.Instructions} instructions, priority {t.Priority}, " +
                          (t.Transpile ? "transpiled at claim" : "native as written") +
                          (t.Trajectories is { } budget ? $", at most {budget} error patterns" : ""));
        Console.WriteLine($"  step {t.Step?.ToString().ToLowerInvariant() ?? "-"}, owner {t.Owner ?? "-"}, attempt {t.Attempt}, admitted on v{t.AdmittedSnapshotVersion}, bound v{t.BoundSnapshotVersion?.ToString() ?? "-"}");
        if (t.SchedulerJobId is not null) Console.WriteLine($"  scheduler job {t.SchedulerJobId}");
        if (t.Command is not null) Console.WriteLine($"  command {t.Command}");
        if (t.Requirement is not null) Console.WriteLine($"  requirement {t.Requirement}{(t.Noise is null ? "" : $" (noise {t.Noise})")}");
        if (t.Placement is { } placement)
        {
            Console.WriteLine($"  placed on {placement.Winner} by alternative {placement.Alternative}; candidates best first:");
            foreach (var line in PlacementCommands.CandidateLines(placement.Candidates)) Console.WriteLine("  " + line);
        }
        if (t.PendingReason is { } pending) Console.WriteLine("  " + TaskLines.Reason(pending));
        if (t.Progress is { } progress) Console.WriteLine("  " + TaskLines.Progress(progress));
        if (t.Usage is { } usage) Console.WriteLine("  " + TaskLines.Usage(usage));
        if (t.Error is { } e) Console.WriteLine($"  error [{e.Code}] ({e.Origin}) {e.Message}");
    }
}
