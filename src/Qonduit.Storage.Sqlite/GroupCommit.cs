using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Qonduit.Server.Events;
using Qonduit.Server.Storage;

namespace Qonduit.Storage.Sqlite;

/// <summary>
/// Group commit on the single writer connection. A write is queued; whoever finds the writer free runs every write
/// queued at that moment in one `BEGIN IMMEDIATE` transaction, each inside its own savepoint, so one write that throws
/// is rolled back alone and the others still commit. After the one COMMIT each write's <c>committed</c> callback runs
/// with its own events, in order, before the next transaction starts; then its caller gets its own result. A write
/// alone (sequential traffic) runs on its caller's thread with no savepoint and no hand-over.
/// WAL checkpoints are taken off the commit path: SQLite's automatic checkpoint (copying the WAL into the database
/// and syncing it, every 1,000 pages) is switched off and a background task checkpoints between transactions instead.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private const int MaxBatch = 64;

    /// <summary>Transactions between checkpoints; a transition writes about ten pages, so the WAL stays a few MB.</summary>
    private const int CheckpointEvery = 256;

    private readonly WriterCommands commands;
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly ConcurrentQueue<QueuedWrite> queue = new();
    private readonly SemaphoreSlim checkpointDue = new(0, 1);
    private readonly CancellationTokenSource stop = new();
    private readonly Task checkpointer;
    private int sinceCheckpoint;
    private int disposed;

    public GroupCommit(SqliteConnection connection)
    {
        commands = new WriterCommands(connection);
        commands.Execute("PRAGMA wal_autocheckpoint = 0");
        checkpointer = Task.Run(CheckpointLoopAsync);
    }

    public async ValueTask<T> WriteAsync<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(stop.IsCancellationRequested, this);
        var write = new QueuedWrite<T>(work, committed);
        queue.Enqueue(write);
        Lead();
        if (write.Task.IsCompleted || !cancellationToken.CanBeCanceled) return await write.Task.ConfigureAwait(false);
        // Cancellation withdraws a write only while it waits in the queue; once taken it commits or fails as a whole.
        await using var withdraw = cancellationToken.UnsafeRegister(static (w, token) => ((QueuedWrite)w!).Withdraw(token), write);
        return await write.Task.ConfigureAwait(false);
    }

    /// <summary>Runs one batch if the writer is free; a leader that leaves writes behind hands them to the thread pool.</summary>
    private void Lead()
    {
        if (!writer.Wait(0)) return;
        try
        {
            RunBatch();
        }
        finally
        {
            writer.Release();
        }
        if (!queue.IsEmpty) ThreadPool.UnsafeQueueUserWorkItem(static g => g.Lead(), this, preferLocal: false);
    }

    private void RunBatch()
    {
        var batch = new List<QueuedWrite>();
        while (batch.Count < MaxBatch && queue.TryDequeue(out var write))
            if (write.TryTake()) batch.Add(write);
        if (batch.Count == 0) return;
        try
        {
            commands.Execute("BEGIN IMMEDIATE");
        }
        catch (SqliteException e)
        {
            batch.ForEach(w => w.Fail(e));
            return;
        }
        var isolated = batch.Count > 1;
        try
        {
            foreach (var write in batch)
            {
                if (isolated) commands.Execute("SAVEPOINT write");
                var failed = write.Run(commands) is not null;
                if (isolated)
                {
                    if (failed) commands.Execute("ROLLBACK TO write");
                    commands.Execute("RELEASE write");
                }
                else if (failed)
                {
                    commands.Execute("ROLLBACK");
                    write.Publish();
                    return;
                }
            }
            commands.Execute("COMMIT");
        }
        catch (SqliteException e)
        {
            RollBack();
            batch.ForEach(w => w.Fail(e));
            return;
        }
        batch.ForEach(w => w.Publish());
        if (Interlocked.Increment(ref sinceCheckpoint) == CheckpointEvery) checkpointDue.Release();
    }

    private void RollBack()
    {
        try
        {
            commands.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (it does so itself on some I/O errors).
        }
    }

    /// <summary>Checkpoints holding the writer, so no commit lands meanwhile and the next one can restart the WAL from its start.</summary>
    private async Task CheckpointLoopAsync()
    {
        try
        {
            while (true)
            {
                await checkpointDue.WaitAsync(stop.Token).ConfigureAwait(false);
                await writer.WaitAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    Interlocked.Exchange(ref sinceCheckpoint, 0);
                    commands.Execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
                catch (SqliteException)
                {
                    // A reader in another process held the database; the next round checkpoints what this one could not.
                }
                finally
                {
                    writer.Release();
                }
                if (!queue.IsEmpty) Lead();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: closing the connection checkpoints the rest.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        stop.Cancel();
        checkpointer.Wait();
        writer.Wait();
        commands.Dispose();
        stop.Dispose();
        checkpointDue.Dispose();
    }

    /// <summary>A queued write: taken by a leader or withdrawn by its caller, never both.</summary>
    private abstract class QueuedWrite
    {
        private int state;

        public bool TryTake() => Interlocked.CompareExchange(ref state, 1, 0) == 0;

        public void Withdraw(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref state, 2, 0) == 0) Cancel(token);
        }

        /// <summary>Runs the work; returns what it threw (its writes are then rolled back), or null.</summary>
        public abstract Exception? Run(WriterCommands commands);

        /// <summary>After the commit (or the rollback of a write alone that threw): its callback, then its caller's answer.</summary>
        public abstract void Publish();

        public abstract void Fail(Exception error);

        protected abstract void Cancel(CancellationToken token);
    }

    private sealed class QueuedWrite<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed) : QueuedWrite
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private SqliteWriter? writer;
        private T? result;
        private Exception? error;

        public Task<T> Task => completion.Task;

        public override Exception? Run(WriterCommands commands)
        {
            writer = new SqliteWriter(commands);
            try
            {
                result = work(writer);
                return null;
            }
            catch (Exception e)
            {
                error = e;
                return e;
            }
        }

        public override void Publish()
        {
            if (error is not null)
            {
                completion.TrySetException(error);
                return;
            }
            try
            {
                committed?.Invoke(writer!.Appended);
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
                return;
            }
            completion.TrySetResult(result!);
        }

        public override void Fail(Exception e) => completion.TrySetException(error ?? e);

        protected override void Cancel(CancellationToken token) => completion.TrySetCanceled(token);
    }
}
