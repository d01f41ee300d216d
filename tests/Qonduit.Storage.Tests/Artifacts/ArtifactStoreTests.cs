using System.Security.Cryptography;
using System.Text;
using Qonduit.Storage.Artifacts;
using Qonduit.Tests.Shared;

namespace Qonduit.Storage.Tests.Artifacts;

/// <summary>Both adapters of <see cref="IArtifactStore"/> address, deduplicate, hide and page artifacts alike.</summary>
public sealed class ArtifactStoreTests
{
    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> TextAsync(ArtifactContent content)
    {
        await using (content)
        {
            using var reader = new StreamReader(content.Content);
            return await reader.ReadToEndAsync();
        }
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task A_put_is_addressed_by_the_sha256_of_its_bytes_and_reads_back_whole(ArtifactStoreKind kind)
    {
        var clock = new ManualTimeProvider();
        using var store = new TestArtifactStore(kind, clock);

        var record = await store.Store.PutAsync("alice", Bytes("{\"energy\": -1.13}"), "application/json", new ArtifactProducer("run-1", "vqe", 2));

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("{\"energy\": -1.13}"))), record.Digest);
        Assert.True(ArtifactDigest.IsValid(record.Digest));
        Assert.Equal(("application/json", 17L, "alice", new ArtifactProducer("run-1", "vqe", 2)), (record.MediaType, record.Size, record.Owner, record.Producer));
        Assert.Equal((clock.GetUtcNow(), clock.GetUtcNow()), (record.CreatedAt, record.LastUsedAt));
        Assert.Equal(record, store.Store.Get("alice", record.Digest));
        Assert.Equal("{\"energy\": -1.13}", await TextAsync((await store.Store.OpenAsync("alice", record.Digest))!));
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task The_same_bytes_put_again_by_the_same_owner_return_the_first_record_with_its_last_use_moved(ArtifactStoreKind kind)
    {
        var clock = new ManualTimeProvider();
        using var store = new TestArtifactStore(kind, clock);
        var first = await store.Store.PutAsync("alice", Bytes("counts"), "text/plain", new ArtifactProducer("run-1", null, null));

        clock.Advance(TimeSpan.FromHours(1));
        var again = await store.Store.PutAsync("alice", Bytes("counts"), "application/octet-stream", null);

        Assert.Equal(first with { LastUsedAt = clock.GetUtcNow() }, again);
        Assert.Equal(again, store.Store.Get("alice", first.Digest));
        Assert.Single(store.Store.List(new ArtifactQuery("alice")).Items);
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task Another_owners_artifact_is_absent_and_only_an_ownerless_read_finds_it(ArtifactStoreKind kind)
    {
        using var store = new TestArtifactStore(kind, new ManualTimeProvider());
        var alices = await store.Store.PutAsync("alice", Bytes("secret"), "text/plain", null);

        Assert.Null(store.Store.Get("bob", alices.Digest));
        Assert.Null(await store.Store.OpenAsync("bob", alices.Digest));
        Assert.Empty(store.Store.List(new ArtifactQuery("bob")).Items);
        Assert.False(await store.Store.DeleteAsync("bob", alices.Digest));
        Assert.Equal(alices, store.Store.Get(null, alices.Digest));

        // Bob's own copy of the same bytes is his record; alice's is untouched by it and by its deletion.
        var bobs = await store.Store.PutAsync("bob", Bytes("secret"), "application/x-bob", null);
        Assert.Equal(("bob", "application/x-bob"), (bobs.Owner, bobs.MediaType));
        Assert.True(await store.Store.DeleteAsync("bob", bobs.Digest));
        Assert.Equal("secret", await TextAsync((await store.Store.OpenAsync("alice", alices.Digest))!));
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task Reading_the_content_is_a_use(ArtifactStoreKind kind)
    {
        var clock = new ManualTimeProvider();
        using var store = new TestArtifactStore(kind, clock);
        var record = await store.Store.PutAsync("alice", Bytes("x"), "text/plain", null);

        clock.Advance(TimeSpan.FromDays(3));
        await (await store.Store.OpenAsync("alice", record.Digest))!.DisposeAsync();

        Assert.Equal(clock.GetUtcNow(), store.Store.Get("alice", record.Digest)!.LastUsedAt);
        Assert.Equal(record.CreatedAt, store.Store.Get("alice", record.Digest)!.CreatedAt);
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task Content_past_the_limit_is_refused_and_nothing_is_kept(ArtifactStoreKind kind)
    {
        using var store = new TestArtifactStore(kind, new ManualTimeProvider(), maxBytes: 1000);

        var exact = await store.Store.PutAsync("alice", new MemoryStream(new byte[1000]), "application/octet-stream", null);
        var refused = await Assert.ThrowsAsync<ArtifactTooLargeException>(() => store.Store.PutAsync("alice", new MemoryStream(new byte[1001]), "application/octet-stream", null));

        Assert.Equal((1000L, 1000L), (exact.Size, refused.Limit));
        Assert.Equal([exact.Digest], store.Store.List(new ArtifactQuery("alice")).Items.Select(r => r.Digest));
        if (store.Root is { } root) Assert.Empty(Directory.GetFiles(Path.Combine(root, "tmp")));
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task The_limit_stops_reading_an_endless_stream_at_the_first_byte_past_it(ArtifactStoreKind kind)
    {
        using var store = new TestArtifactStore(kind, new ManualTimeProvider(), maxBytes: 100_000);
        var endless = new EndlessStream();

        await Assert.ThrowsAsync<ArtifactTooLargeException>(() => store.Store.PutAsync("alice", endless, "application/octet-stream", null));

        Assert.Equal(100_001, endless.Served);
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task A_listing_pages_in_digest_order_with_a_cursor_and_filters_by_run(ArtifactStoreKind kind)
    {
        using var store = new TestArtifactStore(kind, new ManualTimeProvider());
        var put = new List<ArtifactRecord>();
        for (var i = 0; i < 7; i++) put.Add(await store.Store.PutAsync("alice", Bytes($"item {i}"), "text/plain", new ArtifactProducer(i % 2 == 0 ? "even" : "odd", $"n{i}", 1)));
        await store.Store.PutAsync("bob", Bytes("item 0"), "text/plain", new ArtifactProducer("even", "n0", 1));

        var pages = new List<ArtifactListing>();
        string? cursor = null;
        do
        {
            pages.Add(store.Store.List(new ArtifactQuery("alice", After: cursor, Limit: 3)));
            cursor = pages[^1].Next;
        }
        while (cursor is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(put.Select(r => r.Digest).Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(r => r.Digest));
        Assert.Equal(put.Where(r => r.Producer!.Run == "even").Select(r => r.Digest).Order(StringComparer.Ordinal),
            store.Store.List(new ArtifactQuery("alice", Run: "even")).Items.Select(r => r.Digest));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Store.List(new ArtifactQuery("alice", Limit: ArtifactQuery.MaxLimit + 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Store.List(new ArtifactQuery("alice", Limit: 0)));
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task A_deleted_artifact_is_gone_and_a_second_delete_says_so(ArtifactStoreKind kind)
    {
        using var store = new TestArtifactStore(kind, new ManualTimeProvider());
        var record = await store.Store.PutAsync("alice", Bytes("x"), "text/plain", null);

        Assert.True(await store.Store.DeleteAsync("alice", record.Digest));
        Assert.False(await store.Store.DeleteAsync("alice", record.Digest));
        Assert.Null(store.Store.Get("alice", record.Digest));
        Assert.Null(await store.Store.OpenAsync(null, record.Digest));
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task Concurrent_puts_of_the_same_bytes_make_one_record(ArtifactStoreKind kind)
    {
        using var store = new TestArtifactStore(kind, new ManualTimeProvider());
        var payload = RandomNumberGenerator.GetBytes(300_000);

        var records = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.Store.PutAsync("alice", new MemoryStream(payload), "application/octet-stream", null))));

        Assert.Single(records.Select(r => r.Digest).Distinct());
        var listed = Assert.Single(store.Store.List(new ArtifactQuery("alice")).Items);
        await using var content = (await store.Store.OpenAsync("alice", listed.Digest))!;
        using var copy = new MemoryStream();
        await content.Content.CopyToAsync(copy);
        Assert.Equal(payload, copy.ToArray());
    }

    /// <summary>Zeros without end, counting what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
