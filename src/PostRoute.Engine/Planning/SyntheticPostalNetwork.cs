using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Planning;

/// <summary>
/// A <see cref="SyntheticRoadNetwork"/> dressed as a postal network for planning tests and benchmarks: the grid is cut
/// into vertical bands (districts <c>d0</c>…), every <c>communeEvery</c>-th junction becomes a commune node (commune
/// <c>c&lt;index&gt;</c>, with a population), the node nearest each band's centre is its district office and the node
/// nearest the grid centre the hub. Same arguments, same network.
/// </summary>
internal static class SyntheticPostalNetwork
{
    public static PostalNetwork Build(int nodeCount, int communeEvery = 100, int districts = 10, int seed = 20_240_601)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(communeEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(districts, 1);
        var roads = SyntheticRoadNetwork.Generate(nodeCount, seed);
        int width = (int)Math.Ceiling(Math.Sqrt(nodeCount));
        int rows = (nodeCount + width - 1) / width;
        int District(int i) => Math.Min(districts - 1, i % width * districts / width);

        var offices = new HashSet<int>();
        for (int d = 0; d < districts; d++)
        {
            int col = (2 * d + 1) * width / (2 * districts);
            offices.Add(Math.Min(nodeCount - 1, rows / 2 * width + col));
        }

        int hub = Math.Min(nodeCount - 1, rows / 2 * width + width / 2);
        while (offices.Contains(hub))
        {
            hub = (hub + width) % nodeCount;
        }

        var builder = new NetworkBuilder($"synthetic-postal-{nodeCount}").AddProfile(Profiles.Truck).AddProfile(Profiles.Motorbike);
        var nodes = roads.Nodes;
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            string district = $"d{District(i)}";
            if (i == hub)
            {
                builder.AddNode(node with { Kind = NodeKind.ProvincialHub, Name = "hub", DistrictCode = district });
            }
            else if (offices.Contains(i))
            {
                builder.AddNode(node with { Kind = NodeKind.DistrictOffice, Name = $"office {district}", DistrictCode = district });
            }
            else if (i % communeEvery == communeEvery / 2)
            {
                string code = $"c{i}";
                builder.AddNode(node with { Kind = NodeKind.Commune, Name = code, CommuneCode = code, DistrictCode = district });
                builder.AddCommune(new Commune(code, code, CommuneType.Xa, district, district, node.Location, 1_000 + i % 7 * 500));
            }
            else
            {
                builder.AddNode(node);
            }
        }

        foreach (var link in roads.Links)
        {
            builder.AddLink(link);
        }

        return builder.Build();
    }
}
