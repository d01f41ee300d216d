using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Qonduit.Agent.Hosting;
using Qonduit.Cli.Runner;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.Cli.Agent;

/// <summary>`qonduit agent`: the outbound-only execution-plane agent (listens on no port).</summary>
public static class AgentCommands
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "agent.json (flags override it)" };
        var server = new Option<string?>("--server") { Description = "control plane URL, e.g. http://qonduit.example:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "agent API key (or apiKeyFile in the configuration, or QONDUIT_API_KEY)" };
        var agentId = new Option<string?>("--agent-id") { Description = "this agent's stable name (default: the host name)" };
        var slots = new Option<int?>("--slots") { Description = "tasks held at once" };
        var runRoot = new Option<string?>("--run-root") { Description = "directory of run directories (kept across restarts)" };
        var scheduler = new Option<string?>("--scheduler") { Description = "local or slurm" };
        var heartbeat = new Option<double?>("--heartbeat-interval") { Description = "seconds between heartbeats" };
        var claimWait = new Option<double?>("--claim-wait") { Description = "seconds one claim long-polls" };
        var devices = new Option<string[]?>("--device") { Description = "claim only tasks for these devices (repeatable)" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition" };
        var account = new Option<string?>("--account") { Description = "Slurm account" };
        var timeLimit = new Option<string?>("--time-limit") { Description = "Slurm time limit per task (e.g. 00:10:00)" };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "Slurm CPUs per task" };
        var memory = new Option<string?>("--mem") { Description = "Slurm memory per task (e.g. 4G)" };
        var sbatch = new Option<string[]?>("--sbatch") { Description = "extra #SBATCH directive (repeatable), e.g. --sbatch=--gres=qpu:1" };
        var setup = new Option<string[]?>("--setup-line") { Description = "shell line run before the runner in the job (repeatable)" };
        var memoryLimit = new Option<int?>("--memory-limit-mb") { Description = "local scheduler: each runner in its own memory cgroup with this limit (needs a writable cgroup)" };

        var command = new Command("agent", "claim tasks from a control plane and run them through a scheduler (outbound HTTP only)");
        foreach (var option in (Option[])[config, server, apiKey, agentId, slots, runRoot, scheduler, heartbeat, claimWait, devices,
                     partition, account, timeLimit, cpus, memory, sbatch, setup, memoryLimit])
            command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(config) is { } path ? AgentConfig.Load(path) : new AgentConfig();
            var merged = file.Overlay(new AgentConfig
            {
                Server = parse.GetValue(server),
                ApiKey = parse.GetValue(apiKey),
                AgentId = parse.GetValue(agentId),
                Slots = parse.GetValue(slots),
                RunRoot = parse.GetValue(runRoot),
                Scheduler = parse.GetValue(scheduler),
                HeartbeatSeconds = parse.GetValue(heartbeat),
                ClaimWaitSeconds = parse.GetValue(claimWait),
                Devices = parse.GetValue(devices),
                Local = new LocalSection { MemoryLimitMb = parse.GetValue(memoryLimit) },
                Slurm = new SlurmOptions
                {
                    RunnerCommand = [],
                    Partition = parse.GetValue(partition),
                    Account = parse.GetValue(account),
                    TimeLimit = parse.GetValue(timeLimit),
                    CpusPerTask = parse.GetValue(cpus),
                    Memory = parse.GetValue(memory),
                    ExtraDirectives = parse.GetValue(sbatch) ?? [],
                    SetupLines = parse.GetValue(setup) ?? [],
                },
            });
            using var logs = LoggerFactory.Create(b => b
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                })
                .SetMinimumLevel(LogLevel.Information));
            using var host = AgentHost.Build(merged with { RunnerCommand = merged.RunnerCommand is { Count: > 0 } given ? given : RunnerCommands.CurrentCommand() }, logs);
            // SIGTERM (a service manager, `kill`) and SIGINT stop the agent the same way: drain and exit 0; jobs keep running.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            await host.Worker.RunAsync(stop.Token).ConfigureAwait(false);
            return 0;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }
}
