// A NuGet user's first program: load the embedded Phú Yên network, find a path, compute a matrix.
// Run by .ci/pack-smoke against the freshly packed package; exits non-zero on any surprise.
using System.IO.Compression;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

if (args.Length > 0)
{
    using var package = ZipFile.OpenRead(args[0]);
    string[] required = ["README.md", "lib/net10.0/PostRoute.Engine.dll", "lib/net10.0/PostRoute.Engine.xml"];
    var missing = required.Where(r => package.Entries.All(e => e.FullName != r)).ToList();
    if (missing.Count > 0)
    {
        Console.Error.WriteLine($"package lacks: {string.Join(", ", missing)}");
        return 1;
    }
}

var network = PhuYen.Network;
var serviceNodes = network.Nodes.Where(n => n.Kind == NodeKind.DistrictOffice).Select(n => n.Id).ToList();
var path = ShortestPaths.Find(network, PhuYen.HubId, serviceNodes[^1], Profiles.Truck);
var matrix = MatrixCalculator.Compute(network, serviceNodes, serviceNodes, Profiles.Motorbike);
Console.WriteLine($"{network.Name}: {network.Nodes.Length} nodes, {network.Links.Length} links");
Console.WriteLine($"hub -> {path.To}: {path.DistanceMetres / 1000:F1} km, {path.DurationSeconds / 60:F0} min by truck");
Console.WriteLine($"{serviceNodes.Count}x{serviceNodes.Count} motorbike matrix, unreachable cells: {matrix.UnreachableCount}");
return path.Found && matrix.UnreachableCount == 0 ? 0 : 1;
