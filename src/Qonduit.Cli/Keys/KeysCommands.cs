using System.CommandLine;
using Qonduit.Server;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Cli.Keys;

/// <summary>`qonduit keys create|revoke|list|bind-agent`: API keys of users, directly on the server's database (works while it runs).</summary>
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

    private static Option<string?> Database() => new("--db") { Description = "the server's SQLite database (default as for `qonduit serve`)" };

    private static Command CreateKey()
    {
        var role = new Option<string>("--role") { Description = "user, agent or admin", Required = true };
        var name = new Argument<string?>("name") { Description = "the key's name (unique among active keys)", Arity = ArgumentArity.ZeroOrOne };
        var named = new Option<string?>("--name") { Description = "the key's name, as the argument (kept for scripts that pass it so)" };
        var user = new Option<string?>("--user") { Description = "the user (tenant) the key belongs to; default: a user of the key's own name" };
        var db = Database();
        var command = new Command("create", "create a key of a user and print its secret (once)") { name, role, named, user, db };
        command.Validators.Add(result =>
        {
            var positional = result.GetValue(name);
            var option = result.GetValue(named);
            if (positional is null && option is null) result.AddError("name the key: qonduit keys create NAME --role ROLE [--user USER]");
            else if (positional is not null && option is not null && positional != option) result.AddError($"two names given: '{positional}' and --name '{option}'");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsedRole = ApiKeys.ParseRole(parse.GetValue(role)!);
            var keyName = parse.GetValue(name) ?? parse.GetValue(named)!;
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(parse.GetValue(db) ?? DataDirectory.DefaultDatabase()));
            var (record, secret) = await ApiKeys.CreateAsync(store, keyName, parsedRole, DateTimeOffset.UtcNow, parse.GetValue(user), cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"created {record.Role.Name()} key '{record.Name}' of user '{record.User}' ({record.Id}); the secret is shown once:").ConfigureAwait(false);
            Console.WriteLine(secret);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var key = new Argument<string>("key") { Description = "name or id of an active key" };
        var db = Database();
        var command = new Command("revoke", "revoke a key: requests with it are refused from now on") { key, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(parse.GetValue(db) ?? DataDirectory.DefaultDatabase()));
            var revoked = await ApiKeys.RevokeAsync(store, parse.GetValue(key)!, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"revoked {revoked.Role.Name()} key '{revoked.Name}' ({revoked.Id})");
            return 0;
        });
        return command;
    }

    private static Command BindAgent()
    {
        var key = new Argument<string>("key") { Description = "name or id of an active agent key" };
        var agent = new Argument<string>("id") { Description = "the agent id to bind to it (calls under it with any other key are refused)" };
        var db = Database();
        var command = new Command("bind-agent", "bind an agent id to another key (the id is bound to the first key that used it)") { key, agent, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(parse.GetValue(db) ?? DataDirectory.DefaultDatabase()));
            var bound = await AgentBinding.RebindAsync(store, parse.GetValue(key)!, parse.GetValue(agent)!, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"agent '{bound.AgentId}' is bound to key '{bound.KeyName}' ({bound.KeyId})");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var db = Database();
        var command = new Command("list", "list keys (never their secrets)") { db };
        command.SetAction(parse =>
        {
            using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(parse.GetValue(db) ?? DataDirectory.DefaultDatabase()));
            foreach (var k in store.ListKeys())
                Console.WriteLine($"{k.Id}  {k.Role.Name(),-6} {k.Name,-20} user {k.User,-20} created {k.CreatedAt:u}{(k.RevokedAt is { } r ? $"  revoked {r:u}" : "")}");
            return 0;
        });
        return command;
    }
}
