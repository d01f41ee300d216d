using System.Text;

namespace Qonduit.Qrmi.Local;

/// <summary>One task of a <see cref="LocalSimulatorResource"/>; its state changes follow the task automaton of docs/architecture.md.</summary>
internal sealed class LocalTask(string id, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _log = new();
    private readonly CancellationTokenSource _cancellation = new();

    public string Id { get; } = id;

    public QuantumTaskStatus Status { get; private set; } = QuantumTaskStatus.Queued;

    public TaskResult? Result { get; private set; }

    public string? Error { get; private set; }

    public Task Execution { get; set; } = Task.CompletedTask;

    public CancellationToken Cancellation => _cancellation.Token;

    public string LogText
    {
        get
        {
            lock (_gate) return _log.ToString();
        }
    }

    public void Log(string line)
    {
        lock (_gate) _log.Append(time.GetUtcNow().ToString("O")).Append(' ').AppendLine(line);
    }

    public bool TryStart() => Move(QuantumTaskStatus.Queued, QuantumTaskStatus.Running, "running");

    public void Complete(TaskResult result)
    {
        lock (_gate)
        {
            if (Status != QuantumTaskStatus.Running) return;
            Result = result;
        }
        Move(QuantumTaskStatus.Running, QuantumTaskStatus.Completed, $"completed: {result.Shots} shots");
    }

    public void Fail(string error)
    {
        lock (_gate)
        {
            if (Status.IsTerminal()) return;
            Error = error;
            Status = QuantumTaskStatus.Failed;
        }
        Log("failed: " + error);
    }

    /// <summary>Terminal states absorb: stopping a finished task changes nothing.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (Status.IsTerminal()) return;
            Status = QuantumTaskStatus.Cancelled;
        }
        _cancellation.Cancel();
        Log("cancelled");
    }

    private bool Move(QuantumTaskStatus from, QuantumTaskStatus to, string message)
    {
        lock (_gate)
        {
            if (Status != from) return false;
            Status = to;
        }
        Log(message);
        return true;
    }
}
