using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qonduit.Contracts;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Storage.Sqlite;

/// <summary>Column lists and row ⇄ record mapping. Times are stored as UTC ticks (exact, sortable).</summary>
internal static class Rows
{
    public const string TaskColumns = "seq, id, tenant, device, dialect, circuit, shots, seed, requested_version, admitted_version, priority, tags, " +
        "num_qubits, instructions, state, phase, owner, attempt, bound_version, scheduler_job_id, created_at, updated_at, claimed_at, " +
        "submitted_at, finished_at, error_code, error_origin, error_message, error_detail, result, lease_id, transpile, trajectories, owner_incarnation, " +
        "missed_heartbeats, survives_agent, requirement, noise, resource, placed_alternative, submitted_device, " +
        "consumer, resource_kind, interrupted_at, lane_seconds, cpu_seconds, simulations, command";

    public const string EventColumns = "seq, type, task_id, device, tenant, at, data";

    public const string DeviceColumns = "device, version, created_at, source, hash, num_qubits, snapshot, lanes";

    public const string KeyColumns = "id, name, role, hash, created_at, revoked_at, user_name";

    public const string UserColumns = "name, consumer, created_at";

    public const string LoadIndexColumns = "name, type, interval_ms, increasing, consumable, unit, description, declared_at, version";

    public const string AgentColumns = "agent_id, key_name, last_heartbeat, capacity, devices, stale_reported, key_id, incarnation";

    public const string LeaseColumns = "id, token_hash, device, tenant, holder, lane, exclusive, ttl_seconds, acquired_at, expires_at, released_at, ended, tasks, shots";

    public const string OpenLeasesSql = $"SELECT {LeaseColumns} FROM leases WHERE ended = 0 ORDER BY acquired_at, id";

    public const string OpenLeasesOfDeviceSql = $"SELECT {LeaseColumns} FROM leases WHERE ended = 0 AND device = @device ORDER BY acquired_at, id";

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static TaskRecord Task(SqliteDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        Id = Guid.Parse(r.GetString(1)),
        Tenant = r.GetString(2),
        Device = r.GetString(3),
        Dialect = r.GetString(4),
        Circuit = r.GetString(5),
        Shots = r.GetInt32(6),
        Seed = r.IsDBNull(7) ? null : r.GetInt64(7),
        RequestedSnapshotVersion = r.IsDBNull(8) ? null : r.GetInt32(8),
        AdmittedSnapshotVersion = r.GetInt32(9),
        Priority = r.GetInt32(10),
        Tags = Strings(r.GetString(11)),
        NumQubits = r.GetInt32(12),
        InstructionCount = r.GetInt32(13),
        State = TaskStates.TryParse(r.GetString(14), out var state) ? state : throw new InvalidDataException($"unknown task state '{r.GetString(14)}'"),
        Phase = r.IsDBNull(15) ? null : r.GetString(15) == "submitted" ? TaskPhase.Submitted : TaskPhase.Claimed,
        Owner = r.IsDBNull(16) ? null : r.GetString(16),
        Attempt = r.GetInt32(17),
        BoundSnapshotVersion = r.IsDBNull(18) ? null : r.GetInt32(18),
        SchedulerJobId = r.IsDBNull(19) ? null : r.GetString(19),
        CreatedAt = Time(r.GetInt64(20)),
        UpdatedAt = Time(r.GetInt64(21)),
        ClaimedAt = r.IsDBNull(22) ? null : Time(r.GetInt64(22)),
        SubmittedAt = r.IsDBNull(23) ? null : Time(r.GetInt64(23)),
        FinishedAt = r.IsDBNull(24) ? null : Time(r.GetInt64(24)),
        Error = r.IsDBNull(25) ? null : new TaskError(r.GetString(25), r.GetString(26), r.GetString(27), r.IsDBNull(28) ? null : r.GetString(28)),
        ResultJson = r.IsDBNull(29) ? null : r.GetString(29),
        LeaseId = r.IsDBNull(30) ? null : Guid.Parse(r.GetString(30)),
        Transpile = r.GetInt64(31) != 0,
        Trajectories = r.IsDBNull(32) ? null : r.GetInt32(32),
        OwnerIncarnation = r.IsDBNull(33) ? null : r.GetString(33),
        MissedHeartbeats = r.GetInt32(34),
        SurvivesAgent = r.GetInt64(35) != 0,
        Requirement = r.IsDBNull(36) ? null : r.GetString(36),
        Noise = r.IsDBNull(37) ? null : r.GetString(37),
        Resource = r.IsDBNull(38) ? null : r.GetString(38),
        PlacedAlternative = r.IsDBNull(39) ? null : r.GetInt32(39),
        SubmittedDevice = r.IsDBNull(40) ? null : r.GetString(40),
        Consumer = r.GetString(41),
        ResourceKind = r.IsDBNull(42) ? null : r.GetString(42),
        InterruptedAt = r.IsDBNull(43) ? null : Time(r.GetInt64(43)),
        LaneSeconds = r.IsDBNull(44) ? null : r.GetDouble(44),
        CpuSeconds = r.IsDBNull(45) ? null : r.GetDouble(45),
        Simulations = r.IsDBNull(46) ? null : r.GetInt32(46),
        Command = r.IsDBNull(47) ? null : JsonSerializer.Deserialize(r.GetString(47), WireJson.Default.TaskCommand),
    };

