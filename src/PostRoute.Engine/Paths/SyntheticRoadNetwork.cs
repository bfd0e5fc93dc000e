using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Deterministic generator of large road-like test networks for benchmarks and cross-checks: a jittered grid of
/// junctions (about 150 m apart, near Phú Yên) where most neighbour streets exist, every 10th/40th/200th row and column
/// is a district/provincial/trunk road, a few diagonals, about 2 % one-way local streets and about 10 % tracks barred
/// to trucks. Same arguments, same network. Built through <see cref="CompactNetworkBuilder"/>, so no node or link
/// record exists until someone reads <see cref="PostalNetwork.Nodes"/> or <see cref="PostalNetwork.Links"/>.
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

        // About 1.6 links per node (measured: 1,598,768 for 1,000,000 nodes).
        var builder = new CompactNetworkBuilder($"synthetic-{nodeCount}", [Profiles.Truck, Profiles.Motorbike],
            nodeCount, nodeCount + nodeCount * 3 / 5 + 16);
        var locations = new GeoPoint[nodeCount];
        var id = new char[16];
        for (int i = 0; i < nodeCount; i++)
        {
            int row = i / width, col = i % width;
            locations[i] = new GeoPoint(
                OriginLatitude + (row + (random.NextDouble() - 0.5) * 0.6) * dLat,
                OriginLongitude + (col + (random.NextDouble() - 0.5) * 0.6) * dLon);
            builder.AddNode(Id('n', i, id), NodeKind.Junction, locations[i]);
        }

        var seconds = new double[2];

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
            seconds[0] = track ? double.NaN : Seconds(truckKmh); // trucks are barred from tracks
            seconds[1] = Seconds(motorbikeKmh);
            bool reverse = oneWay && random.Next(2) == 0;
            builder.AddLink(Id('l', linkCount++, id), reverse ? b : a, reverse ? a : b, length, seconds,
                track ? RoadClass.Track : roadClass, oneWay);
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

    // "n17", "l42": the id written into the caller's buffer, without a string per id.
    private static ReadOnlySpan<char> Id(char prefix, int number, Span<char> buffer)
    {
        buffer[0] = prefix;
        number.TryFormat(buffer[1..], out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..(written + 1)];
    }
}
