using Qonduit.Circuits;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices;
using Qonduit.Simulation;

namespace Qonduit.Cli.Run;

/// <summary>
/// Compiles what a fresh `qonduit run` is about to need on the spare core while the main thread parses the circuit:
/// the transpiler (on a five-qubit QFT mapped to the device) when a device is named, then the simulator
/// (<see cref="SimulatorWarmup"/>). A fresh process otherwise JIT-compiles all of it on the main thread, which on the
/// 18-qubit QFT on ibm_fez took longer than transpiling and simulating themselves. Whatever is not compiled yet when
/// the main thread gets there is compiled as before, so the run's answer and its errors are unchanged.
/// </summary>
internal static class RunWarmup
{
    public static void Start(string? deviceName, SimulationOptions options) => _ = Task.Run(() =>
    {
        try
        {
            if (deviceName is not null) Transpiler.Transpiler.Run(Qft(), DeviceSource.Load(deviceName));
            SimulatorWarmup.Run(options);
        }
        catch (QonduitException)
        {
            // A device that does not load or fit: the main thread reports it.
        }
    });

    private static Circuit Qft()
    {
        const int n = 5;
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        b.AddClassicalRegister("c", n);
        for (var i = 0; i < n; i++)
        {
            b.Gate("h", i);
            for (var j = i + 1; j < n; j++) b.Gate("cp", [(ParameterExpression)(Math.PI / (1 << (j - i)))], j, i);
        }
        for (var i = 0; i < n / 2; i++) b.Gate("swap", i, n - 1 - i);
        for (var i = 0; i < n; i++) b.Measure(i, i);
        return b.Build();
    }
}
