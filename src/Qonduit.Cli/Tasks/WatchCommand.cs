using System.CommandLine;
using Qonduit.Cli.Server;
using Qonduit.Client;
using Qonduit.Contracts.Events;
using Spectre.Console;

namespace Qonduit.Cli.Tasks;

/// <summary>
/// `qonduit tasks watch [ID]`: the live lifecycle from the server's event stream, as a table that updates in place on a
/// terminal and as one plain line per event when output is redirected (scripts and tests read those).
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var connection = new ServerConnection();
        var id = new Argument<Guid?>("id") { Description = "one task (default: all your tasks, until Ctrl+C)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("watch", "follow task lifecycle live (Server-Sent Events); ends when the watched task is terminal") { id };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var task = parse.GetValue(id);
            // One task is replayed from the start of the log so a task that already finished still shows its lifecycle.
            var events = connection.Client(parse).EventsAsync(new EventSubscription(task, Types: ["task.*"]), task is null ? null : 0, cancellationToken: cancellationToken);
            if (Console.IsOutputRedirected) await PlainAsync(events, task).ConfigureAwait(false);
            else await LiveAsync(events, task, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task PlainAsync(IAsyncEnumerable<EventView> events, Guid? task)
    {
        var board = new TaskBoard();
        await foreach (var e in events.ConfigureAwait(false))
        {
            Console.WriteLine(TaskBoard.Line(e));
            if (board.Apply(e) && e.TaskId == task) return;
        }
    }

    private static async Task LiveAsync(IAsyncEnumerable<EventView> events, Guid? task, CancellationToken cancellationToken)
    {
        var board = new TaskBoard();
        await AnsiConsole.Live(board.Render(DateTimeOffset.UtcNow)).StartAsync(async live =>
        {
            // Elapsed time keeps moving between events, so the table is redrawn on a tick as well as on each event.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ticker = TickAsync(live, board, stop.Token);
            try
            {
                await foreach (var e in events.ConfigureAwait(false))
                {
                    var finished = board.Apply(e) && e.TaskId == task;
                    live.UpdateTarget(board.Render(DateTimeOffset.UtcNow));
                    if (finished) return;
                }
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await ticker.ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private static async Task TickAsync(LiveDisplayContext live, TaskBoard board, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) live.UpdateTarget(board.Render(DateTimeOffset.UtcNow));
        }
        catch (OperationCanceledException)
        {
            // the watch ended
        }
    }
}
