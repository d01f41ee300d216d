using System.Numerics;
using Qonduit.Circuits.Gates;

namespace Qonduit.Simulation.Execution;

/// <summary>Classifies a matrix by its exact zero pattern, which is what decides the cheapest kernel.</summary>
public static class MatrixStructure
{
    public static GateStructure Classify(ReadOnlySpan<Complex> matrix)
    {
        var dimension = (int)Math.Round(Math.Sqrt(matrix.Length));
        var diagonal = true;
        var permutation = true;
        Span<bool> columnUsed = dimension <= 1024 ? stackalloc bool[dimension] : new bool[dimension];
        for (var row = 0; row < dimension; row++)
        {
            var nonZero = 0;
            for (var column = 0; column < dimension; column++)
            {
                if (matrix[row * dimension + column] == Complex.Zero) continue;
                nonZero++;
                if (column != row) diagonal = false;
                if (columnUsed[column]) permutation = false;
                columnUsed[column] = true;
            }
            if (nonZero != 1) permutation = false;
        }
        return diagonal ? GateStructure.Diagonal : permutation ? GateStructure.Permutation : GateStructure.General;
    }
}
