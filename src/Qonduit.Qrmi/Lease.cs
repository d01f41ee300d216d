namespace Qonduit.Qrmi;

/// <summary>What <see cref="IQuantumResource.AcquireAsync"/> asks for (docs/leases.md "Acquire").</summary>
public sealed record LeaseRequest
{
    public string Holder { get; init; } = DefaultHolder();

    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Every lane rather than one.</summary>
    public bool Exclusive { get; init; }

    /// <summary>How long to wait for a free lane before <see cref="LeaseUnavailableException"/>.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.Zero;

    public static string DefaultHolder() => $"{Environment.UserName}@{Environment.MachineName}";
}

/// <summary>A granted lease. <see cref="Token"/> is the secret capability; <see cref="LeaseId"/> its public name.</summary>
public sealed record Lease(string Token, string LeaseId, string Device, int Lane, bool Exclusive, string Holder, DateTimeOffset ExpiresAt);