    /// <summary>
    /// Every task column but `seq`: its value in a record (INSERT binds them all) and whether two records agree on it
    /// (UPDATE writes those that differ), compared as typed values so that nothing is boxed or serialized to tell.
    /// </summary>
    private static readonly TaskField[] TaskFields =
    [
        new("id", t => t.Id.ToString(), (a, b) => a.Id == b.Id),
        new("tenant", t => t.Tenant, (a, b) => a.Tenant == b.Tenant),
        new("device", t => t.Device, (a, b) => a.Device == b.Device),
        new("dialect", t => t.Dialect, (a, b) => a.Dialect == b.Dialect),
        new("circuit", t => t.Circuit, (a, b) => ReferenceEquals(a.Circuit, b.Circuit) || a.Circuit == b.Circuit),
        new("shots", t => t.Shots, (a, b) => a.Shots == b.Shots),
        new("seed", t => (object?)t.Seed ?? DBNull.Value, (a, b) => a.Seed == b.Seed),
        new("requested_version", t => (object?)t.RequestedSnapshotVersion ?? DBNull.Value, (a, b) => a.RequestedSnapshotVersion == b.RequestedSnapshotVersion),
        new("admitted_version", t => t.AdmittedSnapshotVersion, (a, b) => a.AdmittedSnapshotVersion == b.AdmittedSnapshotVersion),
        new("priority", t => t.Priority, (a, b) => a.Priority == b.Priority),
        new("tags", t => StringsJson(t.Tags), (a, b) => a.Tags.AsSpan().SequenceEqual(b.Tags.AsSpan())),
        new("num_qubits", t => t.NumQubits, (a, b) => a.NumQubits == b.NumQubits),
        new("instructions", t => t.InstructionCount, (a, b) => a.InstructionCount == b.InstructionCount),
        new("state", t => t.State.Name(), (a, b) => a.State == b.State),
        new("phase", t => t.Phase switch { TaskPhase.Claimed => "claimed", TaskPhase.Submitted => "submitted", _ => DBNull.Value }, (a, b) => a.Phase == b.Phase),
        new("owner", t => (object?)t.Owner ?? DBNull.Value, (a, b) => a.Owner == b.Owner),
        new("attempt", t => t.Attempt, (a, b) => a.Attempt == b.Attempt),
        new("bound_version", t => (object?)t.BoundSnapshotVersion ?? DBNull.Value, (a, b) => a.BoundSnapshotVersion == b.BoundSnapshotVersion),
        new("scheduler_job_id", t => (object?)t.SchedulerJobId ?? DBNull.Value, (a, b) => a.SchedulerJobId == b.SchedulerJobId),
        new("created_at", t => Ticks(t.CreatedAt), (a, b) => a.CreatedAt == b.CreatedAt),
        new("updated_at", t => Ticks(t.UpdatedAt), (a, b) => a.UpdatedAt == b.UpdatedAt),
        new("claimed_at", t => t.ClaimedAt is { } claimed ? Ticks(claimed) : DBNull.Value, (a, b) => a.ClaimedAt == b.ClaimedAt),
        new("submitted_at", t => t.SubmittedAt is { } submitted ? Ticks(submitted) : DBNull.Value, (a, b) => a.SubmittedAt == b.SubmittedAt),
        new("finished_at", t => t.FinishedAt is { } finished ? Ticks(finished) : DBNull.Value, (a, b) => a.FinishedAt == b.FinishedAt),
        new("error_code", t => (object?)t.Error?.Code ?? DBNull.Value, (a, b) => a.Error?.Code == b.Error?.Code),
        new("error_origin", t => (object?)t.Error?.Origin ?? DBNull.Value, (a, b) => a.Error?.Origin == b.Error?.Origin),
        new("error_message", t => (object?)t.Error?.Message ?? DBNull.Value, (a, b) => a.Error?.Message == b.Error?.Message),
        new("error_detail", t => (object?)t.Error?.Detail ?? DBNull.Value, (a, b) => a.Error?.Detail == b.Error?.Detail),
        new("result", t => (object?)t.ResultJson ?? DBNull.Value, (a, b) => ReferenceEquals(a.ResultJson, b.ResultJson) || a.ResultJson == b.ResultJson),
        new("lease_id", t => (object?)t.LeaseId?.ToString() ?? DBNull.Value, (a, b) => a.LeaseId == b.LeaseId),
        new("transpile", t => t.Transpile ? 1 : 0, (a, b) => a.Transpile == b.Transpile),
        new("trajectories", t => (object?)t.Trajectories ?? DBNull.Value, (a, b) => a.Trajectories == b.Trajectories),
        new("owner_incarnation", t => (object?)t.OwnerIncarnation ?? DBNull.Value, (a, b) => a.OwnerIncarnation == b.OwnerIncarnation),
        new("missed_heartbeats", t => t.MissedHeartbeats, (a, b) => a.MissedHeartbeats == b.MissedHeartbeats),
        new("survives_agent", t => t.SurvivesAgent ? 1 : 0, (a, b) => a.SurvivesAgent == b.SurvivesAgent),
        new("requirement", t => (object?)t.Requirement ?? DBNull.Value, (a, b) => a.Requirement == b.Requirement),
        new("noise", t => (object?)t.Noise ?? DBNull.Value, (a, b) => a.Noise == b.Noise),
        new("resource", t => (object?)t.Resource ?? DBNull.Value, (a, b) => a.Resource == b.Resource),
        new("placed_alternative", t => (object?)t.PlacedAlternative ?? DBNull.Value, (a, b) => a.PlacedAlternative == b.PlacedAlternative),
        new("submitted_device", t => (object?)t.SubmittedDevice ?? DBNull.Value, (a, b) => a.SubmittedDevice == b.SubmittedDevice),
        new("consumer", t => t.Consumer, (a, b) => a.Consumer == b.Consumer),
        new("resource_kind", t => (object?)t.ResourceKind ?? DBNull.Value, (a, b) => a.ResourceKind == b.ResourceKind),
        new("interrupted_at", t => t.InterruptedAt is { } interrupted ? Ticks(interrupted) : DBNull.Value, (a, b) => a.InterruptedAt == b.InterruptedAt),
        new("lane_seconds", t => (object?)t.LaneSeconds ?? DBNull.Value, (a, b) => a.LaneSeconds == b.LaneSeconds),
        new("cpu_seconds", t => (object?)t.CpuSeconds ?? DBNull.Value, (a, b) => a.CpuSeconds == b.CpuSeconds),
        new("simulations", t => (object?)t.Simulations ?? DBNull.Value, (a, b) => a.Simulations == b.Simulations),
        // A task's command never changes after submission: compared by reference, it is written at INSERT only.
        new("command_name", t => (object?)t.Command?.Name ?? DBNull.Value, (a, b) => ReferenceEquals(a.Command, b.Command) || a.Command?.Name == b.Command?.Name),
        new("command", t => t.Command is { } command ? JsonSerializer.Serialize(command, WireJson.Default.TaskCommand) : DBNull.Value,
            (a, b) => ReferenceEquals(a.Command, b.Command) || a.Command == b.Command),
    ];

