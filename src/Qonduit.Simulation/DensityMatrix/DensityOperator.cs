using System.Numerics;

namespace Qonduit.Simulation.DensityMatrix;

/// <summary>
/// An (unnormalised) n-qubit density operator stored as vec(ρ): element (row, column) sits at row | column ≪ n, so
/// the row index occupies bits 0..n−1 and the column index bits n..2n−1. Then ρ ↦ AρB† is A applied to the row bits
/// and conj(B) to the column bits, with the same gather/scatter kernel a state vector uses.
/// </summary>
public sealed class DensityOperator
{
    private DensityOperator(int numQubits, Complex[] data)
    {
        NumQubits = numQubits;
        Data = data;
    }

    public int NumQubits { get; }

    /// <summary>vec(ρ); see the type's remarks for the layout.</summary>
    public Complex[] Data { get; }

    public int Dimension => 1 << NumQubits;

    public static DensityOperator Zero(int numQubits) => new(numQubits, new Complex[1L << (2 * numQubits)]);

    /// <summary>|0…0⟩⟨0…0|.</summary>
    public static DensityOperator Ground(int numQubits)
    {
        var rho = Zero(numQubits);
        rho.Data[0] = Complex.One;
        return rho;
    }

    public Complex this[int row, int column] => Data[row | (column << NumQubits)];

    public DensityOperator Clone() => new(NumQubits, (Complex[])Data.Clone());

    public double Trace()
    {
        var trace = 0.0;
        for (var i = 0; i < Dimension; i++) trace += this[i, i].Real;
        return trace;
    }

    /// <summary>Probability of each computational basis state (the diagonal, unnormalised).</summary>
    public double[] Diagonal()
    {
        var diagonal = new double[Dimension];
        for (var i = 0; i < Dimension; i++) diagonal[i] = this[i, i].Real;
        return diagonal;
    }

    /// <summary>ρ ↦ UρU†; also the K ρ K† of one Kraus operator.</summary>
    public void Conjugate(ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> matrix)
    {
        Span<int> columns = stackalloc int[qubits.Length];
        for (var j = 0; j < qubits.Length; j++) columns[j] = qubits[j] + NumQubits;
        var conjugated = new Complex[matrix.Length];
        for (var j = 0; j < matrix.Length; j++) conjugated[j] = Complex.Conjugate(matrix[j]);
        Apply(Data, qubits, matrix);
        Apply(Data, columns, conjugated);
    }

    /// <summary>
    /// ρ ↦ Σ K_i ρ K_i† in one pass: the superoperator Σ K_i ⊗ conj(K_i) acts on the row bits and column bits of the
    /// qubits together, so no copy of ρ is made.
    /// </summary>
    public void ApplyKraus(ReadOnlySpan<int> qubits, IReadOnlyList<Complex[]> operators)
    {
        ArgumentNullException.ThrowIfNull(operators);
        var k = qubits.Length;
        var dim = 1 << k;
        Span<int> bits = stackalloc int[2 * k];
        for (var j = 0; j < k; j++) (bits[j], bits[k + j]) = (qubits[j], qubits[j] + NumQubits);
        // Index (row | column << k) of the combined 2k-bit space, as the gather kernel orders the bits.
        var superoperator = new Complex[dim * dim * dim * dim];
        var size = dim * dim;
        foreach (var kraus in operators)
            for (var rowOut = 0; rowOut < dim; rowOut++)
                for (var columnOut = 0; columnOut < dim; columnOut++)
                    for (var rowIn = 0; rowIn < dim; rowIn++)
                        for (var columnIn = 0; columnIn < dim; columnIn++)
                            superoperator[(rowOut | columnOut << k) * size + (rowIn | columnIn << k)] +=
                                kraus[rowOut * dim + rowIn] * Complex.Conjugate(kraus[columnOut * dim + columnIn]);
        Apply(Data, bits, superoperator);
    }

    /// <summary>ρ ↦ (1 − p)·ρ + p·(I/d ⊗ Tr_Q ρ) for the qubits Q, in two passes instead of 4^|Q| Kraus terms.</summary>
    public void Depolarize(ReadOnlySpan<int> qubits, double parameter)
    {
        long rowMask = 0;
        foreach (var q in qubits) rowMask |= 1L << q;
        var columnMask = rowMask << NumQubits;
        var traced = new Complex[Data.Length];
        for (long i = 0; i < Data.Length; i++)
            if (RowBits(i, rowMask) == ColumnBits(i, columnMask)) traced[i & ~(rowMask | columnMask)] += Data[i];
        var share = parameter / (1 << qubits.Length);
        for (long i = 0; i < Data.Length; i++)
        {
            var replaced = RowBits(i, rowMask) == ColumnBits(i, columnMask) ? share * traced[i & ~(rowMask | columnMask)] : Complex.Zero;
            Data[i] = (1 - parameter) * Data[i] + replaced;
        }
    }

    /// <summary>The part of ρ where <paramref name="qubit"/> reads <paramref name="outcome"/> on both sides: Π ρ Π.</summary>
    public DensityOperator Project(int qubit, int outcome)
    {
        var projected = Zero(NumQubits);
        var rowBit = 1L << qubit;
        var columnBit = rowBit << NumQubits;
        var want = outcome == 0 ? 0 : rowBit | columnBit;
        for (long i = 0; i < Data.Length; i++)
            if ((i & (rowBit | columnBit)) == want) projected.Data[i] = Data[i];
        return projected;
    }

    /// <summary>Reset to |0⟩: Π₀ρΠ₀ + X Π₁ρΠ₁ X.</summary>
    public void Reset(int qubit)
    {
        var rowBit = 1L << qubit;
        var columnBit = rowBit << NumQubits;
        for (long i = 0; i < Data.Length; i++)
        {
            if ((i & (rowBit | columnBit)) != 0) continue;
            Data[i] += Data[i | rowBit | columnBit];
            Data[i | rowBit] = Data[i | columnBit] = Data[i | rowBit | columnBit] = Complex.Zero;
        }
    }

    public void Add(DensityOperator other, double weight)
    {
        for (var i = 0; i < Data.Length; i++) Data[i] += weight * other.Data[i];
    }

    private static long RowBits(long index, long rowMask) => index & rowMask;

    private long ColumnBits(long index, long columnMask) => (index & columnMask) >> NumQubits;

    /// <summary>Applies a 2^k × 2^k matrix (little-endian over <paramref name="bits"/>) to the given bit positions of a vector.</summary>
    private static void Apply(Complex[] data, ReadOnlySpan<int> bits, ReadOnlySpan<Complex> matrix)
    {
        var dim = 1 << bits.Length;
        Span<long> offsets = stackalloc long[dim];
        long mask = 0;
        foreach (var b in bits) mask |= 1L << b;
        for (var j = 0; j < dim; j++)
            for (var b = 0; b < bits.Length; b++)
                if ((j >> b & 1) == 1) offsets[j] |= 1L << bits[b];
        Span<Complex> gathered = stackalloc Complex[dim];
        for (long i = 0; i < data.Length; i++)
        {
            if ((i & mask) != 0) continue;
            for (var j = 0; j < dim; j++) gathered[j] = data[i | offsets[j]];
            for (var row = 0; row < dim; row++)
            {
                var sum = Complex.Zero;
                for (var column = 0; column < dim; column++) sum += matrix[row * dim + column] * gathered[column];
                data[i | offsets[row]] = sum;
            }
        }
    }
}
