using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Cli.Infrastructure;

namespace Qonduit.Cli.Qasm;

/// <summary>`qonduit qasm check FILE...` and `qonduit qasm format FILE [--to 2|3]`.</summary>
public static class QasmCommands
{
    public static Command Create()
    {
        var qasm = new Command("qasm", "parse, check and print OpenQASM 2.0 and 3 programs");
        qasm.Subcommands.Add(Check());
        qasm.Subcommands.Add(Format());
        return qasm;
    }

    private static Command Check()
    {
        var files = new Argument<string[]>("files") { Description = "OpenQASM files to check", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "parse each file; print ok or its errors with file:line:column; exit 1 if any file has an error");
        check.Arguments.Add(files);
        check.SetAction(parseResult =>
        {
            var failed = 0;
            foreach (var file in parseResult.GetValue(files) ?? [])
            {
                try
                {
                    var circuit = QasmParser.ParseFile(file);
                    Console.WriteLine($"ok     {file} ({circuit.NumQubits} qubits, {circuit.NumClbits} bits, {circuit.Instructions.Count} instructions)");
                }
                catch (QonduitException e)
                {
                    failed++;
                    Console.Error.WriteLine($"error  {(e is QasmException ? "" : file + ": ")}{e.Message} [{e.Code}]");
                }
            }
            return failed == 0 ? CliRunner.Success : CliRunner.UserError;
        });
        return check;
    }

    private static Command Format()
    {
        var file = new Argument<string>("file") { Description = "the OpenQASM file to print" };
        var to = new Option<int?>("--to") { Description = "dialect to print: 2 or 3 (default: the file's own)" };
        var dropPhase = new Option<bool>("--drop-global-phase") { Description = "OpenQASM 2 only: leave out a global phase it cannot express" };
        var format = new Command("format", "parse a file and print it in canonical form (stdout), optionally converting between OpenQASM 2 and 3");
        format.Arguments.Add(file);
        format.Options.Add(to);
        format.Options.Add(dropPhase);
        format.SetAction(parseResult =>
        {
            var path = parseResult.GetRequiredValue(file);
            var dialect = parseResult.GetValue(to) switch
            {
                null => QasmParser.DetectDialect(QasmParser.ReadFile(path, QasmLimits.Default)),
                2 => QasmDialect.OpenQasm2,
                3 => QasmDialect.OpenQasm3,
                var other => throw new QonduitException(ErrorCodes.Cli.InvalidArguments, $"--to must be 2 or 3, not {other}"),
            };
            var circuit = QasmParser.ParseFile(path);
            Console.Out.Write(QasmPrinter.Print(circuit, dialect, parseResult.GetValue(dropPhase)));
            return CliRunner.Success;
        });
        return format;
    }
}
