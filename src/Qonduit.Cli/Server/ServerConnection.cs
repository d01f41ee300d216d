using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Client;
using Qonduit.Client.Primitives;

namespace Qonduit.Cli.Server;

/// <summary>`--server` / `--key` (or QONDUIT_URL / QONDUIT_API_KEY) shared by every verb that talks to a running server.</summary>
public sealed class ServerConnection
{
    private readonly Option<string?> _server = new("--server") { Description = "control plane URL (default: $QONDUIT_URL or http://127.0.0.1:8080)" };
    private readonly Option<string?> _key = new("--key") { Description = "API key (default: $QONDUIT_API_KEY)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_server);
        command.Options.Add(_key);
    }

    /// <param name="job">A `--qpu` job's resource: its control plane and key come before QONDUIT_URL / QONDUIT_API_KEY,
    /// since its lease is valid only there.</param>
    public QonduitClient Client(ParseResult parse, QpuJobResource? job = null)
    {
        var url = parse.GetValue(_server) ?? job?.Url ?? Environment.GetEnvironmentVariable("QONDUIT_URL") ?? "http://127.0.0.1:8080";
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var server))
            throw new QonduitException(ErrorCodes.Cli.InvalidUrl, $"'{url}' is not a server URL");
        var key = parse.GetValue(_key) ?? job?.ApiKey ?? Environment.GetEnvironmentVariable("QONDUIT_API_KEY");
        if (string.IsNullOrEmpty(key))
            throw new QonduitException(ErrorCodes.Cli.MissingKey, "give an API key with --key or QONDUIT_API_KEY (the first admin key is in admin.key beside the server's database)");
        return new QonduitClient(new HttpClient(new ServerUnreachableException.Handler(server)) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan }, key);
    }
}
