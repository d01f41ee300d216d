using System.Security.Cryptography;
using System.Text.Json;

namespace Qonduit.Qrmi.Local;

/// <summary>
/// The leases of one local resource, kept in <c>{directory}/leases.json</c> and changed only under an exclusive lock
/// on <c>{directory}/.lock</c> (flock, which the kernel drops when a holder dies). Exclusivity therefore holds across
/// threads and across processes: the Slurm plugin's <c>qonduit qrmi acquire</c>, the job's program and a
/// later <c>qonduit qrmi release</c> all see the same lanes. Expired leases are dropped on every access, so a holder
/// killed without releasing loses its lane at its TTL.
/// </summary>
public sealed class LaneLeaseStore
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(30);
    private const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private readonly string _directory;
    private readonly string _resource;
    private readonly TimeProvider _time;

    public LaneLeaseStore(string directory, string resource, int lanes, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _directory = directory;
        _resource = resource;
        Lanes = lanes;
        _time = time ?? TimeProvider.System;
    }

    public int Lanes { get; }

    /// <summary>Grants a lane (or every lane) now, or waits for one up to <see cref="LeaseRequest.Wait"/>.</summary>
    public async Task<Lease> AcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Ttl <= TimeSpan.Zero) throw new QrmiException(ErrorCodes.Qrmi.InvalidLeaseTtl, "a lease's TTL must be positive");
        var deadline = _time.GetUtcNow() + request.Wait;
        while (true)
        {
            if (await TryAcquireAsync(request, cancellationToken).ConfigureAwait(false) is { } lease) return lease;
            if (_time.GetUtcNow() >= deadline)
                throw new LeaseUnavailableException(_resource,
                    $"all {Lanes} lane(s) of '{_resource}' are leased{(request.Exclusive ? " (an exclusive lease needs every lane)" : "")}; waited {request.Wait.TotalSeconds:0.###} s");
            await Task.Delay(RetryInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<Lease?> TryAcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default) =>
        UnderLockAsync(leases =>
        {
            var lane = FreeLane(leases, request.Exclusive);
            if (lane is null) return ((Lease?)null, false);
            var lease = new Lease(NewToken(), Guid.NewGuid().ToString("n"), _resource, lane.Value, request.Exclusive, request.Holder,
                _time.GetUtcNow() + request.Ttl);
            leases.Add(lease);
            return (lease, true);
        }, cancellationToken);

    /// <summary>Idempotent.</summary>
    public Task ReleaseAsync(string token, CancellationToken cancellationToken = default) =>
        UnderLockAsync(leases => (0, leases.RemoveAll(l => l.Token == token) > 0), cancellationToken);

    public Task<Lease> RenewAsync(string token, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        UnderLockAsync(leases =>
        {
            var index = leases.FindIndex(l => l.Token == token);
            if (index < 0) throw new LeaseNotFoundException($"lease of '{_resource}' is unknown, released or expired");
            leases[index] = leases[index] with { ExpiresAt = _time.GetUtcNow() + ttl };
            return (leases[index], true);
        }, cancellationToken);

    /// <summary>The active lease with this token, or null when it is unknown, released or expired.</summary>
    public Task<Lease?> FindAsync(string token, CancellationToken cancellationToken = default) =>
        UnderLockAsync(leases => (leases.Find(l => l.Token == token), false), cancellationToken);

    public Task<IReadOnlyList<Lease>> ActiveAsync(CancellationToken cancellationToken = default) =>
        UnderLockAsync(leases => ((IReadOnlyList<Lease>)[.. leases], false), cancellationToken);

    public static int LanesInUse(IReadOnlyList<Lease> leases, int lanes) =>
        leases.Any(l => l.Exclusive) ? lanes : Math.Min(lanes, leases.Count);

    private int? FreeLane(List<Lease> leases, bool exclusive)
    {
        if (leases.Any(l => l.Exclusive)) return null;
        if (exclusive) return leases.Count == 0 ? 0 : null;
        for (var lane = 0; lane < Lanes; lane++)
            if (!leases.Any(l => l.Lane == lane)) return lane;
        return null;
    }

    private static string NewToken() => "lt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private async Task<T> UnderLockAsync<T>(Func<List<Lease>, (T Value, bool Changed)> action, CancellationToken cancellationToken)
    {
        EnsureDirectory();
        using var lockFile = await LockAsync(cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(_directory, "leases.json");
        var stored = File.Exists(path) ? Read(path) : [];
        var now = _time.GetUtcNow();
        var leases = stored.Where(l => l.ExpiresAt > now).ToList();
        var (value, changed) = action(leases);
        if (changed || leases.Count != stored.Count) Write(path, leases);
        return value;
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_directory, ".lock");
        var giveUp = _time.GetUtcNow() + LockPatience;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                TryShare(path);
                return stream;
            }
            catch (IOException) when (_time.GetUtcNow() < giveUp)
            {
                await Task.Delay(RetryInterval / 5, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new QrmiException(ErrorCodes.Qrmi.LeaseStoreBusy, $"the lease store {_directory} stayed locked for {LockPatience.TotalSeconds:0} s: {e.Message}");
            }
        }
    }

    private void EnsureDirectory()
    {
        if (Directory.Exists(_directory)) return;
        // The Slurm plugin acquires as root while the job's program, running as the user, spends the lease.
        Directory.CreateDirectory(_directory);
        if (OperatingSystem.IsWindows()) return;
        try
        {
            File.SetUnixFileMode(_directory, Shared | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        catch (UnauthorizedAccessException)
        {
            // Created by another user between the check and here: its mode is already shared.
        }
    }

    private static void TryShare(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            File.SetUnixFileMode(path, Shared);
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by another user, who shared it on creation.
        }
    }

    private List<Lease> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), LeaseJsonContext.Default.ListLease) ?? [];
        }
        catch (JsonException e)
        {
            throw new QrmiException(ErrorCodes.Qrmi.LeaseStoreCorrupt, $"the lease store {path} of '{_resource}' is not readable: {e.Message}");
        }
    }

    private static void Write(string path, List<Lease> leases)
    {
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(leases, LeaseJsonContext.Default.ListLease));
        TryShare(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
