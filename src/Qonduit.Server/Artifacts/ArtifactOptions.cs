using Qonduit.Storage.Artifacts;

namespace Qonduit.Server.Artifacts;

/// <summary>Artifact limits and retention, bound from `Qonduit:Artifacts` (docs/architecture.md "Artifacts").</summary>
public sealed class ArtifactOptions
{
    /// <summary>The most bytes one artifact may have; more is a 413 `artifact.too-large`, refused while the body is read.</summary>
    public long MaxBytes { get; set; } = ArtifactIngest.DefaultMaxBytes;

    /// <summary>An artifact neither stored again nor read for longer is removed by retention.</summary>
    public TimeSpan MaxAge { get; set; } = ArtifactRetention.DefaultMaxAge;

    /// <summary>When set, each owner keeps only its most recently used artifacts that fit in this many bytes.</summary>
    public long? MaxBytesPerOwner { get; set; }

    /// <summary>How often retention sweeps the store.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where `qonduit serve` keeps artifacts; null: `artifacts/` in the data directory (<see cref="DataDirectory.Artifacts"/>).</summary>
    public string? Directory { get; set; }

    public ArtifactRetention Retention => new(MaxAge, MaxBytesPerOwner);
}
