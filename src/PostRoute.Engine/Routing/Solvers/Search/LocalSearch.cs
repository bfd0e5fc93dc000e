using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Granular local search of HGS-CVRP (Vidal 2022), generalised to the search model: for each client u and each of its
/// correlated neighbours v, the moves relocate (u, (u,x), (x,u) after v), swap (u↔v, (u,x)↔v, (u,x)↔(v,y)), 2-opt
/// within a route, 2-opt* between routes (both variants), moves into one empty route per vehicle type, and SWAP*
/// between routes whose polar sectors overlap; first improvement, until no move improves. Every move is evaluated
/// first (in constant time from prefix/suffix data for moves between routes) and applied only when it lowers the
/// penalised cost. Moves never break a shipment (pickup and delivery stay together, pickup first) and never give a
/// client to a vehicle that provably cannot serve it. Not thread-safe.
/// </summary>
internal sealed class LocalSearch
{
    private const double Epsilon = 1e-7;

    private readonly SearchModel _m;
    private readonly SearchRandom _rng;
    private readonly SequenceEvaluator _ev;
    private readonly SearchRoute[] _routes;
    private readonly int[] _nodeRoute;
    private readonly int[] _nodePos;
    private readonly int[] _orderNodes;
    private readonly int[] _orderRoutes;
    private readonly int[][] _neighbours;
    private readonly int[] _lastTested;
    private readonly int[] _seq;
    private readonly int[] _buffer;
    private readonly int[] _buffer2;
    private readonly int[] _mark;
    private readonly double[] _loads;
    private readonly bool _simpleIntra;
    private readonly bool _reversal2OptStar;
    private readonly int _n;
    private readonly SwapStar _swapStar;
    private readonly SequenceEvaluator.State _state;

    private Penalties _penalties;
    private int _moves;
    private bool _improved;
    private int _loop;
    private Func<bool> _shouldStop = static () => false;
    private int _markStamp;

    public LocalSearch(SearchModel model, SearchRandom rng, Penalties penalties, int[][] neighbours)
    {
        _m = model;
        _rng = rng;
        _penalties = penalties;
        _ev = new SequenceEvaluator(model, penalties);
        _n = model.NodeCount;
        int c = model.ClientCount;
        _routes = new SearchRoute[model.VehicleCount];
        for (int v = 0; v < _routes.Length; v++)
        {
            _routes[v] = new SearchRoute(model, v);
        }

        _nodeRoute = new int[c];
        _nodePos = new int[c];
        _orderNodes = [.. Enumerable.Range(0, c)];
        _orderRoutes = [.. Enumerable.Range(0, model.VehicleCount)];
        _neighbours = neighbours;
        _lastTested = new int[c];
        _seq = new int[c + 2];
        _buffer = new int[c + 2];
        _buffer2 = new int[c + 2];
        _mark = new int[c];
        _loads = new double[model.Dims];
        _simpleIntra = !model.NeedTime && !model.HasPickupLoads && !model.HasDistanceLimit;
        _reversal2OptStar = model.IsSymmetric && !model.NeedTime && !model.HasPickupLoads && !model.HasShipments && model.IsUniformFleet
            && model.VehicleStart[0] == model.VehicleEnd[0];
        _swapStar = new SwapStar(this);
        _state = _ev.NewState();
    }

    public SearchModel Model => _m;

    public SearchRoute[] Routes => _routes;

    /// <summary>Number of moves applied since construction (for benchmarks).</summary>
    public long MovesApplied { get; private set; }

    /// <summary>Number of moves evaluated since construction (for benchmarks).</summary>
    public long MovesEvaluated { get; private set; }

    /// <summary>Improves <paramref name="individual"/> in place under <paramref name="penalties"/>.</summary>
    public void Run(Individual individual, Penalties penalties, Func<bool> shouldStop)
    {
        _penalties = penalties;
        _ev.Penalties = penalties;
        _shouldStop = shouldStop;
        Load(individual);
        InsertUnrouted();
        Search();
        Export(individual);
    }

    /// <summary>
    /// Inserts every unrouted mandatory client (a shipment as a pair) at its cheapest position, in random order, and each
    /// optional one when that costs less than its penalty.
    /// </summary>
    private void InsertUnrouted()
    {
        var pending = new List<int>();
        for (int c = 0; c < _m.ClientCount; c++)
        {
            if (_nodeRoute[c] < 0 && (_m.Partner[c] < 0 || _m.ClientKind[c] == StepKind.Pickup))
            {
                pending.Add(c);
            }
        }

        if (pending.Count == 0)
        {
            return;
        }

        var order = pending.ToArray();
        _rng.Shuffle(order);
        foreach (int c in order)
        {
            InsertBest(c, _m.IsOptional[c] ? _m.Penalty[c] : double.PositiveInfinity);
        }
    }

