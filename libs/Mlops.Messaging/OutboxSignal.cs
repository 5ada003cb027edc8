namespace Mlops.Messaging;

/// <summary>Wakes the relay early after a commit, so events go out without waiting for the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
