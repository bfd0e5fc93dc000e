using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Paths;

/// <summary>Search state of one node. Valid only when <see cref="Stamp"/> equals the scratch's current generation.</summary>
internal struct NodeState
{
    /// <summary>Best known cost in the searched metric.</summary>
    public double Cost;

    /// <summary>The other quantity (distance when searching time, time when searching distance) along the same path.</summary>
    public double Other;

    /// <summary>CSR arc by which the node was reached, or −1 for a source.</summary>
    public int PredEdge;

    /// <summary>Node the arc comes from, or −1 for a source.</summary>
    public int PredNode;

    /// <summary>Generation in which this entry was written.</summary>
    public int Stamp;

    /// <summary>Position in the heap, or −1 once settled.</summary>
    public int HeapPos;
}

/// <summary>A heap entry: a node and its cost when pushed or last decreased.</summary>
internal struct HeapEntry
{
    public double Key;
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
    public bool IsSettled(int node) => State[node].Stamp == Generation && State[node].HeapPos < 0;
}

/// <summary>
/// Dijkstra's algorithm over a <see cref="CsrGraph"/> with an indexed 4-ary heap (decrease-key). Costs are compared
/// lexicographically as (metric, other quantity, node index), so the result is fully deterministic and, among paths of
/// equal metric, the one with the smaller other quantity wins.
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
        var state = scratch.State;
        var targetStamp = scratch.TargetStamp;
        int[] first = graph.FirstEdge;
        int[] head = graph.Head;
        int[] linkOf = graph.LinkIndex;
        double[] w1 = metric == PathMetric.Time ? graph.TimeSeconds : graph.LengthMetres;
        double[] w2 = metric == PathMetric.Time ? graph.LengthMetres : graph.TimeSeconds;
        bool anyClosed = !closed.IsEmpty;

        foreach (int source in sources)
        {
            ref var s = ref state[source];
            if (s.Stamp == gen)
            {
                continue;
            }

            s.Cost = 0;
            s.Other = 0;
            s.PredEdge = -1;
            s.PredNode = -1;
            s.Stamp = gen;
            Push(scratch, state, source, 0);
        }

        int remaining = targetCount;
        int pops = 0;
        while (scratch.HeapCount > 0)
        {
            int u = PopMin(scratch, state);
            ref var su = ref state[u];
            su.HeapPos = -1;
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

            double du = su.Cost;
            double ou = su.Other;
            int end = first[u + 1];
            for (int e = first[u]; e < end; e++)
            {
                if (anyClosed && closed[linkOf[e]])
                {
                    continue;
                }

                int v = head[e];
                double nd = du + w1[e];
                double no = ou + w2[e];
                ref var sv = ref state[v];
                if (sv.Stamp != gen)
                {
                    sv.Cost = nd;
                    sv.Other = no;
                    sv.PredEdge = e;
                    sv.PredNode = u;
                    sv.Stamp = gen;
                    Push(scratch, state, v, nd);
                }
                else if (sv.HeapPos >= 0 && (nd < sv.Cost || (nd == sv.Cost && no < sv.Other)))
                {
                    sv.Cost = nd;
                    sv.Other = no;
                    sv.PredEdge = e;
                    sv.PredNode = u;
                    SiftUp(scratch.Heap, state, sv.HeapPos, new HeapEntry { Key = nd, Node = v });
                }
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in HeapEntry a, in HeapEntry b, NodeState[] state)
    {
        if (a.Key != b.Key)
        {
            return a.Key < b.Key;
        }

        double oa = state[a.Node].Other;
        double ob = state[b.Node].Other;
        return oa != ob ? oa < ob : a.Node < b.Node;
    }

    private static void Push(SearchScratch scratch, NodeState[] state, int node, double key)
    {
        if (scratch.HeapCount == scratch.Heap.Length)
        {
            Array.Resize(ref scratch.Heap, scratch.Heap.Length * 2);
        }

        SiftUp(scratch.Heap, state, scratch.HeapCount++, new HeapEntry { Key = key, Node = node });
    }

    private static void SiftUp(HeapEntry[] heap, NodeState[] state, int i, HeapEntry entry)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(entry, heap[parent], state))
            {
                break;
            }

            heap[i] = heap[parent];
            state[heap[i].Node].HeapPos = i;
            i = parent;
        }

        heap[i] = entry;
        state[entry.Node].HeapPos = i;
    }

    private static int PopMin(SearchScratch scratch, NodeState[] state)
    {
        var heap = scratch.Heap;
        int top = heap[0].Node;
        int count = --scratch.HeapCount;
        if (count > 0)
        {
            SiftDown(heap, state, count, heap[count]);
        }

        return top;
    }

    private static void SiftDown(HeapEntry[] heap, NodeState[] state, int count, HeapEntry entry)
    {
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
                if (Less(heap[c], heap[best], state))
                {
                    best = c;
                }
            }

            if (!Less(heap[best], entry, state))
            {
                break;
            }

            heap[i] = heap[best];
            state[heap[i].Node].HeapPos = i;
            i = best;
        }

        heap[i] = entry;
        state[entry.Node].HeapPos = i;
    }
}
