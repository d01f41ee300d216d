using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Qonduit.Circuits;
using Qonduit.Contracts.Devices;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Storage.Sqlite;

/// <summary>
/// The embedded store. WAL journal (readers never block the writer); writes run on a single writer connection in
/// `BEGIN IMMEDIATE` transactions, concurrent ones grouped into one commit (<see cref="GroupCommit"/>), and are
/// serialised across processes (e.g. `qonduit keys create` beside a running server) by SQLite's write lock with a busy timeout. Reads open pooled
/// connections and see the last committed state. Durability: see <see cref="SqliteDurability"/>.
/// </summary>
public sealed partial class SqliteControlPlaneStore : IControlPlaneStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly GroupCommit _commits;
    private readonly ConcurrentBag<PreparedCommands> _readers = [];

    /// <summary>Idle read connections kept open: about the concurrent reads a busy server makes.</summary>
    private const int MaxIdleReaders = 8;

    public SqliteControlPlaneStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ExistingOnly)
        {
            if (!File.Exists(options.Path)) throw NoDatabase(options.Path, "there is no such file");
        }
        else
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        Path = options.Path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = options.ExistingOnly ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        if (options.ExistingOnly) RefuseUnlessQonduit(_writer, options.Path);
        SqliteSchema.Execute(_writer, "PRAGMA journal_mode = WAL");
        SqliteSchema.Execute(_writer, options.Durability == SqliteDurability.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        SqliteSchema.Execute(_writer, "PRAGMA busy_timeout = 10000");
        SqliteSchema.Migrate(_writer);
        var checkpoints = new SqliteConnection(_connectionString);
        checkpoints.Open();
        _commits = new GroupCommit(_writer, checkpoints);
    }

    public string Path { get; }

    /// <summary>
    /// An offline tool must not mistake a wrong path for an empty database: a file that is not SQLite, or an SQLite file
    /// without Qonduit's schema (no migration applied, no keys table), is refused before anything is written to it.
    /// </summary>
    private static void RefuseUnlessQonduit(SqliteConnection connection, string path)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'api_keys')";
            if (SqliteSchema.CurrentVersion(connection) > 0 && command.ExecuteScalar() is long exists && exists != 0) return;
        }
        catch (SqliteException)
        {
            // not an SQLite file at all: refused below like an empty one
        }
        connection.Dispose();
        throw NoDatabase(path, "it holds no Qonduit database");
    }

    private static QonduitException NoDatabase(string path, string why) =>
        new(ErrorCodes.Store.NoDatabase, $"'{path}' is not a Qonduit database: {why} (`qonduit serve --db {path}` creates one)");

    public ValueTask<T> WriteAsync<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed = null, CancellationToken cancellationToken = default) =>
        _commits.WriteAsync(work, committed, cancellationToken);

    public TaskRecord? GetTask(Guid id) => Read(c => SqliteWriter.ReadTask(c, id));

    public IReadOnlyList<TaskRecord> ListTasks(TaskQuery query) => Read(c =>
    {
        var where = new StringBuilder("WHERE 1 = 1");
        var parameters = new List<(string, object?)> { ("@limit", query.Limit) };
        void Filter(string column, object? value)
        {
            if (value is null) return;
            where.Append(CultureInfo.InvariantCulture, $" AND {column} = @{column}");
            parameters.Add(($"@{column}", value));
        }
        Filter("tenant", query.Tenant);
        // The state as a literal (a closed set of names), so the partial indexes of queued and running tasks apply.
        if (query.State is { } state) where.Append(CultureInfo.InvariantCulture, $" AND state = '{state.Name()}'");
        Filter("device", query.Device);
        Filter("owner", query.Owner);
        if (query.Before is { } before)
        {
            where.Append(" AND seq < @before");
            parameters.Add(("@before", before));
        }
        return c.Query($"SELECT {Rows.TaskColumns} FROM tasks {where} ORDER BY seq DESC LIMIT @limit", Rows.Task, [.. parameters]);
    });

    public IReadOnlyList<QueuedEntry> QueueOrder(string? device = null) => Read(c => c.Query(
        "SELECT id, device, priority, seq FROM tasks WHERE state = 'queued'" + (device is null ? "" : " AND device = @device") + " ORDER BY priority DESC, seq",
        r => new QueuedEntry(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetInt32(2), r.GetInt64(3)), ("@device", device)));

    // One walk of the partial index of queued requirement tasks numbering each requirement's tasks in claim order; only the
    // first of each is read whole. INDEXED BY: left to itself the planner walks every queued task (ix_tasks_state), which
    // every claim pays, requirement tasks or not (bench server: 3.1 ms of CPU per task instead of 0.8).
    public IReadOnlyList<PlacedRun> RunningPlaced() => Read(c => c.Query(
        "SELECT id, resource, requirement, placed_alternative, claimed_at FROM tasks INDEXED BY ix_tasks_running_resource " +
        "WHERE state = 'running' AND resource IS NOT NULL",
        r => new PlacedRun(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetInt32(3), Rows.Time(r.GetInt64(4)))));

    public IReadOnlyList<TaskRecord> QueuedRequirementHeads(int limit) => Read(c => c.Query(
        $"""
        SELECT {Rows.TaskColumns} FROM tasks WHERE seq IN (
            SELECT seq FROM (SELECT seq, ROW_NUMBER() OVER (PARTITION BY requirement, consumer, command_name ORDER BY priority DESC, seq) AS n
                             FROM tasks INDEXED BY ix_tasks_queue_requirement WHERE state = 'queued' AND requirement IS NOT NULL)
            WHERE n = 1)
        ORDER BY priority DESC, seq LIMIT @limit
        """,
        Rows.Task, ("@limit", limit)));

    // Walks ix_tasks_queue_device without materialising a row.
    public int CountQueuedAhead(TaskRecord task) => Read(c => c.Query(
        "SELECT COUNT(*) FROM tasks WHERE state = 'queued' AND device = @device AND (priority > @priority OR (priority = @priority AND seq < @seq))",
        r => r.GetInt32(0), ("@device", task.Device), ("@priority", task.Priority), ("@seq", task.Sequence))[0]);

    public IReadOnlyList<EventRecord> ReadEvents(long after, EventFilter filter, int limit) => Read(c =>
    {
        var where = new StringBuilder("WHERE seq > @after");
        var parameters = new List<(string, object?)> { ("@after", after), ("@limit", limit) };
        if (filter.TaskId is { } task)
        {
            where.Append(" AND task_seq = (SELECT seq FROM tasks WHERE id = @task)");
            parameters.Add(("@task", task.ToString()));
        }
        if (filter.Device is { } device)
        {
            where.Append(" AND device = @device");
            parameters.Add(("@device", device));
        }
        if (filter.Tenant is { } tenant)
        {
            where.Append(" AND (tenant = @tenant OR (tenant IS NULL AND type LIKE 'device.%'))");
            parameters.Add(("@tenant", tenant));
        }
        if (!filter.Types.IsDefaultOrEmpty)
        {
            var clauses = filter.Types.Select((type, i) =>
            {
                var prefix = type.EndsWith('*');
                parameters.Add(($"@type{i}", prefix ? EscapeLike(type[..^1]) + "%" : type));
                return prefix ? $"type LIKE @type{i} ESCAPE '\\'" : $"type = @type{i}";
            });
            where.Append(" AND (").Append(string.Join(" OR ", clauses)).Append(')');
        }
        return c.Query($"SELECT {Rows.EventColumns} FROM events {where} ORDER BY seq LIMIT @limit", Rows.Event, [.. parameters]);
    });

    public DeviceVersion? GetDevice(string device, int? version = null) => Read(c => SqliteWriter.ReadDevice(c, device, version));

    public IReadOnlyList<DeviceVersion> ListDevices() => Read(c => c.Query(
        $"SELECT {Rows.DeviceColumns} FROM devices d WHERE version = (SELECT MAX(version) FROM devices WHERE device = d.device) ORDER BY device",
        Rows.Device));

    public IReadOnlyList<DeviceVersionSummary> DeviceHistory(string device) => Read(c => c.Query(
        "SELECT device, version, created_at, source, hash, num_qubits, lanes FROM devices WHERE device = @device ORDER BY version",
        r => new DeviceVersionSummary(r.GetString(0), r.GetInt32(1), Rows.Time(r.GetInt64(2)), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6)),
        ("@device", device)));

    public ApiKeyRecord? FindKeyByHash(string hash) => Read(c =>
        c.Single($"SELECT {Rows.KeyColumns} FROM api_keys WHERE hash = @hash", Rows.Key, ("@hash", hash)));

    public IReadOnlyList<ApiKeyRecord> ListKeys() => Read(c => c.Query($"SELECT {Rows.KeyColumns} FROM api_keys ORDER BY created_at", Rows.Key));

    public IReadOnlyList<LoadIndexRecord> ListLoadIndices() =>
        Read(c => c.Query($"SELECT {Rows.LoadIndexColumns} FROM load_indices ORDER BY name", Rows.LoadIndex));

    public IReadOnlyList<ConsumerTreeRecord> ConsumerTreeHistory() => Read(c => c.Query(
        "SELECT version, tree, created_at, created_by FROM consumer_trees ORDER BY version",
        r => new ConsumerTreeRecord(r.GetInt64(0), r.GetString(1), Rows.Time(r.GetInt64(2)), r.GetString(3))));

    public IReadOnlyList<FinishedRun> FinishedRuns(DateTimeOffset since) => Read(c => c.Query(
        "SELECT id, consumer, COALESCE(resource_kind, 'qpu'), claimed_at, finished_at FROM tasks INDEXED BY ix_tasks_finished " +
        "WHERE finished_at >= @since AND claimed_at IS NOT NULL",
        r => new FinishedRun(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), Rows.Time(r.GetInt64(3)), Rows.Time(r.GetInt64(4))),
        ("@since", Rows.Ticks(since))));

    public IReadOnlyList<RunningCharge> RunningCharges() => Read(c => c.Query(
        "SELECT id, consumer, COALESCE(resource_kind, 'qpu'), COALESCE(resource, device), claimed_at, interrupted_at " +
        "FROM tasks INDEXED BY ix_tasks_running_consumer WHERE state = 'running'",
        r => new RunningCharge(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), Rows.Time(r.GetInt64(4)),
            r.IsDBNull(5) ? null : Rows.Time(r.GetInt64(5)))));

    // The counts the triggers of schema 12 keep: a read of one row per (device, consumer), however long the queue.
    public IReadOnlyDictionary<string, int> QueuedDemand(string pool) => Read(c => c.Query(
        "SELECT consumer, SUM(tasks) FROM queued_demand WHERE placed = 1 OR device = @pool GROUP BY consumer HAVING SUM(tasks) > 0",
        r => (r.GetString(0), r.GetInt32(1)), ("@pool", pool)).ToDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal));

    public IReadOnlyList<AccountingTotal> AccountingTotals(AccountingQuery query) => Read(c => c.Query(
        $"SELECT {AccountingKey(query)} AS k, COUNT(*), TOTAL(lane_seconds), SUM(CASE WHEN state = 'completed' THEN shots ELSE 0 END), " +
        "COALESCE(SUM(simulations), 0), TOTAL(cpu_seconds) FROM tasks INDEXED BY ix_tasks_finished " +
        "WHERE finished_at >= @from AND finished_at < @to AND claimed_at IS NOT NULL AND (@tenant IS NULL OR tenant = @tenant) " +
        "AND (@lease IS NULL OR lease_id = @lease) GROUP BY k ORDER BY k",
        r => new AccountingTotal(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetInt64(3), r.GetInt64(4), r.GetDouble(5)),
        ("@from", Rows.Ticks(query.From)), ("@to", Rows.Ticks(query.To)), ("@tenant", (object?)query.Tenant ?? DBNull.Value),
        ("@lease", (object?)query.LeaseId?.ToString() ?? DBNull.Value)));

    /// <summary>The group key as SQL; a period is the bucket's start, formatted as <see cref="AccountingQuery.PeriodKey"/> does.</summary>
    private static string AccountingKey(AccountingQuery query) => query.By switch
    {
        AccountingGrouping.Consumer => "consumer",
        AccountingGrouping.User => "tenant",
        AccountingGrouping.Device => "device",
        _ => $"strftime('{query.Period switch
        {
            AccountingPeriod.Hour => "%Y-%m-%dT%H:00:00Z",
            AccountingPeriod.Day => "%Y-%m-%dT00:00:00Z",
            _ => "%Y-%m-01T00:00:00Z",
        }}', (finished_at - {DateTimeOffset.UnixEpoch.UtcTicks}) / {TimeSpan.TicksPerSecond}, 'unixepoch')",
    };

    public IReadOnlyList<UserRecord> ListUsers() => Read(c => c.Query($"SELECT {Rows.UserColumns} FROM users ORDER BY name", Rows.User));

    public IReadOnlyList<AgentRecord> ListAgents() => Read(c => c.Query($"SELECT {Rows.AgentColumns} FROM agents ORDER BY agent_id", Rows.Agent));

    // Both from the counts triggers keep (schemas 12 and 13): a read of a few rows, however many tasks there are.
    public StoreStatistics Statistics() => Read(c =>
    {
        var byState = c.Query("SELECT state, tasks FROM task_counts WHERE tasks > 0", r => (r.GetString(0), r.GetInt64(1)))
            .Where(s => TaskStates.TryParse(s.Item1, out _))
            .ToDictionary(s => TaskStates.TryParse(s.Item1, out var state) ? state : default, s => s.Item2);
        var queues = c.Query("SELECT device, SUM(tasks) FROM queued_demand GROUP BY device HAVING SUM(tasks) > 0", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal);
        return new StoreStatistics(byState, queues);
    });

    public LeaseRecord? GetLease(Guid id) => Read(c =>
        c.Single($"SELECT {Rows.LeaseColumns} FROM leases WHERE id = @id", Rows.Lease, ("@id", id.ToString())));

    public LeaseRecord? FindLease(string tokenHash) => Read(c =>
        c.Single($"SELECT {Rows.LeaseColumns} FROM leases WHERE token_hash = @hash", Rows.Lease, ("@hash", tokenHash)));

    public IReadOnlyList<LeaseRecord> OpenLeases(string? device = null) => Read(c => device is null
        ? c.Query(Rows.OpenLeasesSql, Rows.Lease)
        : c.Query(Rows.OpenLeasesOfDeviceSql, Rows.Lease, ("@device", device)));

    /// <summary>
    /// Runs a read on a connection of the store's own pool, whose statements stay prepared across reads (every request
    /// reads its key, every claim the queued requirement tasks); a read needing one when all are busy opens another, and
    /// beyond <see cref="MaxIdleReaders"/> idle ones the extra are closed.
    /// </summary>
    private T Read<T>(Func<PreparedCommands, T> read)
    {
        if (!_readers.TryTake(out var reader))
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            reader = new PreparedCommands(connection, ownsConnection: true);
        }
        try
        {
            return read(reader);
        }
        finally
        {
            if (_readers.Count < MaxIdleReaders) _readers.Add(reader);
            else reader.Dispose();
        }
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public void Dispose()
    {
        _commits.Dispose();
        _writer.Dispose();
        while (_readers.TryTake(out var reader)) reader.Dispose();
        SqliteConnection.ClearAllPools();
    }
}

/// <param name="Durability">How commits reach the disk.</param>
public sealed record SqliteStoreOptions(string Path, SqliteDurability Durability = SqliteDurability.Normal)
{
    /// <summary>Open only a database that exists and has Qonduit's schema (`store.no-database` otherwise); never create one.</summary>
    public bool ExistingOnly { get; init; }
}

/// <summary>
/// <see cref="Normal"/> (the default): with WAL, a commit is written to the WAL file before it is acknowledged but
/// not fsynced; it survives the death of the process (kill -9) because the bytes are in the OS page cache, and only
/// an OS crash or power loss can lose the last commits. <see cref="Full"/> fsyncs the WAL on every commit and
/// survives power loss, at the cost of one fsync per transition (about 6 ms on this machine's disk, i.e. at most
/// ~150 transitions per second).
/// </summary>
public enum SqliteDurability
{
    Normal,
    Full,
}
