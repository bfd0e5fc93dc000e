using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Benchmarks;

/// <summary>
/// Managed memory held by a generated network and its CSR graphs, measured as the growth of
/// <see cref="GC.GetTotalMemory(bool)"/> (after full collections) while the objects are kept alive: the compact
/// network alone, with one and two CSR graphs, and after the <c>Node</c>/<c>Link</c> records were made. The
/// breakdown of the compact network comes from the sizes of its arrays.
/// </summary>
internal static class MemoryReport
{
    public static void Run(int nodeCount)
    {
        static long Measure() => GC.GetTotalMemory(forceFullCollection: true);
        static string Mb(long bytes) => $"{bytes / 1_000_000.0,8:F1} MB";

        long start = Measure();
        var network = SyntheticRoadNetwork.Generate(nodeCount);
        long afterNetwork = Measure();
        var truck = CsrGraph.For(network, Profiles.Truck);
        long afterTruck = Measure();
        var motorbike = CsrGraph.For(network, Profiles.Motorbike);
        long afterMotorbike = Measure();
        int nodes = network.Nodes.Length;
        long afterNodes = Measure();
        int links = network.Links.Length;
        long afterLinks = Measure();

        var topology = network.Topology;
        long networkBytes = afterNetwork - start;
        long nodeIds = topology.NodeIds.SizeInBytes, linkIds = topology.LinkIds.SizeInBytes;
        long arrays = topology.SizeInBytes - nodeIds - linkIds;
        Console.WriteLine($"Generated network: {nodes:N0} nodes, {links:N0} links");
        Console.WriteLine($"network (compact arrays)         {Mb(networkBytes)}  ({(double)networkBytes / nodes:F0} B/node)");
        Console.WriteLine($"  node ids: text, offsets, index {Mb(nodeIds)}  ({(double)nodeIds / nodes:F1} B/node)");
        Console.WriteLine($"  link ids: text, offsets, index {Mb(linkIds)}  ({(double)linkIds / links:F1} B/link)");
        Console.WriteLine($"  coordinates, kinds, link ends, lengths, times, flags {Mb(arrays)}");
        Console.WriteLine($"CSR truck                        {Mb(afterTruck - afterNetwork)}  ({truck.EdgeCount:N0} arcs, estimate {Mb(truck.SizeInBytes)})");
        Console.WriteLine($"CSR motorbike                    {Mb(afterMotorbike - afterTruck)}  ({motorbike.EdgeCount:N0} arcs)");
        Console.WriteLine($"network + truck CSR              {Mb(afterTruck - start)}");
        Console.WriteLine($"network + both CSRs              {Mb(afterMotorbike - start)}");
        Console.WriteLine($"Node records made (Nodes read)   {Mb(afterNodes - afterMotorbike)}  ({(double)(afterNodes - afterMotorbike) / nodes:F0} B/node)");
        Console.WriteLine($"Link records made (Links read)   {Mb(afterLinks - afterNodes)}  ({(double)(afterLinks - afterNodes) / links:F0} B/link)");
        Console.WriteLine($"network + records (no CSR)       {Mb(networkBytes + afterLinks - afterMotorbike)}");
        Console.WriteLine($"network + both CSRs + records    {Mb(afterLinks - start)}");
        GC.KeepAlive(network);
        GC.KeepAlive(truck);
        GC.KeepAlive(motorbike);
    }
}
