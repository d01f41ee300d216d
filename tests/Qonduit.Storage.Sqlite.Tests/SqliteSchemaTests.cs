using Microsoft.Data.Sqlite;
using Qonduit.Circuits;

namespace Qonduit.Storage.Sqlite.Tests;

public sealed class SqliteSchemaTests
{
    [Fact]
    public void A_new_database_is_migrated_to_the_latest_version_in_wal_mode()
    {
        using var db = new TempDatabase();
        using var connection = new SqliteConnection($"Data Source={db.Path}");
        connection.Open();
        Assert.Equal(SqliteSchema.Latest, SqliteSchema.CurrentVersion(connection));
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
        Assert.Empty(SqliteSchema.Migrate(connection));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused()
    {
        using var db = new TempDatabase();
        using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=false"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = $"PRAGMA user_version = {SqliteSchema.Latest + 1}";
            bump.ExecuteNonQuery();
            var error = Assert.Throws<QonduitException>(() => SqliteSchema.Migrate(connection));
            Assert.Equal("store.schema-too-new", error.Code);
        }
    }

    [Fact]
    public void A_version_11_database_counts_the_tasks_it_has_queued_as_demand_after_upgrading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v11-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                string Task(string device, string consumer, string state, string requirement) =>
                    "INSERT INTO tasks (id, tenant, device, dialect, circuit, shots, admitted_version, priority, tags, num_qubits, instructions, " +
                    $"state, attempt, created_at, updated_at, consumer, requirement) VALUES ('{Guid.NewGuid()}', 'alice', '{device}', 'openqasm2', 'OPENQASM 2.0;', " +
                    $"10, 1, 0, '[]', 1, 1, '{state}', 1, 0, 0, '{consumer}', {requirement});";
                setup.CommandText = string.Join(";", SqliteSchema.Migrations.Where(m => m.Version <= 11).Select(m => m.Sql)) + "; PRAGMA user_version = 11;" +
                    Task("line5", "/chem", "queued", "NULL") + Task("line5", "/chem", "queued", "NULL") + Task("line5", "/chem", "running", "NULL") +
                    Task("other", "/opt", "queued", "NULL") + Task("other", "/opt", "queued", "'select[kind==''sim'']'");
                setup.ExecuteNonQuery();
            }
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));
            Assert.Equal([("/chem", 2), ("/opt", 1)], store.QueuedDemand("line5").Select(d => (d.Key, d.Value)).Order());
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public void A_version_1_database_gains_lanes_leases_and_task_leases_and_keeps_its_rows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v1-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                setup.CommandText = SqliteSchema.Migrations[0].Sql + "; PRAGMA user_version = 1; INSERT INTO devices VALUES ('line5', 1, 0, 'test', 'h', 5, '{}');";
                setup.ExecuteNonQuery();
            }
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));
            Assert.Equal(1, store.GetDevice("line5")!.Lanes);
            Assert.Empty(store.OpenLeases());
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task A_version_3_database_keeps_its_tasks_exact_and_stores_a_trajectory_budget_after_upgrading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v3-{Guid.NewGuid():N}.db");
        var old = Guid.NewGuid();
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                setup.CommandText = string.Join(";", SqliteSchema.Migrations.Where(m => m.Version <= 3).Select(m => m.Sql)) + "; PRAGMA user_version = 3;" +
                    "INSERT INTO tasks (id, tenant, device, dialect, circuit, shots, admitted_version, priority, tags, num_qubits, instructions, " +
                    $"state, attempt, created_at, updated_at, transpile) VALUES ('{old}', 'alice', 'line5', 'openqasm2', 'OPENQASM 2.0;', 10, 1, 0, '[]', " +
                    "1, 1, 'queued', 1, 0, 0, 1);";
                setup.ExecuteNonQuery();
            }
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));
            var before = store.GetTask(old)!;
            Assert.True(before.Transpile);
            Assert.Null(before.Trajectories);
            var budgeted = before with { Id = Guid.NewGuid(), Trajectories = 8 };
            await store.WriteAsync(w => w.InsertTask(budgeted));
            Assert.Equal(8, store.GetTask(budgeted.Id)!.Trajectories);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public void A_version_4_database_leaves_agents_unbound_and_marks_submitted_jobs_that_may_outlive_their_agent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v4-{Guid.NewGuid():N}.db");
        var (slurm, inProcess) = (Guid.NewGuid(), Guid.NewGuid());
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                const string Columns = "(id, tenant, device, dialect, circuit, shots, admitted_version, priority, tags, num_qubits, instructions, state, phase, owner, " +
                    "attempt, scheduler_job_id, created_at, updated_at)";
                setup.CommandText = string.Join(";", SqliteSchema.Migrations.Where(m => m.Version <= 4).Select(m => m.Sql)) + "; PRAGMA user_version = 4;" +
                    $"INSERT INTO tasks {Columns} VALUES ('{slurm}', 'alice', 'line5', 'openqasm2', '', 10, 1, 0, '[]', 1, 1, 'running', 'submitted', 'a1', 1, '4242', 0, 0);" +
                    $"INSERT INTO tasks {Columns} VALUES ('{inProcess}', 'alice', 'line5', 'openqasm2', '', 10, 1, 0, '[]', 1, 1, 'running', 'submitted', 'a1', 1, 'inprocess-ab-1', 0, 0);" +
                    "INSERT INTO agents VALUES ('a1', 'agent-key', 0, 1, '[]', 0);";
                setup.ExecuteNonQuery();
            }
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));
            Assert.Equal((true, null, 0), (store.GetTask(slurm)!.SurvivesAgent, store.GetTask(slurm)!.OwnerIncarnation, store.GetTask(slurm)!.MissedHeartbeats));
            Assert.False(store.GetTask(inProcess)!.SurvivesAgent);
            var agent = Assert.Single(store.ListAgents());
            Assert.Equal(("agent-key", null, null), (agent.KeyName, agent.KeyId, agent.Incarnation));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task A_version_5_database_makes_each_key_name_a_user_and_keeps_its_keys_tasks_and_tenants()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v5-{Guid.NewGuid():N}.db");
        var (task, lease) = (Guid.NewGuid(), Guid.NewGuid());
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                setup.CommandText = string.Join(";", SqliteSchema.Migrations.Where(m => m.Version <= 5).Select(m => m.Sql)) + "; PRAGMA user_version = 5;" +
                    "INSERT INTO api_keys VALUES ('key_old', 'alice', 'user', 'hash-old', 100, 200);" +
                    "INSERT INTO api_keys VALUES ('key_alice', 'alice', 'user', 'hash-alice', 300, NULL);" +
                    "INSERT INTO api_keys VALUES ('key_agent', 'agents', 'agent', 'hash-agent', 400, NULL);" +
                    "INSERT INTO tasks (id, tenant, device, dialect, circuit, shots, admitted_version, priority, tags, num_qubits, instructions, " +
                    $"state, attempt, created_at, updated_at) VALUES ('{task}', 'alice', 'line5', 'openqasm2', 'OPENQASM 2.0;', 10, 1, 0, '[]', 1, 1, 'queued', 1, 0, 0);" +
                    $"INSERT INTO leases VALUES ('{lease}', 'lease-hash', 'line5', 'alice', 'h', 0, 0, 60, 0, 1, NULL, 0, 1, 10);";
                setup.ExecuteNonQuery();
            }
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));

            Assert.Equal([("agents", 400L), ("alice", 100L)], store.ListUsers().Select(u => (u.Name, u.CreatedAt.UtcTicks)));
            Assert.All(store.ListUsers(), u => Assert.Null(u.Consumer));
            Assert.Equal([("key_old", "alice"), ("key_alice", "alice"), ("key_agent", "agents")], store.ListKeys().Select(k => (k.Id, k.User)));
            Assert.Equal(("alice", "alice", true), (store.FindKeyByHash("hash-alice")!.Name, store.FindKeyByHash("hash-alice")!.User, store.FindKeyByHash("hash-alice")!.IsActive));
            Assert.Equal(task, Assert.Single(store.ListTasks(new(Tenant: "alice"))).Id);
            Assert.Equal("alice", store.GetLease(lease)!.Tenant);

            var (laptop, _) = await Qonduit.Server.Auth.ApiKeys.CreateAsync(store, "alice-laptop", Qonduit.Storage.ApiKeyRole.User, DateTimeOffset.UtcNow, "alice");
            Assert.Equal("alice", laptop.User);
            Assert.Equal(2, store.ListUsers().Count);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task A_version_6_database_gains_an_empty_load_index_catalogue_that_keeps_declarations_across_a_reopen()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v6-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                setup.CommandText = string.Join(";", SqliteSchema.Migrations.Where(m => m.Version <= 6).Select(m => m.Sql)) + "; PRAGMA user_version = 6;";
                setup.ExecuteNonQuery();
            }
            var declared = new LoadIndexRecord("gpu_util", "numeric", 5_000, true, true, "%", null, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
            using (var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path)))
            {
                Assert.Empty(store.ListLoadIndices());
                await store.WriteAsync(w => w.DeclareLoadIndex(declared));
            }
            using var reopened = new SqliteControlPlaneStore(new SqliteStoreOptions(path));

            Assert.Equal(declared with { Version = 1 }, Assert.Single(reopened.ListLoadIndices()));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task A_version_6_database_keeps_its_tasks_bound_to_their_device_and_stores_requirements_after_migrating()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-v6-{Guid.NewGuid():N}.db");
        var task = Guid.NewGuid();
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                setup.CommandText = string.Join(";", SqliteSchema.Migrations.Where(m => m.Version <= 6).Select(m => m.Sql)) + "; PRAGMA user_version = 6;" +
                    "INSERT INTO tasks (id, tenant, device, dialect, circuit, shots, admitted_version, priority, tags, num_qubits, instructions, " +
                    $"state, attempt, created_at, updated_at) VALUES ('{task}', 'alice', 'line5', 'openqasm2', 'OPENQASM 2.0;', 10, 1, 0, '[]', 1, 1, 'queued', 1, 0, 0);";
                setup.ExecuteNonQuery();
            }
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));

            var old = store.GetTask(task)!;
            Assert.Equal((null, null), (old.Requirement, old.Noise));
            Assert.Equal(task, (await store.WriteAsync(w => w.NextQueued(null)))!.Id);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
