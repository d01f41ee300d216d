using Microsoft.Data.Sqlite;

namespace Qonduit.Storage.Sqlite;

/// <summary>The write side of one `BEGIN IMMEDIATE` transaction on the store's single writer connection.</summary>
internal sealed partial class SqliteWriter(PreparedCommands commands) : IStoreWriter
{
    private readonly List<EventRecord> _appended = [];

    public IReadOnlyList<EventRecord> Appended => _appended;

    public TaskRecord? GetTask(Guid id) => ReadTask(commands, id);

    /// <summary>A task by id, on the writer's statements or a reader's.</summary>
    internal static TaskRecord? ReadTask(PreparedCommands c, Guid id) =>
        c.Single($"SELECT {Rows.TaskColumns} FROM tasks WHERE id = @id", Rows.Task, ("@id", id.ToString()));

    public TaskRecord? NextQueued(IReadOnlyCollection<string>? devices, ClaimGate? gate = null, string? consumer = null, IReadOnlyCollection<string>? excluded = null)
    {
        // Requirement tasks are placed by the server's placement, never taken by device.
        var where = "state = 'queued' AND requirement IS NULL";
        var parameters = new List<(string, object?)>();
        string List(string prefix, IEnumerable<object> values)
        {
            var names = values.Select((v, i) => { parameters.Add(($"@{prefix}{i}", v)); return $"@{prefix}{i}"; }).ToList();
            return string.Join(", ", names);
        }
        if (devices is { Count: > 0 }) where += $" AND device IN ({List("d", devices)})";
        if (excluded is { Count: > 0 }) where += $" AND device NOT IN ({List("x", excluded)})";
        if (consumer is not null)
        {
            // One consumer's head walks its own index in claim order.
            parameters.Add(("@consumer", consumer));
            where += " AND consumer = @consumer";
        }
        if (gate is { FullyLeased.Count: > 0 })
        {
            where += $" AND (device NOT IN ({List("f", gate.FullyLeased)})" +
                (gate.ActiveLeases.Count > 0 ? $" OR lease_id IN ({List("l", gate.ActiveLeases.Select(l => (object)l.ToString()))}))" : ")");
        }
        var index = consumer is null ? "" : " INDEXED BY ix_tasks_queue_consumer";
        return commands.Single($"SELECT {Rows.TaskColumns} FROM tasks{index} WHERE {where} ORDER BY priority DESC, seq LIMIT 1", Rows.Task, [.. parameters]);
    }

    // A loose index scan: one seek per consumer rather than a walk of every queued task.
    public IReadOnlyList<string> QueuedConsumers() => commands.Query("""
        WITH RECURSIVE c(consumer) AS (
            SELECT MIN(consumer) FROM tasks INDEXED BY ix_tasks_queue_consumer WHERE state = 'queued' AND requirement IS NULL
            UNION ALL
            SELECT (SELECT MIN(consumer) FROM tasks INDEXED BY ix_tasks_queue_consumer WHERE state = 'queued' AND requirement IS NULL AND consumer > c.consumer)
            FROM c WHERE c.consumer IS NOT NULL)
        SELECT consumer FROM c WHERE consumer IS NOT NULL
        """, r => r.GetString(0));

    public TaskRecord InsertTask(TaskRecord task)
    {
        var command = commands.Get(Rows.InsertTaskSql);
        Rows.Bind(command, task);
        return task with { Sequence = (long)command.ExecuteScalar()! };
    }

    public void UpdateTask(TaskRecord task, TaskRecord? before = null)
    {
        if (Rows.Update(task, before) is not var (sql, parameters)) return;
        if (commands.Execute(sql, [.. parameters]) != 1) throw new InvalidOperationException($"task {task.Id} does not exist");
    }

    public IReadOnlyList<TaskRecord> RunningTasksOf(string owner) =>
        commands.Query($"SELECT {Rows.TaskColumns} FROM tasks INDEXED BY ix_tasks_running_owner WHERE owner = @owner AND state = 'running' ORDER BY seq", Rows.Task, ("@owner", owner));

