namespace Qonduit.Server.Leases;

/// <summary>Wakes acquisitions waiting for a lane when one may have freed (release, expiry, more lanes).</summary>
public sealed class LaneSignal : WakeSignal;
