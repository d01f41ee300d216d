using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Qonduit.Contracts.Artifacts;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Artifacts;

/// <summary>`/v1/artifacts`: raw bytes in, the same bytes out by digest, only for their owner (and admins).</summary>
public sealed class ArtifactsApiTests
{
    private static ByteArrayContent Body(byte[] bytes, string? mediaType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null) content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return content;
    }

    private static async Task<ArtifactView> PutAsync(HttpClient client, string text, string mediaType = "application/json", string query = "")
    {
        using var response = await client.PostAsync("/v1/artifacts" + query, Body(Encoding.UTF8.GetBytes(text), mediaType));
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<ArtifactView>())!;
    }

    [Fact]
    public async Task A_put_answers_201_with_the_record_and_its_location_and_the_bytes_come_back_with_their_media_type_and_digest_as_etag()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var bytes = Encoding.UTF8.GetBytes("{\"theta\": [0.1, 0.2]}");

        using var put = await host.Alice.PostAsync("/v1/artifacts?run=r-17&node=optimise&attempt=2", Body(bytes, "application/json; charset=utf-8"));

        await Expect.StatusAsync(put, 201);
        var view = (await put.Content.ReadFromJsonAsync<ArtifactView>())!;
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(new ArtifactView(digest, "application/json; charset=utf-8", bytes.Length, "alice", new ArtifactProducerView("r-17", "optimise", 2), host.Clock.GetUtcNow(), host.Clock.GetUtcNow()), view);
        Assert.Equal($"/v1/artifacts/{digest}", put.Headers.Location?.OriginalString);

        using var get = await host.Alice.GetAsync(put.Headers.Location);
        await Expect.StatusAsync(get, 200);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", get.Content.Headers.ContentType?.ToString());
        Assert.Equal($"\"{digest}\"", get.Headers.ETag?.Tag);
        Assert.Equal(view, await host.Alice.GetFromJsonAsync<ArtifactView>($"/v1/artifacts/{digest}/meta"));
    }

    [Fact]
    public async Task The_same_bytes_stored_again_are_the_same_artifact()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var first = await PutAsync(host.Alice, "[1,2,3]");
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await PutAsync(host.Alice, "[1,2,3]", "text/plain");

        Assert.Equal(first with { LastUsedAt = host.Clock.GetUtcNow() }, again);
        Assert.Single((await host.Alice.GetFromJsonAsync<ArtifactPage>("/v1/artifacts"))!.Items);
    }

    [Fact]
    public async Task Another_tenants_artifact_is_not_found_and_an_admin_reads_any()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var alices = await PutAsync(host.Alice, "alice's data");

        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/artifacts/{alices.Digest}"), 404, "artifact.not-found");
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/artifacts/{alices.Digest}/meta"), 404, "artifact.not-found");
        Assert.Empty((await host.Bob.GetFromJsonAsync<ArtifactPage>("/v1/artifacts"))!.Items);
        Assert.Equal("alice's data", await host.Admin.GetStringAsync($"/v1/artifacts/{alices.Digest}"));
        Assert.Equal("alice", (await host.Admin.GetFromJsonAsync<ArtifactView>($"/v1/artifacts/{alices.Digest}/meta"))!.Owner);
        await Expect.StatusAsync(await host.Agent.GetAsync($"/v1/artifacts/{alices.Digest}"), 403);
        await Expect.StatusAsync(await host.Anonymous.GetAsync($"/v1/artifacts/{alices.Digest}"), 401);
    }

    [Fact]
    public async Task A_digest_that_is_not_one_is_a_400_naming_the_form()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);

        foreach (var bad in new[] { "sha256:" + new string('A', 64), "sha256:abc", "md5:" + new string('0', 64), new string('0', 64) })
        {
            var problem = await Expect.ProblemAsync(await host.Alice.GetAsync($"/v1/artifacts/{bad}/meta"), 400, "artifact.invalid-digest");
            Assert.Contains("64 lowercase hex digits", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/artifacts/sha256:xyz"), 400, "artifact.invalid-digest");
    }

    [Fact]
    public async Task A_body_without_a_concrete_media_type_or_with_a_malformed_producer_is_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);

        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/artifacts", Body([1], mediaType: null)), 400, "artifact.invalid-media-type");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/artifacts", Body([1], "*/*")), 400, "artifact.invalid-media-type");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/artifacts", Body([1], "json")), 400, "artifact.invalid-media-type");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/artifacts?attempt=-1", Body([1])), 400, "artifact.invalid-producer");
        await Expect.ProblemAsync(await host.Alice.PostAsync($"/v1/artifacts?run={new string('r', 201)}", Body([1])), 400, "artifact.invalid-producer");
        Assert.Empty((await host.Alice.GetFromJsonAsync<ArtifactPage>("/v1/artifacts"))!.Items);
    }

    [Fact]
    public async Task Content_past_the_limit_is_a_413_whether_its_length_is_declared_or_only_found_while_reading()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.Artifacts.MaxBytes = 1000, registerLine: false);

        var declared = await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/artifacts", Body(new byte[1001])), 413, "artifact.too-large");
        var undeclared = new StreamContent(new UnseekableStream(new byte[5000]));
        undeclared.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/artifacts", undeclared), 413, "artifact.too-large");

        Assert.Contains("1000 bytes", declared.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect.StatusAsync(await host.Alice.PostAsync("/v1/artifacts", Body(new byte[1000])), 201);
    }

    [Fact]
    public async Task A_listing_pages_with_a_cursor_and_filters_by_run_and_checks_limit_and_cursor()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var put = new List<ArtifactView>();
        for (var i = 0; i < 5; i++) put.Add(await PutAsync(host.Alice, $"value {i}", query: $"?run={(i < 3 ? "a" : "b")}&node=n{i}"));

        var first = (await host.Alice.GetFromJsonAsync<ArtifactPage>("/v1/artifacts?limit=3"))!;
        var second = (await host.Alice.GetFromJsonAsync<ArtifactPage>($"/v1/artifacts?limit=3&cursor={first.NextCursor}"))!;
        var ofRunB = (await host.Alice.GetFromJsonAsync<ArtifactPage>("/v1/artifacts?run=b"))!;

        Assert.Equal(put.Select(a => a.Digest).Order(StringComparer.Ordinal), first.Items.Concat(second.Items).Select(a => a.Digest));
        Assert.Null(second.NextCursor);
        Assert.Equal(["n3", "n4"], ofRunB.Items.Select(a => a.Producer!.Node!).Order());
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/artifacts?limit=501"), 400, "artifact.invalid-limit");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/artifacts?limit=0"), 400, "artifact.invalid-limit");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/artifacts?cursor=42"), 400, "artifact.invalid-cursor");
    }

    [Fact]
    public async Task A_reader_holding_the_current_etag_gets_a_304()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var stored = await PutAsync(host.Alice, "cached");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/artifacts/{stored.Digest}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{stored.Digest}\""));

        using var response = await host.Alice.SendAsync(request);

        await Expect.StatusAsync(response, 304);
    }

    /// <summary>A body whose length the client cannot know in advance (sent chunked).</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
