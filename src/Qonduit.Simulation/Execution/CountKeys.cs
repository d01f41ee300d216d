using System.Collections.Immutable;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// Formats classical bits as Qiskit count keys (docs/architecture.md "Results"): within a register the highest bit is on the
/// left; registers are separated by a space, the last declared register first.
/// </summary>
public sealed class CountKeys(ImmutableArray<ClassicalRegister> registers, int numClbits)
{
    public int NumClbits { get; } = numClbits;

    public string Format(ReadOnlySpan<bool> clbits)
    {
        var length = NumClbits + Math.Max(0, registers.Length - 1);
        return string.Create(length, (registers, clbits.ToArray()), static (chars, state) =>
        {
            var at = 0;
            for (var r = state.registers.Length - 1; r >= 0; r--)
            {
                var register = state.registers[r];
                for (var bit = register.Size - 1; bit >= 0; bit--) chars[at++] = state.Item2[register.Offset + bit] ? '1' : '0';
                if (r > 0) chars[at++] = ' ';
            }
        });
    }

    /// <summary>Parses a key written in this layout (spaces optional) back into clbit values; null if it does not fit.</summary>
    public bool[]? Parse(string key)
    {
        var digits = key.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != NumClbits || digits.Any(c => c is not ('0' or '1'))) return null;
        var clbits = new bool[NumClbits];
        var at = 0;
        for (var r = registers.Length - 1; r >= 0; r--)
            for (var bit = registers[r].Size - 1; bit >= 0; bit--) clbits[registers[r].Offset + bit] = digits[at++] == '1';
        return clbits;
    }
}
