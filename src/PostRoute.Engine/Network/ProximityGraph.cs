namespace PostRoute.Engine.Network;

/// <summary>Deterministic neighbour graphs over point sets, used to generate synthetic road links.</summary>
internal static class ProximityGraph
{
    /// <summary>
    /// The Gabriel graph of <paramref name="points"/>: a pair is joined when no other point lies strictly inside
    /// the circle that has the pair as its diameter. It is planar, contains the Euclidean minimum spanning tree
    /// (so it is connected for distinct points) and is a subgraph of the Delaunay triangulation.
    /// </summary>
    /// <remarks>
    /// Points are projected to a local equirectangular plane (metres) around their mean latitude, which is
    /// accurate to well under 1 % over a province. O(n³), meant for a few hundred points. Points must be distinct.
    /// </remarks>
    /// <returns>Edges as index pairs (i &lt; j), ordered by i then j.</returns>
    public static List<(int A, int B)> Gabriel(IReadOnlyList<GeoPoint> points)
    {
        int n = points.Count;
        var (x, y) = Project(points);
        var edges = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mx = (x[i] + x[j]) / 2, my = (y[i] + y[j]) / 2;
                double r2 = ((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])) / 4;
                bool empty = true;
                for (int k = 0; k < n && empty; k++)
                {
                    if (k == i || k == j)
                    {
                        continue;
                    }

                    double d2 = (x[k] - mx) * (x[k] - mx) + (y[k] - my) * (y[k] - my);
                    // A relative tolerance keeps points exactly on the circle (cocircular sets) from deciding by rounding.
                    empty = d2 >= r2 * (1 - 1e-12);
                }

                if (empty)
                {
                    edges.Add((i, j));
                }
            }
        }

        return edges;
    }

    private static (double[] X, double[] Y) Project(IReadOnlyList<GeoPoint> points)
    {
        const double rad = Math.PI / 180;
        double lat0 = points.Count == 0 ? 0 : points.Average(p => p.Latitude);
        double kx = GeoPoint.EarthRadiusMetres * rad * Math.Cos(lat0 * rad);
        double ky = GeoPoint.EarthRadiusMetres * rad;
        return (points.Select(p => p.Longitude * kx).ToArray(), points.Select(p => p.Latitude * ky).ToArray());
    }
}
