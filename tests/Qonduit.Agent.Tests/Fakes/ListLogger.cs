using Microsoft.Extensions.Logging;

namespace Qonduit.Agent.Tests.Fakes;

/// <summary>Keeps every message logged, so a test can assert what an operator would read.</summary>
public sealed class ListLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get { lock (_gate) return [.. _messages]; }
    }

    public bool Contains(string fragment) => Messages.Any(m => m.Contains(fragment, StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate) _messages.Add(formatter(state, exception));
    }
}
