using Microsoft.Data.Sqlite;
using Qonduit.Circuits;

namespace Qonduit.Storage.Sqlite;

/// <summary>
/// Versioned schema migrations, in code. The database's `PRAGMA user_version` is the last applied migration;
/// each migration runs in its own `BEGIN IMMEDIATE` transaction with the version bump, so a crash leaves the
/// database at a whole version. A database newer than this build is refused rather than misread.
/// </summary>
public static class SqliteSchema
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE tasks (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                tenant TEXT NOT NULL,
                device TEXT NOT NULL,
                dialect TEXT NOT NULL,
                circuit TEXT NOT NULL,
                shots INTEGER NOT NULL,
                seed INTEGER,
                requested_version INTEGER,
                admitted_version INTEGER NOT NULL,
                priority INTEGER NOT NULL,
                tags TEXT NOT NULL,
                num_qubits INTEGER NOT NULL,
                instructions INTEGER NOT NULL,
                state TEXT NOT NULL,
                phase TEXT,
                owner TEXT,
                attempt INTEGER NOT NULL,
                bound_version INTEGER,
                scheduler_job_id TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                claimed_at INTEGER,
                submitted_at INTEGER,
                finished_at INTEGER,
                error_code TEXT,
                error_origin TEXT,
                error_message TEXT,
                error_detail TEXT,
                result TEXT);
            CREATE INDEX ix_tasks_queue ON tasks(priority DESC, seq) WHERE state = 'queued';
            CREATE INDEX ix_tasks_queue_device ON tasks(device, priority DESC, seq) WHERE state = 'queued';
            CREATE INDEX ix_tasks_tenant ON tasks(tenant, seq);
            CREATE INDEX ix_tasks_owner ON tasks(owner, state);
            CREATE INDEX ix_tasks_state ON tasks(state, device);
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                task_id TEXT,
                device TEXT,
                tenant TEXT,
                at INTEGER NOT NULL,
                data TEXT NOT NULL);
            CREATE INDEX ix_events_task ON events(task_id, seq);
            CREATE TABLE devices (
                device TEXT NOT NULL,
                version INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                source TEXT NOT NULL,
                hash TEXT NOT NULL,
                num_qubits INTEGER NOT NULL,
                snapshot TEXT NOT NULL,
                PRIMARY KEY (device, version));
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER);
            CREATE UNIQUE INDEX ix_api_keys_active_name ON api_keys(name) WHERE revoked_at IS NULL;
            CREATE TABLE agents (
                agent_id TEXT PRIMARY KEY,
                key_name TEXT NOT NULL,
                last_heartbeat INTEGER NOT NULL,
                capacity INTEGER NOT NULL,
                devices TEXT NOT NULL,
                stale_reported INTEGER NOT NULL);
            """),
        (2, """
            ALTER TABLE devices ADD COLUMN lanes INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE tasks ADD COLUMN lease_id TEXT;
            CREATE TABLE leases (
                id TEXT PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                device TEXT NOT NULL,
                tenant TEXT NOT NULL,
                holder TEXT NOT NULL,
                lane INTEGER NOT NULL,
                exclusive INTEGER NOT NULL,
                ttl_seconds INTEGER NOT NULL,
                acquired_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                released_at INTEGER,
                ended INTEGER NOT NULL,
                tasks INTEGER NOT NULL,
                shots INTEGER NOT NULL);
            CREATE INDEX ix_leases_open ON leases(device, acquired_at) WHERE ended = 0;
            """),
        // Tasks stored before version 3 were all admitted as native circuits, hence the default.
        (3, "ALTER TABLE tasks ADD COLUMN transpile INTEGER NOT NULL DEFAULT 0;"),
        // Tasks stored before version 4 ran exact (one error pattern per shot): NULL is that default.
        (4, "ALTER TABLE tasks ADD COLUMN trajectories INTEGER;"),
        // Agents seen before version 5 are bound to the key of their next call (key_id NULL); running tasks claimed before
        // it have no owner incarnation, so the owner's first heartbeat with one adopts them or, unlisted, requeues them. A
        // task already submitted to a scheduler other than the in-process one may have a job that outlives its agent, so it
        // is marked as such rather than risk running it twice after a stale grace.
        (5, """
            ALTER TABLE agents ADD COLUMN key_id TEXT;
            ALTER TABLE agents ADD COLUMN incarnation TEXT;
            ALTER TABLE tasks ADD COLUMN owner_incarnation TEXT;
            ALTER TABLE tasks ADD COLUMN missed_heartbeats INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE tasks ADD COLUMN survives_agent INTEGER NOT NULL DEFAULT 0;
            UPDATE tasks SET survives_agent = 1
                WHERE state = 'running' AND scheduler_job_id IS NOT NULL AND scheduler_job_id NOT LIKE 'inprocess-%';
            """),
        // Before version 6 a key's name was its tenant: each key name becomes a user of that name, created when its
        // first key was, so the tenant of every stored task and lease is already its user's name. No consumer is set
        // (NULL: the user's own name).
        (6, """
            CREATE TABLE users (
                name TEXT PRIMARY KEY,
                consumer TEXT,
                created_at INTEGER NOT NULL);
            ALTER TABLE api_keys ADD COLUMN user_name TEXT NOT NULL DEFAULT '';
            UPDATE api_keys SET user_name = name;
            INSERT INTO users (name, consumer, created_at) SELECT name, NULL, MIN(created_at) FROM api_keys GROUP BY name;
            CREATE INDEX ix_api_keys_user ON api_keys(user_name);
            """),
        // Load-index declarations (docs/orchestration.md §1); a database before version 7 declared none.
        (7, """
            CREATE TABLE load_indices (
                name TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                interval_ms INTEGER NOT NULL,
                increasing INTEGER NOT NULL,
                consumable INTEGER NOT NULL,
                unit TEXT,
                description TEXT,
                declared_at INTEGER NOT NULL,
                version INTEGER NOT NULL);
            """),
        // Tasks stored before version 8 are all bound to their device: NULL requirement and noise. Placement scans the
        // queued requirement tasks at every claim, so they get their own index rather than a walk of the whole queue.
        (8, """
            ALTER TABLE tasks ADD COLUMN requirement TEXT;
            ALTER TABLE tasks ADD COLUMN noise TEXT;
            CREATE INDEX ix_tasks_queue_requirement ON tasks(priority DESC, seq) WHERE state = 'queued' AND requirement IS NOT NULL;
            """),
        // Where placement put a running requirement task: every claim reads them (a pool's free slots, rusage[] held), so
        // they get a partial index holding only running placed tasks. Tasks stored before version 9 have none. The device
        // a requirement task named is kept apart from the one a QPU claim rebinds (a stored one may already be rebound).
        (9, """
            ALTER TABLE tasks ADD COLUMN resource TEXT;
            ALTER TABLE tasks ADD COLUMN placed_alternative INTEGER;
            ALTER TABLE tasks ADD COLUMN submitted_device TEXT;
            UPDATE tasks SET submitted_device = device WHERE requirement IS NOT NULL;
            CREATE INDEX ix_tasks_running_resource ON tasks(resource) WHERE state = 'running' AND resource IS NOT NULL;
            """),
        // Consumer trees (docs/orchestration.md §3), every version kept (a database before version 10 has none), and the
        // ended tasks fair share charges, read by when they ended.
        (10, """
            CREATE TABLE consumer_trees (
                version INTEGER PRIMARY KEY,
                tree TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL);
            CREATE INDEX ix_tasks_finished ON tasks(finished_at) WHERE finished_at IS NOT NULL;
            """),
        // Fair share and accounting (docs/orchestration.md §3). A task is charged to the leaf consumer its user had at
        // submission (tasks stored before version 11: the user's consumer now, else /default) and to the kind of resource
        // it ran on (before 11 only device-bound tasks could run on a QPU). Claims take a consumer's queue head, hence the
        // index by consumer; a reclaim interrupt is remembered until the task leaves the resource; an ended task keeps
        // what it used (NULL before 11: nothing was measured).
        (11, """
            ALTER TABLE tasks ADD COLUMN consumer TEXT NOT NULL DEFAULT '/default';
            UPDATE tasks SET consumer = COALESCE((SELECT u.consumer FROM users u WHERE u.name = tasks.tenant AND u.consumer IS NOT NULL), '/default');
            ALTER TABLE tasks ADD COLUMN resource_kind TEXT;
            UPDATE tasks SET resource_kind = 'qpu' WHERE claimed_at IS NOT NULL AND requirement IS NULL;
            ALTER TABLE tasks ADD COLUMN interrupted_at INTEGER;
            ALTER TABLE tasks ADD COLUMN lane_seconds REAL;
            ALTER TABLE tasks ADD COLUMN cpu_seconds REAL;
            ALTER TABLE tasks ADD COLUMN simulations INTEGER;
            CREATE INDEX ix_tasks_queue_consumer ON tasks(consumer, priority DESC, seq) WHERE state = 'queued' AND requirement IS NULL;
            CREATE INDEX ix_tasks_running_consumer ON tasks(consumer) WHERE state = 'running';
            """),
        // Fair share's caps read every consumer's queued demand for a pool at each claim. Counting the queued rows made that
        // read grow with the queue (10,000 queued: 5 ms); these counts, kept by triggers in the transaction that changes
        // a task, make it a read of one row per (device, consumer). `placed`: requirement tasks, which count for every pool.
        (12, """
            CREATE TABLE queued_demand (
                device TEXT NOT NULL,
                consumer TEXT NOT NULL,
                placed INTEGER NOT NULL,
                tasks INTEGER NOT NULL,
                PRIMARY KEY (device, consumer, placed)) WITHOUT ROWID;
            INSERT INTO queued_demand (device, consumer, placed, tasks)
                SELECT device, consumer, requirement IS NOT NULL, COUNT(*) FROM tasks WHERE state = 'queued' GROUP BY 1, 2, 3;
            CREATE TRIGGER tr_tasks_demand_insert AFTER INSERT ON tasks WHEN new.state = 'queued' BEGIN
                INSERT INTO queued_demand (device, consumer, placed, tasks) VALUES (new.device, new.consumer, new.requirement IS NOT NULL, 1)
                    ON CONFLICT (device, consumer, placed) DO UPDATE SET tasks = tasks + 1;
            END;
            CREATE TRIGGER tr_tasks_demand_leave AFTER UPDATE ON tasks WHEN old.state = 'queued' BEGIN
                UPDATE queued_demand SET tasks = tasks - 1 WHERE device = old.device AND consumer = old.consumer AND placed = (old.requirement IS NOT NULL);
                DELETE FROM queued_demand WHERE device = old.device AND consumer = old.consumer AND placed = (old.requirement IS NOT NULL) AND tasks <= 0;
            END;
            CREATE TRIGGER tr_tasks_demand_enter AFTER UPDATE ON tasks WHEN new.state = 'queued' BEGIN
                INSERT INTO queued_demand (device, consumer, placed, tasks) VALUES (new.device, new.consumer, new.requirement IS NOT NULL, 1)
                    ON CONFLICT (device, consumer, placed) DO UPDATE SET tasks = tasks + 1;
            END;
            CREATE TRIGGER tr_tasks_demand_delete AFTER DELETE ON tasks WHEN old.state = 'queued' BEGIN
                UPDATE queued_demand SET tasks = tasks - 1 WHERE device = old.device AND consumer = old.consumer AND placed = (old.requirement IS NOT NULL);
                DELETE FROM queued_demand WHERE device = old.device AND consumer = old.consumer AND placed = (old.requirement IS NOT NULL) AND tasks <= 0;
            END;
            """),
        // The hot path (docs/architecture.md "Storage"): every claim and every completion moved a task's entries inside
        // ix_tasks_state and ix_tasks_owner, four b-tree pages written per transaction on top of the partial indexes that
        // already follow queued and running tasks. Their readers now use those: an owner's running tasks a partial index,
        // the counts by state a table kept by triggers (one row per state, so a transition runs one statement there; a
        // metrics scrape no longer walks every task), a list by a
        // terminal state the table in `seq` order. And a task's events were found by its id, a random key: each event
        // wrote a page of its own in ix_events_task; by the task's `seq` the events of tasks that run together share pages.
        (13, """
            ALTER TABLE events ADD COLUMN task_seq INTEGER;
            UPDATE events SET task_seq = (SELECT t.seq FROM tasks t WHERE t.id = events.task_id) WHERE task_id IS NOT NULL;
            DROP INDEX ix_events_task;
            CREATE INDEX ix_events_task_seq ON events(task_seq, seq);
            DROP INDEX ix_tasks_state;
            DROP INDEX ix_tasks_owner;
            CREATE INDEX ix_tasks_running_owner ON tasks(owner) WHERE state = 'running';
            CREATE TABLE task_counts (state TEXT PRIMARY KEY, tasks INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO task_counts (state, tasks) VALUES ('queued', 0), ('running', 0), ('completed', 0), ('failed', 0), ('cancelled', 0);
            UPDATE task_counts SET tasks = (SELECT COUNT(*) FROM tasks t WHERE t.state = task_counts.state);
            CREATE TRIGGER tr_tasks_count_insert AFTER INSERT ON tasks BEGIN
                UPDATE task_counts SET tasks = tasks + 1 WHERE state = new.state;
            END;
            CREATE TRIGGER tr_tasks_count_update AFTER UPDATE OF state ON tasks WHEN old.state <> new.state BEGIN
                UPDATE task_counts SET tasks = tasks + (state = new.state) - (state = old.state) WHERE state IN (old.state, new.state);
            END;
            CREATE TRIGGER tr_tasks_count_delete AFTER DELETE ON tasks BEGIN
                UPDATE task_counts SET tasks = tasks - 1 WHERE state = old.state;
            END;
            -- A consumer whose queue emptied keeps its row at 0 (readers sum): a claim runs one statement here, not two.
            DROP TRIGGER tr_tasks_demand_leave;
            CREATE TRIGGER tr_tasks_demand_leave AFTER UPDATE ON tasks WHEN old.state = 'queued' BEGIN
                UPDATE queued_demand SET tasks = tasks - 1 WHERE device = old.device AND consumer = old.consumer AND placed = (old.requirement IS NOT NULL);
            END;
            DROP TRIGGER tr_tasks_demand_delete;
            CREATE TRIGGER tr_tasks_demand_delete AFTER DELETE ON tasks WHEN old.state = 'queued' BEGIN
                UPDATE queued_demand SET tasks = tasks - 1 WHERE device = old.device AND consumer = old.consumer AND placed = (old.requirement IS NOT NULL);
            END;
            """),
        // Command tasks (docs/architecture.md "Command tasks"): the step as JSON, and its name apart, by which placement
        // takes the head of each (requirement, consumer, command): tasks of one command share their candidates, tasks of
        // two do not. Tasks stored before version 14 are circuits: NULL.
        (14, """
            ALTER TABLE tasks ADD COLUMN command_name TEXT;
            ALTER TABLE tasks ADD COLUMN command TEXT;
            """),
        // Service graphs (docs/orchestration.md §4): a run's node instances are rows of their own, written in the
        // transaction that submits their attempts' tasks; an attempt's task is found from its id when it ends.
        (15, """
            CREATE TABLE graphs (
                id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            CREATE TABLE runs (
                id TEXT PRIMARY KEY,
                graph_id TEXT NOT NULL REFERENCES graphs(id),
                owner TEXT NOT NULL,
                status TEXT NOT NULL,
                inputs TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                ended_at INTEGER);
            CREATE INDEX ix_runs_created ON runs(created_at);
            CREATE TABLE run_nodes (
                run_id TEXT NOT NULL REFERENCES runs(id),
                key TEXT NOT NULL,
                state TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                task_id TEXT,
                due_at INTEGER,
                started_at INTEGER,
                ended_at INTEGER,
                outputs TEXT,
                error_code TEXT,
                error TEXT,
                item TEXT,
                idx INTEGER,
                count INTEGER NOT NULL,
                PRIMARY KEY (run_id, key)) WITHOUT ROWID;
            CREATE TABLE run_attempts (
                task_id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL,
                key TEXT NOT NULL,
                attempt INTEGER NOT NULL);
            """),
    ];

    public static int Latest => Migrations[^1].Version;

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Brings the database to <see cref="Latest"/>; returns the versions applied.</summary>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection)
    {
        var applied = new List<int>();
        foreach (var (version, sql) in Migrations)
        {
            Execute(connection, "BEGIN IMMEDIATE");
            try
            {
                var current = CurrentVersion(connection);
                if (current > Latest)
                    throw new QonduitException(ErrorCodes.Store.SchemaTooNew, $"the database has schema version {current}; this qonduit knows up to {Latest}");
                if (current >= version)
                {
                    Execute(connection, "COMMIT");
                    continue;
                }
                Execute(connection, sql);
                Execute(connection, $"PRAGMA user_version = {version}");
                Execute(connection, "COMMIT");
                applied.Add(version);
            }
            catch
            {
                Execute(connection, "ROLLBACK");
                throw;
            }
        }
        return applied;
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
