using System.CommandLine;
using System.CommandLine.Parsing;
using Qonduit.Cli.Server;
using Qonduit.Contracts.Identity;
using Qonduit.Server;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Cli.Keys;

/// <summary>
/// `qonduit keys create|revoke|list|bind-agent`: API keys of users. create, list and revoke go to the server
/// (`--server`/`--key`, or QONDUIT_URL/QONDUIT_API_KEY) like every other verb; `--db PATH` works offline on an existing
/// database instead (while a server runs on it too), for an operator who has no admin key at hand. No verb ever creates
/// a database: a wrong path would otherwise print a key that no server knows.
/// </summary>
public static class KeysCommands
{
    public static Command Create()
    {
        var keys = new Command("keys", "manage the control plane's API keys (stored hashed; a secret is shown once)");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(Revoke());
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(BindAgent());
        return keys;
    }

    private static Option<string?> OfflineDatabase() => new("--db")
    {
        Description = "work offline on this existing server database instead of asking the server (it may be running)",
    };

    /// <summary>A verb that asks the server unless `--db` says to work on a database; both at once is a contradiction.</summary>
    private static (ServerConnection Connection, Option<string?> Database) ServerOrDatabase(Command command)
    {
        var connection = new ServerConnection();
        var db = OfflineDatabase();
        command.Options.Add(db);
        connection.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(db) is null) return;
            foreach (var remote in new[] { "--server", "--key" })
            {
                if (result.GetResult(remote) is OptionResult { Implicit: false })
                    result.AddError($"--db works offline on the database; it does not go with {remote}");
            }
        });
        return (connection, db);
    }

    private static SqliteControlPlaneStore Existing(string path) => new(new SqliteStoreOptions(path) { ExistingOnly = true });

    private static Command CreateKey()
    {
        var role = new Option<string>("--role") { Description = "user, agent or admin", Required = true };
        var name = new Argument<string?>("name") { Description = "the key's name (unique among active keys)", Arity = ArgumentArity.ZeroOrOne };
        var named = new Option<string?>("--name") { Description = "the key's name, as the argument" };
        var user = new Option<string?>("--user") { Description = "the user (tenant) the key belongs to; default: a user of the key's own name" };
        var command = new Command("create", "admin: create a key of a user and print its secret (once)") { name, role, named, user };
        var (connection, db) = ServerOrDatabase(command);
        command.Validators.Add(result =>
        {
            var positional = result.GetValue(name);
            var option = result.GetValue(named);
            if (positional is null && option is null) result.AddError("name the key: qonduit keys create NAME --role ROLE [--user USER]");
            else if (positional is not null && option is not null && positional != option) result.AddError($"two names given: '{positional}' and --name '{option}'");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyName = parse.GetValue(name) ?? parse.GetValue(named)!;
            CreatedKeyView created;
            if (parse.GetValue(db) is { } path)
            {
                using var store = Existing(path);
                var (record, secret) = await ApiKeys.CreateAsync(
                    store, keyName, ApiKeys.ParseRole(parse.GetValue(role)!), DateTimeOffset.UtcNow, parse.GetValue(user), cancellationToken: cancellationToken).ConfigureAwait(false);
                created = new CreatedKeyView(record.Id, record.Name, record.User, record.Role.Name(), secret, record.CreatedAt);
            }
            else
            {
                created = await connection.Client(parse).CreateKeyAsync(new CreateKeyRequest(parse.GetValue(role)!, parse.GetValue(user), keyName), cancellationToken).ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync($"created {created.Role} key '{created.Name}' of user '{created.User}' ({created.Id}); the secret is shown once:").ConfigureAwait(false);
            Console.WriteLine(created.Secret);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var key = new Argument<string>("key") { Description = "id or name of an active key" };
        var command = new Command("revoke", "revoke a key (an admin's any but the last admin key, a user's its own): requests with it are refused from now on") { key };
        var (connection, db) = ServerOrDatabase(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            KeyView revoked;
            if (parse.GetValue(db) is { } path)
            {
                using var store = Existing(path);
                revoked = KeysApi.View(await ApiKeys.RevokeAsync(store, parse.GetValue(key)!, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false), []);
            }
            else
            {
                revoked = await connection.Client(parse).RevokeKeyAsync(parse.GetValue(key)!, cancellationToken).ConfigureAwait(false);
            }
            Console.WriteLine($"revoked {revoked.Role} key '{revoked.Name}' of user '{revoked.User}' ({revoked.Id})");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var user = new Option<string?>("--user") { Description = "only this user's keys (an admin's choice; a user sees only its own)" };
        var command = new Command("list", "list keys, revoked ones too (never their secrets)") { user };
        var (connection, db) = ServerOrDatabase(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<KeyView> keys;
            if (parse.GetValue(db) is { } path)
            {
                using var store = Existing(path);
                keys = [.. store.ListKeys().Where(k => parse.GetValue(user) is not { } only || k.User == only).Select(k => KeysApi.View(k, []))];
            }
            else
            {
                keys = await connection.Client(parse).ListKeysAsync(parse.GetValue(user), cancellationToken).ConfigureAwait(false);
            }
            foreach (var k in keys)
                Console.WriteLine($"{k.Id}  {k.Role,-6} {k.Name,-20} user {k.User,-20} created {k.CreatedAt:u}{(k.RevokedAt is { } r ? $"  revoked {r:u}" : "")}");
            return 0;
        });
        return command;
    }

    private static Command BindAgent()
    {
        var key = new Argument<string>("key") { Description = "name or id of an active agent key" };
        var agent = new Argument<string>("id") { Description = "the agent id to bind to it (calls under it with any other key are refused)" };
        var db = new Option<string?>("--db") { Description = "the server's existing SQLite database (default as for `qonduit serve`)" };
        var command = new Command("bind-agent", "bind an agent id to another key (the id is bound to the first key that used it)") { key, agent, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = Existing(parse.GetValue(db) ?? DataDirectory.DefaultDatabase());
            var bound = await AgentBinding.RebindAsync(store, parse.GetValue(key)!, parse.GetValue(agent)!, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"agent '{bound.AgentId}' is bound to key '{bound.KeyName}' ({bound.KeyId})");
            return 0;
        });
        return command;
    }
}