    private sealed record TaskField(string Column, Func<TaskRecord, object> Value, Func<TaskRecord, TaskRecord, bool> Same)
    {
        public string Parameter { get; } = "@" + Column;
    }

    public static readonly string InsertTaskSql =
        $"INSERT INTO tasks ({string.Join(", ", TaskFields.Select(f => f.Column))}) VALUES ({string.Join(", ", TaskFields.Select(f => f.Parameter))}) RETURNING seq";

    /// <summary>Binds every task column as @name parameters.</summary>
    public static void Bind(SqliteCommand c, TaskRecord t)
    {
        foreach (var field in TaskFields) c.Parameters.AddWithValue(field.Parameter, field.Value(t));
    }

    /// <summary>
    /// The UPDATE of the columns whose values differ between <paramref name="before"/> and <paramref name="after"/>
    /// (all of them without a <paramref name="before"/>), and their values; null when none differs. A transition changes a
    /// handful of a task's 48 columns: binding only those, and letting SQLite skip the indexes on the others, halves its cost.
    /// </summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters)? Update(TaskRecord after, TaskRecord? before)
    {
        var changed = 0UL;
        var parameters = new List<(string, object?)> { ("@id", after.Id.ToString()) };
        for (var i = 1; i < TaskFields.Length; i++)
        {
            if (before is not null && TaskFields[i].Same(before, after)) continue;
            changed |= 1UL << i;
            parameters.Add((TaskFields[i].Parameter, TaskFields[i].Value(after)));
        }
        if (changed == 0) return null;
        return (UpdateSql.GetOrAdd(changed, static bits => "UPDATE tasks SET " +
            string.Join(", ", Enumerable.Range(0, TaskFields.Length).Where(i => (bits & (1UL << i)) != 0).Select(i => $"{TaskFields[i].Column} = {TaskFields[i].Parameter}")) +
            " WHERE id = @id"), parameters);
    }

