using Qonduit.Circuits;

namespace Qonduit.Simulation.Noise;

/// <summary>The snapshot or the circuit does not allow a noise model to be built (for example a delay in dt without the device's dt).</summary>
public sealed class NoiseModelException(string code, string message) : QonduitException(code, message);