    public EventRecord Append(NewEvent e, DateTimeOffset at)
    {
        var sequence = (long)commands.Scalar(
            "INSERT INTO events (type, task_id, task_seq, device, tenant, at, data) " +
            "VALUES (@type, @task, COALESCE(@task_seq, (SELECT seq FROM tasks WHERE id = @task)), @device, @tenant, @at, @data) RETURNING seq",
            ("@type", e.Type), ("@task", e.TaskId?.ToString()), ("@task_seq", e.TaskSequence), ("@device", e.Device), ("@tenant", e.Tenant), ("@at", Rows.Ticks(at)),
            ("@data", e.Data))!;
        var record = new EventRecord(sequence, e.Type, e.TaskId, e.Device, e.Tenant, at, e.Data);
        _appended.Add(record);
        return record;
    }

    public DeviceVersion? GetDevice(string device, int? version = null) => ReadDevice(commands, device, version);

    /// <summary>A device's version (its latest without one), on the writer's statements or a reader's.</summary>
    internal static DeviceVersion? ReadDevice(PreparedCommands c, string device, int? version) => version is { } v
        ? c.Single($"SELECT {Rows.DeviceColumns} FROM devices WHERE device = @device AND version = @version", Rows.Device, ("@device", device), ("@version", v))
        : c.Single($"SELECT {Rows.DeviceColumns} FROM devices WHERE device = @device ORDER BY version DESC LIMIT 1", Rows.Device, ("@device", device));

    public void InsertDeviceVersion(DeviceVersion v) => commands.Execute(
        $"INSERT INTO devices ({Rows.DeviceColumns}) VALUES (@device, @version, @created, @source, @hash, @qubits, @snapshot, @lanes)",
        ("@device", v.Device), ("@version", v.Version), ("@created", Rows.Ticks(v.CreatedAt)), ("@source", v.Source), ("@hash", v.Hash),
        ("@qubits", v.NumQubits), ("@snapshot", v.SnapshotJson), ("@lanes", v.Lanes));

    public bool AnyDevice() => commands.Scalar("SELECT EXISTS (SELECT 1 FROM devices)") is long exists && exists != 0;

    public AgentRecord? GetAgent(string agentId) =>
        commands.Single($"SELECT {Rows.AgentColumns} FROM agents WHERE agent_id = @id", Rows.Agent, ("@id", agentId));

    public void SaveAgent(AgentRecord a) => commands.Execute(
        $"INSERT INTO agents ({Rows.AgentColumns}) VALUES (@id, @key, @heartbeat, @capacity, @devices, @stale, @key_id, @incarnation) " +
        "ON CONFLICT (agent_id) DO UPDATE SET key_name = excluded.key_name, last_heartbeat = excluded.last_heartbeat, " +
        "capacity = excluded.capacity, devices = excluded.devices, stale_reported = excluded.stale_reported, key_id = excluded.key_id, " +
        "incarnation = excluded.incarnation",
        ("@id", a.AgentId), ("@key", a.KeyName), ("@heartbeat", Rows.Ticks(a.LastHeartbeat)), ("@capacity", a.Capacity),
        ("@devices", Rows.StringsJson(a.Devices)), ("@stale", a.StaleReported ? 1 : 0), ("@key_id", a.KeyId), ("@incarnation", a.Incarnation));

    public void InsertKey(ApiKeyRecord k) => commands.Execute(
        $"INSERT INTO api_keys ({Rows.KeyColumns}) VALUES (@id, @name, @role, @hash, @created, @revoked, @user)",
        ("@id", k.Id), ("@name", k.Name), ("@role", k.Role.Name()), ("@hash", k.Hash), ("@created", Rows.Ticks(k.CreatedAt)),
        ("@revoked", k.RevokedAt is { } revoked ? Rows.Ticks(revoked) : null), ("@user", k.User));

    public ApiKeyRecord? FindActiveKey(string nameOrId) => commands.Single(
        $"SELECT {Rows.KeyColumns} FROM api_keys WHERE revoked_at IS NULL AND (name = @key OR id = @key)", Rows.Key, ("@key", nameOrId));

    public void SaveKey(ApiKeyRecord k) => commands.Execute(
        "UPDATE api_keys SET name = @name, role = @role, revoked_at = @revoked WHERE id = @id",
        ("@id", k.Id), ("@name", k.Name), ("@role", k.Role.Name()), ("@revoked", k.RevokedAt is { } revoked ? Rows.Ticks(revoked) : null));