    /// <summary>Inserts unrouted client <paramref name="c"/> (with its delivery for a pickup) where it costs least, if less than <paramref name="limit"/>.</summary>
    internal bool InsertBest(int c, double limit, bool feasibleOnly = false)
    {
        int partner = _m.Partner[c];
        double best = limit;
        SearchRoute? bestRoute = null;
        int bestI = -1, bestJ = -1;
        Span<bool> seenEmpty = _m.TypeCount <= 256 ? stackalloc bool[_m.TypeCount] : new bool[_m.TypeCount];
        foreach (var route in _routes)
        {
            if (!_m.IsAllowed(route.Vehicle, c))
            {
                continue;
            }

            if (route.Count == 0)
            {
                if (seenEmpty[route.Type])
                {
                    continue;
                }

                seenEmpty[route.Type] = true;
            }

            double baseCost = route.Cost;
            for (int i = 0; i <= route.Count; i++)
            {
                _ev.Start(route, i);
                _ev.Add(c);
                if (partner < 0)
                {
                    _ev.EndWith(route, i + 1);
                    double delta = _ev.Cost() - baseCost;
                    MovesEvaluated++;
                    if (delta < best - Epsilon && (!feasibleOnly || _ev.Feasible()))
                    {
                        (best, bestRoute, bestI) = (delta, route, i);
                    }

                    continue;
                }

                // Pickup after position i, delivery after position j ≥ i.
                _ev.Save(_state);
                for (int j = i; j <= route.Count; j++)
                {
                    if (j > i)
                    {
                        _ev.Restore(_state);
                        _ev.Add(route.Nodes[j]);
                        _ev.Save(_state);
                    }

                    _ev.Add(partner);
                    _ev.EndWith(route, j + 1);
                    double delta = _ev.Cost() - baseCost;
                    MovesEvaluated++;
                    if (delta < best - Epsilon && (!feasibleOnly || _ev.Feasible()))
                    {
                        (best, bestRoute, bestI, bestJ) = (delta, route, i, j);
                    }
                }
            }
        }

        if (bestRoute is null)
        {
            return false;
        }

        int k = 0;
        var nodes = bestRoute.Nodes;
        if (bestI == 0)
        {
            _buffer[k++] = c;
        }

        if (partner >= 0 && bestJ == 0)
        {
            _buffer[k++] = partner;
        }

        for (int p = 1; p <= bestRoute.Count; p++)
        {
            _buffer[k++] = nodes[p];
            if (p == bestI)
            {
                _buffer[k++] = c;
            }

            if (partner >= 0 && p == bestJ)
            {
                _buffer[k++] = partner;
            }
        }

        bestRoute.SetClients(_buffer.AsSpan(0, k));
        bestRoute.Update(_penalties, _nodeRoute, _nodePos, bestRoute.Vehicle);
        Touched(bestRoute);
        _moves++;
        MovesApplied++;
        _improved = true;
        return true;
    }

    /// <summary>
    /// Makes <paramref name="individual"/> feasible: drops clients from infeasible routes (lowest priority first, then the
    /// one whose removal helps most; shipments as pairs), then reinserts each dropped client (highest priority first)
    /// where it keeps its route feasible, an optional one only when that costs less than its penalty.
    /// </summary>
    public void Repair(Individual individual, Penalties penalties)
    {
        _penalties = penalties;
        _ev.Penalties = penalties;
        _shouldStop = static () => false;
        Load(individual);
        var dropped = new List<int>();
        foreach (var route in _routes)
        {
            while (route.Count > 0 && !route.IsFeasible)
            {
                int lowest = int.MaxValue;
                for (int p = 1; p <= route.Count; p++)
                {
                    lowest = Math.Min(lowest, _m.Priority[route.Nodes[p]]);
                }

                int bestPos = -1;
                double bestCost = double.PositiveInfinity;
                for (int p = 1; p <= route.Count; p++)
                {
                    int c = route.Nodes[p];
                    if (_m.Priority[c] != lowest || (_m.Partner[c] >= 0 && _m.ClientKind[c] != StepKind.Pickup))
                    {
                        continue;
                    }

                    _ev.Start(route, p - 1);
                    if (_m.Partner[c] >= 0)
                    {
                        int q = _nodePos[_m.Partner[c]];
                        _ev.AddRange(route, p + 1, q - 1);
                        _ev.EndWith(route, q + 1);
                    }
                    else
                    {
                        _ev.EndWith(route, p + 1);
                    }

                    double cost = _ev.Cost();
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        bestPos = p;
                    }
                }

                int removed = route.Nodes[bestPos];
                int partner = _m.Partner[removed];
                int k = 0;
                for (int p = 1; p <= route.Count; p++)
                {
                    int c = route.Nodes[p];
                    if (c != removed && c != partner)
                    {
                        _buffer[k++] = c;
                    }
                }

                _nodeRoute[removed] = -1;
                if (partner >= 0)
                {
                    _nodeRoute[partner] = -1;
                }

                dropped.Add(removed);
                route.SetClients(_buffer.AsSpan(0, k));
                route.Update(_penalties, _nodeRoute, _nodePos, route.Vehicle);
            }
        }

        foreach (int c in dropped.OrderByDescending(c => _m.Priority[c]).ThenBy(c => c))
        {
            InsertBest(c, _m.IsOptional[c] ? _m.Penalty[c] : double.PositiveInfinity, feasibleOnly: true);
        }

        // Clients that were never routed (for example a start that left them out) get the same chance.
        for (int c = 0; c < _m.ClientCount; c++)
        {
            if (_nodeRoute[c] < 0 && (_m.Partner[c] < 0 || _m.ClientKind[c] == StepKind.Pickup) && !dropped.Contains(c))
            {
                InsertBest(c, _m.IsOptional[c] ? _m.Penalty[c] : double.PositiveInfinity, feasibleOnly: true);
            }
        }

