using Qonduit.Circuits;

namespace Qonduit.Qrmi;

/// <summary>Base of QRMI's typed errors; <see cref="QonduitException.Code"/> is the stable code.</summary>
public class QrmiException(string code, string message, Exception? inner = null) : QonduitException(code, message, inner);

/// <summary>qrmi_config.json is missing, not JSON, or names a resource badly.</summary>
public sealed class QrmiConfigException(string message, Exception? inner = null) : QrmiException(ErrorCodes.Qrmi.ConfigInvalid, message, inner);

/// <summary>A resource name that neither the configuration nor the job environment defines.</summary>
public sealed class ResourceNotFoundException(string name, IEnumerable<string> known)
    : QrmiException(ErrorCodes.Qrmi.ResourceNotFound, $"quantum resource '{name}' is not configured (configured: {Describe(known)})")
{
    public string Name { get; } = name;

    private static string Describe(IEnumerable<string> known)
    {
        var list = string.Join(", ", known);
        return list.Length == 0 ? "none" : list;
    }
}

/// <summary>A `--filter` expression that does not parse.</summary>
public sealed class FilterSyntaxException(string message) : QrmiException(ErrorCodes.Qrmi.FilterInvalid, message);

/// <summary>No lane became free within the wait (docs/leases.md: 409 lease.unavailable).</summary>
public sealed class LeaseUnavailableException(string resource, string message) : QrmiException(ErrorCodes.Lease.Unavailable, message)
{
    public string Resource { get; } = resource;
}

/// <summary>The token is unknown, released or expired.</summary>
public sealed class LeaseNotFoundException(string message) : QrmiException(ErrorCodes.Lease.NotFound, message);

/// <summary>The resource did not answer (connection refused, timeout, DNS).</summary>
public sealed class ResourceUnreachableException(string resource, string message, Exception? inner = null)
    : QrmiException(ErrorCodes.Qrmi.ResourceUnreachable, $"quantum resource '{resource}' is unreachable: {message}", inner);

public sealed class QuantumTaskNotFoundException(string taskId) : QrmiException(ErrorCodes.Qrmi.TaskNotFound, $"task '{taskId}' is not known to this resource")
{
    public string TaskId { get; } = taskId;
}

/// <summary>A result was asked of a task that did not complete (still running, failed or cancelled).</summary>
public sealed class TaskNotCompletedException(string taskId, QuantumTaskStatus status, string? reason)
    : QrmiException(status == QuantumTaskStatus.Failed ? ErrorCodes.Qrmi.TaskFailed : ErrorCodes.Qrmi.TaskNotCompleted,
        $"task '{taskId}' is {status.Name()}{(reason is null ? "" : ": " + reason)}")
{
    public string TaskId { get; } = taskId;

    public QuantumTaskStatus Status { get; } = status;
}

/// <summary>The server answered with problem details (RFC 7807); <see cref="QonduitException.Code"/> is its `code`.</summary>
public sealed class RemoteProblemException(int status, string code, string title, string? detail, string? origin, string? correlationId)
    : QrmiException(code, $"{title}{(string.IsNullOrEmpty(detail) ? "" : ": " + detail)} (HTTP {status}{(origin is null ? "" : ", " + origin)})")
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public string? Origin { get; } = origin;

    public string? CorrelationId { get; } = correlationId;
}

/// <summary>The server answered something this client cannot read.</summary>
public sealed class QrmiProtocolException(string message, Exception? inner = null) : QrmiException(ErrorCodes.Qrmi.Protocol, message, inner);
