using Qonduit.Placement.Requirements;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Qonduit.Agent.Commands;
using Qonduit.Agent.Elim;
using Qonduit.Circuits;
using Qonduit.Contracts.Resources;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.Agent.Hosting;

/// <summary>
/// agent.json: everything an agent needs, including its scheduler's site settings (which never reach the server).
/// Flags given on the command line override the file. Unknown members are refused, so a typo is not silently ignored.
/// </summary>
public sealed record AgentConfig
{
    public string? Server { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>A file holding the key (first line), so the key need not sit in agent.json.</summary>
    public string? ApiKeyFile { get; init; }

    public string? AgentId { get; init; }

    public int? Slots { get; init; }

    public string? RunRoot { get; init; }

    public IReadOnlyList<string>? Devices { get; init; }

    /// <summary>The simulator, CPU and GPU pools this agent serves, sent with every heartbeat (`GET /v1/resources` lists them).</summary>
    public IReadOnlyList<PoolDeclaration>? Pools { get; init; }

    /// <summary>
    /// Load-index reporters (LSF ELIM) the agent starts and supervises; their values ride on the heartbeat
    /// (docs/orchestration.md §1 "Reporters"). Checked at start (<see cref="AgentHost.Build"/>) against the pools and devices.
    /// </summary>
    public IReadOnlyList<ReporterSpec>? Reporters { get; init; }

    /// <summary>
    /// Classical commands this agent runs for command tasks (docs/architecture.md "Command tasks"): name →
    /// <c>{argv, timeoutSeconds}</c>. Only the names reach the server; checked at load (argv non-empty, its executable
    /// absolute or on PATH).
    /// </summary>
    public IReadOnlyDictionary<string, DeclaredCommand>? Commands { get; init; }

    public double? HeartbeatSeconds { get; init; }

    public double? ClaimWaitSeconds { get; init; }

    public double? ObserveMilliseconds { get; init; }

    /// <summary>`local` (default) or `slurm`.</summary>
    public string? Scheduler { get; init; }

    /// <summary>The runner's command line before `runner &lt;dir&gt;`; this executable when absent.</summary>
    public IReadOnlyList<string>? RunnerCommand { get; init; }

    public LocalSection? Local { get; init; }

    /// <summary>The Slurm adapter's site settings; its runner command is <see cref="RunnerCommand"/>, so the section leaves it out.</summary>
    public SlurmOptions? Slurm { get; init; }

    /// <summary>
    /// This file's settings with the command line's on top: a flag given wins, an absent one (null) keeps the file's value;
    /// repeatable Slurm lines add to the file's rather than replace them.
    /// </summary>
    public AgentConfig Overlay(AgentConfig flags)
    {
        var site = Slurm ?? new SlurmOptions { RunnerCommand = [] };
        var given = flags.Slurm ?? new SlurmOptions { RunnerCommand = [] };
        return this with
        {
            Server = flags.Server ?? Server,
            ApiKey = flags.ApiKey ?? ApiKey,
            AgentId = flags.AgentId ?? AgentId,
            Slots = flags.Slots ?? Slots,
            RunRoot = flags.RunRoot ?? RunRoot,
            Scheduler = flags.Scheduler ?? Scheduler,
            HeartbeatSeconds = flags.HeartbeatSeconds ?? HeartbeatSeconds,
            ClaimWaitSeconds = flags.ClaimWaitSeconds ?? ClaimWaitSeconds,
            Devices = flags.Devices is { Count: > 0 } devices ? devices : Devices,
            Local = (Local ?? new LocalSection()) with { MemoryLimitMb = flags.Local?.MemoryLimitMb ?? Local?.MemoryLimitMb },
            Slurm = site with
            {
                Partition = given.Partition ?? site.Partition,
                Account = given.Account ?? site.Account,
                TimeLimit = given.TimeLimit ?? site.TimeLimit,
                CpusPerTask = given.CpusPerTask ?? site.CpusPerTask,
                Memory = given.Memory ?? site.Memory,
                ExtraDirectives = [.. site.ExtraDirectives ?? [], .. given.ExtraDirectives ?? []],
                SetupLines = [.. site.SetupLines ?? [], .. given.SetupLines ?? []],
            },
        };
    }

    /// <summary>agent.json's reading: the `slurm` section is <see cref="SlurmOptions"/> without its required runner command.</summary>
    private static readonly JsonSerializerOptions Json = new(AgentConfigJsonContext.Default.Options)
    {
        TypeInfoResolver = AgentConfigJsonContext.Default.WithAddedModifier(info =>
        {
            if (info.Type != typeof(SlurmOptions)) return;
            foreach (var property in info.Properties) property.IsRequired = false;
        }),
    };

    public static AgentConfig Load(string path)
    {
        if (!File.Exists(path)) throw new AgentConfigException($"agent configuration '{path}' does not exist");
        AgentConfig config;
        try
        {
            config = (AgentConfig?)JsonSerializer.Deserialize(File.ReadAllText(path), Json.GetTypeInfo(typeof(AgentConfig)))
                ?? throw new AgentConfigException($"{path}: the configuration is null");
        }
        catch (JsonException e)
        {
            throw new AgentConfigException($"{path}: {e.Message}");
        }
        // The server's rules, checked at start-up so a bad pool stops the agent here rather than refuse every heartbeat.
        if (config.Pools is { } pools && (PoolDeclaration.Problem(pools) ?? PoolSelects.Problem(pools.Select(p => (p.Name, p.Select)))) is { } problem)
            throw new AgentConfigException($"{path}: pools: {problem}");
        if (config.Commands is { } commands && DeclaredCommand.Problem(commands!) is { } commandProblem)
            throw new AgentConfigException($"{path}: commands: {commandProblem}");
        return config;
    }
}

public sealed record LocalSection
{
    public int? MaxConcurrent { get; init; }

    /// <summary>Each runner in its own memory cgroup with this limit; a job the kernel kills at it fails as runner.out-of-memory.</summary>
    public int? MemoryLimitMb { get; init; }
}

public sealed class AgentConfigException(string message) : QonduitException(ErrorCodes.Agent.ConfigInvalid, message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(AgentConfig))]
internal sealed partial class AgentConfigJsonContext : JsonSerializerContext;
