using System.Text.Json;
using Qonduit.Server.Auth;
using Qonduit.Server.Events;
using Qonduit.Server.Problems;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>One agent protocol call: the agent id it names, its process incarnation (null from an agent that sends none) and the key it came with.</summary>
public sealed record AgentCall(string AgentId, string? Incarnation, string KeyId, string KeyName)
{
    public static AgentCall From(HttpContext context, string agentId, string? incarnation)
    {
        var caller = Caller.From(context.User);
        return new AgentCall(agentId, incarnation, caller.KeyId, caller.Name);
    }
}

/// <summary>
/// An agent id belongs to one key: the first key that claims, heartbeats or reports under it (or the one an admin binds
/// it to). Another key using the id is refused (`agent.id-bound-to-other-key`) and the attempt is kept as
/// `agent.impersonation` evidence, so one agent key cannot report results or keep a heartbeat alive for another agent.
/// </summary>
public static class AgentBinding
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The refusal (with its evidence) of <paramref name="call"/> when the id is bound to another key; null when the call may go on.</summary>
    public static TransitionOutcome.Refused? Refusal(AgentRecord? known, AgentCall call, string operation, Guid? taskId)
    {
        if (known?.KeyId is not { } bound || bound == call.KeyId) return null;
        var refusal = new Refusal(ErrorCodes.Agent.IdBoundToOtherKey,
            $"agent id '{call.AgentId}' is bound to another key; use an agent id of your own, or have an admin rebind it (qonduit keys bind-agent)") { Origin = Origins.Agent };
        var evidence = new NewEvent(EventTypes.AgentImpersonation, taskId, null, null, JsonSerializer.Serialize(new ImpersonationData(
            call.AgentId, operation, taskId, bound, call.KeyId, call.KeyName), Json));
        return new TransitionOutcome.Refused(refusal, evidence);
    }

    /// <summary>The record after an accepted call: seen now, bound to the caller's key when it was not bound yet.</summary>
    public static AgentRecord Touch(AgentRecord? known, AgentCall call, DateTimeOffset now) => known is null
        ? new AgentRecord(call.AgentId, call.KeyName, now, 0, [], KeyId: call.KeyId, Incarnation: call.Incarnation)
        : known with { LastHeartbeat = now, StaleReported = false, KeyId = known.KeyId ?? call.KeyId, KeyName = known.KeyId is null ? call.KeyName : known.KeyName };

    /// <summary>
    /// Whether a call's record of the agent must be written: something but the time it was seen changed, or that time moved
    /// on by a second or more. A busy agent calls hundreds of times a second; its liveness is judged over heartbeat
    /// intervals of seconds, so writing its row once a second loses nothing and spares every other call a write.
    /// </summary>
    public static bool WorthSaving(AgentRecord? known, AgentRecord seen) =>
        known is null
        || seen.LastHeartbeat - known.LastHeartbeat >= TimeSpan.FromSeconds(1)
        // ImmutableArray compares its arrays by reference: the devices are compared element by element.
        || known with { LastHeartbeat = seen.LastHeartbeat, Devices = seen.Devices } != seen
        || !known.Devices.AsSpan().SequenceEqual(seen.Devices.AsSpan());

    /// <summary>Binds <paramref name="agentId"/> to the active agent key <paramref name="keyNameOrId"/> (an admin's decision, recorded as `agent.rebound`).</summary>
    public static Task<AgentRecord> RebindAsync(IControlPlaneStore store, string keyNameOrId, string agentId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            var key = w.FindActiveKey(keyNameOrId)
                ?? throw new RefusedException(ErrorCodes.Auth.KeyNotFound, $"no active key named or with id '{keyNameOrId}'");
            if (key.Role != ApiKeyRole.Agent)
                throw new RefusedException(ErrorCodes.Auth.NotAnAgentKey, $"key '{key.Name}' is a {key.Role.Name()} key; only agent keys run agents", Origins.Admin);
            var agent = w.GetAgent(agentId)
                ?? throw new RefusedException(ErrorCodes.Agent.NotFound, $"no agent '{agentId}' has called the control plane yet; it is bound on its first call");
            var rebound = agent with { KeyId = key.Id, KeyName = key.Name };
            w.SaveAgent(rebound);
            w.Append(new NewEvent(EventTypes.AgentRebound, null, null, null, JsonSerializer.Serialize(
                new { agentId, previousKeyId = agent.KeyId, keyId = key.Id, keyName = key.Name }, Json)), now);
            return rebound;
        }, cancellationToken: cancellationToken).AsTask();
}

public sealed record ImpersonationData(string AgentId, string Operation, Guid? TaskId, string BoundKeyId, string CallerKeyId, string CallerKeyName);
