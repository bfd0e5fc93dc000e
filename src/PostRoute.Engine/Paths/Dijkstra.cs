using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Search state of one node (24 bytes, so more of the array stays in cache). Valid only when <see cref="Stamp"/> is
/// the scratch's current generation (reached, not yet settled) or its negation (settled: cost final).
/// </summary>
internal struct NodeState
{
    /// <summary>Best known cost in the searched metric.</summary>
    public double Cost;

    /// <summary>The other quantity (distance when searching time, time when searching distance) along the same path.</summary>
    public double Other;

    /// <summary>CSR arc by which the node was reached, or −1 for a source.</summary>
    public int PredEdge;

    /// <summary>+generation when reached, −generation when settled; anything else means unvisited.</summary>
    public int Stamp;
}

/// <summary>A heap entry: a node with the cost pair it had when pushed (entries are never updated in place).</summary>
internal struct HeapEntry
{
    public double Key;
    public double Other;
    public int Node;
}

/// <summary>
/// Per-thread search memory, reused across queries. Entries are invalidated by bumping <see cref="Generation"/>
/// instead of clearing O(n) arrays, so a short query costs only what it touches. Not thread-safe: one per thread.
/// </summary>
internal sealed class SearchScratch
{
    [ThreadStatic]
    private static SearchScratch? t_scratch;

    public NodeState[] State = [];
    public int[] TargetStamp = [];
    public HeapEntry[] Heap = new HeapEntry[256];
    public int HeapCount;

    /// <summary>Nodes in the order they were settled (costs non-decreasing).</summary>
    public int[] Settled = new int[256];
    public int SettledCount;
    public int Generation;

    /// <summary>The calling thread's scratch, large enough for <paramref name="nodeCount"/> nodes.</summary>
    public static SearchScratch ForCurrentThread(int nodeCount)
    {
        var scratch = t_scratch ??= new SearchScratch();
        if (scratch.State.Length < nodeCount)
        {
            scratch.State = new NodeState[nodeCount];
            scratch.TargetStamp = new int[nodeCount];
            scratch.Generation = 0;
        }

        return scratch;
    }

    /// <summary>Starts a new query: every node becomes unvisited and no node is a target.</summary>
    public int Begin()
    {
        if (Generation == int.MaxValue)
        {
            Array.Clear(State);
            Array.Clear(TargetStamp);
            Generation = 0;
        }

        HeapCount = 0;
        SettledCount = 0;
        return ++Generation;
    }

    /// <summary>Marks <paramref name="node"/> as a target of the current query; returns false if it already was.</summary>
    public bool MarkTarget(int node)
    {
        if (TargetStamp[node] == Generation)
        {
            return false;
        }

        TargetStamp[node] = Generation;
        return true;
    }

    /// <summary>True when <paramref name="node"/> was settled (its cost is final) in the current query.</summary>
    public bool IsSettled(int node) => State[node].Stamp == -Generation;
}

