// The entry point the server's in-process tests start (WebApplicationFactory<Program>): the control plane alone on the
// in-memory store, with no agent, so nothing runs its tasks. It is not a deployable: `qonduit serve` is, composing
// ServerApp.Build(ServerAppOptions) on SQLite with its embedded agent (docs/architecture.md "Composition roots").
Qonduit.Server.ServerApp.Build(args).Run();
