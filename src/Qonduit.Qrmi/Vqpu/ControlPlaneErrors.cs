using System.Text.Json;
using Qonduit.Client;

namespace Qonduit.Qrmi.Vqpu;

/// <summary>
/// The one place where a <see cref="QonduitClient"/> call's failure becomes QRMI's typed error, so a caller of
/// <see cref="IQuantumResource"/> catches <see cref="QrmiException"/> whatever the transport said.
/// </summary>
internal sealed class ControlPlaneErrors(string resource, Uri server, TimeSpan timeout)
{
    public async Task<T> CallAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        await CallAsync((Task)call, cancellationToken).ConfigureAwait(false);
        return await call.ConfigureAwait(false);
    }

    public async Task CallAsync(Task call, CancellationToken cancellationToken)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    private QrmiException? Translate(Exception e, CancellationToken cancellationToken) => e switch
    {
        // The server's detail already names the device, the wait and the lanes in use.
        QonduitApiException { Problem.Code: ErrorCodes.Lease.Unavailable } p => new LeaseUnavailableException(resource, p.Message),
        QonduitApiException { Problem.Code: ErrorCodes.Lease.NotFound } => new LeaseNotFoundException($"lease of '{resource}' is unknown, released or expired"),
        QonduitApiException { Problem.Code: ErrorCodes.Client.EmptyResponse } p => new QrmiProtocolException($"{server}: {p.Message}", p),
        QonduitApiException p => Remote(p),
        HttpRequestException => new ResourceUnreachableException(resource, $"{server}: {e.Message}", e),
        // HttpClient's own timeout, not the caller's cancellation: the server did not answer.
        TaskCanceledException when !cancellationToken.IsCancellationRequested =>
            new ResourceUnreachableException(resource, $"{server}: no answer within {timeout.TotalSeconds:0} s", e),
        JsonException => new QrmiProtocolException($"{server} answered with JSON this client cannot read: {e.Message}", e),
        _ => null,
    };

    /// <summary>A body that is not problem details (a proxy's page) keeps the status line as its code and title.</summary>
    private static RemoteProblemException Remote(QonduitApiException e)
    {
        var status = (int)e.Status;
        return new RemoteProblemException(status, e.Problem.Code ?? ErrorCodes.ForStatus(status), e.Problem.Title ?? e.Status.ToString(),
            e.Problem.Detail, e.Problem.Origin, e.Problem.CorrelationId);
    }
}
