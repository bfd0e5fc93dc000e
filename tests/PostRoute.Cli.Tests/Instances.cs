namespace PostRoute.Cli.Tests;

/// <summary>Small problem files written by the tests themselves.</summary>
public static class Instances
{
    /// <summary>A 6-customer Solomon instance: two clusters, three vehicles of capacity 50.</summary>
    public const string Solomon = """
        T1

        VEHICLE
        NUMBER     CAPACITY
          3         50

        CUSTOMER
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

            0      40         50          0          0       1236          0
            1      45         68         10          0       1100         10
            2      45         70         20          0       1100         10
            3      42         66         10          0       1100         10
            4      20         30         30          0       1100         10
            5      22         32         10          0       1100         10
            6      25         35          5          0       1100         10
        """;

    /// <summary>The Solomon instance cut inside its third customer row, which lacks the service time (line 12).</summary>
    public static readonly string SolomonMalformed =
        string.Join('\n', Solomon.Split('\n')[..11]) + "\n    2      45         70         20          0       1100";

    /// <summary>A 5-customer CVRPLIB instance (EUC_2D, capacity 30).</summary>
    public const string Cvrp = """
        NAME : T-n6-k2
        COMMENT : test
        TYPE : CVRP
        DIMENSION : 6
        EDGE_WEIGHT_TYPE : EUC_2D
        CAPACITY : 30
        NODE_COORD_SECTION
        1 0 0
        2 10 0
        3 12 3
        4 -10 0
        5 -11 4
        6 0 15
        DEMAND_SECTION
        1 0
        2 10
        3 10
        4 10
        5 10
        6 5
        DEPOT_SECTION
        1
        -1
        EOF
        """;

    /// <summary>A VROOM problem: one vehicle, three jobs, explicit matrix.</summary>
    public const string Vroom = """
        {
          "vehicles": [ { "id": 1, "start_index": 0, "end_index": 0 } ],
          "jobs": [
            { "id": 10, "location_index": 1 },
            { "id": 11, "location_index": 2 },
            { "id": 12, "location_index": 3 }
          ],
          "matrices": { "car": { "durations": [ [0, 5, 9, 7], [5, 0, 4, 6], [9, 4, 0, 3], [7, 6, 3, 0] ] } }
        }
        """;

    /// <summary>A plan request with planar coordinate travel; <paramref name="demand"/> of job c can exceed the capacity 10.</summary>
    public static string PlanRequest(int demand = 3) => $$"""
        {
          "name": "tiny",
          "travel": { "coordinates": { "kind": "planar", "speedKmh": 36 } },
          "dimensions": ["parcels"],
          "locations": [
            { "id": "depot", "x": 0, "y": 0 },
            { "id": "a", "x": 1000, "y": 0 },
            { "id": "b", "x": 1000, "y": 1000 },
            { "id": "c", "x": 0, "y": 1000 }
          ],
          "vehicles": [ { "id": "van", "start": "depot", "capacity": [10] } ],
          "jobs": [
            { "id": "ja", "location": "a", "delivery": [3], "serviceSeconds": 60 },
            { "id": "jb", "location": "b", "delivery": [3], "serviceSeconds": 60 },
            { "id": "jc", "location": "c", "delivery": [{{demand}}], "serviceSeconds": 60 }
          ]
        }
        """;

    /// <summary>A plan request on the embedded Phú Yên network.</summary>
    public const string PhuYenPlanRequest = """
        {
          "name": "phu-yen-morning",
          "travel": { "network": "phu-yen" },
          "vehicles": [ { "id": "truck-1", "profile": "truck", "start": "hub-tuy-hoa" } ],
          "jobs": [
            { "id": "j1", "location": "do-555" },
            { "id": "j2", "location": "do-559" },
            { "id": "j3", "location": "do-563" }
          ]
        }
        """;
}
