namespace Qonduit.Storage.Artifacts;

/// <summary>
/// The artifact store port (docs/architecture.md "Artifacts"): immutable content addressed by its SHA-256, kept per owner.
/// Every read names its owner, and another owner's artifact is absent (null), never an error that would say it exists;
/// only a null owner (an admin's read) finds any owner's.
/// </summary>
public interface IArtifactStore
{
    /// <summary>The most bytes one artifact may have; <see cref="PutAsync"/> refuses more while it reads.</summary>
    long MaxBytes { get; }

    /// <summary>
    /// Stores <paramref name="content"/> for <paramref name="owner"/>, or, when the owner already has these bytes, returns that
    /// record with <see cref="ArtifactRecord.LastUsedAt"/> moved to now (its media type and producer stay the first put's).
    /// </summary>
    /// <exception cref="ArtifactTooLargeException">The content has more than <see cref="MaxBytes"/> bytes; nothing is kept.</exception>
    Task<ArtifactRecord> PutAsync(string owner, Stream content, string mediaType, ArtifactProducer? producer, CancellationToken cancellationToken = default);

    /// <summary>The record, or null when <paramref name="owner"/> has no such artifact; a null owner: any owner's (admins).</summary>
    ArtifactRecord? Get(string? owner, string digest);

    /// <summary>The content for reading, which counts as a use (moves <see cref="ArtifactRecord.LastUsedAt"/>); null as for <see cref="Get"/>.</summary>
    Task<ArtifactContent?> OpenAsync(string? owner, string digest, CancellationToken cancellationToken = default);

    /// <summary>A page of the owner's artifacts in digest order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not 1..<see cref="ArtifactQuery.MaxLimit"/>.</exception>
    ArtifactListing List(ArtifactQuery query);

    /// <summary>Removes the owner's artifact; false when there was none.</summary>
    Task<bool> DeleteAsync(string owner, string digest, CancellationToken cancellationToken = default);

    /// <summary>Removes what <paramref name="policy"/> no longer keeps at <paramref name="now"/> (<see cref="ArtifactRetention.Expired"/>), per owner.</summary>
    Task<ArtifactSweepResult> SweepAsync(DateTimeOffset now, ArtifactRetention policy, CancellationToken cancellationToken = default);
}
