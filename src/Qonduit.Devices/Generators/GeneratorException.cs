using Qonduit.Circuits;

namespace Qonduit.Devices.Generators;

/// <summary>A generator request that cannot be met (too few or too many qubits for the family).</summary>
public sealed class GeneratorException(string message) : QonduitException(ErrorCodes.Generator.Invalid, message)
{
}
