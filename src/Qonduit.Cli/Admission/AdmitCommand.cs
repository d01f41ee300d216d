using System.CommandLine;
using Qonduit.Circuits.Qasm;
using Qonduit.Cli.Infrastructure;
using Qonduit.Devices;
using Qonduit.Devices.Admission;

namespace Qonduit.Cli.Admission;

/// <summary>`qonduit admit FILE --device D`: whether the circuit runs on the device as written; every violation, exit 1 if any.</summary>
public static class AdmitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "OpenQASM 2 or 3 circuit" };
        var device = new Option<string>("--device", "-d") { Description = "snapshot file or bundled device name", Required = true };
        var command = new Command("admit", "check a circuit against a device snapshot without transpiling it") { file, device };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var snapshot = DeviceSource.Load(parse.GetValue(device)!);
            var circuit = QasmParser.ParseFile(path);
            var report = Admissibility.Check(circuit, snapshot);
            if (report.IsAdmissible)
            {
                Console.WriteLine($"{path}: admissible on {snapshot.Device} ({circuit.Instructions.Count} instructions, {circuit.NumQubits} qubits)");
                return CliRunner.Success;
            }
            foreach (var v in report.Violations)
                Console.Error.WriteLine(ViolationLine.Of(v.Location?.File ?? path, v.Location?.Line, v.Location?.Column, v.Code, v.Message));
            Console.Error.WriteLine($"{path}: not admissible on {snapshot.Device}: {report.Violations.Count} violation(s)");
            return CliRunner.UserError;
        });
        return command;
    }
}
