// Each collection starts a whole system (PostgreSQL, RabbitMQ, Azurite, the services); two at once on a 2-core CI box
// starve each other past their start timeouts, so the collections run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
