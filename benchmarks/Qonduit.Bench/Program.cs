using Qonduit.Bench;
using Qonduit.Cli.Infrastructure;

// `qonduit bench NAME ...` from a checkout, or `dotnet run -c Release --project benchmarks/Qonduit.Bench -- NAME ...`.
return CliRunner.Run(BenchCommands.Create(), args);
