namespace Qonduit.Storage.Artifacts;

/// <summary>The fake beside <see cref="FileArtifactStore"/>: the same port, the bytes in memory (each bounded by <see cref="MaxBytes"/>).</summary>
public sealed class InMemoryArtifactStore(TimeProvider time, long maxBytes = ArtifactIngest.DefaultMaxBytes) : IArtifactStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Owner, string Digest), (ArtifactRecord Record, byte[] Bytes)> _artifacts = [];

    public long MaxBytes { get; } = maxBytes;

    public async Task<ArtifactRecord> PutAsync(string owner, Stream content, string mediaType, ArtifactProducer? producer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        using var buffer = new MemoryStream();
        var (digest, size) = await ArtifactIngest.CopyAsync(content, buffer, MaxBytes, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_artifacts.TryGetValue((owner, digest), out var existing))
            {
                var used = existing.Record with { LastUsedAt = now };
                _artifacts[(owner, digest)] = (used, existing.Bytes);
                return used;
            }
            var record = new ArtifactRecord { Digest = digest, MediaType = mediaType, Size = size, Owner = owner, Producer = producer, CreatedAt = now, LastUsedAt = now };
            _artifacts[(owner, digest)] = (record, buffer.ToArray());
            return record;
        }
    }

    public ArtifactRecord? Get(string? owner, string digest)
    {
        lock (_gate) return Find(owner, digest)?.Record;
    }

    public Task<ArtifactContent?> OpenAsync(string? owner, string digest, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Find(owner, digest) is not { } found) return Task.FromResult<ArtifactContent?>(null);
            var used = found.Record with { LastUsedAt = time.GetUtcNow() };
            _artifacts[(used.Owner, digest)] = (used, found.Bytes);
            return Task.FromResult<ArtifactContent?>(new ArtifactContent(used, new MemoryStream(found.Bytes, writable: false)));
        }
    }

    public ArtifactListing List(ArtifactQuery query)
    {
        lock (_gate) return query.Apply(_artifacts.Values.Select(a => a.Record).Where(r => r.Owner == query.Owner).ToList());
    }

    public Task<bool> DeleteAsync(string owner, string digest, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_artifacts.Remove((owner, digest)));
    }

    public Task<ArtifactSweepResult> SweepAsync(DateTimeOffset now, ArtifactRetention policy, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var expired = _artifacts.Values.Select(a => a.Record).GroupBy(r => r.Owner, StringComparer.Ordinal).SelectMany(g => policy.Expired(g, now)).ToList();
            foreach (var record in expired) _artifacts.Remove((record.Owner, record.Digest));
            return Task.FromResult(new ArtifactSweepResult(expired.Count, expired.Sum(r => r.Size)));
        }
    }

    // An admin's read (no owner) finds the first owner's in name order, so the answer does not depend on insertion order.
    private (ArtifactRecord Record, byte[] Bytes)? Find(string? owner, string digest)
    {
        if (owner is not null) return _artifacts.TryGetValue((owner, digest), out var own) ? own : null;
        var any = _artifacts.Where(a => a.Key.Digest == digest).OrderBy(a => a.Key.Owner, StringComparer.Ordinal).Select(a => a.Value).ToList();
        return any.Count > 0 ? any[0] : null;
    }
}
