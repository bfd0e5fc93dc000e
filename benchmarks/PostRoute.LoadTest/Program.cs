// Closed-loop HTTP load client for a running PostRoute host on loopback: `concurrency` workers each send one request,
// wait for the answer, and send the next, until `duration` seconds or `requests` requests (whichever first), after
// `warmup` seconds not counted. Reports requests/s and latency percentiles; every answer must be 200.
// Usage: PostRoute.LoadTest <base-url> <scenario> [--concurrency N] [--duration S] [--requests N] [--warmup S]
// Scenarios: path (GET /networks/phu-yen/paths, rotating over fixed node pairs), matrix (POST a fixed 10 × 10 truck
// matrix: served from the matrix cache after the first), matrix-uncached (a new random 10 × 10 set for every request).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PostRoute.LoadTest <base-url> <path|matrix|matrix-uncached> [--concurrency N] [--duration S] [--requests N] [--warmup S]");
    return 2;
}

string baseUrl = args[0].TrimEnd('/');
string scenario = args[1];
int concurrency = Option("--concurrency", 16);
double duration = Option("--duration", 10.0);
long maxRequests = Option("--requests", 200_000L);
double warmup = Option("--warmup", 2.0);
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || !IPAddress.IsLoopback(IPAddress.Parse(baseUri.Host)))
{
    Console.Error.WriteLine("the load client only targets a loopback address (127.0.0.1 or ::1)");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = baseUri,
    Timeout = TimeSpan.FromSeconds(30),
};

// Node ids of the Phú Yên sample, read from the host.
using var network = JsonDocument.Parse(await http.GetStringAsync("/networks/phu-yen"));
string[] nodes = [.. network.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
var random = new Random(42);
string[] pathUrls = [.. Enumerable.Range(0, 1000).Select(_ =>
    $"/networks/phu-yen/paths?from={nodes[random.Next(nodes.Length)]}&to={nodes[random.Next(nodes.Length)]}&profile=motorbike")];
string fixedMatrix = MatrixBody(nodes.Take(10));

Func<long, HttpRequestMessage> next = scenario switch
{
    "path" => i => new HttpRequestMessage(HttpMethod.Get, pathUrls[i % pathUrls.Length]),
    "matrix" => _ => Post(fixedMatrix),
    // A new random set for every request index: the cache never holds it (85 nodes choose 10 is about 2.5e12 sets).
    "matrix-uncached" => i => Post(MatrixBody(Pick(nodes, new Random(unchecked((int)i + 42)), 10))),
    _ => throw new ArgumentException($"unknown scenario '{scenario}'"),
};

// Warm-up (JIT, connections, caches), not measured.
await Run(TimeSpan.FromSeconds(warmup), long.MaxValue, record: null);

var latencies = new double[Math.Min(maxRequests, 5_000_000)];
long recorded = 0;
var clock = Stopwatch.StartNew();
long failures = await Run(TimeSpan.FromSeconds(duration), latencies.LongLength, (i, ms) => latencies[i] = ms);
double seconds = clock.Elapsed.TotalSeconds;
recorded = Math.Min(Interlocked.Read(ref counter), latencies.LongLength);
var sorted = latencies.AsSpan(0, (int)recorded).ToArray();
Array.Sort(sorted);
double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{scenario}: {recorded} requests in {seconds:0.0} s = {recorded / seconds:0} req/s, concurrency {concurrency}; " +
    $"latency p50 {Percentile(0.50):0.00} ms, p90 {Percentile(0.90):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {sorted.LastOrDefault():0.00} ms; non-200: {failures}"));
return failures == 0 ? 0 : 1;

async Task<long> Run(TimeSpan limit, long count, Action<long, double>? record)
{
    counter = 0;
    long bad = 0;
    var stop = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (stop.Elapsed < limit)
        {
            long i = Interlocked.Increment(ref counter) - 1;
            if (i >= count)
            {
                break;
            }

            using var request = next(i);
            long started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref bad);
            }

            record?.Invoke(i, ms);
        }
    }).ToArray();
    await Task.WhenAll(workers);
    if (Interlocked.Read(ref counter) > count)
    {
        counter = count;
    }

    return bad;
}

static HttpRequestMessage Post(string json) =>
    new(HttpMethod.Post, "/networks/phu-yen/matrices") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

static IEnumerable<string> Pick(string[] ids, Random random, int count)
{
    var chosen = new HashSet<string>(StringComparer.Ordinal);
    while (chosen.Count < count)
    {
        chosen.Add(ids[random.Next(ids.Length)]);
    }

    return chosen;
}

static string MatrixBody(IEnumerable<string> ids) =>
    JsonSerializer.Serialize(new { sources = ids.ToArray(), profile = "truck" });

T Option<T>(string name, T fallback)
    where T : IParsable<T>
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? T.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

partial class Program
{
    private static long counter;
}
