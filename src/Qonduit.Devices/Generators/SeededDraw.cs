namespace Qonduit.Devices.Generators;

/// <summary>
/// Deterministic random draws for generated calibrations. Each entity (qubit i, coupling {a, b}) gets its own SplitMix64
/// stream keyed by (seed, kind, id), so a qubit's calibration does not depend on how many qubits the device has or in
/// which order entities are visited. Values are rounded to four significant digits, which also keeps files identical
/// across machines whose math libraries differ in the last bit.
/// </summary>
internal struct SeededDraw
{
    private ulong _state;

    public SeededDraw(int seed, ulong kind, ulong id)
    {
        _state = (ulong)(uint)seed;
        _state = Mix(_state ^ Mix(kind * 0x9E3779B97F4A7C15UL ^ Mix(id)));
    }

    /// <summary>Uniform in (0, 1).</summary>
    public double NextUniform() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    public double NextNormal() => Math.Sqrt(-2.0 * Math.Log(NextUniform())) * Math.Cos(2.0 * Math.PI * NextUniform());

    /// <summary>Log-normal with the given median and log-standard-deviation, clamped to [min, max], four significant digits.</summary>
    public double LogNormal(double median, double sigma, double min, double max) =>
        Round4(Math.Clamp(median * Math.Exp(sigma * NextNormal()), min, max));

    public static double Round4(double value) =>
        value == 0 ? 0 : Math.Round(value, Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15));

    private ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
