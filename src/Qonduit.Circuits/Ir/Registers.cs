namespace Qonduit.Circuits.Ir;

/// <summary>A named quantum register; its qubits are the flat indices [Offset, Offset + Size).</summary>
public sealed record QuantumRegister(string Name, int Size, int Offset)
{
    public int this[int index] => Offset + index;
}

/// <summary>A named classical register; its bits are the flat indices [Offset, Offset + Size).</summary>
public sealed record ClassicalRegister(string Name, int Size, int Offset)
{
    public int this[int index] => Offset + index;
}

/// <summary>
/// `if (bits == Value)`: the listed classical bits, least significant first, read as an unsigned integer.
/// OpenQASM 2 conditions name a whole register; OpenQASM 3 may also name one bit.
/// </summary>
public sealed record ClassicalCondition(EquatableArray<int> Clbits, long Value);

public enum QasmDialect { OpenQasm2, OpenQasm3 }
