using System.Buffers;
using System.Security.Cryptography;

namespace Qonduit.Storage.Artifacts;

/// <summary>
/// Copies content to where a store keeps it while hashing and counting it, so neither the digest nor the limit needs the
/// whole payload in memory: the limit stops the copy at the first byte past it, not after the upload.
/// </summary>
public static class ArtifactIngest
{
    /// <summary>The size limit of one artifact unless configured otherwise: 64 MiB.</summary>
    public const long DefaultMaxBytes = 64L << 20;

    private const int BufferBytes = 81920;

    /// <returns>The digest and size of what was copied.</returns>
    /// <exception cref="ArtifactTooLargeException">More than <paramref name="maxBytes"/> came from <paramref name="source"/>.</exception>
    public static async Task<(string Digest, long Size)> CopyAsync(Stream source, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long size = 0;
            int read;
            // At most one byte past the limit is ever asked for, so a payload far too large is not read to its end.
            while ((read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferBytes, maxBytes - size + 1)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                size += read;
                if (size > maxBytes) throw new ArtifactTooLargeException(maxBytes);
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            return (ArtifactDigest.Of(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
