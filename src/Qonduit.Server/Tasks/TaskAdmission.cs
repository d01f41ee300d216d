using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Devices.Admission;
using Qonduit.Server.Auth;
using Qonduit.Server.Consumers;
using Qonduit.Server.Devices;
using Qonduit.Server.Metrics;
using Qonduit.Server.Placement;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Server.Tasks;

/// <summary>
/// Synchronous admission of a submission against the advertised snapshot (the cached current version, or the
/// pinned one): request shape, size limits, shots, qubits, then every admissibility violation at once. A circuit to be
/// transpiled is checked only for what no transpiler can fix (<see cref="Admissibility.CheckLogical"/>); one to run as
/// written gets the full native check. A refused submission stores nothing. The same check serves
/// `POST /v1/devices/{id}/viability`.
/// A task with a requirement is also checked by <see cref="RequirementAdmission"/>: its circuit need only be admissible
/// on some resource the requirement may choose.
/// </summary>
public sealed class TaskAdmission(DeviceRegistry devices, RequirementAdmission requirements, ConsumerPolicy consumers, TimeProvider time, IOptions<ServerOptions> options,
    ServerMetrics metrics)
{
    private readonly QasmIncludePolicy _includes = options.Value.IncludeDirectory is { } directory
        ? QasmIncludePolicy.UnderDirectory(directory)
        : QasmIncludePolicy.StandardOnly;

    public TaskRecord Admit(SubmitTaskRequest request, Caller caller)
    {
        var started = Stopwatch.GetTimestamp();
        var accepted = false;
        try
        {
            if (request.Command is not null)
            {
                var task = AdmitCommand(request, caller);
                accepted = true;
                return task;
            }
            var shots = request.Shots ?? 1024;
            var transpile = request.Transpile ?? true;
            var (requirement, noise) = RequirementOf(request);
            var deviceless = requirement is not null && string.IsNullOrWhiteSpace(request.Device);
            // Without a device there is nothing to transpile onto: the circuit runs as written.
            if (deviceless) transpile = false;
            var (device, version, circuit, dialect, readIncludeFiles) = deviceless
                ? CheckDeviceless(requirement!, request, shots)
                : Admitted(request, requirement, shots, transpile);
            var now = time.GetUtcNow();
            var tags = request.Tags ?? [];
            if (tags.Count > 32 || tags.Any(t => string.IsNullOrEmpty(t) || t.Length > 100))
                throw new RefusedException(ErrorCodes.Task.InvalidTags, "at most 32 tags of 1 to 100 characters");
            accepted = true;
            return new TaskRecord
            {
                Id = Guid.CreateVersion7(now),
                Tenant = caller.User,
                Consumer = consumers.ConsumerOf(caller.User),
                Device = device,
                Dialect = dialect,
                Circuit = readIncludeFiles || request.Parameters is { Count: > 0 } ? SelfContained(circuit, dialect) : request.Circuit!,
                Shots = shots,
                Seed = request.Seed,
                RequestedSnapshotVersion = request.SnapshotVersion,
                AdmittedSnapshotVersion = version,
                Priority = request.Priority ?? 0,
                Tags = [.. tags],
                NumQubits = circuit.NumQubits,
                InstructionCount = circuit.Instructions.Count,
                Transpile = transpile,
                Trajectories = request.Trajectories,
                Requirement = requirement?.Text,
                SubmittedDevice = requirement is null ? null : device,
                Noise = noise,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }
        finally
        {
            metrics.Admitted(started, accepted);
        }
    }

    /// <summary>
    /// A command task (<see cref="CommandTasks"/>): no field of a circuit, a command within its bounds, and a requirement
    /// that may select pools only. Whether some pool offers the command is not asked: pools come and go with their
    /// agents, so the task waits (`pending.no-command`) rather than be refused.
    /// </summary>
    private TaskRecord AdmitCommand(SubmitTaskRequest request, Caller caller)
    {
        CommandTasks.CheckShape(request);
        if (string.IsNullOrWhiteSpace(request.Requirement))
            throw Refuse(ErrorCodes.Command.PoolRequired, "a command task needs a 'requirement' selecting the pools it may run on, e.g. select[kind=='cpu']");
        var requirement = requirements.Parse(request.Requirement);
        requirements.CheckPoolsOnly(requirement);
        var tags = request.Tags ?? [];
        if (tags.Count > 32 || tags.Any(t => string.IsNullOrEmpty(t) || t.Length > 100))
            throw new RefusedException(ErrorCodes.Task.InvalidTags, "at most 32 tags of 1 to 100 characters");
        var now = time.GetUtcNow();
        var command = request.Command!;
        return new TaskRecord
        {
            Id = Guid.CreateVersion7(now),
            Tenant = caller.User,
            Consumer = consumers.ConsumerOf(caller.User),
            Device = CommandTasks.Device,
            Dialect = CommandTasks.Dialect,
            Circuit = "",
            Shots = 0,
            AdmittedSnapshotVersion = CommandTasks.Version,
            Priority = request.Priority ?? 0,
            Tags = [.. tags],
            Requirement = requirement.Text,
            SubmittedDevice = CommandTasks.Device,
            // Kept as given but for absent lists, so the stored step reads the same through either store.
            Command = command with { Args = command.Args ?? [] },
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Every check of <see cref="Admit"/> but the verdict: limits throw; admissibility comes back as a report.
    /// <c>ReadIncludeFiles</c>: the circuit included files from the operator's include directory. The circuit comes back
    /// with <paramref name="parameters"/> bound (<see cref="TaskParameters"/>).
    /// </summary>
    public (LoadedDevice Device, Circuit Circuit, string Dialect, AdmissibilityReport Report, bool ReadIncludeFiles) Check(
        string? deviceName, string? source, string? dialect, int shots, int? snapshotVersion, bool transpile, int? trajectories,
        IReadOnlyDictionary<string, double>? parameters = null)
    {
        var limits = options.Value;
        if (string.IsNullOrWhiteSpace(deviceName)) throw Refuse(ErrorCodes.Task.MissingDevice, "'device' is required");
        var resolvedDialect = CheckRequest(source, dialect, shots, trajectories, limits);
        var device = (snapshotVersion is { } v ? devices.Version(deviceName, v) : devices.Current(deviceName))
            ?? throw (snapshotVersion is null ? devices.Unknown(deviceName)
                : new RefusedException(ErrorCodes.Device.VersionNotFound, $"device '{deviceName}' has no version {snapshotVersion}"));
        var snapshot = device.Snapshot;
        if (shots > snapshot.MaxShots)
            throw Refuse(ErrorCodes.Admission.TooManyShots, $"{shots} shots exceed {snapshot.Device}'s maximum of {snapshot.MaxShots}",
                new Dictionary<string, object?> { ["maxShots"] = snapshot.MaxShots });
        var (circuit, readIncludeFiles) = ParseBound(source!, parameters, limits);
        if (circuit.NumQubits > limits.MaxQubits || circuit.NumQubits > snapshot.NumQubits)
            throw Refuse(ErrorCodes.Admission.TooManyQubits,
                $"the circuit uses {circuit.NumQubits} qubits; {snapshot.Device} has {snapshot.NumQubits} (server limit {limits.MaxQubits})");
        return (device, circuit, resolvedDialect, transpile ? Admissibility.CheckLogical(circuit, snapshot) : Admissibility.Check(circuit, snapshot), readIncludeFiles);
    }

    /// <summary>A task with a device: admitted against its snapshot, or with a requirement on some resource it may choose.</summary>
    private (string Device, int Version, Circuit Circuit, string Dialect, bool ReadIncludeFiles) Admitted(
        SubmitTaskRequest request, Requirement? requirement, int shots, bool transpile)
    {
        var (device, circuit, dialect, report, readIncludeFiles) = Check(
            request.Device, request.Circuit, request.Dialect, shots, request.SnapshotVersion, transpile, request.Trajectories, request.Parameters);
        if (requirement is not null) requirements.Check(requirement, circuit, transpile, report);
        else if (!report.IsAdmissible) throw Inadmissible(device, report, transpile);
        return (device.Stored.Device, device.Stored.Version, circuit, dialect, readIncludeFiles);
    }

    /// <summary>
    /// A requirement without a device (<see cref="IdealSimulation"/>): the limits of the server and of the state-vector
    /// engine, every gate defined, and a requirement that can never select anything but a simulator pool.
    /// </summary>
    private (string Device, int Version, Circuit Circuit, string Dialect, bool ReadIncludeFiles) CheckDeviceless(
        Requirement requirement, SubmitTaskRequest request, int shots)
    {
        var limits = options.Value;
        if (request.SnapshotVersion is { } pinned)
            throw Refuse(ErrorCodes.Placement.DeviceRequired, $"'snapshotVersion' {pinned} pins a version of 'device', and none is given");
        requirements.CheckSimulatorOnly(requirement);
        var dialect = CheckRequest(request.Circuit, request.Dialect, shots, request.Trajectories, limits);
        if (shots > IdealSimulation.MaxShots)
            throw Refuse(ErrorCodes.Admission.TooManyShots, $"{shots} shots exceed an ideal simulation's maximum of {IdealSimulation.MaxShots}",
                new Dictionary<string, object?> { ["maxShots"] = IdealSimulation.MaxShots });
        var (circuit, readIncludeFiles) = ParseBound(request.Circuit!, request.Parameters, limits);
        var maxQubits = Math.Min(limits.MaxQubits, IdealSimulation.MaxQubits);
        if (circuit.NumQubits > maxQubits)
            throw Refuse(ErrorCodes.Admission.TooManyQubits,
                $"the circuit uses {circuit.NumQubits} qubits; an ideal simulation holds at most {IdealSimulation.MaxQubits} (server limit {limits.MaxQubits})");
        requirements.Check(requirement, circuit, transpile: false, Admissibility.CheckDefined(circuit, IdealSimulation.Device));
        return (IdealSimulation.Device, IdealSimulation.Version, circuit, dialect, readIncludeFiles);
    }

    /// <summary>What is checked before any device or parse: circuit present and within bytes, shots, trajectories, dialect.</summary>
    private static string CheckRequest(string? source, string? dialect, int shots, int? trajectories, ServerOptions limits)
    {
        if (string.IsNullOrWhiteSpace(source)) throw Refuse(ErrorCodes.Task.MissingCircuit, "'circuit' (OpenQASM source) is required");
        var bytes = Encoding.UTF8.GetByteCount(source);
        if (bytes > limits.MaxCircuitBytes)
            throw Refuse(ErrorCodes.Limits.CircuitTooLarge, $"the circuit is {bytes} bytes; the limit is {limits.MaxCircuitBytes}");
        if (shots < 1) throw Refuse(ErrorCodes.Task.InvalidShots, $"shots must be at least 1, not {shots}");
        // More trajectories than shots is allowed: it is the exact default, one error pattern per shot.
        if (trajectories < 1)
            throw Refuse(ErrorCodes.Task.InvalidTrajectories, $"trajectories must be at least 1 (or absent for one error pattern per shot), not {trajectories}");
        return ResolveDialect(source, dialect);
    }

    /// <summary>Parsed under the server's limits, then parameters bound: the bound circuit must keep to the instruction limit too.</summary>
    private (Circuit Circuit, bool ReadIncludeFiles) ParseBound(string source, IReadOnlyDictionary<string, double>? parameters, ServerOptions limits)
    {
        var (parsed, readIncludeFiles) = Parse(source, limits);
        var circuit = TaskParameters.Bind(parsed, parameters);
        if (circuit.Instructions.Count > limits.MaxInstructions)
            throw Refuse(ErrorCodes.Limits.TooManyInstructions, $"the circuit has {circuit.Instructions.Count} instructions; the limit is {limits.MaxInstructions}");
        return (circuit, readIncludeFiles);
    }

    /// <summary>
    /// The requirement parsed once (400 with its column) and its noise; both null for a task bound to its device. Without
    /// a device the noise is ideal: there is no device whose noise to simulate.
    /// </summary>
    private (Requirement? Requirement, string? Noise) RequirementOf(SubmitTaskRequest request)
    {
        if (request.Requirement is null)
        {
            if (request.Noise is not null) throw Refuse(ErrorCodes.Placement.InvalidNoise, "'noise' applies only to a task with a 'requirement'");
            return (null, null);
        }
        var deviceless = string.IsNullOrWhiteSpace(request.Device);
        var noise = request.Noise ?? (deviceless ? "ideal" : "device");
        if (noise is not ("device" or "ideal")) throw Refuse(ErrorCodes.Placement.InvalidNoise, $"noise '{noise}' is not 'device' or 'ideal'");
        if (string.IsNullOrWhiteSpace(request.Requirement)) throw Refuse(ErrorCodes.Placement.MissingRequirement, "'requirement' is empty");
        var requirement = requirements.Parse(request.Requirement);
        if (deviceless && noise == "device")
            throw Refuse(ErrorCodes.Placement.DeviceRequired, "noise 'device' needs 'device': the device whose noise a simulator reproduces; without one the noise is 'ideal'");
        return (requirement, noise);
    }

    internal static RefusedException Refuse(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(new Refusal(code, message) { Origin = Origins.Admission, Details = details ?? ImmutableDictionary<string, object?>.Empty });

    private static RefusedException Inadmissible(LoadedDevice device, AdmissibilityReport report, bool transpile) =>
        Refuse(ErrorCodes.Admission.Inadmissible,
            $"the circuit cannot run on {device.Stored.Device} v{device.Stored.Version} {(transpile ? "even transpiled" : "as written")}: {report.Violations.Count} violation(s)",
            new Dictionary<string, object?>
            {
                ["device"] = device.Stored.Device,
                ["snapshotVersion"] = device.Stored.Version,
                ["violations"] = report.Violations.Select(TaskViews.From).ToList(),
            });

    /// <summary>
    /// Parses under the server's own limits and include policy, within <see cref="ServerOptions.AdmissionDeadline"/>:
    /// a hostile circuit is refused when its expansion would pass the limits (before it is built) or when the deadline
    /// passes, whichever comes first. The instruction and qubit limits are refused with the codes of the same checks on the
    /// parsed circuit.
    /// </summary>
    private (Circuit Circuit, bool ReadIncludeFiles) Parse(string source, ServerOptions limits)
    {
        var qasmLimits = new QasmLimits
        {
            MaxSourceLength = limits.MaxCircuitBytes,
            MaxIncludeBytes = limits.MaxCircuitBytes,
            MaxInstructions = limits.MaxInstructions,
            MaxQubits = limits.MaxQubits,
        };
        using var deadline = new CancellationTokenSource(limits.AdmissionDeadline, time);
        try
        {
            try
            {
                return (QasmParser.Parse(source, "<circuit>", qasmLimits, QasmIncludePolicy.StandardOnly, deadline.Token), false);
            }
            catch (QasmException e) when (e.Code == ErrorCodes.Qasm.IncludeForbidden && _includes.Directory is not null)
            {
                // Refused at the include itself, so little was spent; only circuits that include files parse twice.
                return (QasmParser.Parse(source, "<circuit>", qasmLimits, _includes, deadline.Token), true);
            }
        }
        catch (QasmException e)
        {
            var at = new Dictionary<string, object?> { ["line"] = e.Location.Line, ["column"] = e.Location.Column };
            throw e switch
            {
                QasmLimitException { Limit: nameof(QasmLimits.MaxInstructions) } => Refuse(ErrorCodes.Limits.TooManyInstructions, e.Message, at),
                QasmLimitException { Limit: nameof(QasmLimits.MaxQubits) } => Refuse(ErrorCodes.Admission.TooManyQubits, e.Message, at),
                QasmDeadlineException => Refuse(e.Code, $"the circuit was not parsed within {limits.AdmissionDeadline.TotalSeconds:0.###} s; {e.Reason}", at),
                _ => Refuse(e.Code, e.Message, at),
            };
        }
    }

    /// <summary>
    /// Agents read no files of the server's, and bind no parameters, so a circuit that included files from the include
    /// directory or had parameters bound is stored as its elaborated program printed back (the printer round-trips:
    /// parsing the text gives the same circuit).
    /// </summary>
    private static string SelfContained(Circuit circuit, string dialect)
    {
        try
        {
            return QasmPrinter.Print(circuit, dialect == "openqasm2" ? QasmDialect.OpenQasm2 : QasmDialect.OpenQasm3);
        }
        catch (QasmPrintException e)
        {
            throw Refuse(ErrorCodes.Admission.IncludeNotInlinable,
                $"the circuit is stored self-contained (includes inlined, parameters bound), but {e.Message}; write it in OpenQASM 3 or without the include");
        }
    }

    private static string ResolveDialect(string source, string? dialect)
    {
        var header = source.AsSpan().TrimStart();
        var declared = header.StartsWith("OPENQASM 2") ? "openqasm2" : header.StartsWith("OPENQASM 3") ? "openqasm3" : null;
        if (dialect is null) return declared ?? "openqasm3";
        if (dialect is not ("openqasm2" or "openqasm3"))
            throw Refuse(ErrorCodes.Task.InvalidDialect, $"dialect '{dialect}' is not openqasm2 or openqasm3");
        if (declared is not null && declared != dialect)
            throw Refuse(ErrorCodes.Task.DialectMismatch, $"dialect '{dialect}' contradicts the source header ({declared})");
        return dialect;
    }
}
