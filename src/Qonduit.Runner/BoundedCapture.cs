using System.Globalization;
using System.Text;

namespace Qonduit.Runner;

/// <summary>
/// One output stream of a command copied into a file of at most <c>limit</c> bytes (the rest is read and dropped, so the
/// command never blocks on a full pipe, and a note at the file's end says how much went), keeping the stream's last
/// <c>tail</c> bytes in memory for the result.
/// </summary>
internal sealed class BoundedCapture(string path, long limit, int tail)
{
    private readonly byte[] _tail = new byte[tail];
    private long _total;

    public long Total => _total;

    public bool Truncated => _total > limit;

    public async Task PumpAsync(Stream source)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var room = (int)Math.Clamp(limit - _total, 0, read);
            if (room > 0) await file.WriteAsync(buffer.AsMemory(0, room)).ConfigureAwait(false);
            KeepTail(buffer.AsSpan(0, read));
            _total += read;
        }
        if (Truncated)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"\n[qonduit: truncated after {limit} bytes; {_total - limit} more bytes were dropped]\n");
            await file.WriteAsync(Encoding.UTF8.GetBytes(note)).ConfigureAwait(false);
        }
    }

    /// <summary>The stream's last bytes as UTF-8 (a character cut at the start reads as U+FFFD).</summary>
    public string Tail()
    {
        var kept = (int)Math.Min(_total, _tail.Length);
        var bytes = new byte[kept];
        var start = (int)(_total % _tail.Length);
        for (var i = 0; i < kept; i++) bytes[i] = _tail[(start - kept + i + 2 * _tail.Length) % _tail.Length];
        return Encoding.UTF8.GetString(bytes);
    }

    private void KeepTail(ReadOnlySpan<byte> bytes)
    {
        if (_tail.Length == 0) return;
        var position = (int)(_total % _tail.Length);
        foreach (var b in bytes)
        {
            _tail[position] = b;
            position = (position + 1) % _tail.Length;
        }
    }
}