/// <summary>
/// Dijkstra's algorithm over a <see cref="CsrGraph"/> with a lazy 4-ary heap (a node is pushed again when its cost
/// improves and stale entries are skipped when popped; this beat an indexed decrease-key heap, whose position
/// updates touch the node array on every swap). Costs are compared lexicographically as (metric, other quantity,
/// node index), so results are fully deterministic and, among paths of equal metric, the one with the smaller other
/// quantity wins.
/// </summary>
internal static class Dijkstra
{
    /// <summary>
    /// Runs a search from <paramref name="sources"/> (cost 0 each). The caller has called <see cref="SearchScratch.Begin"/>
    /// and marked <paramref name="targetCount"/> distinct targets; the search stops once all of them are settled, or
    /// exhausts the reachable graph when <paramref name="targetCount"/> is 0.
    /// </summary>
    /// <param name="graph">Adjacency for the profile.</param>
    /// <param name="closed">Closed flag per link index, or empty when no link is closed.</param>
    /// <param name="metric">Which arc weight is minimised.</param>
    /// <param name="sources">Start nodes; duplicates are ignored.</param>
    /// <param name="targetCount">Number of distinct marked targets, or 0 for a full search.</param>
    /// <param name="scratch">The calling thread's scratch, after <see cref="SearchScratch.Begin"/>.</param>
    /// <param name="cancellationToken">Checked every 1,024 settled nodes.</param>
    /// <returns>False when cancelled (the scratch then holds a partial search).</returns>
    public static bool Run(CsrGraph graph, ReadOnlySpan<bool> closed, PathMetric metric, ReadOnlySpan<int> sources,
        int targetCount, SearchScratch scratch, CancellationToken cancellationToken)
    {
        int gen = scratch.Generation;
        int settledStamp = -gen;
        var stateArray = scratch.State;
        ref NodeState state = ref MemoryMarshal.GetArrayDataReference(stateArray);
        var targetStamp = scratch.TargetStamp;
        int[] first = graph.FirstEdge;
        ref int head = ref MemoryMarshal.GetArrayDataReference(graph.Head);
        ref int linkOf = ref MemoryMarshal.GetArrayDataReference(graph.LinkIndex);
        // Weights are per link (the CSR keeps none of its own): w1 is the searched metric, w2 the other quantity.
        ref double w1 = ref MemoryMarshal.GetArrayDataReference(metric == PathMetric.Time ? graph.LinkTimeSeconds : graph.LinkLengthMetres);
        ref double w2 = ref MemoryMarshal.GetArrayDataReference(metric == PathMetric.Time ? graph.LinkLengthMetres : graph.LinkTimeSeconds);
        bool anyClosed = !closed.IsEmpty;
        ref bool closedRef = ref MemoryMarshal.GetReference(closed);

        foreach (int source in sources)
        {
            ref var s = ref stateArray[source];
            if (s.Stamp == gen)
            {
                continue;
            }

            s.Cost = 0;
            s.Other = 0;
            s.PredEdge = -1;
            s.Stamp = gen;
            Push(scratch, new HeapEntry { Key = 0, Other = 0, Node = source });
        }

        int remaining = targetCount;
        int pops = 0;
        while (scratch.HeapCount > 0)
        {
            var top = PopMin(scratch);
            int u = top.Node;
            ref var su = ref Unsafe.Add(ref state, u);
            if (su.Stamp == settledStamp)
            {
                continue; // a stale entry: the node was settled from a better one
            }

            su.Stamp = settledStamp;
            if (scratch.SettledCount == scratch.Settled.Length)
            {
                Array.Resize(ref scratch.Settled, scratch.Settled.Length * 2);
            }

            scratch.Settled[scratch.SettledCount++] = u;
            if (targetCount > 0 && targetStamp[u] == gen && --remaining == 0)
            {
                break;
            }

            if ((++pops & 1023) == 0 && cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            // While u's arcs are relaxed, fetch what the likely next node's arcs will read: link weights are shared by
            // both directions of a link, so they are not next to the arcs (measured: this recovers the ~8 % the
            // indirection costs on the 1M-node graph).
            if (Sse.IsSupported && scratch.HeapCount > 0)
            {
                PrefetchArcs(first, ref head, ref linkOf, ref w1, ref w2, ref state, scratch.Heap[0].Node);
            }

            double du = su.Cost;
            double ou = su.Other;
            int end = first[u + 1];
            for (int e = first[u]; e < end; e++)
            {
                int v = Unsafe.Add(ref head, e);
                ref var sv = ref Unsafe.Add(ref state, v);
                if (sv.Stamp == settledStamp)
                {
                    continue;
                }

                int link = Unsafe.Add(ref linkOf, e);
                if (anyClosed && Unsafe.Add(ref closedRef, link))
                {
                    continue;
                }

                double nd = du + Unsafe.Add(ref w1, link);
                double no = ou + Unsafe.Add(ref w2, link);
                if (sv.Stamp != gen || nd < sv.Cost || (nd == sv.Cost && no < sv.Other))
                {
                    sv.Cost = nd;
                    sv.Other = no;
                    sv.PredEdge = e;
                    sv.Stamp = gen;
                    Push(scratch, new HeapEntry { Key = nd, Other = no, Node = v });
                }
            }
        }

        return true;
    }

    /// <summary>Node the arc <paramref name="edge"/> into <paramref name="node"/> comes from.</summary>
    public static int Tail(CsrGraph graph, Network.PostalNetwork network, int node, int edge)
    {
        int link = graph.LinkIndex[edge];
        var topology = network.Topology;
        return topology.LinkTo[link] == node ? topology.LinkFrom[link] : topology.LinkTo[link];
    }

    /// <summary>
    /// Hints the CPU to load the search state of <paramref name="node"/>'s neighbours and the weights of its arcs. Only a
    /// hint: a stale heap entry or a moved array (the addresses are not pinned) costs a wasted fetch, never a fault.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchArcs(int[] first, ref int head, ref int linkOf, ref double w1, ref double w2,
        ref NodeState state, int node)
    {
        int end = first[node + 1];
        for (int e = first[node]; e < end; e++)
        {
            int link = Unsafe.Add(ref linkOf, e);
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref state, Unsafe.Add(ref head, e))));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref w1, link)));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref w2, link)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in HeapEntry a, in HeapEntry b) =>
        a.Key < b.Key || (a.Key == b.Key && (a.Other < b.Other || (a.Other == b.Other && a.Node < b.Node)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Push(SearchScratch scratch, in HeapEntry entry)
    {
        if (scratch.HeapCount == scratch.Heap.Length)
        {
            Array.Resize(ref scratch.Heap, scratch.Heap.Length * 2);
        }

        ref HeapEntry heap = ref MemoryMarshal.GetArrayDataReference(scratch.Heap);
        int i = scratch.HeapCount++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            ref HeapEntry p = ref Unsafe.Add(ref heap, parent);
            if (!Less(entry, p))
            {
                break;
            }

            Unsafe.Add(ref heap, i) = p;
            i = parent;
        }

        Unsafe.Add(ref heap, i) = entry;
    }

    private static HeapEntry PopMin(SearchScratch scratch)
    {
        ref HeapEntry heap = ref MemoryMarshal.GetArrayDataReference(scratch.Heap);
        var top = heap;
        int count = --scratch.HeapCount;
        if (count == 0)
        {
            return top;
        }

        var entry = Unsafe.Add(ref heap, count);
        int i = 0;
        while (true)
        {
            int child = (i << 2) + 1;
            if (child >= count)
            {
                break;
            }

            int best = child;
            int last = Math.Min(child + 4, count);
            for (int c = child + 1; c < last; c++)
            {
                if (Less(Unsafe.Add(ref heap, c), Unsafe.Add(ref heap, best)))
                {
                    best = c;
                }
            }

            ref HeapEntry b = ref Unsafe.Add(ref heap, best);
            if (!Less(b, entry))
            {
                break;
            }

            Unsafe.Add(ref heap, i) = b;
            i = best;
        }

        Unsafe.Add(ref heap, i) = entry;
        return top;
    }
}
