using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Qonduit.Storage.Artifacts;

/// <summary>
/// Artifacts as files under <see cref="Root"/> (the server's data directory + `artifacts` by default): one folder per owner
/// (named by a hash of the owner, which the records inside name), holding each artifact's content as its 64 hex digits and
/// its record beside it as `.json`. Owners do not share content: one tenant's deletes and quota never touch another's
/// bytes, and nothing of another tenant's content is observable, not even whether it exists.
/// Crash safety: every file is written under `tmp/`, flushed to disk, then renamed into place (atomic within one file
/// system), content before record; a record is removed before its content. So a crash leaves a whole artifact or none;
/// what it can leave behind (temporary files, content without a record) is removed when the store opens.
/// </summary>
public sealed class FileArtifactStore : IArtifactStore, IDisposable
{
    private const string RecordSuffix = ".json";

    // Decisions about what exists (put, refresh, delete, sweep) are serialised; reads and the copy of a payload are not.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly string _temporary;

    public FileArtifactStore(string root, TimeProvider time, long maxBytes = ArtifactIngest.DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 0);
        Root = Path.GetFullPath(root);
        _time = time;
        MaxBytes = maxBytes;
        _temporary = Path.Combine(Root, "tmp");
        Recover();
    }

    public string Root { get; }

    public long MaxBytes { get; }

    public async Task<ArtifactRecord> PutAsync(string owner, Stream content, string mediaType, ArtifactProducer? producer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        var temporary = TemporaryPath();
        try
        {
            string digest;
            long size;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                (digest, size) = await ArtifactIngest.CopyAsync(content, file, MaxBytes, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = _time.GetUtcNow();
                if (Read(RecordPath(owner, digest)) is { } existing)
                {
                    var used = existing with { LastUsedAt = now };
                    await WriteRecordAsync(used, cancellationToken).ConfigureAwait(false);
                    return used;
                }
                Directory.CreateDirectory(OwnerFolder(owner));
                File.Move(temporary, ContentPath(owner, digest), overwrite: true);
                var record = new ArtifactRecord { Digest = digest, MediaType = mediaType, Size = size, Owner = owner, Producer = producer, CreatedAt = now, LastUsedAt = now };
                await WriteRecordAsync(record, CancellationToken.None).ConfigureAwait(false);
                return record;
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            // Moved into place, or not wanted (a payload too large, an owner who had it already, a failure).
            File.Delete(temporary);
        }
    }

    public ArtifactRecord? Get(string? owner, string digest)
    {
        if (!ArtifactDigest.IsValid(digest)) return null;
        if (owner is not null) return Read(RecordPath(owner, digest));
        // An admin's read finds the first owner's in name order, as the in-memory store does.
        return Directory.EnumerateDirectories(Root)
            .Where(d => d != _temporary)
            .Select(d => Read(Path.Combine(d, ArtifactDigest.Hex(digest) + RecordSuffix)))
            .OfType<ArtifactRecord>()
            .MinBy(r => r.Owner, StringComparer.Ordinal);
    }

    public async Task<ArtifactContent?> OpenAsync(string? owner, string digest, CancellationToken cancellationToken = default)
    {
        if (Get(owner, digest) is not { } found) return null;
        FileStream content;
        try
        {
            // Delete sharing: a sweep may remove the artifact while it is read; the reader keeps the bytes it opened.
            content = new FileStream(ContentPath(found.Owner, digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Re-read under the gate: a delete between the read above and here must not be undone by the refresh.
            if (Read(RecordPath(found.Owner, digest)) is not { } current)
            {
                await content.DisposeAsync().ConfigureAwait(false);
                return null;
            }
            var used = current with { LastUsedAt = _time.GetUtcNow() };
            await WriteRecordAsync(used, CancellationToken.None).ConfigureAwait(false);
            return new ArtifactContent(used, content);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ArtifactListing List(ArtifactQuery query)
    {
        var folder = OwnerFolder(query.Owner);
        var records = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + RecordSuffix).Select(Read).OfType<ArtifactRecord>()
            : [];
        return query.Apply(records);
    }

    public async Task<bool> DeleteAsync(string owner, string digest, CancellationToken cancellationToken = default)
    {
        if (!ArtifactDigest.IsValid(digest)) return false;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Remove(owner, digest);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ArtifactSweepResult> SweepAsync(DateTimeOffset now, ArtifactRetention policy, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (removed, freed) = (0, 0L);
            foreach (var folder in Directory.EnumerateDirectories(Root).Where(d => d != _temporary))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var records = Directory.EnumerateFiles(folder, "*" + RecordSuffix).Select(Read).OfType<ArtifactRecord>().ToList();
                foreach (var record in policy.Expired(records, now))
                {
                    if (!Remove(record.Owner, record.Digest)) continue;
                    removed++;
                    freed += record.Size;
                }
            }
            return new ArtifactSweepResult(removed, freed);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    // The record first: without it the content is invisible, and the next open removes content a crash left alone.
    private bool Remove(string owner, string digest)
    {
        var record = RecordPath(owner, digest);
        if (!File.Exists(record)) return false;
        File.Delete(record);
        File.Delete(ContentPath(owner, digest));
        return true;
    }

    /// <summary>What a crash may have left: temporary files, content whose record was never renamed into place or was removed.</summary>
    private void Recover()
    {
        Directory.CreateDirectory(_temporary);
        foreach (var file in Directory.EnumerateFiles(_temporary)) File.Delete(file);
        foreach (var folder in Directory.EnumerateDirectories(Root).Where(d => d != _temporary))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (file.EndsWith(RecordSuffix, StringComparison.Ordinal) ? !File.Exists(file[..^RecordSuffix.Length]) : !File.Exists(file + RecordSuffix))
                    File.Delete(file);
            }
        }
    }

    private async Task WriteRecordAsync(ArtifactRecord record, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath();
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(file, record, ArtifactRecordJson.Default.ArtifactRecord, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, RecordPath(record.Owner, record.Digest), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static ArtifactRecord? Read(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize(file, ArtifactRecordJson.Default.ArtifactRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            // Never written by the store (a record is renamed into place whole): edited by hand. Absent, rather than
            // failing every listing and sweep of its owner.
            return null;
        }
    }

    private string TemporaryPath() => Path.Combine(_temporary, Guid.NewGuid().ToString("N"));

    // A hash, not the name: an owner name may hold characters no file name may, and its length is not bounded by the file system's.
    private string OwnerFolder(string owner) => Path.Combine(Root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner)))[..32]);

    private string ContentPath(string owner, string digest) => Path.Combine(OwnerFolder(owner), ArtifactDigest.Hex(digest));

    private string RecordPath(string owner, string digest) => ContentPath(owner, digest) + RecordSuffix;
}
