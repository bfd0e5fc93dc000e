using System.Collections.Immutable;
using System.Diagnostics;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Planning;

/// <summary>Options of <see cref="CriticalRoads.Scan"/>. Immutable.</summary>
public sealed record CriticalRoadOptions
{
    /// <summary>Profile of the trips to communes (default <see cref="Profiles.Motorbike"/>).</summary>
    public string Profile { get; init; } = Profiles.Motorbike;

    /// <summary>A link is critical for a trip when closing it adds strictly more than this, seconds (default 600 = 10 min), or cuts the trip.</summary>
    public double ThresholdSeconds { get; init; } = 600;

    /// <summary>Consider trips district office → each commune of its district (default true).</summary>
    public bool FromDistrictOffices { get; init; } = true;

    /// <summary>Consider trips hub → every commune (default true).</summary>
    public bool FromHub { get; init; } = true;

    /// <summary>Id of the hub; null (default) for the first <see cref="NodeKind.ProvincialHub"/> node.</summary>
    public string? HubId { get; init; }
}

/// <summary>One trip a link's closure hurts. Immutable.</summary>
/// <param name="CommuneCode">The commune at the end of the trip.</param>
/// <param name="OriginId">The district office or hub the trip starts from.</param>
/// <param name="FromHub">True when the origin is the hub, false for the commune's district office.</param>
/// <param name="BeforeSeconds">Trip time with the link open, seconds.</param>
/// <param name="AfterSeconds">Trip time with the link closed, seconds; null when the closure cuts the trip.</param>
public sealed record CriticalRoadImpact(string CommuneCode, string OriginId, bool FromHub, double BeforeSeconds, double? AfterSeconds)
{
    /// <summary>True when the closure makes the commune unreachable from the origin.</summary>
    public bool CutOff => AfterSeconds is null;

    /// <summary>Extra time in seconds; <see cref="double.PositiveInfinity"/> when cut off.</summary>
    public double ExtraSeconds => AfterSeconds is { } after ? after - BeforeSeconds : double.PositiveInfinity;
}

/// <summary>A link whose single closure cuts communes off or delays trips to them beyond the threshold. Immutable.</summary>
/// <param name="LinkId">The link.</param>
/// <param name="FromNodeId">Its start node.</param>
/// <param name="ToNodeId">Its end node.</param>
/// <param name="RoadClass">Its road class.</param>
/// <param name="IsBridge">True when the link is a bridge of the profile's undirected view (closing it splits the network; see <see cref="QuikGraphAdapter.AnalyseConnectivity"/>).</param>
/// <param name="Impacts">The trips hurt, ordered by commune code, then office before hub.</param>
public sealed record CriticalRoad(string LinkId, string FromNodeId, string ToNodeId, RoadClass RoadClass, bool IsBridge,
    ImmutableArray<CriticalRoadImpact> Impacts)
{
    /// <summary>Number of distinct communes with at least one trip hurt.</summary>
    public int AffectedCommunes => Impacts.Select(i => i.CommuneCode).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Number of distinct communes cut off from their office or the hub.</summary>
    public int CutOffCommunes => Impacts.Where(i => i.CutOff).Select(i => i.CommuneCode).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Largest finite extra time among the trips hurt, seconds (0 when every trip hurt is cut off).</summary>
    public double MaxExtraSeconds => Impacts.Where(i => !i.CutOff).Select(i => i.ExtraSeconds).DefaultIfEmpty(0).Max();
}

/// <summary>Result of <see cref="CriticalRoads.Scan"/>. Immutable.</summary>
/// <param name="Profile">Profile scanned.</param>
/// <param name="ThresholdSeconds">Threshold used, seconds.</param>
/// <param name="NetworkVersion">Version of the network scanned.</param>
/// <param name="Roads">Critical links, ranked: most communes affected first, then most cut off, then largest extra time, then link order.</param>
/// <param name="OriginsSearched">Number of origins (offices and hub) searched.</param>
/// <param name="TreeLinksExamined">Number of (origin, shortest-path-tree link) pairs whose closure was evaluated.</param>
/// <param name="Elapsed">Wall time of the scan.</param>
public sealed record CriticalRoadReport(string Profile, double ThresholdSeconds, long NetworkVersion,
    ImmutableArray<CriticalRoad> Roads, int OriginsSearched, long TreeLinksExamined, TimeSpan Elapsed);

