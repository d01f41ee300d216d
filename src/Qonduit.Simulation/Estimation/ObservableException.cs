using Qonduit.Circuits;

namespace Qonduit.Simulation.Estimation;

/// <summary>An observable that cannot be parsed or does not fit the circuit (codes simulation.observable-syntax, simulation.observable-length).</summary>
public sealed class ObservableException(string code, string message) : QonduitException(code, message);
