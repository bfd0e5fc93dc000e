using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PostRoute.Api.Tests;

/// <summary>
/// The planner's page in a real headless Chromium against the real host on Kestrel (127.0.0.1, a free port, a
/// temporary SQLite file). Chromium is the system's (<c>/usr/bin/chromium</c>, or <c>POSTROUTE_CHROMIUM</c>);
/// Playwright drives it through its bundled driver, and no browser is downloaded.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PlannerPageBrowserTests
{
    private const string ChromiumVariable = "POSTROUTE_CHROMIUM";
    private const string DefaultChromium = "/usr/bin/chromium";
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_page_shows_a_planned_mail_run_with_one_map_path_and_one_table_row_per_route()
    {
        string chromium = FindChromium();
        Assert.True(File.Exists(chromium),
            $"Chromium was not found at {chromium}. The browser test needs it: install it with " +
            "'sudo apt-get install -y --no-install-recommends chromium' (.ci/run does this), or set " +
            $"{ChromiumVariable} to a Chromium or Chrome executable.");

        await using var host = new KestrelHost();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Plan the day through the API, briefly.
        var submitted = await http.PostAsync("/plans/mail-run",
            TestApi.JsonBody("""{ "date": "2025-03-14", "seed": 2, "solver": "search", "timeLimitSeconds": 1.5 }"""));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string id;
        using (var body = await TestApi.ReadJson(submitted))
        {
            id = body.RootElement.GetProperty("id").GetString()!;
        }

        var plan = await PlanTestKit.PollUntil(http, id, "done", "failed", "cancelled");
        Assert.Equal("done", plan.GetProperty("status").GetString());
        string[] vehicles = [.. plan.GetProperty("result").GetProperty("routes").EnumerateArray()
            .Select(r => r.GetProperty("vehicle").GetString()!).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(vehicles);

        string profile = Path.Combine(Path.GetTempPath(), "postroute-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Timeout = (float)PageTimeout.TotalMilliseconds,
        });
        try
        {
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            page.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
            var scriptErrors = new List<string>();
            page.PageError += (_, error) => scriptErrors.Add(error);

            await page.GotoAsync($"{host.BaseAddress}?plan={id}");
            await page.WaitForSelectorAsync("#plan[data-plan-state='loaded']");

            string[] mapped = [.. (await page.EvalOnSelectorAllAsync<string[]>("#map svg path.route",
                "paths => paths.map(p => p.getAttribute('data-vehicle'))")).Order(StringComparer.Ordinal)];
            Assert.Equal(vehicles, mapped);
            string[] rows = [.. (await page.EvalOnSelectorAllAsync<string[]>("#routes tr.route-row",
                "rows => rows.map(r => r.dataset.vehicle)")).Order(StringComparer.Ordinal)];
            Assert.Equal(vehicles, rows);
            // The lists load beside the plan.
            await page.WaitForSelectorAsync($"#plan-rows tr[data-plan='{id}']");
            await page.WaitForSelectorAsync("#network-rows tr[data-network='phu-yen']");
            Assert.Equal("phu-yen", await page.InputValueAsync("#network-select"));
            Assert.True(await page.Locator("#message").IsHiddenAsync(), await page.Locator("#message").TextContentAsync());

            string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            string screenshot = Path.Combine(folder, "planner-mail-run.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 0);

            // The page's own form plans a day too, and shows it.
            await page.FillAsync("input[name='timeLimitSeconds']", "1");
            await page.FillAsync("input[name='seed']", "5");
            await page.ClickAsync("#mail-run-form button[type='submit']");
            await page.WaitForFunctionAsync($"() => new URLSearchParams(location.search).get('plan') && new URLSearchParams(location.search).get('plan') !== '{id}'");
            await page.WaitForSelectorAsync("#plan[data-plan-state='loaded']");
            string second = await page.EvaluateAsync<string>("() => new URLSearchParams(location.search).get('plan')");
            using var secondPlan = JsonDocument.Parse(await http.GetStringAsync($"/plans/{second}"));
            Assert.Equal("mail-run", secondPlan.RootElement.GetProperty("kind").GetString());
            int routes = secondPlan.RootElement.GetProperty("result").GetProperty("routes").GetArrayLength();
            Assert.Equal(routes, await page.Locator("#map svg path.route").CountAsync());
            Assert.Equal(routes, await page.Locator("#routes tr.route-row").CountAsync());

            Assert.True(await page.Locator("#message").IsHiddenAsync(), await page.Locator("#message").TextContentAsync());
            Assert.Empty(scriptErrors);
        }
        finally
        {
            await browser.CloseAsync();
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be letting go of a file; the temp folder is cleaned eventually.
            }
        }
    }

    /// <summary><c>POSTROUTE_CHROMIUM</c> when set; otherwise <c>/usr/bin/chromium</c>, or <c>chromium</c> / <c>chromium-browser</c> on PATH.</summary>
    private static string FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        if (File.Exists(DefaultChromium))
        {
            return DefaultChromium;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.SelectMany(folder => new[] { "chromium", "chromium-browser" }.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists) ?? DefaultChromium;
    }

    /// <summary>The host on Kestrel at 127.0.0.1 on a free port, over its own temporary SQLite file.</summary>
    private sealed class KestrelHost : IAsyncDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "postroute-api-tests", Guid.NewGuid().ToString("N"));
        private readonly WebApplicationFactory<Program> _factory;

        public KestrelHost()
        {
            Directory.CreateDirectory(_folder);
            _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
                builder.UseSetting("PostRoute:Storage:Path", Path.Combine(_folder, "postroute.db")));
            _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
            string address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.Single();
            BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        }

        public Uri BaseAddress { get; }

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open; the temp folder is cleaned by the OS eventually.
            }
        }
    }
}
