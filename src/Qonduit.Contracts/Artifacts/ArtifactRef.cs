namespace Qonduit.Contracts.Artifacts;

/// <summary>
/// How one workflow step hands data to the next: by reference to a stored artifact (<see cref="Digest"/>, fetched with
/// `GET /v1/artifacts/{digest}`), or, for a payload of at most <see cref="MaxInlineBytes"/>, with the bytes carried along
/// in <see cref="Inline"/> so a small value costs no round trip. <see cref="Inline"/> is always base64 (RFC 4648 with
/// padding) of the exact bytes, whatever the media type: one encoding, so a reader never guesses whether text was
/// re-encoded, and the digest is checkable against the decoded bytes.
/// </summary>
public sealed record ArtifactRef(string Digest, string MediaType, long Size, string? Inline = null)
{
    /// <summary>The largest payload carried inline (64 KiB of content, before base64).</summary>
    public const int MaxInlineBytes = 65536;

    /// <summary>A reference carrying <paramref name="content"/> inline when it is small enough, else the reference alone.</summary>
    public static ArtifactRef For(string digest, string mediaType, ReadOnlySpan<byte> content) =>
        new(digest, mediaType, content.Length, content.Length <= MaxInlineBytes ? Convert.ToBase64String(content) : null);

    /// <summary>The inline bytes, or null when the content must be fetched by <see cref="Digest"/>.</summary>
    public byte[]? InlineBytes() => Inline is null ? null : Convert.FromBase64String(Inline);
}
