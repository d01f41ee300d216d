using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements.Reservations;

/// <summary>
/// What rusage[] holds on each lane (LSF): an amount of a consumable index, from the claim for its duration (or until
/// <see cref="Release"/> when the use names none), released linearly over the duration with decay=1. Every answer is a
/// function of the time passed in, so the caller's clock decides. Not thread-safe: the server serialises claims.
/// </summary>
public sealed class ReservationLedger
{
    private readonly Dictionary<(string Lane, string Index), List<Reservation>> _byLaneIndex = [];

    private sealed record Reservation(string Holder, double Amount, DateTimeOffset From, TimeSpan? Duration, bool Decay)
    {
        public double HeldAt(DateTimeOffset now)
        {
            if (Duration is not { } duration) return Amount;
            var elapsed = now - From;
            if (elapsed >= duration) return 0;
            if (!Decay || elapsed <= TimeSpan.Zero) return Amount;
            return Amount * (1 - elapsed / duration);
        }
    }

    /// <summary>Reserves every amount of <paramref name="uses"/> on <paramref name="lane"/> for <paramref name="holder"/> (a task).</summary>
    public void Reserve(string holder, string lane, IEnumerable<ResourceUse> uses, DateTimeOffset now)
    {
        foreach (var use in uses)
            foreach (var amount in use.Amounts)
            {
                var key = (lane, amount.Index);
                if (!_byLaneIndex.TryGetValue(key, out var held)) _byLaneIndex[key] = held = [];
                held.Add(new Reservation(holder, amount.Amount, now, use.Duration, use.Decay));
            }
    }

    /// <summary>The task ended: whatever it still holds is returned.</summary>
    public void Release(string holder)
    {
        foreach (var held in _byLaneIndex.Values) held.RemoveAll(r => r.Holder == holder);
        foreach (var key in _byLaneIndex.Where(e => e.Value.Count == 0).Select(e => e.Key).ToList()) _byLaneIndex.Remove(key);
    }

    /// <summary>How much of <paramref name="index"/> is held on <paramref name="lane"/> at <paramref name="now"/>.</summary>
    public double Reserved(string lane, string index, DateTimeOffset now)
    {
        if (!_byLaneIndex.TryGetValue((lane, index), out var held)) return 0;
        var total = 0.0;
        foreach (var reservation in held) total += reservation.HeldAt(now);
        return total;
    }
}
