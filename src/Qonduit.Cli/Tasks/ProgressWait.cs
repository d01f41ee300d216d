using Qonduit.Client;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Cli.Tasks;

/// <summary>
/// `submit --wait`: polls the task's view until it is terminal, showing its state and progress on standard error (a
/// redrawn line on a terminal, plain lines when redirected), so standard output keeps only the id and the result.
/// Polling rather than the event stream: the view already carries the progress with its estimate, and a poll needs no
/// reconnect logic.
/// </summary>
internal static class ProgressWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<TaskView> UntilTerminalAsync(QonduitClient client, Guid id, CancellationToken cancellationToken)
    {
        var report = new ProgressReport(terminal: !Console.IsErrorRedirected);
        try
        {
            while (true)
            {
                var task = await client.GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
                if (task.State.IsTerminal()) return task;
                if (report.Update(task.State.Name(), task.Progress, DateTimeOffset.UtcNow) is { } text) await Console.Error.WriteAsync(text).ConfigureAwait(false);
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (report.Clear() is { } wipe) await Console.Error.WriteAsync(wipe).ConfigureAwait(false);
        }
    }
}
