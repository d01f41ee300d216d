namespace Qonduit.Server.Agents;

/// <summary>Wakes long-polling claims when work arrives (submit, requeue).</summary>
public sealed class WorkSignal : WakeSignal;