    /// <summary>The UPDATE text per set of changed columns: a handful of transitions make a handful of statements.</summary>
    private static readonly ConcurrentDictionary<ulong, string> UpdateSql = new();

    public static EventRecord Event(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), Time(r.GetInt64(5)), r.GetString(6));

    public static DeviceVersion Device(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt32(1), Time(r.GetInt64(2)), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetString(6), r.GetInt32(7));

    public static LeaseRecord Lease(SqliteDataReader r) => new()
    {
        Id = Guid.Parse(r.GetString(0)),
        TokenHash = r.GetString(1),
        Device = r.GetString(2),
        Tenant = r.GetString(3),
        Holder = r.GetString(4),
        Lane = r.GetInt32(5),
        Exclusive = r.GetInt64(6) != 0,
        TtlSeconds = r.GetInt32(7),
        AcquiredAt = Time(r.GetInt64(8)),
        ExpiresAt = Time(r.GetInt64(9)),
        ReleasedAt = r.IsDBNull(10) ? null : Time(r.GetInt64(10)),
        Ended = r.GetInt64(11) != 0,
        Tasks = r.GetInt32(12),
        Shots = r.GetInt64(13),
    };

    public static ApiKeyRecord Key(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(6), Role(r.GetString(2)), r.GetString(3), Time(r.GetInt64(4)), r.IsDBNull(5) ? null : Time(r.GetInt64(5)));

    private static ApiKeyRole Role(string text) =>
        ApiKeyRoles.TryParse(text, out var role) ? role : throw new InvalidDataException($"unknown key role '{text}'");

    public static LoadIndexRecord LoadIndex(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3) != 0, r.GetInt64(4) != 0, r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), Time(r.GetInt64(7)), r.GetInt64(8));

    public static UserRecord User(SqliteDataReader r) => new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), Time(r.GetInt64(2)));

    public static AgentRecord Agent(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.GetInt32(3),
        Strings(r.GetString(4)), r.GetInt64(5) != 0,
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7));

    /// <summary>A JSON array of strings as stored; most are empty, read without the parser (every claim reads a task and an agent).</summary>
    private static ImmutableArray<string> Strings(string json) => json == "[]" ? [] : [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    /// <summary>Strings as their stored JSON array (an agent's devices, a task's tags).</summary>
    public static string StringsJson(ImmutableArray<string> strings) => strings.IsDefaultOrEmpty ? "[]" : JsonSerializer.Serialize(strings.ToArray());
}
