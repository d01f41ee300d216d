namespace Qonduit.Server;

/// <summary>Tunables of the control plane, bound from the `Qonduit` configuration section.</summary>
public sealed class ServerOptions
{
    public const string Section = "Qonduit";

    /// <summary>How long device reads are served from the cache when nothing mutates the device.</summary>
    public TimeSpan DeviceCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An agent whose last heartbeat is older is stale; its tasks may then be requeued without force.</summary>
    public TimeSpan AgentStaleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an agent stays stale before the staleness monitor requeues its running tasks (docs/architecture.md "Task lifecycle");
    /// tasks whose job a cluster scheduler holds (Slurm) are left to the agent's return or an admin.
    /// </summary>
    public TimeSpan StaleOwnerGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the staleness monitor looks for agents that just went stale or ran out of grace.</summary>
    public TimeSpan StaleScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The heartbeat interval assumed for an agent whose heartbeats do not state theirs (the agent's default).</summary>
    public TimeSpan AssumedHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxCircuitBytes { get; set; } = 1 << 20;

    /// <summary>After this long without a request, garbage of the last burst is collected and returned to the OS; zero: never.</summary>
    public TimeSpan IdleTrimAfter { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxInstructions { get; set; } = 1_000_000;

    public int MaxQubits { get; set; } = 1024;

    /// <summary>
    /// The only directory a submitted circuit may `include` files from (besides qelib1.inc and stdgates.inc); none by
    /// default. Set with `qonduit serve --include-dir DIR`.
    /// </summary>
    public string? IncludeDirectory { get; set; }

    /// <summary>How long parsing a submission may take before it is refused with `limits.deadline` (422).</summary>
    public TimeSpan AdmissionDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound on a claim's long-poll wait.</summary>
    public int MaxClaimWaitMs { get; set; } = 60_000;

    public int MaxPageSize { get; set; } = 500;

    /// <summary>
    /// How long a better-ordered free lane may leave a requirement task unclaimed before a worse lane's claim takes it
    /// (docs/orchestration.md "Placement at claim"): the better lane's agent may be between two claims.
    /// </summary>
    public int PlacementGraceMs { get; set; } = 200;

    /// <summary>
    /// Fair share's usage half-life (docs/orchestration.md §3, Slurm's PriorityDecayHalfLife): a task's resource-seconds
    /// count half after it. Zero: usage never decays (as Slurm's 0).
    /// </summary>
    public TimeSpan FairShareHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often fair share is recomputed from usage (Slurm's PriorityCalcPeriod); at least 1 s. A tree change recomputes at once.</summary>
    public TimeSpan FairSharePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often owned pools are checked for slots to take back (reclaim) and interrupted tasks for a passed grace.</summary>
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound on a lease acquisition's long-poll wait (docs/leases.md: at least 60 s).</summary>
    public int MaxLeaseWaitMs { get; set; } = 60_000;

    /// <summary>How often expired leases are announced (`lease.expired`); expiry itself needs no sweep.</summary>
    public TimeSpan LeaseSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Artifact limits, retention and directory (`Qonduit:Artifacts`).</summary>
    public Artifacts.ArtifactOptions Artifacts { get; set; } = new();

    /// <summary>Events buffered for one SSE subscriber before it is disconnected as too slow.</summary>
    public int SubscriberQueueCapacity { get; set; } = 4096;

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Register the bundled devices when the registry is empty at start.</summary>
    public bool SeedBundledDevices { get; set; } = true;

    /// <summary>Longest request target (path and query) answered; longer is a 414 `http.uri-too-long`.</summary>
    public int MaxRequestTargetBytes { get; set; } = 8 * 1024;

    /// <summary>Most bytes of header names and values; more is a 431 `http.headers-too-large`.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Most header fields; more is a 431 `http.headers-too-large`.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Requests per second each user key may make, with bursts up to <see cref="RateLimits.RateLimiting.BurstFactor"/>
    /// times as many; more is a 429 `limits.rate`. 0 turns the limit off. Agent and admin keys are never limited.
    /// </summary>
    public int UserRequestsPerSecond { get; set; } = 100;

    /// <summary>When set and no key is active at start, an admin key is created and written there (mode 0600).</summary>
    public string? BootstrapAdminKeyFile { get; set; }
}
