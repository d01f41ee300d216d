using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Qonduit.Contracts;
using Qonduit.Contracts.Artifacts;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Artifacts;

/// <summary>`ArtifactRef`, as a graph step hands a stored artifact on: inline up to 64 KiB (base64 of the exact bytes), by digest beyond.</summary>
public sealed class ArtifactRefTests
{
    [Theory]
    [InlineData(ArtifactRef.MaxInlineBytes, true)]
    [InlineData(ArtifactRef.MaxInlineBytes + 1, false)]
    public async Task A_reference_carries_the_bytes_inline_up_to_64_KiB_and_they_match_the_digest_the_server_gave(int size, bool inline)
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var bytes = RandomNumberGenerator.GetBytes(size);
        using var put = await host.Alice.PostAsync("/v1/artifacts", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/octet-stream" } } });
        var stored = (await put.Content.ReadFromJsonAsync<ArtifactView>())!;

        var reference = ArtifactRef.For(stored.Digest, stored.MediaType, bytes);
        var wire = JsonSerializer.Deserialize(JsonSerializer.Serialize(reference, WireJson.Default.ArtifactRef), WireJson.Default.ArtifactRef)!;

        Assert.Equal((stored.Digest, "application/octet-stream", (long)size), (wire.Digest, wire.MediaType, wire.Size));
        if (inline)
        {
            Assert.Equal(bytes, wire.InlineBytes());
            Assert.Equal(stored.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(wire.InlineBytes()!)));
        }
        else
        {
            Assert.Null(wire.Inline);
            Assert.Equal(bytes, await host.Alice.GetByteArrayAsync($"/v1/artifacts/{wire.Digest}"));
        }
    }
}
