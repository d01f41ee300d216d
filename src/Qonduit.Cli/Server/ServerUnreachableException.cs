using System.Net.Sockets;

namespace Qonduit.Cli.Server;

/// <summary>
/// Nothing listens at the server URL (connection refused): the commonest slip is a server not started yet, or a shell
/// without QONDUIT_URL, so the message says how to fix either. An <see cref="HttpRequestException"/> still, so code that
/// handles a dropped connection handles this one the same way.
/// </summary>
public sealed class ServerUnreachableException(Uri server, HttpRequestException inner)
    : HttpRequestException(HttpRequestError.ConnectionError,
        $"no Qonduit server answers at {server.ToString().TrimEnd('/')} — start one with \"qonduit serve\", or point QONDUIT_URL at a running server",
        inner)
{
    public Uri Server { get; } = server;

    /// <summary>Turns a refused connection into <see cref="ServerUnreachableException"/>; every other answer passes through.</summary>
    public sealed class Handler(Uri server) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                throw new ServerUnreachableException(server, e);
            }
        }
    }
}