    public UserRecord? GetUser(string name) =>
        commands.Single($"SELECT {Rows.UserColumns} FROM users WHERE name = @name", Rows.User, ("@name", name));

    public void SaveUser(UserRecord u) => commands.Execute(
        $"INSERT INTO users ({Rows.UserColumns}) VALUES (@name, @consumer, @created) ON CONFLICT (name) DO UPDATE SET consumer = excluded.consumer",
        ("@name", u.Name), ("@consumer", u.Consumer), ("@created", Rows.Ticks(u.CreatedAt)));

    public bool AnyActiveKey() => commands.Scalar("SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL)") is long exists && exists != 0;

    public int CountActiveKeys(ApiKeyRole role) =>
        Convert.ToInt32(commands.Scalar("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL AND role = @role", ("@role", role.Name())), System.Globalization.CultureInfo.InvariantCulture);

    public LeaseRecord? FindLease(string tokenHash) =>
        commands.Single($"SELECT {Rows.LeaseColumns} FROM leases WHERE token_hash = @hash", Rows.Lease, ("@hash", tokenHash));

    public IReadOnlyList<LeaseRecord> OpenLeases(string? device = null) => device is null
        ? commands.Query(Rows.OpenLeasesSql, Rows.Lease)
        : commands.Query(Rows.OpenLeasesOfDeviceSql, Rows.Lease, ("@device", device));

    public void SaveLease(LeaseRecord l) => commands.Execute(
        $"INSERT INTO leases ({Rows.LeaseColumns}) VALUES (@id, @token, @device, @tenant, @holder, @lane, @exclusive, @ttl, @acquired, @expires, " +
        "@released, @ended, @tasks, @shots) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, ttl_seconds = excluded.ttl_seconds, " +
        "expires_at = excluded.expires_at, released_at = excluded.released_at, ended = excluded.ended, tasks = excluded.tasks, shots = excluded.shots",
        ("@id", l.Id.ToString()), ("@token", l.TokenHash), ("@device", l.Device), ("@tenant", l.Tenant), ("@holder", l.Holder), ("@lane", l.Lane),
        ("@exclusive", l.Exclusive ? 1 : 0), ("@ttl", l.TtlSeconds), ("@acquired", Rows.Ticks(l.AcquiredAt)), ("@expires", Rows.Ticks(l.ExpiresAt)),
        ("@released", l.ReleasedAt is { } released ? Rows.Ticks(released) : null), ("@ended", l.Ended ? 1 : 0), ("@tasks", l.Tasks), ("@shots", l.Shots));

    public LoadIndexRecord DeclareLoadIndex(LoadIndexRecord i)
    {
        var stored = i with { Version = (commands.Scalar("SELECT COALESCE(MAX(version), 0) FROM load_indices") is long latest ? latest : 0) + 1 };
        commands.Execute(
            $"INSERT OR REPLACE INTO load_indices ({Rows.LoadIndexColumns}) VALUES (@name, @type, @interval, @increasing, @consumable, @unit, @description, @declared, @version)",
            ("@name", stored.Name), ("@type", stored.Type), ("@interval", stored.IntervalMs), ("@increasing", stored.Increasing ? 1 : 0),
            ("@consumable", stored.Consumable ? 1 : 0), ("@unit", stored.Unit), ("@description", stored.Description),
            ("@declared", Rows.Ticks(stored.DeclaredAt)), ("@version", stored.Version));
        return stored;
    }

    public ConsumerTreeRecord InsertConsumerTree(ConsumerTreeRecord tree)
    {
        var stored = tree with { Version = (commands.Scalar("SELECT COALESCE(MAX(version), 0) FROM consumer_trees") is long latest ? latest : 0) + 1 };
        commands.Execute("INSERT INTO consumer_trees (version, tree, created_at, created_by) VALUES (@version, @tree, @created, @by)",
            ("@version", stored.Version), ("@tree", stored.TreeJson), ("@created", Rows.Ticks(stored.CreatedAt)), ("@by", stored.CreatedBy));
        return stored;
    }
}
