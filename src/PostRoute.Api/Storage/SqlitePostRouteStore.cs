using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PostRoute.Api.Storage;

/// <summary>
/// <see cref="IPostRouteStore"/> in one SQLite file, in WAL mode (readers never wait for the writer). Every method
/// opens a pooled connection; every write runs in one transaction, so a crash never leaves half a change.
/// Thread-safe. One host process should write a given file (several may read it).
/// </summary>
public sealed class SqlitePostRouteStore : IPostRouteStore, IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (and on <see cref="InitializeAsync"/> creates) the database file at <paramref name="path"/>.</summary>
    public SqlitePostRouteStore(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30, // seconds to wait for a busy database before failing
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<int> InitializeAsync(IReadOnlyList<NewNetwork> seedNetworks, CancellationToken cancellationToken)
    {
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken);
        // WAL is a property of the file: set once, it stays.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        bool fresh = await ScalarAsync(connection, tx,
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta';", cancellationToken) is 0L;
        await ExecuteAsync(connection, tx, """
            CREATE TABLE IF NOT EXISTS meta (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS networks (
                id              TEXT PRIMARY KEY,
                current_version INTEGER NOT NULL,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS network_versions (
                network_id        TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
                version           INTEGER NOT NULL,
                name              TEXT NOT NULL,
                node_count        INTEGER NOT NULL,
                link_count        INTEGER NOT NULL,
                commune_count     INTEGER NOT NULL,
                closed_link_count INTEGER NOT NULL,
                profiles          TEXT NOT NULL,
                json              TEXT NOT NULL,
                created_at        TEXT NOT NULL,
                PRIMARY KEY (network_id, version));
            CREATE TABLE IF NOT EXISTS plans (
                id                 TEXT PRIMARY KEY,
                kind               TEXT NOT NULL,
                status             TEXT NOT NULL,
                solver             TEXT NOT NULL,
                name               TEXT NULL,
                network_id         TEXT NULL,
                network_version    INTEGER NULL,
                time_limit_seconds REAL NOT NULL,
                request_json       TEXT NOT NULL,
                created_at         TEXT NOT NULL,
                started_at         TEXT NULL,
                finished_at        TEXT NULL,
                progress_json      TEXT NULL,
                error              TEXT NULL,
                result_json        TEXT NULL,
                routes_geojson     TEXT NULL,
                details_json       TEXT NULL);
            CREATE INDEX IF NOT EXISTS plans_by_status ON plans (status, created_at);
            CREATE INDEX IF NOT EXISTS plans_by_created ON plans (created_at);
            """, cancellationToken);

        // Files made before details_json existed get the column (NULL for their plans).
        if (await ScalarAsync(connection, tx,
                "SELECT count(*) FROM pragma_table_info('plans') WHERE name = 'details_json';", cancellationToken) is 0L)
        {
            await ExecuteAsync(connection, tx, "ALTER TABLE plans ADD COLUMN details_json TEXT NULL;", cancellationToken);
        }

        if (fresh)
        {
            await ExecuteAsync(connection, tx, "INSERT INTO meta (key, value) VALUES ('schema_version', @v);", cancellationToken,
                ("@v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
            foreach (var network in seedNetworks)
            {
                await InsertNetworkAsync(connection, tx, network.Stats.Name, network, cancellationToken);
            }
        }

        string now = Now();
        int interrupted = await ExecuteAsync(connection, tx, """
            UPDATE plans SET status = 'failed', error = 'interrupted', finished_at = @now
            WHERE status IN ('queued', 'running');
            """, cancellationToken, ("@now", now));
        await tx.CommitAsync(cancellationToken);
        return interrupted;
    }

    /// <inheritdoc />
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await ScalarAsync(connection, null, "SELECT count(*) FROM meta;", cancellationToken) is long;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {NetworkColumns} FROM networks n
            JOIN network_versions c ON c.network_id = n.id AND c.version = n.current_version
            ORDER BY n.id;
            """);
        var list = new List<NetworkInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadNetworkInfo(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NetworkVersionInfo>?> ListNetworkVersionsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (await ScalarAsync(connection, null, "SELECT count(*) FROM networks WHERE id = @id;", cancellationToken, ("@id", id)) is 0L)
        {
            return null;
        }

        await using var command = Command(connection, null, $"""
            SELECT {VersionColumns} FROM network_versions v WHERE v.network_id = @id ORDER BY v.version;
            """, ("@id", id));
        var list = new List<NetworkVersionInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadVersionInfo(reader, 0));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<StoredNetworkVersion?> GetNetworkAsync(string id, long? version, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {NetworkColumns}, {VersionColumns}, v.json FROM networks n
            JOIN network_versions c ON c.network_id = n.id AND c.version = n.current_version
            JOIN network_versions v ON v.network_id = n.id AND v.version = coalesce(@version, n.current_version)
            WHERE n.id = @id;
            """, ("@id", id), ("@version", version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var info = ReadNetworkInfo(reader);
        var versionInfo = ReadVersionInfo(reader, NetworkColumnCount);
        return new StoredNetworkVersion(info, versionInfo, reader.GetString(NetworkColumnCount + VersionColumnCount));
    }

    /// <inheritdoc />
    public async Task<string> AddNetworkAsync(string preferredId, NewNetwork network, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        string id = await InsertNetworkAsync(connection, tx, preferredId, network, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    /// <inheritdoc />
    public async Task<bool> AddNetworkVersionAsync(string id, long expectedCurrentVersion, NewNetwork next, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        string now = Now();
        int updated = await ExecuteAsync(connection, tx, """
            UPDATE networks SET current_version = @next, updated_at = @now WHERE id = @id AND current_version = @expected;
            """, cancellationToken, ("@id", id), ("@next", next.Version), ("@now", now), ("@expected", expectedCurrentVersion));
        if (updated != 1)
        {
            return false; // rolled back on dispose
        }

        await InsertVersionAsync(connection, tx, id, next, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteNetworkAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, tx, "DELETE FROM network_versions WHERE network_id = @id;", cancellationToken, ("@id", id));
        int deleted = await ExecuteAsync(connection, tx, "DELETE FROM networks WHERE id = @id;", cancellationToken, ("@id", id));
        await tx.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    /// <inheritdoc />
    public async Task AddPlanAsync(PlanRecord plan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, tx, """
            INSERT INTO plans (id, kind, status, solver, name, network_id, network_version, time_limit_seconds, request_json,
                               created_at, started_at, finished_at, progress_json, error, result_json, routes_geojson, details_json)
            VALUES (@id, @kind, @status, @solver, @name, @network_id, @network_version, @time_limit, @request,
                    @created, @started, @finished, @progress, @error, @result, @geojson, @details);
            """, cancellationToken,
            ("@id", plan.Id), ("@kind", plan.Kind), ("@status", StatusText(plan.Status)), ("@solver", plan.Solver),
            ("@name", plan.Name), ("@network_id", plan.NetworkId), ("@network_version", plan.NetworkVersion),
            ("@time_limit", plan.TimeLimitSeconds), ("@request", plan.RequestJson), ("@created", Text(plan.CreatedAt)),
            ("@started", Text(plan.StartedAt)), ("@finished", Text(plan.FinishedAt)), ("@progress", ProgressText(plan.Progress)),
            ("@error", plan.Error), ("@result", plan.ResultJson), ("@geojson", plan.RoutesGeoJson), ("@details", plan.DetailsJson));
        await tx.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PlanRecord?> GetPlanAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {PlanColumns}, request_json, result_json, routes_geojson, details_json FROM plans WHERE id = @id;", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ReadPlan(reader) with
        {
            RequestJson = reader.GetString(PlanColumnCount),
            ResultJson = NullableString(reader, PlanColumnCount + 1),
            RoutesGeoJson = NullableString(reader, PlanColumnCount + 2),
            DetailsJson = NullableString(reader, PlanColumnCount + 3),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PlanRecord>> ListPlansAsync(PlanStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {PlanColumns} FROM plans WHERE @status IS NULL OR status = @status
            ORDER BY created_at DESC, id LIMIT @limit;
            """, ("@status", status is { } s ? StatusText(s) : null), ("@limit", limit));
        var list = new List<PlanRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadPlan(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<bool> DeletePlanAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int deleted = await ExecuteAsync(connection, tx, "DELETE FROM plans WHERE id = @id;", cancellationToken, ("@id", id));
        await tx.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    /// <inheritdoc />
    public async Task<bool> StartPlanAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int updated = await ExecuteAsync(connection, tx,
            "UPDATE plans SET status = 'running', started_at = @started WHERE id = @id AND status = 'queued';",
            cancellationToken, ("@id", id), ("@started", Text(startedAt)));
        await tx.CommitAsync(cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task SavePlanProgressAsync(string id, PlanProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, tx,
            "UPDATE plans SET progress_json = @progress WHERE id = @id AND status = 'running';",
            cancellationToken, ("@id", id), ("@progress", ProgressText(progress)));
        await tx.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> FinishPlanAsync(string id, PlanOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status is PlanStatus.Queued or PlanStatus.Running)
        {
            throw new ArgumentException("A plan finishes as done, failed or cancelled.", nameof(outcome));
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int updated = await ExecuteAsync(connection, tx, """
            UPDATE plans SET status = @status, finished_at = @finished, progress_json = coalesce(@progress, progress_json),
                             error = @error, result_json = @result, routes_geojson = @geojson, details_json = @details
            WHERE id = @id AND status IN ('queued', 'running');
            """, cancellationToken,
            ("@id", id), ("@status", StatusText(outcome.Status)), ("@finished", Text(outcome.FinishedAt)),
            ("@progress", ProgressText(outcome.Progress)), ("@error", outcome.Error), ("@result", outcome.ResultJson),
            ("@geojson", outcome.RoutesGeoJson), ("@details", outcome.DetailsJson));
        await tx.CommitAsync(cancellationToken);
        return updated == 1;
    }

    /// <summary>Closes the pooled connections to the file, so that it can be deleted or moved.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    // ---- helpers ----

    private const string NetworkColumns =
        "n.id, n.current_version, n.created_at, n.updated_at, c.name, c.node_count, c.link_count, c.commune_count, c.closed_link_count, c.profiles";

    private const int NetworkColumnCount = 10;

    private const string VersionColumns =
        "v.version, v.created_at, v.name, v.node_count, v.link_count, v.commune_count, v.closed_link_count, v.profiles";

    private const int VersionColumnCount = 8;

    private const string PlanColumns =
        "id, kind, status, solver, name, network_id, network_version, time_limit_seconds, created_at, started_at, finished_at, progress_json, error";

    private const int PlanColumnCount = 13;

    private static readonly JsonSerializerOptions ProgressJsonOptions = new(JsonSerializerDefaults.Web);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON;", cancellationToken);
        return connection;
    }

    private async Task<string> InsertNetworkAsync(SqliteConnection connection, SqliteTransaction tx, string preferredId,
        NewNetwork network, CancellationToken cancellationToken)
    {
        string id = preferredId;
        for (int n = 2; await ScalarAsync(connection, tx, "SELECT count(*) FROM networks WHERE id = @id;", cancellationToken, ("@id", id)) is not 0L; n++)
        {
            id = $"{preferredId}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        string now = Now();
        await ExecuteAsync(connection, tx,
            "INSERT INTO networks (id, current_version, created_at, updated_at) VALUES (@id, @version, @now, @now);",
            cancellationToken, ("@id", id), ("@version", network.Version), ("@now", now));
        await InsertVersionAsync(connection, tx, id, network, now, cancellationToken);
        return id;
    }

    private static Task<int> InsertVersionAsync(SqliteConnection connection, SqliteTransaction tx, string id, NewNetwork network,
        string now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, tx, """
            INSERT INTO network_versions (network_id, version, name, node_count, link_count, commune_count, closed_link_count,
                                          profiles, json, created_at)
            VALUES (@id, @version, @name, @nodes, @links, @communes, @closed, @profiles, @json, @now);
            """, cancellationToken,
            ("@id", id), ("@version", network.Version), ("@name", network.Stats.Name), ("@nodes", network.Stats.NodeCount),
            ("@links", network.Stats.LinkCount), ("@communes", network.Stats.CommuneCount),
            ("@closed", network.Stats.ClosedLinkCount), ("@profiles", JsonSerializer.Serialize(network.Stats.Profiles)),
            ("@json", network.Json), ("@now", now));

    private static NetworkInfo ReadNetworkInfo(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), ReadStats(r, 4), Date(r.GetString(2)), Date(r.GetString(3)));

    private static NetworkVersionInfo ReadVersionInfo(SqliteDataReader r, int at) =>
        new(r.GetInt64(at), ReadStats(r, at + 2), Date(r.GetString(at + 1)));

    // Columns: name, node_count, link_count, commune_count, closed_link_count, profiles.
    private static NetworkStats ReadStats(SqliteDataReader r, int at) =>
        new(r.GetString(at), r.GetInt32(at + 1), r.GetInt32(at + 2), r.GetInt32(at + 3), r.GetInt32(at + 4),
            JsonSerializer.Deserialize<string[]>(r.GetString(at + 5)) ?? []);

    private static PlanRecord ReadPlan(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), ParseStatus(r.GetString(2)), r.GetString(3), r.GetDouble(7), Date(r.GetString(8)))
        {
            Name = NullableString(r, 4),
            NetworkId = NullableString(r, 5),
            NetworkVersion = r.IsDBNull(6) ? null : r.GetInt64(6),
            StartedAt = NullableString(r, 9) is { } started ? Date(started) : null,
            FinishedAt = NullableString(r, 10) is { } finished ? Date(finished) : null,
            Progress = NullableString(r, 11) is { } progress ? JsonSerializer.Deserialize<PlanProgress>(progress, ProgressJsonOptions) : null,
            Error = NullableString(r, 12),
        };

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static string? ProgressText(PlanProgress? progress) =>
        progress is null ? null : JsonSerializer.Serialize(progress, ProgressJsonOptions);

    internal static string StatusText(PlanStatus status) => status switch
    {
        PlanStatus.Queued => "queued",
        PlanStatus.Running => "running",
        PlanStatus.Done => "done",
        PlanStatus.Failed => "failed",
        PlanStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static PlanStatus ParseStatus(string text) => text switch
    {
        "queued" => PlanStatus.Queued,
        "running" => PlanStatus.Running,
        "done" => PlanStatus.Done,
        "failed" => PlanStatus.Failed,
        "cancelled" => PlanStatus.Cancelled,
        _ => throw new InvalidDataException($"Unknown plan status '{text}' in the database."),
    };

    private string Now() => Text(_time.GetUtcNow());

    // Round-trip format with a fixed-width fraction: sorts as text in time order.
    private static string Text(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Text(DateTimeOffset? time) => time is { } t ? Text(t) : null;

    private static DateTimeOffset Date(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? tx, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
