using Mlops.EventContracts;

namespace Mlops.Messaging;

/// <summary>
/// Puts events into the outbox of the service's DbContext: they are written by the same SaveChanges (and the same
/// transaction) as the state change they describe, and published later by the relay.
/// </summary>
public interface IOutbox
{
    void Enqueue(IIntegrationEvent integrationEvent);
}
