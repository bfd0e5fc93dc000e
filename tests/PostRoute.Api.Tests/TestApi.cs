using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace PostRoute.Api.Tests;

/// <summary>
/// A host over its own temporary SQLite file. <see cref="Restart"/> starts a second host on the same file (the
/// first is stopped), as a process restart would. Settings use configuration keys, e.g. <c>PostRoute:Solving:Workers</c>.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private WebApplicationFactory<Program>? _factory;

    public TestApi(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "postroute-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "postroute.db");
        _settings = new Dictionary<string, string?>(settings ?? [], StringComparer.Ordinal)
        {
            ["PostRoute:Storage:Path"] = DatabasePath,
        };
        _services = services;
        _factory = Create();
        Client = _factory.CreateClient();
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public HttpClient Client { get; private set; }

    public IServiceProvider Services => _factory!.Services;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Stops the host and starts a new one on the same database file; returns its client.</summary>
    public async Task<HttpClient> Restart(Action<IServiceCollection>? services = null)
    {
        Client.Dispose();
        await _factory!.DisposeAsync();
        _factory = Create(services);
        Client = _factory.CreateClient();
        return Client;
    }

    public HttpClient CreateClient(WebApplicationFactoryClientOptions? options = null) =>
        options is null ? _factory!.CreateClient() : _factory!.CreateClient(options);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform; the temp folder is cleaned by the OS eventually.
        }
    }

    public static async Task<JsonDocument> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    public static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonContent JsonBody<T>(T value) => JsonContent.Create(value, options: Json);

    private WebApplicationFactory<Program> Create(Action<IServiceCollection>? extraServices = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                _services?.Invoke(services);
                extraServices?.Invoke(services);
            });
        });
}
