using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Qonduit.Storage.Sqlite;

/// <summary>
/// Group commit on the single writer connection. A write is queued; whoever finds the writer free runs every write
/// queued at that moment in one `BEGIN IMMEDIATE` transaction, each inside its own savepoint, so one write that throws
/// is rolled back alone and the others still commit. After the one COMMIT each write's <c>committed</c> callback runs
/// with its own events, in order, before the next transaction starts; then its caller gets its own result. A write
/// alone (sequential traffic) runs on its caller's thread with no savepoint and no hand-over; a leader that finds writes
/// queued after its batch leads a few more batches before it hands the rest to another thread.
/// WAL checkpoints are taken off the commit path: SQLite's automatic checkpoint (copying the WAL into the database
/// and syncing it, every 1,000 pages) is switched off and a thread of its own checkpoints instead, on its own connection
/// while commits go on (a passive checkpoint copies only committed frames). Once it has copied every frame, the next
/// commit restarts the WAL from its start. Under writes that never pause it cannot catch up, so when the WAL holds more
/// than <see cref="MaxWalFrames"/> it checkpoints once more holding the writer: commits wait for that pass only then.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private const int MaxBatch = 64;

    /// <summary>Batches one leader runs before it hands the queue to another thread.</summary>
    private const int MaxLedBatches = 4;

    /// <summary>Transactions between checkpoints.</summary>
    private const int CheckpointEvery = 256;

    /// <summary>WAL frames (pages: 32 MB at SQLite's 4 KiB) past which a checkpoint holds the writer so the WAL restarts.</summary>
    private const long MaxWalFrames = 8192;

    private readonly PreparedCommands _commands;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentQueue<QueuedWrite> _queue = new();
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _checkpointer;

    /// <summary>A checkpoint waits for the writer: leaders leave new writes queued for it to run after, so it is never starved.</summary>
    private volatile bool _checkpointWaiting;
    private int _sinceCheckpoint;
    private int _disposed;

    private readonly SqliteConnection _checkpoints;

    /// <param name="checkpoints">A second connection to the database, for the pass that runs beside commits.</param>
    public GroupCommit(SqliteConnection connection, SqliteConnection checkpoints)
    {
        _checkpoints = checkpoints;
        _commands = new PreparedCommands(connection);
        _commands.Execute("PRAGMA wal_autocheckpoint = 0");
        // Its own thread: writers that complete synchronously can keep every pool thread busy, and a checkpoint that
        // waits for a pool thread lets the WAL grow without bound meanwhile.
        _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "qonduit-sqlite-checkpoint" };
        _checkpointer.Start();
    }

    public async ValueTask<T> WriteAsync<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var write = new QueuedWrite<T>(work, committed);
        _queue.Enqueue(write);
        Lead();
        if (write.Task.IsCompleted || !cancellationToken.CanBeCanceled) return await write.Task.ConfigureAwait(false);
        // Cancellation withdraws a write only while it waits in the queue; once taken it commits or fails as a whole.
        await using var withdraw = cancellationToken.UnsafeRegister(static (w, token) => ((QueuedWrite)w!).Withdraw(token), write);
        return await write.Task.ConfigureAwait(false);
    }

    /// <summary>Runs one batch if the writer is free; a leader that leaves writes behind hands them to the thread pool.</summary>
    private void Lead()
    {
        // The writes queued while a batch ran are led on: a hand-over to another thread costs a wake-up per batch under
        // load. A few batches at most, so the leader's own caller is not kept waiting behind others' writes for long.
        for (var batches = 0; batches < MaxLedBatches; batches++)
        {
            if (_checkpointWaiting || !_writer.Wait(0)) return;
            try
            {
                RunBatch();
            }
            finally
            {
                _writer.Release();
            }
            if (_queue.IsEmpty) return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static g => g.Lead(), this, preferLocal: false);
    }

    private void RunBatch()
    {
        var batch = new List<QueuedWrite>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var write))
            if (write.TryTake()) batch.Add(write);
        if (batch.Count == 0) return;
        try
        {
            _commands.Execute("BEGIN IMMEDIATE");
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
                if (isolated) _commands.Execute("SAVEPOINT write");
                var failed = write.Run(_commands) is not null;
                if (isolated)
                {
                    if (failed) _commands.Execute("ROLLBACK TO write");
                    _commands.Execute("RELEASE write");
                }
                else if (failed)
                {
                    _commands.Execute("ROLLBACK");
                    write.Publish();
                    return;
                }
            }
            _commands.Execute("COMMIT");
        }
        catch (SqliteException e)
        {
            RollBack();
            batch.ForEach(w => w.Fail(e));
            return;
        }
        batch.ForEach(w => w.Publish());
        if (Interlocked.Increment(ref _sinceCheckpoint) == CheckpointEvery) _checkpointDue.Release();
    }

    private void RollBack()
    {
        try
        {
            _commands.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (it does so itself on some I/O errors).
        }
    }

    /// <summary>
    /// A passive checkpoint beside commits; when the WAL still holds more than <see cref="MaxWalFrames"/>, another
    /// holding the writer, so no commit lands meanwhile and the next one restarts the WAL. The writes queued while it held
    /// the writer are run after it.
    /// </summary>
    private void CheckpointLoop()
    {
        try
        {
            while (true)
            {
                _checkpointDue.Wait(_stop.Token);
                Interlocked.Exchange(ref _sinceCheckpoint, 0);
                if (Checkpoint() <= MaxWalFrames) continue;
                _checkpointWaiting = true;
                _writer.Wait(_stop.Token);
                try
                {
                    Checkpoint();
                }
                finally
                {
                    // Cleared before the writer is free and the queue is looked at: a write that found it set is queued by then.
                    _checkpointWaiting = false;
                    _writer.Release();
                }
                if (!_queue.IsEmpty) Lead();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: closing the connection checkpoints the rest.
        }
    }

    /// <summary>One passive checkpoint on the checkpoint connection; returns the frames the WAL holds (0 when it could not tell).</summary>
    private long Checkpoint()
    {
        try
        {
            using var command = _checkpoints.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            return reader.Read() ? reader.GetInt64(1) : 0;
        }
        catch (SqliteException)
        {
            // A reader in another process held the database; the next round checkpoints what this one could not.
            return 0;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        _checkpointer.Join();
        _writer.Wait();
        _commands.Dispose();
        _checkpoints.Dispose();
        _stop.Dispose();
        _checkpointDue.Dispose();
    }

    /// <summary>A queued write: taken by a leader or withdrawn by its caller, never both.</summary>
    private abstract class QueuedWrite
    {
        private int _state;

        public bool TryTake() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public void Withdraw(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0) Cancel(token);
        }

        /// <summary>Runs the work; returns what it threw (its writes are then rolled back), or null.</summary>
        public abstract Exception? Run(PreparedCommands commands);

        /// <summary>After the commit (or the rollback of a write alone that threw): its callback, then its caller's answer.</summary>
        public abstract void Publish();

        public abstract void Fail(Exception error);

        protected abstract void Cancel(CancellationToken token);
    }

    private sealed class QueuedWrite<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed) : QueuedWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private SqliteWriter? _writer;
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override Exception? Run(PreparedCommands commands)
        {
            _writer = new SqliteWriter(commands);
            try
            {
                _result = work(_writer);
                return null;
            }
            catch (Exception e)
            {
                _error = e;
                return e;
            }
        }

        public override void Publish()
        {
            if (_error is not null)
            {
                _completion.TrySetException(_error);
                return;
            }
            try
            {
                committed?.Invoke(_writer!.Appended);
            }
            catch (Exception e)
            {
                _completion.TrySetException(e);
                return;
            }
            _completion.TrySetResult(_result!);
        }

        public override void Fail(Exception e) => _completion.TrySetException(_error ?? e);

        protected override void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);
    }
}
