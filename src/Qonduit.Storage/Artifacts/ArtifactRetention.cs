namespace Qonduit.Storage.Artifacts;

/// <summary>
/// What retention keeps: artifacts used (stored or read) within <see cref="MaxAge"/>, and, with
/// <see cref="MaxBytesPerOwner"/>, each owner's most recently used artifacts that fit in it.
/// </summary>
public sealed record ArtifactRetention(TimeSpan MaxAge, long? MaxBytesPerOwner = null)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(30);

    public static ArtifactRetention Default { get; } = new(DefaultMaxAge);

    /// <summary>
    /// The pure decision both adapters apply to one owner's records: those unused for longer than the age, then the least
    /// recently used until the rest fit the owner's bytes (ties by digest, so a sweep is reproducible).
    /// </summary>
    public IReadOnlyList<ArtifactRecord> Expired(IEnumerable<ArtifactRecord> ofOneOwner, DateTimeOffset now)
    {
        var expired = new List<ArtifactRecord>();
        var kept = new List<ArtifactRecord>();
        foreach (var record in ofOneOwner) (now - record.LastUsedAt > MaxAge ? expired : kept).Add(record);
        if (MaxBytesPerOwner is not { } budget) return expired;
        var total = kept.Sum(r => r.Size);
        foreach (var record in kept.OrderBy(r => r.LastUsedAt).ThenBy(r => r.Digest, StringComparer.Ordinal))
        {
            if (total <= budget) break;
            expired.Add(record);
            total -= record.Size;
        }
        return expired;
    }
}

/// <summary>What a sweep removed.</summary>
public sealed record ArtifactSweepResult(int Removed, long BytesFreed);
