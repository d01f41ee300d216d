using System.Text;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Where an include may come from and how it is read: paths are judged by their spelling first (absolute or escaping
/// with `..`: refused without a file-system call), then by their real path (a symlink out of the directory: refused);
/// reading stops at a byte bound whatever size the file claims, and a file that yields more than its size is not a
/// regular file (a device such as /dev/zero) and is refused.
/// </summary>
internal static class IncludeFiles
{
    private const int MaxLinkHops = 40;

    /// <summary>The full path an include names under the policy; throws <see cref="ErrorCodes.Qasm.IncludeForbidden"/> otherwise.</summary>
    public static string Resolve(QasmIncludePolicy policy, string includingFile, string includePath, SourceLocation at)
    {
        if (policy.Directory is not { } root || includePath.Length == 0 || Path.IsPathRooted(includePath) || includePath.Contains('\0'))
            throw Forbidden(policy, includePath, at);
        var includingDirectory = Path.GetDirectoryName(includingFile);
        var baseDirectory = includingDirectory is not null && IsUnder(includingDirectory, root) ? includingDirectory : root;
        var path = Path.GetFullPath(Path.Combine(baseDirectory, includePath));
        if (!IsUnder(path, root) || !IsUnder(RealPath(path), RealPath(root))) throw Forbidden(policy, includePath, at);
        return path;
    }

    /// <summary>The text of a file, read through at most <paramref name="maxBytes"/> bytes.</summary>
    public static string Read(string path, long maxBytes, string limitName, SourceLocation at)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new QasmException(ErrorCodes.Qasm.Include, at, $"cannot find '{path}'");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QasmException(ErrorCodes.Qasm.Include, at, $"cannot read '{path}': it is not a readable regular file");
        }
        using (stream)
        {
            var length = stream.CanSeek ? stream.Length : -1;
            if (length > maxBytes)
                throw new QasmLimitException(at, limitName, maxBytes, $"'{path}' is {length} bytes");
            // One byte past the claimed size tells a regular file from a device or pipe that never ends.
            var buffer = new byte[Math.Min(Math.Max(length, 0), maxBytes) + 1];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0) break;
                read += n;
            }
            if (length < 0 || read > length)
                throw new QasmException(ErrorCodes.Qasm.Include, at, $"cannot read '{path}': it is not a regular file");
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    private static QasmException Forbidden(QasmIncludePolicy policy, string includePath, SourceLocation at) =>
        new(ErrorCodes.Qasm.IncludeForbidden, at, policy.Directory is null
            ? $"include \"{includePath}\" is forbidden: only the standard includes (qelib1.inc, stdgates.inc) may be included here"
            : $"include \"{includePath}\" is forbidden: only the standard includes and relative paths to files under the include directory may be included");

    private static bool IsUnder(string path, string root)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The path with every symlink along it resolved (components need not exist).</summary>
    private static string RealPath(string fullPath, int hops = 0)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var segment in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                if (hops >= MaxLinkHops) return next;
                FileSystemInfo? target;
                try
                {
                    target = info.ResolveLinkTarget(returnFinalTarget: true);
                }
                catch (IOException)
                {
                    return next; // A link loop: opening it fails too.
                }
                next = target is null ? next : RealPath(Path.GetFullPath(target.FullName), hops + 1);
            }
            current = next;
        }
        return current;
    }
}
