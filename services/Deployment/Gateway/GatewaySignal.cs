using Mlops.Messaging;

namespace Mlops.Deployment.Gateway;

/// <summary>Wakes the reconciler at once after this instance changed deployments or traffic.</summary>
public sealed class GatewaySignal : WakeSignal;
