namespace Qonduit.Devices.Generators;

public enum TopologyFamily { HeavyHex, Grid, Ring, Line, Star, Full }

/// <summary>
/// What <see cref="DeviceGenerator"/> builds: a family, a qubit count, the seed of its calibration draw, or an ideal
/// (noiseless) device. <see cref="Name"/> defaults to "&lt;family&gt;-&lt;qubits&gt;".
/// </summary>
public sealed record GeneratorSpec(TopologyFamily Family, int Qubits, int Seed = 0, bool Ideal = false, string? Name = null)
{
    /// <summary>The command-line spelling of a family: heavy-hex, grid, ring, line, star, full.</summary>
    public static string FamilyName(TopologyFamily family) => family switch
    {
        TopologyFamily.HeavyHex => "heavy-hex",
        _ => family.ToString().ToLowerInvariant(),
    };

    public static bool TryParseFamily(string text, out TopologyFamily family)
    {
        foreach (var candidate in Enum.GetValues<TopologyFamily>())
        {
            if (!string.Equals(FamilyName(candidate), text, StringComparison.OrdinalIgnoreCase)
                && !(candidate == TopologyFamily.Full && string.Equals(text, "all-to-all", StringComparison.OrdinalIgnoreCase))) continue;
            family = candidate;
            return true;
        }
        family = default;
        return false;
    }
}
