// Smoke test of a running PostRoute host over HTTP: readiness, networks, a path, a matrix, a Phú Yên plan polled to
// done and checked, its GeoJSON, and the VROOM endpoint. Usage: ApiSmoke <base-url> [api-key]. Exit code 0 = passed.
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ApiSmoke <base-url> [api-key]");
    return 2;
}

var failures = new List<string>();
using var http = new HttpClient { BaseAddress = new Uri(args[0]), Timeout = TimeSpan.FromSeconds(60) };
if (args.Length > 1)
{
    http.DefaultRequestHeaders.Add("X-Api-Key", args[1]);
}

void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

async Task<JsonElement> Json(HttpResponseMessage response)
{
    string text = await response.Content.ReadAsStringAsync();
    return JsonDocument.Parse(text).RootElement.Clone();
}

StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

// 1. Readiness (the host may still be starting).
var clock = Stopwatch.StartNew();
bool ready = false;
while (clock.Elapsed < TimeSpan.FromSeconds(60) && !ready)
{
    try
    {
        ready = (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
    }
    catch (HttpRequestException)
    {
        // not listening yet
    }

    if (!ready)
    {
        await Task.Delay(250);
    }
}

Check(ready, "GET /readyz answers 200");
if (!ready)
{
    return 1;
}

// 2. Networks, path, matrix.
var networks = await Json(await http.GetAsync("/networks"));
Check(networks.EnumerateArray().Any(n => n.GetProperty("id").GetString() == "phu-yen"), "GET /networks lists phu-yen");
var path = await Json(await http.GetAsync("/networks/phu-yen/paths?from=hub-tuy-hoa&to=do-561&profile=truck"));
Check(path.GetProperty("found").GetBoolean() && path.GetProperty("durationSeconds").GetDouble() > 0, "GET path hub → Sông Hinh found with a positive time");
var matrix = await Json(await http.PostAsync("/networks/phu-yen/matrices",
    Body("""{ "sources": ["hub-tuy-hoa", "do-559", "do-561"], "profile": "truck" }""")));
Check(matrix.GetProperty("durationsSeconds").GetArrayLength() == 3, "POST 3 × 3 matrix");

// 3. A Phú Yên plan, polled to done.
const string plan = """
    {
      "name": "smoke",
      "timeLimitSeconds": 2,
      "travel": { "network": "phu-yen" },
      "dimensions": ["parcels"],
      "vehicles": [
        { "id": "truck-1", "profile": "truck", "start": "hub-tuy-hoa", "capacity": [300], "shift": { "start": 21600, "end": 64800 } },
        { "id": "truck-2", "profile": "truck", "start": "hub-tuy-hoa", "capacity": [300], "shift": { "start": 21600, "end": 64800 } }
      ],
      "jobs": [
        { "id": "tuy-an", "location": "do-559", "delivery": [60], "serviceSeconds": 600 },
        { "id": "song-cau", "location": "do-557", "delivery": [60], "serviceSeconds": 600 },
        { "id": "dong-xuan", "location": "do-558", "delivery": [40], "serviceSeconds": 600 },
        { "id": "son-hoa", "location": "do-560", "delivery": [40], "serviceSeconds": 600 },
        { "id": "song-hinh", "location": "do-561", "delivery": [30], "serviceSeconds": 600 },
        { "id": "tay-hoa", "location": "do-562", "delivery": [50], "serviceSeconds": 600 },
        { "id": "dong-hoa", "location": "do-564", "delivery": [50], "serviceSeconds": 600 }
      ]
    }
    """;
var submitted = await http.PostAsync("/plans", Body(plan));
Check(submitted.StatusCode == HttpStatusCode.Accepted && submitted.Headers.Location is not null, "POST /plans answers 202 with a Location");
if (submitted.Headers.Location is null)
{
    Console.Error.WriteLine(await submitted.Content.ReadAsStringAsync());
    return 1;
}

JsonElement planBody = default;
string status = "";
clock.Restart();
while (clock.Elapsed < TimeSpan.FromSeconds(120))
{
    planBody = await Json(await http.GetAsync(submitted.Headers.Location));
    status = planBody.GetProperty("status").GetString()!;
    if (status is "done" or "failed" or "cancelled")
    {
        break;
    }

    await Task.Delay(200);
}

Check(status == "done", $"plan polled to done (status {status})");
if (status == "done")
{
    var result = planBody.GetProperty("result");
    var routes = result.GetProperty("routes").EnumerateArray().ToList();
    Check(routes.Count > 0, $"plan has routes ({routes.Count})");
    var served = routes.SelectMany(r => r.GetProperty("steps").EnumerateArray())
        .Where(s => s.GetProperty("type").GetString() == "job").Select(s => s.GetProperty("id").GetString()).ToList();
    var unassigned = result.GetProperty("unassigned").EnumerateArray().ToList();
    Check(unassigned.All(u => !string.IsNullOrWhiteSpace(u.GetProperty("reason").GetString()) &&
                              !string.IsNullOrWhiteSpace(u.GetProperty("explanation").GetString())),
        "every unassigned job has a reason and an explanation");
    Check(served.Count + unassigned.Count == 7 && served.Distinct().Count() == served.Count,
        $"each of the 7 jobs is served once or unassigned ({served.Count} served, {unassigned.Count} unassigned)");
    foreach (var route in routes)
    {
        var steps = route.GetProperty("steps").EnumerateArray().ToList();
        bool ordered = steps.Zip(steps.Skip(1)).All(p => p.First.GetProperty("departureSeconds").GetDouble() <= p.Second.GetProperty("arrivalSeconds").GetDouble() + 1e-6);
        bool inShift = steps[0].GetProperty("departureSeconds").GetDouble() >= 21600 - 1e-6 && steps[^1].GetProperty("arrivalSeconds").GetDouble() <= 64800 + 1e-6;
        bool capacity = steps.All(s => s.GetProperty("load")[0].GetInt64() <= 300);
        Check(ordered && inShift && capacity, $"route {route.GetProperty("vehicle").GetString()}: times ordered, inside the shift, load ≤ capacity");
    }

    var geo = await http.GetAsync(submitted.Headers.Location + "/geojson");
    Check(geo.StatusCode == HttpStatusCode.OK && geo.Content.Headers.ContentType?.MediaType == "application/geo+json", "GET plan GeoJSON");
}

// 4. VROOM-compatible endpoint.
var vroom = await http.PostAsync("/vroom?timeLimit=1", Body("""
    {
      "vehicles": [ { "id": 1, "start_index": 0, "end_index": 0 } ],
      "jobs": [ { "id": 1, "location_index": 1 }, { "id": 2, "location_index": 2 } ],
      "matrix": [[0, 100, 200], [100, 0, 100], [200, 100, 0]]
    }
    """));
var vroomBody = await Json(vroom);
Check(vroom.StatusCode == HttpStatusCode.OK && vroomBody.GetProperty("code").GetInt32() == 0 &&
      vroomBody.GetProperty("summary").GetProperty("unassigned").GetInt32() == 0, "POST /vroom solves with code 0");

// 5. Errors are problem details.
var bad = await http.PostAsync("/plans", Body("{ \"vehicles\": "));
Check(bad.StatusCode == HttpStatusCode.BadRequest && bad.Content.Headers.ContentType?.MediaType == "application/problem+json",
    "malformed JSON is a 400 problem");

Console.WriteLine(failures.Count == 0 ? "api smoke: passed" : $"api smoke: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;
