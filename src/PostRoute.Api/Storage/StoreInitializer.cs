using PostRoute.Api.Networks;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Storage;

/// <summary>
/// Prepares the store before the host serves requests: creates the schema, puts the embedded Phú Yên network into a
/// new database, and marks plans a previous process left queued or running as failed ("interrupted").
/// </summary>
internal sealed class StoreInitializer(IPostRouteStore store, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        int interrupted = await store.InitializeAsync([NetworkCatalog.ToStored(PhuYen.Network)], cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} plan(s) left unfinished by a previous run were marked failed (interrupted).", interrupted);
        }

        if (store is SqlitePostRouteStore sqlite)
        {
            logger.LogInformation("Storage: SQLite database {Path}", sqlite.Path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