        Export(individual);
    }

    /// <summary>Loads the individual's routes (for benchmarks and tests); no search.</summary>
    public void Load(Individual individual)
    {
        Array.Fill(_nodeRoute, -1);
        for (int r = 0; r < _routes.Length; r++)
        {
            var route = _routes[r];
            route.SetClients(individual.Routes[r]);
            route.Update(_penalties, _nodeRoute, _nodePos, r);
            route.WhenLastModified = 0;
            route.WhenLastTestedSwapStar = -1;
        }

        Array.Fill(_lastTested, -1);
        _moves = 1;
        _swapStar.Reset();
    }

    private void Search()
    {
        _rng.Shuffle(_orderNodes);
        _rng.Shuffle(_orderRoutes);
        int granular = Math.Max(1, _neighbours.Length > 0 ? _neighbours.Max(a => a.Length) : 1);
        for (int i = 0; i < _neighbours.Length; i++)
        {
            if (_rng.Next(granular) == 0)
            {
                _rng.Shuffle(_neighbours[i]);
            }
        }

        bool completed = false;
        for (_loop = 0; !completed; _loop++)
        {
            // At least two loops, since moves into empty routes are not tried in the first.
            completed = _loop > 1;
            _improved = false;
            foreach (int u in _orderNodes)
            {
                if (_shouldStop())
                {
                    return;
                }

                if (_nodeRoute[u] < 0)
                {
                    continue;
                }

                int lastTested = _lastTested[u];
                _lastTested[u] = _moves;
                foreach (int v in _neighbours[u])
                {
                    if (_nodeRoute[u] < 0 || _nodeRoute[v] < 0)
                    {
                        continue;
                    }

                    var ru = _routes[_nodeRoute[u]];
                    var rv = _routes[_nodeRoute[v]];
                    if (_loop == 0 || Math.Max(ru.WhenLastModified, rv.WhenLastModified) > lastTested)
                    {
                        if (TryMovesWithClient(u, v))
                        {
                            continue;
                        }

                        // Moves that insert u right after the start of v's route.
                        if (_nodePos[v] == 1 && TryMovesAfterStart(u, _routes[_nodeRoute[v]]))
                        {
                            continue;
                        }
                    }
                }

                if (_loop > 0 && _nodeRoute[u] >= 0)
                {
                    TryEmptyRoutes(u);
                }
            }

            if (_m.X is not null || _routes.Length <= 64)
            {
                for (int a = 0; a < _orderRoutes.Length; a++)
                {
                    if (_shouldStop())
                    {
                        return;
                    }

                    var ru = _routes[_orderRoutes[a]];
                    int lastTested = ru.WhenLastTestedSwapStar;
                    ru.WhenLastTestedSwapStar = _moves;
                    for (int b = 0; b < _orderRoutes.Length; b++)
                    {
                        var rv = _routes[_orderRoutes[b]];
                        if (ru.Count > 0 && rv.Count > 0 && ru.Vehicle < rv.Vehicle
                            && (_loop == 0 || Math.Max(ru.WhenLastModified, rv.WhenLastModified) > lastTested)
                            && (_m.X is null || SearchRoute.SectorsOverlap(ru, rv)))
                        {
                            _swapStar.Run(ru, rv);
                        }
                    }
                }
            }

            if (_improved)
            {
                completed = false;
            }
        }
    }

    private bool TryMovesWithClient(int u, int v)
    {
        return Relocate(u, v, 0) || Relocate(u, v, 1) || Relocate(u, v, 2)
            || (u <= v && Swap(u, v))
            || SwapPairWithClient(u, v)
            || (u <= v && SwapPairs(u, v))
            || TwoOpt(u, v)
            || (_reversal2OptStar && TwoOptStarReversed(u, _routes[_nodeRoute[v]], _nodePos[v]))
            || TwoOptStar(u, _routes[_nodeRoute[v]], _nodePos[v]);
    }

    private bool TryMovesAfterStart(int u, SearchRoute rv)
    {
        return RelocateAfter(u, rv, 0, 0) || RelocateAfter(u, rv, 0, 1) || RelocateAfter(u, rv, 0, 2)
            || (_reversal2OptStar && TwoOptStarReversed(u, rv, 0))
            || TwoOptStar(u, rv, 0);
    }

    private void TryEmptyRoutes(int u)
    {
        // One empty route per vehicle type suffices: empty routes of a type are interchangeable.
        Span<bool> seen = _m.TypeCount <= 256 ? stackalloc bool[_m.TypeCount] : new bool[_m.TypeCount];
        foreach (var route in _routes)
        {
            if (_nodeRoute[u] < 0)
            {
                return;
            }

            if (route.Count != 0 || seen[route.Type])
            {
                continue;
            }

            seen[route.Type] = true;
            if (!_m.IsAllowed(route.Vehicle, u))
            {
                continue;
            }

            if (RelocateAfter(u, route, 0, 0) || RelocateAfter(u, route, 0, 1) || RelocateAfter(u, route, 0, 2) || TwoOptStar(u, route, 0))
            {
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double D(double[] dist, int a, int b) => dist[(a * _n) + b];

    private double LowerBound(SearchRoute route, double newDistance, int newCount) =>
        newCount == 0 ? 0 : _m.FixedCost[route.Vehicle] + (_m.CostPerMetre[route.Vehicle] * newDistance);

    private bool Relocate(int u, int v, int variant) => RelocateAfter(u, _routes[_nodeRoute[v]], _nodePos[v], variant);

    /// <summary>
    /// Moves u (variant 0), u and its successor x (1), or x then u (2) to just after position <paramref name="iv"/> of
    /// <paramref name="rv"/>.
    /// </summary>
    private bool RelocateAfter(int u, SearchRoute rv, int iv, int variant)
    {
        MovesEvaluated++;
        var ru = _routes[_nodeRoute[u]];
        int iu = _nodePos[u];
        var nodesU = ru.Nodes;
        var nodesV = rv.Nodes;
        int pu = nodesU[iu - 1];
        int v = nodesV[iv];
        int y = nodesV[iv + 1];
        int length = variant == 0 ? 1 : 2;
        if (variant > 0 && iu + 1 > ru.Count)
        {
            return false;
        }

        int x = nodesU[iu + 1];
        int after = nodesU[iu + length]; // the node following the moved block
        if (u == y || (variant > 0 && (v == x || x == y)))
        {
            return false;
        }

        int first = variant == 2 ? x : u;
        int second = variant == 2 ? u : x;
        bool intra = ReferenceEquals(ru, rv);
        if (!intra)
        {
            if (!_m.IsAllowed(rv.Vehicle, u) || (length == 2 && !_m.IsAllowed(rv.Vehicle, x)))
            {
                return false;
            }

            if (_m.HasShipments && !BlockKeepsShipments(first, length == 2 ? second : -1))
            {
                return false;
            }

            var du = _m.Distance[ru.Profile];
            var dv = _m.Distance[rv.Profile];
            double newDistU = ru.Distance + D(du, pu, after) - D(du, pu, u) - (length == 2 ? D(du, u, x) + D(du, x, after) : D(du, u, x));
            int lastMoved = length == 1 ? u : second;
            double newDistV = rv.Distance - D(dv, v, y) + D(dv, v, first) + D(dv, lastMoved, y) + (length == 2 ? D(dv, first, second) : 0);
            if (LowerBound(ru, newDistU, ru.Count - length) + LowerBound(rv, newDistV, rv.Count + length) - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _ev.Start(ru, iu - 1);
            _ev.EndWith(ru, iu + length);
            double costU = _ev.Cost();
            _ev.Start(rv, iv);
            _ev.Add(first);
            if (length == 2)
            {
                _ev.Add(second);
            }

            _ev.EndWith(rv, iv + 1);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = first;
            _seq[1] = second;
            ApplyInter(ru, iu, iu + length - 1, ReadOnlySpan<int>.Empty, rv, iv + 1, iv, _seq.AsSpan(0, length));
            return true;
        }

        // Same route: the block moves forward (iv > iu) or backward (iv < iu − 1).
        if (iv >= iu && iv < iu + length)
        {
            return false;
        }

        var dist = _m.Distance[ru.Profile];
        double delta = D(dist, pu, after) - D(dist, pu, u) - D(dist, (length == 2 ? x : u), after)
            + D(dist, v, first) + D(dist, length == 2 ? second : first, y) - D(dist, v, y);
        if (length == 2)
        {
            delta += D(dist, first, second) - D(dist, u, x);
        }

        double costPerMetre = _m.CostPerMetre[ru.Vehicle];
        int lo, hi, k = 0;
        if (iv > iu)
        {
            lo = iu;
            hi = iv;
            for (int p = iu + length; p <= iv; p++)
            {
                _seq[k++] = nodesU[p];
            }

            _seq[k++] = first;
            if (length == 2)
            {
                _seq[k++] = second;
            }
        }
        else
        {
            lo = iv + 1;
            hi = iu + length - 1;
            _seq[k++] = first;
            if (length == 2)
            {
                _seq[k++] = second;
            }

            for (int p = iv + 1; p < iu; p++)
            {
                _seq[k++] = nodesU[p];
            }
        }

        return TryIntra(ru, lo, hi, k, costPerMetre * delta);
    }

    /// <summary>Swaps clients u and v (not adjacent).</summary>
    private bool Swap(int u, int v)
    {
        MovesEvaluated++;
        var ru = _routes[_nodeRoute[u]];
        var rv = _routes[_nodeRoute[v]];
        int iu = _nodePos[u], iv = _nodePos[v];
        int pu = ru.Nodes[iu - 1], x = ru.Nodes[iu + 1];
        int pv = rv.Nodes[iv - 1], y = rv.Nodes[iv + 1];
        if (u == pv || u == y)
        {
            return false;
        }

        if (!ReferenceEquals(ru, rv))
        {
            if (!_m.IsAllowed(rv.Vehicle, u) || !_m.IsAllowed(ru.Vehicle, v) || (_m.HasShipments && (_m.Partner[u] >= 0 || _m.Partner[v] >= 0)))
            {
                return false;
            }

            var du = _m.Distance[ru.Profile];
            var dv = _m.Distance[rv.Profile];
            double newDistU = ru.Distance - D(du, pu, u) - D(du, u, x) + D(du, pu, v) + D(du, v, x);
            double newDistV = rv.Distance - D(dv, pv, v) - D(dv, v, y) + D(dv, pv, u) + D(dv, u, y);
            if (LowerBound(ru, newDistU, ru.Count) + LowerBound(rv, newDistV, rv.Count) - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _ev.Start(ru, iu - 1);
            _ev.Add(v);
            _ev.EndWith(ru, iu + 1);
            double costU = _ev.Cost();
            _ev.Start(rv, iv - 1);
            _ev.Add(u);
            _ev.EndWith(rv, iv + 1);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = v;
            _seq[1] = u;
            ApplyInter(ru, iu, iu, _seq.AsSpan(0, 1), rv, iv, iv, _seq.AsSpan(1, 1));
            return true;
        }

        var dist = _m.Distance[ru.Profile];
        double delta = D(dist, pu, v) + D(dist, v, x) - D(dist, pu, u) - D(dist, u, x)
            + D(dist, pv, u) + D(dist, u, y) - D(dist, pv, v) - D(dist, v, y);
        int lo = Math.Min(iu, iv), hi = Math.Max(iu, iv);
        var nodes = ru.Nodes;
        int k = 0;
        _seq[k++] = nodes[hi];
        for (int p = lo + 1; p < hi; p++)
        {
            _seq[k++] = nodes[p];
        }

        _seq[k++] = nodes[lo];
        return TryIntra(ru, lo, hi, k, _m.CostPerMetre[ru.Vehicle] * delta);
    }

    /// <summary>Swaps the pair (u, x) with the client v.</summary>
    private bool SwapPairWithClient(int u, int v)
    {
        MovesEvaluated++;
        var ru = _routes[_nodeRoute[u]];
        var rv = _routes[_nodeRoute[v]];
        int iu = _nodePos[u], iv = _nodePos[v];
        if (iu + 1 > ru.Count)
        {
            return false;
        }

        int pu = ru.Nodes[iu - 1], x = ru.Nodes[iu + 1], x2 = ru.Nodes[iu + 2];
        int pv = rv.Nodes[iv - 1], y = rv.Nodes[iv + 1];
        if (u == pv || x == pv || u == y || v == x)
        {
            return false;
        }

        if (!ReferenceEquals(ru, rv))
        {
            if (!_m.IsAllowed(rv.Vehicle, u) || !_m.IsAllowed(rv.Vehicle, x) || !_m.IsAllowed(ru.Vehicle, v))
            {
                return false;
            }

            if (_m.HasShipments && (_m.Partner[v] >= 0 || !BlockKeepsShipments(u, x)))
            {
                return false;
            }

            var du = _m.Distance[ru.Profile];
            var dv = _m.Distance[rv.Profile];
            double newDistU = ru.Distance - D(du, pu, u) - D(du, u, x) - D(du, x, x2) + D(du, pu, v) + D(du, v, x2);
            double newDistV = rv.Distance - D(dv, pv, v) - D(dv, v, y) + D(dv, pv, u) + D(dv, u, x) + D(dv, x, y);
            if (LowerBound(ru, newDistU, ru.Count - 1) + LowerBound(rv, newDistV, rv.Count + 1) - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _ev.Start(ru, iu - 1);
            _ev.Add(v);
            _ev.EndWith(ru, iu + 2);
            double costU = _ev.Cost();
            _ev.Start(rv, iv - 1);
            _ev.Add(u);
            _ev.Add(x);
            _ev.EndWith(rv, iv + 1);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = v;
            _seq[1] = u;
            _seq[2] = x;
            ApplyInter(ru, iu, iu + 1, _seq.AsSpan(0, 1), rv, iv, iv, _seq.AsSpan(1, 2));
            return true;
        }

        var dist = _m.Distance[ru.Profile];
        double delta = D(dist, pu, v) + D(dist, v, x2) - D(dist, pu, u) - D(dist, x, x2)
            + D(dist, pv, u) + D(dist, x, y) - D(dist, pv, v) - D(dist, v, y);
        var nodes = ru.Nodes;
        int lo, hi, k = 0;
        if (iu < iv)
        {
            lo = iu;
            hi = iv;
            _seq[k++] = v;
            for (int p = iu + 2; p < iv; p++)
            {
                _seq[k++] = nodes[p];
            }

            _seq[k++] = u;
            _seq[k++] = x;
        }
        else
        {
            lo = iv;
            hi = iu + 1;
            _seq[k++] = u;
            _seq[k++] = x;
            for (int p = iv + 1; p < iu; p++)
            {
                _seq[k++] = nodes[p];
            }

            _seq[k++] = v;
        }

        return TryIntra(ru, lo, hi, k, _m.CostPerMetre[ru.Vehicle] * delta);
    }

    /// <summary>Swaps the pairs (u, x) and (v, y).</summary>
    private bool SwapPairs(int u, int v)
    {
        MovesEvaluated++;
        var ru = _routes[_nodeRoute[u]];
        var rv = _routes[_nodeRoute[v]];
        int iu = _nodePos[u], iv = _nodePos[v];
        if (iu + 1 > ru.Count || iv + 1 > rv.Count)
        {
            return false;
        }

        int pu = ru.Nodes[iu - 1], x = ru.Nodes[iu + 1], x2 = ru.Nodes[iu + 2];
        int pv = rv.Nodes[iv - 1], y = rv.Nodes[iv + 1], y2 = rv.Nodes[iv + 2];
        if (y == pu || u == y || x == v || v == x2)
        {
            return false;
        }

        if (!ReferenceEquals(ru, rv))
        {
            if (!_m.IsAllowed(rv.Vehicle, u) || !_m.IsAllowed(rv.Vehicle, x) || !_m.IsAllowed(ru.Vehicle, v) || !_m.IsAllowed(ru.Vehicle, y))
            {
                return false;
            }

            if (_m.HasShipments && (!BlockKeepsShipments(u, x) || !BlockKeepsShipments(v, y)))
            {
                return false;
            }

            var du = _m.Distance[ru.Profile];
            var dv = _m.Distance[rv.Profile];
            double newDistU = ru.Distance - D(du, pu, u) - D(du, u, x) - D(du, x, x2) + D(du, pu, v) + D(du, v, y) + D(du, y, x2);
            double newDistV = rv.Distance - D(dv, pv, v) - D(dv, v, y) - D(dv, y, y2) + D(dv, pv, u) + D(dv, u, x) + D(dv, x, y2);
            if (LowerBound(ru, newDistU, ru.Count) + LowerBound(rv, newDistV, rv.Count) - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _ev.Start(ru, iu - 1);
            _ev.Add(v);
            _ev.Add(y);
            _ev.EndWith(ru, iu + 2);
            double costU = _ev.Cost();
            _ev.Start(rv, iv - 1);
            _ev.Add(u);
            _ev.Add(x);
            _ev.EndWith(rv, iv + 2);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = v;
            _seq[1] = y;
            _seq[2] = u;
            _seq[3] = x;
            ApplyInter(ru, iu, iu + 1, _seq.AsSpan(0, 2), rv, iv, iv + 1, _seq.AsSpan(2, 2));
            return true;
        }

        var dist = _m.Distance[ru.Profile];
        double delta = D(dist, pu, v) + D(dist, v, y) + D(dist, y, x2) - D(dist, pu, u) - D(dist, u, x) - D(dist, x, x2)
            + D(dist, pv, u) + D(dist, u, x) + D(dist, x, y2) - D(dist, pv, v) - D(dist, v, y) - D(dist, y, y2);
        var nodes = ru.Nodes;
        int lo, hi, k = 0;
        if (iu < iv)
        {
            lo = iu;
            hi = iv + 1;
            _seq[k++] = v;
            _seq[k++] = y;
            for (int p = iu + 2; p < iv; p++)
            {
                _seq[k++] = nodes[p];
            }

            _seq[k++] = u;
            _seq[k++] = x;
        }
        else
        {
            lo = iv;
            hi = iu + 1;
            _seq[k++] = u;
            _seq[k++] = x;
            for (int p = iv + 2; p < iu; p++)
            {
                _seq[k++] = nodes[p];
            }

            _seq[k++] = v;
            _seq[k++] = y;
        }

        return TryIntra(ru, lo, hi, k, _m.CostPerMetre[ru.Vehicle] * delta);
    }

    /// <summary>2-opt within a route: reverses the clients from x (after u) to v.</summary>
    private bool TwoOpt(int u, int v)
    {
        MovesEvaluated++;
        int r = _nodeRoute[u];
        if (_nodeRoute[v] != r)
        {
            return false;
        }

        var route = _routes[r];
        int iu = _nodePos[u], iv = _nodePos[v];
        if (iu >= iv || iu + 1 == iv)
        {
            return false;
        }

        var nodes = route.Nodes;
        int x = nodes[iu + 1], y = nodes[iv + 1];
        var dist = _m.Distance[route.Profile];
        int k = 0;
        for (int p = iv; p > iu; p--)
        {
            _seq[k++] = nodes[p];
        }

        if (_m.IsSymmetric)
        {
            double delta = D(dist, u, v) + D(dist, x, y) - D(dist, u, x) - D(dist, v, y);
            return TryIntra(route, iu + 1, iv, k, _m.CostPerMetre[route.Vehicle] * delta);
        }

        // Asymmetric: the reversed part's own length changes too.
        double newDist = D(dist, u, v) + D(dist, x, y) - D(dist, u, x) - D(dist, v, y);
        for (int p = iu + 1; p < iv; p++)
        {
            newDist += D(dist, nodes[p + 1], nodes[p]) - D(dist, nodes[p], nodes[p + 1]);
        }

        return TryIntra(route, iu + 1, iv, k, _m.CostPerMetre[route.Vehicle] * newDist);
    }

    /// <summary>
    /// Evaluates replacing positions lo … hi of <paramref name="route"/> by the first <paramref name="k"/> entries of
    /// the scratch sequence (a rearrangement of the same clients) whose distance change costs
    /// <paramref name="distanceCostDelta"/>, and applies it when it improves.
    /// </summary>
    private bool TryIntra(SearchRoute route, int lo, int hi, int k, double distanceCostDelta)
    {
        double delta;
        if (_simpleIntra)
        {
            // Loads, stops and penalties do not change within a route: only the distance does.
            delta = distanceCostDelta;
        }
        else
        {
            if (distanceCostDelta - route.Slack > -Epsilon)
            {
                return false;
            }

            if (_m.HasShipments && !SequenceKeepsShipments(_seq.AsSpan(0, k)))
            {
                return false;
            }

            _ev.Start(route, lo - 1);
            for (int i = 0; i < k; i++)
            {
                _ev.Add(_seq[i]);
            }

            _ev.EndWith(route, hi + 1);
            delta = _ev.Cost() - route.Cost;
        }

        if (delta > -Epsilon)
        {
            return false;
        }

        ApplyIntra(route, lo, hi, _seq.AsSpan(0, k));
        return true;
    }

    /// <summary>2-opt* between routes: u's route continues with what followed position iv of rv, and rv with what followed u.</summary>
    private bool TwoOptStar(int u, SearchRoute rv, int iv)
    {
        MovesEvaluated++;
        var ru = _routes[_nodeRoute[u]];
        if (ReferenceEquals(ru, rv))
        {
            return false;
        }

        int iu = _nodePos[u];
        if (_m.HasShipments && (ru.Open[iu] != 0 || rv.Open[iv] != 0))
        {
            return false;
        }

        if (!_m.AllAllowed && (!TailAllowed(ru, iu + 1, rv.Vehicle) || !TailAllowed(rv, iv + 1, ru.Vehicle)))
        {
            return false;
        }

        int newCountU = iu + (rv.Count - iv), newCountV = iv + (ru.Count - iu);
        if (ru.Type == rv.Type)
        {
            var dist = _m.Distance[ru.Profile];
            int x = ru.Nodes[iu + 1], y = rv.Nodes[iv + 1];
            double newDistU = ru.PrefDist[iu] + D(dist, u, y) + rv.SufDist[iv + 1];
            double newDistV = rv.PrefDist[iv] + D(dist, rv.Nodes[iv], x) + ru.SufDist[iu + 1];
            if (LowerBound(ru, newDistU, newCountU) + LowerBound(rv, newDistV, newCountV) - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }
        }

        _ev.Start(ru, iu);
        _ev.EndWith(rv, iv + 1);
        double costU = _ev.Cost();
        _ev.Start(rv, iv);
        _ev.EndWith(ru, iu + 1);
        double costV = _ev.Cost();
        if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
        {
            return false;
        }

        // New clients of u's route: its head, then rv's tail; of rv: its head, then u's tail.
        int a = 0, b = 0;
        for (int p = 1; p <= iu; p++)
        {
            _buffer[a++] = ru.Nodes[p];
        }

        for (int p = iv + 1; p <= rv.Count; p++)
        {
            _buffer[a++] = rv.Nodes[p];
        }

        for (int p = 1; p <= iv; p++)
        {
            _buffer2[b++] = rv.Nodes[p];
        }

        for (int p = iu + 1; p <= ru.Count; p++)
        {
            _buffer2[b++] = ru.Nodes[p];
        }

        ru.SetClients(_buffer.AsSpan(0, a));
        rv.SetClients(_buffer2.AsSpan(0, b));
        AfterInterMove(ru, rv);
        return true;
    }

    /// <summary>
    /// 2-opt* with reversal (symmetric CVRP with one depot): u's route becomes its head then v, its predecessors back
    /// to the start; v's route becomes u's tail reversed, then what followed v.
    /// </summary>
    private bool TwoOptStarReversed(int u, SearchRoute rv, int iv)
    {
        MovesEvaluated++;
        var ru = _routes[_nodeRoute[u]];
        if (ReferenceEquals(ru, rv))
        {
            return false;
        }

        int iu = _nodePos[u];
        int v = rv.Nodes[iv];
        int x = ru.Nodes[iu + 1], y = rv.Nodes[iv + 1];
        var dist = _m.Distance[ru.Profile];
        int depot = ru.StartNode;
        int newCountU = iu + iv, newCountV = (ru.Count - iu) + (rv.Count - iv);

        // Route U: start … u, v … first of V, end. Route V: start, last of U … x, y … end.
        double newDistU = ru.PrefDist[iu] + D(dist, u, v) + rv.PrefDist[iv];
        double newDistV = ru.SufDist[iu + 1] + D(dist, x, y) + rv.SufDist[iv + 1];
        if (iv == 0)
        {
            newDistU = ru.PrefDist[iu] + D(dist, u, depot);
        }

        if (iu == ru.Count)
        {
            newDistV = D(dist, depot, y) + rv.SufDist[iv + 1];
        }

        if (LowerBound(ru, newDistU, newCountU) + LowerBound(rv, newDistV, newCountV) - ru.Cost - rv.Cost > -Epsilon)
        {
            return false;
        }

        for (int d = 0; d < _m.Dims; d++)
        {
            _loads[d] = ru.PrefD[(iu * _m.Dims) + d] + rv.PrefD[(iv * _m.Dims) + d];
        }

        double costU = CostWithoutTime(ru.Vehicle, newDistU, newCountU, _loads);
        for (int d = 0; d < _m.Dims; d++)
        {
            _loads[d] = ru.MaxLoad[d] + rv.MaxLoad[d] - _loads[d];
        }

        double costV = CostWithoutTime(rv.Vehicle, newDistV, newCountV, _loads);
        if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
        {
            return false;
        }

        int a = 0, b = 0;
        for (int p = 1; p <= iu; p++)
        {
            _buffer[a++] = ru.Nodes[p];
        }

        for (int p = iv; p >= 1; p--)
        {
            _buffer[a++] = rv.Nodes[p];
        }

        for (int p = ru.Count; p > iu; p--)
        {
            _buffer2[b++] = ru.Nodes[p];
        }

        for (int p = iv + 1; p <= rv.Count; p++)
        {
            _buffer2[b++] = rv.Nodes[p];
        }

        ru.SetClients(_buffer.AsSpan(0, a));
        rv.SetClients(_buffer2.AsSpan(0, b));
        AfterInterMove(ru, rv);
        return true;
    }

    /// <summary>Penalised cost of a route of <paramref name="vehicle"/> when no rule depends on time.</summary>
    private double CostWithoutTime(int vehicle, double distance, int stops, double[] loads)
    {
        if (stops == 0)
        {
            return 0;
        }

        double cost = _m.FixedCost[vehicle] + (_m.CostPerMetre[vehicle] * distance);
        int o = vehicle * _m.Dims;
        for (int d = 0; d < _m.Dims; d++)
        {
            double excess = loads[d] - _m.Capacity[o + d];
            if (excess > 0)
            {
                cost += _penalties.Load[d] * excess;
            }
        }

        cost += _penalties.Distance * Math.Max(0, distance - _m.MaxDistance[vehicle]);
        cost += _penalties.Stops * Math.Max(0, stops - _m.MaxStops[vehicle]);
        return cost;
    }

    private bool TailAllowed(SearchRoute route, int from, int vehicle)
    {
        for (int p = from; p <= route.Count; p++)
        {
            if (!_m.IsAllowed(vehicle, route.Nodes[p]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A block of one or two clients moved to another route keeps every shipment whole and in order.</summary>
    private bool BlockKeepsShipments(int first, int second)
    {
        int pf = _m.Partner[first];
        if (second < 0)
        {
            return pf < 0;
        }

        int ps = _m.Partner[second];
        if (pf < 0 && ps < 0)
        {
            return true;
        }

        return pf == second && _m.ClientKind[first] == StepKind.Pickup;
    }

    /// <summary>Within a rearranged window, every delivery whose pickup is also in the window comes after it.</summary>
    private bool SequenceKeepsShipments(ReadOnlySpan<int> sequence)
    {
        _markStamp++;
        foreach (int c in sequence)
        {
            if (_m.Partner[c] < 0)
            {
                continue;
            }

            if (_m.ClientKind[c] == StepKind.Pickup)
            {
                _mark[c] = _markStamp;
            }
            else if (_nodeRoute[_m.Partner[c]] == _nodeRoute[c] && _mark[_m.Partner[c]] != _markStamp)
            {
                // The pickup is either before the window (fine) or later in it (broken).
                int pickup = _m.Partner[c];
                if (Contains(sequence, pickup))
                {
                    return false;
                }
            }
        }

        return true;

        static bool Contains(ReadOnlySpan<int> s, int value) => s.Contains(value);
    }

    private void ApplyIntra(SearchRoute route, int lo, int hi, ReadOnlySpan<int> sequence)
    {
        sequence.CopyTo(route.Nodes.AsSpan(lo, hi - lo + 1));
        route.Update(_penalties, _nodeRoute, _nodePos, route.Vehicle);
        Touched(route);
        _moves++;
        MovesApplied++;
        _improved = true;
    }

    /// <summary>Replaces positions loU … hiU of ru by seqU and positions loV … hiV of rv by seqV.</summary>
    private void ApplyInter(SearchRoute ru, int loU, int hiU, ReadOnlySpan<int> seqU, SearchRoute rv, int loV, int hiV, ReadOnlySpan<int> seqV)
    {
        int a = 0;
        for (int p = 1; p < loU; p++)
        {
            _buffer[a++] = ru.Nodes[p];
        }

        foreach (int c in seqU)
        {
            _buffer[a++] = c;
        }

        for (int p = hiU + 1; p <= ru.Count; p++)
        {
            _buffer[a++] = ru.Nodes[p];
        }

        int b = 0;
        for (int p = 1; p < loV; p++)
        {
            _buffer2[b++] = rv.Nodes[p];
        }

        foreach (int c in seqV)
        {
            _buffer2[b++] = c;
        }

        for (int p = hiV + 1; p <= rv.Count; p++)
        {
            _buffer2[b++] = rv.Nodes[p];
        }

        ru.SetClients(_buffer.AsSpan(0, a));
        rv.SetClients(_buffer2.AsSpan(0, b));
        AfterInterMove(ru, rv);
    }

    internal void AfterInterMove(SearchRoute ru, SearchRoute rv)
    {
        ru.Update(_penalties, _nodeRoute, _nodePos, ru.Vehicle);
        rv.Update(_penalties, _nodeRoute, _nodePos, rv.Vehicle);
        Touched(ru);
        Touched(rv);
        _moves++;
        MovesApplied++;
        _improved = true;
    }

    private void Touched(SearchRoute route) => route.WhenLastModified = _moves;

    internal int MovesCounter => _moves;

    internal int[] NodeRoute => _nodeRoute;

    internal int[] NodePos => _nodePos;

    internal SequenceEvaluator Evaluator => _ev;

    internal Penalties CurrentPenalties => _penalties;

    internal int[] Buffer => _buffer;

    internal int[] Buffer2 => _buffer2;

    /// <summary>Writes the routes into <paramref name="individual"/> with its costs, giant tour and neighbour maps.</summary>
    public void Export(Individual individual)
    {
        var m = _m;
        int dims = m.Dims;
        individual.BaseCost = 0;
        Array.Clear(individual.LoadExcess);
        individual.TimeExcess = individual.DistanceExcess = individual.StopsExcess = 0;
        individual.RouteCount = 0;
        Array.Fill(individual.Successor, -2);
        Array.Fill(individual.Predecessor, -2);
        var order = new List<(double Angle, int Route)>();
        for (int r = 0; r < _routes.Length; r++)
        {
            var route = _routes[r];
            individual.Routes[r] = route.Clients.ToArray();
            if (route.Count == 0)
            {
                continue;
            }

            individual.RouteCount++;
            individual.BaseCost += route.BaseCost;
            for (int d = 0; d < dims; d++)
            {
                individual.LoadExcess[d] += route.LoadExcess[d];
            }

            individual.TimeExcess += route.TimeExcess;
            individual.DistanceExcess += route.DistanceExcess;
            individual.StopsExcess += route.StopsExcess;
            order.Add((route.PolarAngle, r));
            for (int p = 1; p <= route.Count; p++)
            {
                int c = route.Nodes[p];
                individual.Predecessor[c] = p > 1 ? route.Nodes[p - 1] : -1;
                individual.Successor[c] = p < route.Count ? route.Nodes[p + 1] : -1;
            }
        }

        // Giant tour in polar order of the routes' barycentres (HGS), which keeps neighbouring routes together for OX.
        order.Sort((a, b) => a.Angle != b.Angle ? a.Angle.CompareTo(b.Angle) : a.Route.CompareTo(b.Route));
        var tour = new List<int>(m.ClientCount);
        foreach (var (_, r) in order)
        {
            tour.AddRange(individual.Routes[r]);
        }

        individual.GiantTour = [.. tour];
        var unassigned = new List<int>();
        int mandatory = 0;
        for (int c = 0; c < m.ClientCount; c++)
        {
            if (_nodeRoute[c] < 0)
            {
                unassigned.Add(c);
                individual.BaseCost += m.Penalty[c];
                if (!m.IsOptional[c] && m.Partner[c] != c - 1)
                {
                    mandatory++;
                }
            }
        }

        individual.Unassigned = [.. unassigned];
        individual.MandatoryUnassigned = mandatory;
        individual.Reprice(_penalties);
        individual.IsFeasible = mandatory == 0 && individual.TimeExcess <= 1e-9 && individual.DistanceExcess <= 1e-9 && individual.StopsExcess <= 0
            && individual.LoadExcess.All(e => e <= 1e-9);
    }
}
