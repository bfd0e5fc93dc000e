using System.Collections.Frozen;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Benchmarks;

/// <summary>
/// Managed memory held by a generated network and its CSR graphs, measured as the growth of
/// <see cref="GC.GetTotalMemory(bool)"/> (after full collections) while the objects are kept alive, with a breakdown
/// obtained by allocating copies of the parts.
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

        // Breakdown: copies of the node and link records (with their own id strings and time maps).
        var nodeCopies = network.Nodes.Select(n => n with { Id = new string(n.Id.AsSpan()) }).ToArray();
        long afterNodeCopies = Measure();
        var linkCopies = network.Links.Select(l => l with
        {
            Id = new string(l.Id.AsSpan()),
            TravelTimeSeconds = new CompactProfileTimes(
                l.Allows(Profiles.Truck) ? Profiles.Truck : null, l.TimeFor(Profiles.Truck) ?? 0,
                Profiles.Motorbike, l.TimeFor(Profiles.Motorbike) ?? 0),
        }).ToArray();
        long afterLinkCopies = Measure();
        var dictionaries = network.Links.Select(l => new Dictionary<string, double>(l.TravelTimeSeconds)).ToArray();
        long afterDictionaries = Measure();
        var nodeIndex = network.Nodes.Select((n, i) => (n.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var linkIndex = network.Links.Select((l, i) => (l.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        long afterIndexes = Measure();

        long networkBytes = afterNetwork - start;
        long nodeBytes = afterNodeCopies - afterMotorbike;
        long linkBytes = afterLinkCopies - afterNodeCopies;
        Console.WriteLine($"Generated network: {network.Nodes.Length:N0} nodes, {network.Links.Length:N0} links");
        Console.WriteLine($"network (records + indexes)      {Mb(networkBytes)}");
        Console.WriteLine($"  node records + id strings      {Mb(nodeBytes)}  ({(double)nodeBytes / network.Nodes.Length:F0} B/node)");
        Console.WriteLine($"  link records + ids + time maps {Mb(linkBytes)}  ({(double)linkBytes / network.Links.Length:F0} B/link)");
        Console.WriteLine($"  indexes, arrays, closed mask   {Mb(networkBytes - nodeBytes - linkBytes)}  (of which the two id → index FrozenDictionary: {Mb(afterIndexes - afterDictionaries)})");
        Console.WriteLine($"CSR truck                        {Mb(afterTruck - afterNetwork)}  ({truck.EdgeCount:N0} arcs, estimate {Mb(truck.SizeInBytes)})");
        Console.WriteLine($"CSR motorbike                    {Mb(afterMotorbike - afterTruck)}  ({motorbike.EdgeCount:N0} arcs)");
        Console.WriteLine($"network + truck CSR              {Mb(afterTruck - start)}");
        Console.WriteLine($"network + both CSRs              {Mb(afterMotorbike - start)}");
        Console.WriteLine($"(Dictionary<string,double> time maps instead of the compact ones would add " +
                          $"{Mb(afterDictionaries - afterLinkCopies - 0)} minus ~{Mb(48L * network.Links.Length)})");
        GC.KeepAlive(network);
        GC.KeepAlive(nodeCopies);
        GC.KeepAlive(linkCopies);
        GC.KeepAlive(dictionaries);
        GC.KeepAlive(nodeIndex);
        GC.KeepAlive(linkIndex);
    }
}
