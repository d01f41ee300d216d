using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/Qonduit.Benchmarks -- --filter '*'`; whole-run figures: `qonduit bench sim`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
