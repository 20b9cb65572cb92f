// Hangfire keeps its job storage in static state; hosts with different storages must not
// run side by side, so the integration tests run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
