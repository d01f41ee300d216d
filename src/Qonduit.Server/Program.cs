// Development and test entry point (in-memory store). The deployable is `qonduit serve`, which builds the same
// application with the SQLite store.
Qonduit.Server.ServerApp.Build(args).Run();
