using Qonduit.Devices.Snapshots;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>
/// Everything one run needs, materialised by the agent before anything is submitted: the task as claimed and the full
/// snapshot bound at claim time. The runner reads nothing else, so re-running a preserved directory reproduces the run.
/// </summary>
public sealed record RunPayload
{
    public required string TaskId { get; init; }

    public int Attempt { get; init; } = 1;

    /// <summary>`openqasm2` or `openqasm3`.</summary>
    public required string Dialect { get; init; }

    public required string Circuit { get; init; }

    public required int Shots { get; init; }

    /// <summary>Always fixed in the payload (the agent derives one when the task has none) so a re-run draws the same samples.</summary>
    public required ulong Seed { get; init; }

    public RunOptions Options { get; init; } = new();

    /// <summary>The bound snapshot: its <see cref="DeviceSnapshot.Device"/> and <see cref="DeviceSnapshot.Version"/> name it.</summary>
    public required DeviceSnapshot Snapshot { get; init; }

    /// <summary>
    /// A command task's step (docs/architecture.md "Command tasks"): the runner runs it instead of a circuit. Absent from
    /// circuit payloads, and from every payload written before it existed, which therefore read as they did.
    /// </summary>
    public CommandRun? Command { get; init; }
}

/// <summary>
/// What a command task runs: the operator's <see cref="Argv"/> (resolved by the agent from agent.json, never chosen by
/// the user; empty when the agent declares no command of that <see cref="Name"/>) followed by the user's
/// <see cref="Args"/>, with <see cref="Stdin"/> as standard input, killed after <see cref="TimeoutSeconds"/>.
/// </summary>
public sealed record CommandRun
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Argv { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public string? Stdin { get; init; }

    public required int TimeoutSeconds { get; init; }
}

/// <summary>How to run: a task submitted logical (the default) is transpiled here; one admitted as native runs as given.</summary>
public sealed record RunOptions
{
    /// <summary>
    /// Map the circuit onto the payload's snapshot (basis, layout, routing) before simulating. That snapshot is the one
    /// bound at claim time, so a recalibration between submit and claim changes the layout.
    /// </summary>
    public bool Transpile { get; init; }

    /// <summary>Apply the noise model derived from the snapshot; false gives the ideal distribution on the same device.</summary>
    public bool Noise { get; init; } = true;

    /// <summary>
    /// At most this many error patterns for a noisy run, the shots spread over them (<see cref="Simulation.SimulationOptions.Trajectories"/>);
    /// null draws one per shot. Absent from payloads written before it existed, which therefore run exact as they did.
    /// </summary>
    public int? Trajectories { get; init; }
}

public static class Dialects
{
    public const string OpenQasm2 = "openqasm2";
    public const string OpenQasm3 = "openqasm3";

    public static bool IsKnown(string dialect) => dialect is OpenQasm2 or OpenQasm3;
}
