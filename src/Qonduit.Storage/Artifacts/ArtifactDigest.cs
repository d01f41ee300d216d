using System.Security.Cryptography;

namespace Qonduit.Storage.Artifacts;

/// <summary>An artifact's address: `sha256:` and the 64 lowercase hex digits of its content's SHA-256.</summary>
public static class ArtifactDigest
{
    public const string Prefix = "sha256:";

    public const int Length = 71;

    /// <summary>Only the one spelling: an address that could be written two ways would name one artifact twice.</summary>
    public static bool IsValid(string? digest)
    {
        if (digest is null || digest.Length != Length || !digest.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        foreach (var c in digest.AsSpan(Prefix.Length))
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        }
        return true;
    }

    /// <summary>The digest of a SHA-256 already computed.</summary>
    public static string Of(ReadOnlySpan<byte> sha256) => Prefix + Convert.ToHexStringLower(sha256);

    /// <summary>The digest of whole content in memory.</summary>
    public static string OfContent(ReadOnlySpan<byte> content) => Of(SHA256.HashData(content));

    /// <summary>The 64 hex digits, which name the content's file.</summary>
    public static string Hex(string digest) => digest[Prefix.Length..];
}