/// <summary>
/// Finds the critical roads of a network: links whose closure (one at a time) cuts a commune off from its district
/// office or the hub, or lengthens that trip by more than a threshold.
/// </summary>
/// <remarks>
/// <para>Trips are origin → commune node (delivery direction) by one profile, minimising time; one-way links count in
/// their allowed direction, closed links of the network version stay closed, and closing a link closes both
/// directions. Communes are placed as in <see cref="Coverage"/>; unlocated ones are skipped.</para>
/// <para>Method (replacement paths): for each origin, one Dijkstra gives a shortest-path tree. Closing a link that is
/// not on the tree changes no time from that origin. Closing the tree link into node v changes only the times of the
/// nodes in v's subtree; those are recomputed by a Dijkstra restricted to the subtree and seeded from its boundary
/// (arcs from nodes outside, whose times are unchanged), enumerating subtree nodes lazily in order of their old time
/// and stopping once every commune node in the subtree is settled. Tree links whose subtree holds no commune of
/// interest are skipped, and so are those whose head node's own detour is within the threshold (no node below it can
/// gain more), which a search settling only that node decides. Thread-safe: every call works on its own data.</para>
/// </remarks>
public static class CriticalRoads
{
    /// <summary>Scans <paramref name="network"/> for critical roads.</summary>
    /// <param name="network">The network version.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="progress">Receives the fraction done, 0 … 1 (per origin and every 256 tree links).</param>
    /// <param name="cancellationToken">Stops the scan with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The profile or hub id is unknown, or the threshold is negative or not finite.</exception>
    public static CriticalRoadReport Scan(PostalNetwork network, CriticalRoadOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new CriticalRoadOptions();
        if (!double.IsFinite(options.ThresholdSeconds) || options.ThresholdSeconds < 0)
        {
            throw new ArgumentException($"{nameof(CriticalRoadOptions.ThresholdSeconds)} must be finite and ≥ 0 (was {options.ThresholdSeconds}).", nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var graph = PlanningGraph.Build(network, options.Profile);
        var places = CommunePlaces.Resolve(network, graph);
        var topology = network.Topology;

        // Origins and the communes (by index into places) each serves.
        var origins = new List<(int Node, bool Hub, List<int> Communes)>();
        if (options.FromDistrictOffices)
        {
            var offices = CommunePlaces.DistrictOffices(network);
            foreach (var (_, office) in offices.OrderBy(p => p.Value))
            {
                var served = Enumerable.Range(0, places.Length)
                    .Where(i => places[i].NodeIndex >= 0 && offices.GetValueOrDefault(places[i].Commune.DistrictCode, -1) == office)
                    .ToList();
                if (served.Count > 0)
                {
                    origins.Add((office, false, served));
                }
            }
        }

        if (options.FromHub)
        {
            int hub = CommunePlaces.Hub(network, options.HubId, nameof(CriticalRoadOptions.HubId));
            if (hub >= 0)
            {
                origins.Add((hub, true, [.. Enumerable.Range(0, places.Length).Where(i => places[i].NodeIndex >= 0)]));
            }
        }

        var scanner = new Scanner(graph, options.ThresholdSeconds);
        var impacts = new Dictionary<int, List<CriticalRoadImpact>>();
        long examined = 0;
        for (int o = 0; o < origins.Count; o++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, hub, communes) = origins[o];
            string originId = topology.NodeIdAt(node);
            int at = o;
            examined += scanner.Run(node, communes.Select(i => places[i].NodeIndex).ToArray(),
                (link, targetIndex, before, after) =>
                {
                    if (!impacts.TryGetValue(link, out var list))
                    {
                        impacts[link] = list = [];
                    }

                    list.Add(new CriticalRoadImpact(places[communes[targetIndex]].Commune.Code, originId, hub, before, after));
                },
                fraction => progress?.Report((at + fraction) / origins.Count), cancellationToken);
            progress?.Report((double)(o + 1) / origins.Count);
        }

        var bridges = impacts.Count == 0 ? [] : QuikGraphAdapter.BridgesAndArticulationPoints(network, options.Profile).Bridges.ToHashSet();
        var roads = impacts
            .Select(p => (Link: p.Key, Road: new CriticalRoad(topology.LinkIdAt(p.Key), topology.NodeIdAt(topology.LinkFrom[p.Key]),
                topology.NodeIdAt(topology.LinkTo[p.Key]), topology.RoadClassOf(p.Key), bridges.Contains(p.Key),
                [.. p.Value.OrderBy(i => i.CommuneCode, StringComparer.Ordinal).ThenBy(i => i.FromHub)])))
            .OrderByDescending(r => r.Road.AffectedCommunes)
            .ThenByDescending(r => r.Road.CutOffCommunes)
            .ThenByDescending(r => r.Road.MaxExtraSeconds)
            .ThenBy(r => r.Link)
            .Select(r => r.Road)
            .ToImmutableArray();
        return new CriticalRoadReport(options.Profile, options.ThresholdSeconds, network.Version, roads, origins.Count,
            examined, clock.Elapsed);
    }

    /// <summary>Replacement-path search state for one graph, reused across origins. Not thread-safe.</summary>
    private sealed class Scanner
    {
        private readonly PlanningGraph _graph;
        private readonly double _threshold;
        private readonly double[] _dist;
        private readonly int[] _parent;
        private readonly int[] _predLink;
        private readonly int[] _tin;
        private readonly int[] _tout;
        private readonly int[] _targetsBelow;
        private readonly int[] _childFirst;
        private readonly int[] _children;
        private readonly double[] _newDist;
        private readonly int[] _targetStamp;
        private readonly int[] _bestStamp;
        private readonly int[] _settledStamp;
        private readonly PriorityQueue<int, double> _enumerate = new();
        private readonly PriorityQueue<int, double> _search = new();
        private int _generation;
        private int _peekedNode;

        public Scanner(PlanningGraph graph, double threshold)
        {
            _graph = graph;
            _threshold = threshold;
            int n = graph.NodeCount;
            _dist = new double[n];
            _parent = new int[n];
            _predLink = new int[n];
            _tin = new int[n];
            _tout = new int[n];
            _targetsBelow = new int[n];
            _childFirst = new int[n + 1];
            _children = new int[n];
            _newDist = new double[n];
            _targetStamp = new int[n];
            _bestStamp = new int[n];
            _settledStamp = new int[n];
        }

        /// <summary>
        /// Evaluates every tree link from <paramref name="origin"/> above a target; calls <paramref name="report"/>
        /// (link, target position, before, after or null) for each trip hurt. Returns the number of tree links evaluated.
        /// </summary>
        public long Run(int origin, int[] targets, Action<int, int, double, double?> report, Action<double> progress,
            CancellationToken cancellationToken)
        {
            int n = _graph.NodeCount;
            var order = ForwardTree(origin);

            // Target positions by node, and the count of target nodes in each subtree.
            var targetsAt = new Dictionary<int, List<int>>();
            for (int t = 0; t < targets.Length; t++)
            {
                if (!double.IsPositiveInfinity(_dist[targets[t]]))
                {
                    if (!targetsAt.TryGetValue(targets[t], out var list))
                    {
                        targetsAt[targets[t]] = list = [];
                    }

                    list.Add(t);
                }
            }

            foreach (int v in order)
            {
                _targetsBelow[v] = targetsAt.ContainsKey(v) ? 1 : 0;
            }

            for (int k = order.Count - 1; k > 0; k--)
            {
                int v = order[k];
                _targetsBelow[_parent[v]] += _targetsBelow[v];
            }

            // Children lists and preorder intervals of the tree.
            Array.Clear(_childFirst);
            foreach (int v in order)
            {
                if (_parent[v] >= 0)
                {
                    _childFirst[_parent[v] + 1]++;
                }
            }

            for (int u = 0; u < n; u++)
            {
                _childFirst[u + 1] += _childFirst[u];
            }

            var next = _childFirst[..n];
            foreach (int v in order)
            {
                if (_parent[v] >= 0)
                {
                    _children[next[_parent[v]]++] = v;
                }
            }

            int clock = 0;
            var stack = new Stack<(int Node, bool Exit)>();
            stack.Push((origin, false));
            while (stack.Count > 0)
            {
                var (v, exit) = stack.Pop();
                if (exit)
                {
                    _tout[v] = clock;
                    continue;
                }

                _tin[v] = clock++;
                stack.Push((v, true));
                for (int c = _childFirst[v]; c < _childFirst[v + 1]; c++)
                {
                    stack.Push((_children[c], false));
                }
            }

            // Target nodes sorted by preorder: a subtree's targets are a contiguous range.
            var targetNodes = targetsAt.Keys.OrderBy(v => _tin[v]).ToArray();
            var targetTin = targetNodes.Select(v => _tin[v]).ToArray();

            long examined = 0;
            var relevant = order.Where(v => _parent[v] >= 0 && _targetsBelow[v] > 0).ToArray();
            foreach (int v in relevant)
            {
                if ((++examined & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress((double)examined / relevant.Length);
                }

                // Cheap test first: no node of v's subtree gains more than v itself (its tree path from v avoids the
                // closed link), so when v's own detour is within the threshold nothing below is affected.
                Replace(v, [v]);
                if (_settledStamp[v] == _generation && _newDist[v] - _dist[v] <= _threshold)
                {
                    continue;
                }

                int lo = LowerBound(targetTin, _tin[v]);
                int hi = LowerBound(targetTin, _tout[v]);
                Replace(v, targetNodes.AsSpan(lo, hi - lo));
                for (int k = lo; k < hi; k++)
                {
                    int t = targetNodes[k];
                    double before = _dist[t];
                    double? after = _settledStamp[t] == _generation ? _newDist[t] : null;
                    if (after is null || after.Value - before > _threshold)
                    {
                        foreach (int position in targetsAt[t])
                        {
                            report(_predLink[v], position, before, after);
                        }
                    }
                }
            }

            return examined;
        }

        /// <summary>Plain forward Dijkstra by time from <paramref name="origin"/>; returns the settled order.</summary>
        private List<int> ForwardTree(int origin)
        {
            Array.Fill(_dist, double.PositiveInfinity);
            Array.Fill(_parent, -1);
            Array.Fill(_predLink, -1);
            var done = new bool[_graph.NodeCount];
            var order = new List<int>();
            var heap = new PriorityQueue<int, double>();
            _dist[origin] = 0;
            heap.Enqueue(origin, 0);
            int[] first = _graph.FirstOut, head = _graph.OutHead, link = _graph.OutLink;
            double[] w = _graph.LinkSeconds;
            while (heap.TryDequeue(out int u, out double d))
            {
                if (done[u] || d != _dist[u])
                {
                    continue;
                }

                done[u] = true;
                order.Add(u);
                for (int e = first[u]; e < first[u + 1]; e++)
                {
                    int v = head[e];
                    double nd = d + w[link[e]];
                    if (!done[v] && nd < _dist[v])
                    {
                        _dist[v] = nd;
                        _parent[v] = u;
                        _predLink[v] = link[e];
                        heap.Enqueue(v, nd);
                    }
                }
            }

            return order;
        }

        /// <summary>
        /// New times of <paramref name="targets"/> (all in v's subtree) with the tree link into v closed: settled nodes
        /// get <c>_settledStamp == _generation</c> and <c>_newDist</c>.
        /// </summary>
        private void Replace(int v, ReadOnlySpan<int> targets)
        {
            int gen = ++_generation;
            int lo = _tin[v], hi = _tout[v];
            int closedLink = _predLink[v];
            int remaining = targets.Length;
            foreach (int t in targets)
            {
                _targetStamp[t] = gen;
            }

            _enumerate.Clear(); // subtree nodes by old time
            _search.Clear(); // by new time
            _enumerate.Enqueue(v, _dist[v]);
            int[] firstIn = _graph.FirstIn, inTail = _graph.InTail, inLink = _graph.InLink;
            int[] firstOut = _graph.FirstOut, outHead = _graph.OutHead, outLink = _graph.OutLink;
            double[] w = _graph.LinkSeconds;
            while (remaining > 0)
            {
                bool haveE = _enumerate.TryPeek(out int y, out double oldY);
                bool haveS = _search.TryPeek(out _peekedNode, out double newMin);
                if (!haveE && !haveS)
                {
                    break; // the remaining targets are cut off
                }

                if (haveE && (!haveS || oldY < newMin))
                {
                    // Every node not yet enumerated has a new time ≥ its old time ≥ oldY: seed y from outside first.
                    _enumerate.Dequeue();
                    double seed = double.PositiveInfinity;
                    for (int e = firstIn[y]; e < firstIn[y + 1]; e++)
                    {
                        int x = inTail[e];
                        if (inLink[e] != closedLink && !double.IsPositiveInfinity(_dist[x]) && (_tin[x] < lo || _tin[x] >= hi))
                        {
                            seed = Math.Min(seed, _dist[x] + w[inLink[e]]);
                        }
                    }

                    Offer(y, seed, gen);
                    for (int c = _childFirst[y]; c < _childFirst[y + 1]; c++)
                    {
                        _enumerate.Enqueue(_children[c], _dist[_children[c]]);
                    }

                    continue;
                }

                _search.Dequeue(); // the minimum peeked above: (u, newMin)
                int u = _peekedNode;
                if (_settledStamp[u] == gen || newMin != _newDist[u])
                {
                    continue; // stale entry
                }

                _settledStamp[u] = gen;
                if (_targetStamp[u] == gen)
                {
                    remaining--;
                }

                for (int e = firstOut[u]; e < firstOut[u + 1]; e++)
                {
                    int z = outHead[e];
                    if (outLink[e] != closedLink && !double.IsPositiveInfinity(_dist[z]) && _tin[z] >= lo && _tin[z] < hi)
                    {
                        Offer(z, newMin + w[outLink[e]], gen);
                    }
                }
            }
        }

        private void Offer(int node, double time, int gen)
        {
            if (double.IsPositiveInfinity(time) || _settledStamp[node] == gen)
            {
                return;
            }

            if (_bestStamp[node] != gen || time < _newDist[node])
            {
                _newDist[node] = time;
                _bestStamp[node] = gen;
                _search.Enqueue(node, time);
            }
        }

        private static int LowerBound(int[] sorted, int value)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < value)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
