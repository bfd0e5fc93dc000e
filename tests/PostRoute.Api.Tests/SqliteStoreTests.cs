using Microsoft.Data.Sqlite;
using PostRoute.Api.Networks;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Tests;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "postroute-api-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualTime _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly SqlitePostRouteStore _store;

    public SqliteStoreTests() => _store = new SqlitePostRouteStore(Path.Combine(_folder, "sub", "test.db"), _time);

    private static NewNetwork Demo => NetworkCatalog.ToStored(NetworkJson.Read(PostRoute.Api.Hosting.OpenApiExamples.SmallNetwork));

    [Fact]
    public async Task Initialize_creates_the_folder_schema_and_seed_once_in_wal_mode()
    {
        Assert.Equal(0, await _store.InitializeAsync([Demo], default));
        Assert.True(File.Exists(_store.Path));
        await _store.DeleteNetworkAsync("demo", default);
        await _store.InitializeAsync([Demo], default); // not a new database: no seeding
        Assert.Empty(await _store.ListNetworksAsync(default));
        Assert.True(await _store.IsReachableAsync(default));

        await using var connection = new SqliteConnection($"Data Source={_store.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Versions_are_kept_and_a_stale_expected_version_stores_nothing()
    {
        await _store.InitializeAsync([], default);
        var network = NetworkJson.Read(PostRoute.Api.Hosting.OpenApiExamples.SmallNetwork); // version 2
        string id = await _store.AddNetworkAsync("demo", NetworkCatalog.ToStored(network), default);
        _time.Advance(TimeSpan.FromMinutes(5));
        var next = network.WithLinksReopened("TA-AM");
        Assert.True(await _store.AddNetworkVersionAsync(id, 2, NetworkCatalog.ToStored(next), default));
        Assert.False(await _store.AddNetworkVersionAsync(id, 2, NetworkCatalog.ToStored(next.WithLinksClosed("TA-AM")), default));
        Assert.False(await _store.AddNetworkVersionAsync("nope", 1, NetworkCatalog.ToStored(next), default));

        var versions = await _store.ListNetworkVersionsAsync(id, default);
        Assert.Equal([2L, 3L], versions!.Select(v => v.Version));
        Assert.Equal([1, 0], versions!.Select(v => v.Stats.ClosedLinkCount));
        var info = Assert.Single(await _store.ListNetworksAsync(default));
        Assert.Equal(3, info.CurrentVersion);
        Assert.Equal(_time.Start, info.CreatedAt);
        Assert.Equal(_time.Start.AddMinutes(5), info.UpdatedAt);
        Assert.Equal(["truck", "motorbike"], info.Stats.Profiles);

        var old = await _store.GetNetworkAsync(id, 2, default);
        Assert.Equal(3, old!.Network.CurrentVersion);
        Assert.Equal(2, old.Version.Version);
        Assert.True(NetworkJson.Read(old.Json).FindLink("TA-AM")!.Closed);
        Assert.Null(await _store.GetNetworkAsync(id, 7, default));
        Assert.Null(await _store.ListNetworkVersionsAsync("nope", default));
    }

    [Fact]
    public async Task Plans_move_queued_running_finished_only_forward()
    {
        await _store.InitializeAsync([], default);
        await _store.AddPlanAsync(Plan("p1"), default);
        Assert.True(await _store.StartPlanAsync("p1", _time.GetUtcNow(), default));
        Assert.False(await _store.StartPlanAsync("p1", _time.GetUtcNow(), default));
        await _store.SavePlanProgressAsync("p1", new PlanProgress(1.5, 42, 2, 0, 3), default);
        Assert.Equal(42, (await _store.GetPlanAsync("p1", default))!.Progress!.BestCost);

        var done = new PlanOutcome(PlanStatus.Done, _time.GetUtcNow()) { ResultJson = "{\"routes\":[]}", RoutesGeoJson = "{}" };
        Assert.True(await _store.FinishPlanAsync("p1", done, default));
        Assert.False(await _store.FinishPlanAsync("p1", new PlanOutcome(PlanStatus.Cancelled, _time.GetUtcNow()), default));
        await _store.SavePlanProgressAsync("p1", new PlanProgress(9, 1, 1, 0, 9), default); // ignored once finished

        var stored = await _store.GetPlanAsync("p1", default);
        Assert.Equal(PlanStatus.Done, stored!.Status);
        Assert.Equal("{\"routes\":[]}", stored.ResultJson);
        Assert.Equal(42, stored.Progress!.BestCost);
        Assert.Equal("{\"network\":\"phu-yen\"}", stored.RequestJson);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.FinishPlanAsync("p1", new PlanOutcome(PlanStatus.Running, _time.GetUtcNow()), default));
    }

    [Fact]
    public async Task Initialize_marks_unfinished_plans_failed_interrupted()
    {
        await _store.InitializeAsync([], default);
        await _store.AddPlanAsync(Plan("queued"), default);
        await _store.AddPlanAsync(Plan("running"), default);
        await _store.StartPlanAsync("running", _time.GetUtcNow(), default);
        await _store.AddPlanAsync(Plan("done"), default);
        await _store.FinishPlanAsync("done", new PlanOutcome(PlanStatus.Done, _time.GetUtcNow()), default);

        Assert.Equal(2, await _store.InitializeAsync([], default));
        foreach (string id in new[] { "queued", "running" })
        {
            var plan = await _store.GetPlanAsync(id, default);
            Assert.Equal(PlanStatus.Failed, plan!.Status);
            Assert.Equal("interrupted", plan.Error);
            Assert.NotNull(plan.FinishedAt);
        }

        Assert.Equal(PlanStatus.Done, (await _store.GetPlanAsync("done", default))!.Status);
    }

    [Fact]
    public async Task Plan_lists_are_newest_first_and_filter_by_status()
    {
        await _store.InitializeAsync([], default);
        foreach (string id in new[] { "a", "b", "c" })
        {
            await _store.AddPlanAsync(Plan(id) with { CreatedAt = _time.GetUtcNow() }, default);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await _store.FinishPlanAsync("b", new PlanOutcome(PlanStatus.Cancelled, _time.GetUtcNow()), default);
        Assert.Equal(["c", "b", "a"], (await _store.ListPlansAsync(null, 10, default)).Select(p => p.Id));
        Assert.Equal(["c", "b"], (await _store.ListPlansAsync(null, 2, default)).Select(p => p.Id));
        Assert.Equal(["b"], (await _store.ListPlansAsync(PlanStatus.Cancelled, 10, default)).Select(p => p.Id));
        Assert.All(await _store.ListPlansAsync(null, 10, default), p => Assert.Equal("", p.RequestJson));
        Assert.True(await _store.DeletePlanAsync("a", default));
        Assert.False(await _store.DeletePlanAsync("a", default));
        Assert.Null(await _store.GetPlanAsync("a", default));
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private PlanRecord Plan(string id) =>
        new(id, "plan", PlanStatus.Queued, "ortools", 1, _time.GetUtcNow()) { RequestJson = "{\"network\":\"phu-yen\"}", NetworkId = "phu-yen", NetworkVersion = 1 };

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public DateTimeOffset Start { get; } = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
