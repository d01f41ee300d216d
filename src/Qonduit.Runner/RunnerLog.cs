using System.Globalization;

namespace Qonduit.Runner;

/// <summary>runner.log: one time-stamped line per step, appended, so a preserved directory tells what every run did.</summary>
public sealed class RunnerLog : IDisposable
{
    private readonly StreamWriter _writer;

    public RunnerLog(string path)
    {
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void Write(string message) =>
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {message}"));

    public void Dispose() => _writer.Dispose();
}
