namespace Qonduit.Placement.FairShare;

/// <summary>
/// Decayed usage (Slurm's PriorityDecayHalfLife): every recompute period multiplies past usage by D = 0.5^(period / H),
/// so usage one half-life old counts half. A zero half-life means no decay.
/// </summary>
public static class UsageDecay
{
    public static double Factor(TimeSpan elapsed, TimeSpan halfLife) =>
        halfLife <= TimeSpan.Zero || elapsed <= TimeSpan.Zero ? 1 : Math.Pow(0.5, elapsed / halfLife);

    public static double Decayed(double usage, TimeSpan elapsed, TimeSpan halfLife) => usage * Factor(elapsed, halfLife);
}
