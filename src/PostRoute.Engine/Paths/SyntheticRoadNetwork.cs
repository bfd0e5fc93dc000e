using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Deterministic generator of large road-like test networks for benchmarks and cross-checks: a jittered grid of
/// junctions (about 150 m apart, near Phú Yên) where most neighbour streets exist, every 10th/40th/200th row and column
/// is a district/provincial/trunk road, a few diagonals, about 2 % one-way local streets and about 10 % tracks barred
/// to trucks. Same arguments, same network.
/// </summary>
internal static class SyntheticRoadNetwork
{
    private const double SpacingMetres = 150;
    private const double OriginLatitude = 12.6;
    private const double OriginLongitude = 108.6;

    /// <summary>Builds a network of <paramref name="nodeCount"/> junctions (ids <c>n0</c>…, links <c>l0</c>…).</summary>
    public static PostalNetwork Generate(int nodeCount, int seed = 20_240_601)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 2);
        var random = new Random(seed);
        int width = (int)Math.Ceiling(Math.Sqrt(nodeCount));
        double dLat = SpacingMetres / 111_320.0;
        double dLon = dLat / Math.Cos(OriginLatitude * Math.PI / 180);

        var builder = new NetworkBuilder($"synthetic-{nodeCount}");
        builder.AddProfile(Profiles.Truck).AddProfile(Profiles.Motorbike);
        var locations = new GeoPoint[nodeCount];
        var ids = new string[nodeCount];
        for (int i = 0; i < nodeCount; i++)
        {
            int row = i / width, col = i % width;
            locations[i] = new GeoPoint(
                OriginLatitude + (row + (random.NextDouble() - 0.5) * 0.6) * dLat,
                OriginLongitude + (col + (random.NextDouble() - 0.5) * 0.6) * dLon);
            ids[i] = "n" + i;
            builder.AddNode(new Node(ids[i], NodeKind.Junction, "", locations[i]));
        }

        int linkCount = 0;
        void AddLink(int a, int b, RoadClass roadClass)
        {
            double length = Math.Round(locations[a].DistanceTo(locations[b]) * (1 + random.NextDouble() * 0.3), 1);
            bool track = roadClass == RoadClass.Local && random.NextDouble() < 0.1;
            bool oneWay = roadClass == RoadClass.Local && !track && random.NextDouble() < 0.02;
            var (truckKmh, motorbikeKmh) = track
                ? (0.0, 15.0)
                : roadClass switch
                {
                    RoadClass.Trunk => (60.0, 55.0),
                    RoadClass.Provincial => (45.0, 45.0),
                    RoadClass.District => (35.0, 40.0),
                    _ => (20.0, 30.0),
                };
            double congestion = 1 + random.NextDouble() * 0.2;
            double Seconds(double kmh) => Math.Round(length / (kmh / 3.6) * congestion, 1);
            var times = track
                ? new CompactProfileTimes(Profiles.Motorbike, Seconds(motorbikeKmh))
                : new CompactProfileTimes(Profiles.Truck, Seconds(truckKmh), Profiles.Motorbike, Seconds(motorbikeKmh));
            bool reverse = oneWay && random.Next(2) == 0;
            builder.AddLink(new Link("l" + linkCount++, ids[reverse ? b : a], ids[reverse ? a : b], length, times,
                track ? RoadClass.Track : roadClass, oneWay));
        }

        static RoadClass ClassOf(int line) =>
            line % 200 == 0 ? RoadClass.Trunk
            : line % 40 == 0 ? RoadClass.Provincial
            : line % 10 == 0 ? RoadClass.District
            : RoadClass.Local;

        for (int i = 0; i < nodeCount; i++)
        {
            int row = i / width, col = i % width;
            if (col + 1 < width && i + 1 < nodeCount)
            {
                var roadClass = ClassOf(row); // a street along this row
                if (roadClass != RoadClass.Local || random.NextDouble() < 0.75)
                {
                    AddLink(i, i + 1, roadClass);
                }
            }

            if (i + width < nodeCount)
            {
                var roadClass = ClassOf(col);
                if (roadClass != RoadClass.Local || random.NextDouble() < 0.75)
                {
                    AddLink(i, i + width, roadClass);
                }
            }

            if (col + 1 < width && i + width + 1 < nodeCount && random.NextDouble() < 0.05)
            {
                AddLink(i, i + width + 1, RoadClass.Local);
            }
        }

        return builder.Build();
    }
}
