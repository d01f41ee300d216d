using Qonduit.Circuits;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>A typed runner failure; its code lands in error.json and, through the agent, in REPORT-FAILED with origin `runner`.</summary>
public sealed class RunnerException(string code, string message, Exception? inner = null) : QonduitException(code, message, inner);

/// <summary>The runner's failure codes (stable: agents, the control plane and users match on them).</summary>
public static class RunnerCodes
{
    /// <summary>payload.json is missing, unreadable, of an unknown schema, or does not match its hash.</summary>
    public const string PayloadInvalid = "payload_invalid";

    /// <summary>The circuit does not parse, or cannot run on the bound device (too many qubits, opaque gates, ...).</summary>
    public const string CircuitInvalid = "circuit_invalid";

    /// <summary>The state vector would not fit in this machine's memory (or above the simulator's limit).</summary>
    public const string TooLargeForMemory = "too_large_for_memory";

    /// <summary>Anything else that went wrong while simulating.</summary>
    public const string SimulationError = "simulation_error";
}
