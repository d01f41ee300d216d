using System.Text;
using Qonduit.Storage.Artifacts;
using Qonduit.Tests.Shared;

namespace Qonduit.Storage.Tests.Artifacts;

/// <summary>What only the file adapter promises: it survives a restart, and a crash leaves a whole artifact or nothing.</summary>
public sealed class FileArtifactStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("qonduit-artifacts-").FullName;
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FileArtifactStore Open() => new(_root, _clock);

    [Fact]
    public async Task Artifacts_survive_the_store_being_opened_again()
    {
        ArtifactRecord record;
        using (var store = Open()) record = await store.PutAsync("alice", new MemoryStream(Encoding.UTF8.GetBytes("kept")), "text/plain", new ArtifactProducer("r", "n", 0));

        using var reopened = Open();
        Assert.Equal(record, reopened.Get("alice", record.Digest));
        await using var content = (await reopened.OpenAsync("alice", record.Digest))!;
        Assert.Equal("kept", await new StreamReader(content.Content).ReadToEndAsync());
    }

    [Fact]
    public async Task Opening_removes_temporary_files_and_content_without_a_record_and_keeps_whole_artifacts()
    {
        ArtifactRecord whole;
        using (var store = Open()) whole = await store.PutAsync("alice", new MemoryStream([1, 2, 3]), "application/octet-stream", null);
        var folder = Path.GetDirectoryName(Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories).Single())!;
        // As a crash leaves them: a payload half copied, a record not yet renamed, content renamed without its record.
        File.WriteAllBytes(Path.Combine(_root, "tmp", "0123456789abcdef"), [9, 9]);
        File.WriteAllText(Path.Combine(_root, "tmp", "fedcba9876543210"), "{\"digest\":");
        var orphan = Path.Combine(folder, new string('e', 64));
        File.WriteAllBytes(orphan, [4, 5, 6]);

        using var reopened = Open();

        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
        Assert.False(File.Exists(orphan));
        Assert.Equal(whole, Assert.Single(reopened.List(new ArtifactQuery("alice")).Items));
        Assert.Null(reopened.Get("alice", "sha256:" + new string('e', 64)));
    }

    [Fact]
    public async Task A_payload_that_fails_while_it_is_read_leaves_nothing()
    {
        using var store = Open();

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("alice", new FailingStream(), "application/octet-stream", null));

        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Empty(store.List(new ArtifactQuery("alice")).Items);
    }

    [Fact]
    public async Task Owner_names_that_are_no_file_names_are_kept_apart()
    {
        using var store = Open();
        var slash = await store.PutAsync("../alice", new MemoryStream([1]), "application/octet-stream", null);
        var plain = await store.PutAsync("alice", new MemoryStream([1]), "application/octet-stream", null);

        Assert.Equal("../alice", store.Get("../alice", slash.Digest)!.Owner);
        Assert.Equal("alice", store.Get("alice", plain.Digest)!.Owner);
        Assert.All(Directory.GetDirectories(_root), d => Assert.StartsWith(_root, Path.GetFullPath(d), StringComparison.Ordinal));
        Assert.Equal(3, Directory.GetDirectories(_root).Length);
    }

    [Fact]
    public async Task A_record_edited_into_nonsense_is_absent_and_the_owners_other_artifacts_still_list_and_sweep()
    {
        using var store = Open();
        var spoiled = await store.PutAsync("alice", new MemoryStream([1]), "application/octet-stream", null);
        var fine = await store.PutAsync("alice", new MemoryStream([2]), "application/octet-stream", null);
        File.WriteAllText(Directory.GetFiles(_root, ArtifactDigest.Hex(spoiled.Digest) + ".json", SearchOption.AllDirectories).Single(), "{ not json");

        Assert.Null(store.Get("alice", spoiled.Digest));
        Assert.Equal([fine.Digest], store.List(new ArtifactQuery("alice")).Items.Select(r => r.Digest));
        _clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(new ArtifactSweepResult(1, 1), await store.SweepAsync(_clock.GetUtcNow(), ArtifactRetention.Default));
    }

    /// <summary>Serves some bytes, then fails as a dropped connection does.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0) throw new IOException("connection reset");
            buffer[offset] = 7;
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
