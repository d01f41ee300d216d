namespace Qonduit.Storage.Artifacts;

/// <summary>A page of one owner's artifacts in digest order: those after <see cref="After"/> (a digest), produced by <see cref="Run"/> when given.</summary>
public sealed record ArtifactQuery(string Owner, string? Run = null, string? After = null, int Limit = 100)
{
    /// <summary>The largest page a store answers; larger limits are refused by <see cref="IArtifactStore.List"/>.</summary>
    public const int MaxLimit = 500;

    /// <summary>The page of <paramref name="ofOwner"/> this query asks for: how both adapters answer it.</summary>
    public ArtifactListing Apply(IEnumerable<ArtifactRecord> ofOwner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Limit, MaxLimit);
        var page = ofOwner
            .Where(r => Run is null || r.Producer?.Run == Run)
            .Where(r => After is null || string.CompareOrdinal(r.Digest, After) > 0)
            .OrderBy(r => r.Digest, StringComparer.Ordinal)
            .Take(Limit)
            .ToList();
        return new ArtifactListing(page, page.Count == Limit ? page[^1].Digest : null);
    }
}

/// <summary>A page and the cursor of the next (the last digest of a full page), null on the last page.</summary>
public sealed record ArtifactListing(IReadOnlyList<ArtifactRecord> Items, string? Next);
