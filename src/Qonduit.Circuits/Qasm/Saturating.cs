namespace Qonduit.Circuits.Qasm;

/// <summary>Sizes of expansions that cannot overflow: a hostile pow(10^15) of a large gate pins at <see cref="long.MaxValue"/>.</summary>
internal static class Saturating
{
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Multiply(long a, long b) => a == 0 || b <= long.MaxValue / a ? a * b : long.MaxValue;
}
