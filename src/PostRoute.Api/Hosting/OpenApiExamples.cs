namespace PostRoute.Api.Hosting;

/// <summary>Example bodies for the OpenAPI document (also used by tests, so they stay valid).</summary>
public static class OpenApiExamples
{
    /// <summary>A three-node network in network JSON (the example of docs/network-format.md).</summary>
    public const string SmallNetwork = """
        {
          "formatVersion": 1,
          "name": "demo",
          "version": 2,
          "profiles": ["truck", "motorbike"],
          "nodes": [
            {
              "id": "HUB",
              "kind": "provincialHub",
              "name": "Bưu điện tỉnh Phú Yên",
              "location": { "latitude": 13.0955, "longitude": 109.3209 },
              "communeCode": "22015",
              "districtCode": "555"
            },
            {
              "id": "TA",
              "kind": "districtOffice",
              "name": "Bưu điện Tuy An",
              "location": { "latitude": 13.2571, "longitude": 109.2095 },
              "communeCode": null,
              "districtCode": "559"
            },
            {
              "id": "AM",
              "kind": "communeServicePoint",
              "name": "Điểm BĐVHX An Mỹ",
              "location": { "latitude": 13.2801, "longitude": 109.2302 },
              "communeCode": "22036",
              "districtCode": "559"
            }
          ],
          "links": [
            {
              "id": "HUB-TA",
              "from": "HUB",
              "to": "TA",
              "lengthMetres": 21345.5,
              "travelTimeSeconds": { "truck": 1260, "motorbike": 1100 },
              "roadClass": "trunk",
              "oneWay": false,
              "closed": false
            },
            {
              "id": "TA-AM",
              "from": "TA",
              "to": "AM",
              "lengthMetres": 3210.1,
              "travelTimeSeconds": { "motorbike": 300.5 },
              "roadClass": "local",
              "oneWay": false,
              "closed": true
            }
          ],
          "communes": [
            {
              "code": "22015", "name": "Phường 1", "type": "phuong", "districtCode": "555", "districtName": "Tuy Hoà",
              "location": { "latitude": 13.08208, "longitude": 109.30194 },
              "population": null, "areaKm2": null, "postalCode": "56111"
            },
            {
              "code": "22036", "name": "Xã An Mỹ", "type": "xa", "districtCode": "559", "districtName": "Tuy An",
              "location": null, "population": null, "areaKm2": null, "postalCode": null
            },
            {
              "code": "22081", "name": "Thị trấn Chí Thạnh", "type": "thiTran", "districtCode": "559", "districtName": "Tuy An",
              "location": null, "population": 13250, "areaKm2": 7.4, "postalCode": null
            }
          ]
        }
        """;

    /// <summary>Closing one link of the Phú Yên sample.</summary>
    public const string Closures = """
        { "close": ["l-001"], "reopen": [] }
        """;

    /// <summary>Three new service points for Phú Yên by maximal covering within 15 minutes (motorbike).</summary>
    public const string Siting = """
        { "objective": "maximum-coverage", "k": 3, "thresholdMinutes": 15, "weight": "communes", "timeLimitSeconds": 10, "seed": 0 }
        """;

    /// <summary>Closing one link of the Phú Yên sample, for closure-impact.</summary>
    public const string ClosureImpact = """
        { "closedLinkIds": ["l-001"] }
        """;

    /// <summary>Re-planning a plan with one link closed, with the native search for 5 s.</summary>
    public const string Replan = """
        { "closedLinkIds": ["l-001"], "solver": "search", "timeLimitSeconds": 5 }
        """;

    /// <summary>A 3 × 3 truck time matrix between the hub and two district offices of the Phú Yên sample.</summary>
    public const string Matrix = """
        { "sources": ["hub-tuy-hoa", "do-559", "do-561"], "profile": "truck", "metric": "time" }
        """;

    /// <summary>
    /// Two trucks from the Phú Yên hub delivering to the nine district offices (parcels, shift 06:00–18:00, an
    /// afternoon window at Sông Hinh), travelling on the stored network.
    /// </summary>
    public const string Plan = """
        {
          "name": "Phú Yên district run",
          "solver": "ortools",
          "timeLimitSeconds": 1,
          "stopWhen": { "maxSolutions": 50 },
          "travel": { "network": "phu-yen" },
          "dimensions": ["parcels"],
          "vehicles": [
            { "id": "truck-1", "profile": "truck", "start": "hub-tuy-hoa", "capacity": [400],
              "shift": { "start": 21600, "end": 64800 }, "costPerKm": 1, "costPerHour": 20 },
            { "id": "truck-2", "profile": "truck", "start": "hub-tuy-hoa", "capacity": [400],
              "shift": { "start": 21600, "end": 64800 }, "costPerKm": 1, "costPerHour": 20 }
          ],
          "jobs": [
            { "id": "tuy-hoa", "location": "do-555", "delivery": [90], "serviceSeconds": 900 },
            { "id": "song-cau", "location": "do-557", "delivery": [60], "serviceSeconds": 900 },
            { "id": "dong-xuan", "location": "do-558", "delivery": [40], "serviceSeconds": 900 },
            { "id": "tuy-an", "location": "do-559", "delivery": [55], "serviceSeconds": 900 },
            { "id": "son-hoa", "location": "do-560", "delivery": [35], "serviceSeconds": 900 },
            { "id": "song-hinh", "location": "do-561", "delivery": [30], "serviceSeconds": 900,
              "timeWindows": [{ "start": 43200, "end": 57600 }] },
            { "id": "tay-hoa", "location": "do-562", "delivery": [50], "serviceSeconds": 900 },
            { "id": "phu-hoa", "location": "do-563", "delivery": [45], "serviceSeconds": 900 },
            { "id": "dong-hoa", "location": "do-564", "delivery": [50], "serviceSeconds": 900 }
          ]
        }
        """;

    /// <summary>A VROOM input: one vehicle, three jobs (one with a window), explicit matrices.</summary>
    public const string Vroom = """
        {
          "vehicles": [ { "id": 1, "start_index": 0, "end_index": 0, "capacity": [10], "time_window": [28800, 61200] } ],
          "jobs": [
            { "id": 101, "location_index": 1, "service": 300, "delivery": [2] },
            { "id": 102, "location_index": 2, "service": 300, "delivery": [3], "time_windows": [[32400, 43200]] },
            { "id": 103, "location_index": 3, "service": 300, "pickup": [1], "priority": 10 }
          ],
          "matrices": { "car": {
            "durations": [[0, 600, 900, 1200], [600, 0, 400, 800], [900, 400, 0, 500], [1200, 800, 500, 0]],
            "distances": [[0, 8000, 12000, 16000], [8000, 0, 5000, 10000], [12000, 5000, 0, 6000], [16000, 10000, 6000, 0]]
          } }
        }
        """;

    /// <summary>The Phú Yên mail run of one day, with generated volumes and a short search.</summary>
    public const string MailRun = """
        { "network": "phu-yen", "date": "2025-03-14", "seed": 1, "solver": "ortools", "timeLimitSeconds": 5 }
        """;
}
