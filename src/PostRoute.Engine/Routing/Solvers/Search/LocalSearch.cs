using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    private readonly bool _allAllowed;
    private readonly bool _hasShipments;
    private readonly bool _reversal2OptStar;
    private readonly int _n;
    private readonly SwapStar _swapStar;
    private readonly SequenceEvaluator.State _state;
    private readonly int[] _routeSeen;
    private int _routeStamp;

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
        _allAllowed = model.AllAllowed;
        _hasShipments = model.HasShipments;
        _simpleIntra = !model.NeedTime && !model.HasPickupLoads && !model.HasDistanceLimit;
        _reversal2OptStar = model.IsSymmetric && !model.NeedTime && !model.HasPickupLoads && !model.HasShipments && model.IsUniformFleet
            && model.VehicleCount > 0 && model.VehicleStart[0] == model.VehicleEnd[0];
        _swapStar = new SwapStar(this);
        _state = _ev.NewState();
        _routeSeen = new int[model.VehicleCount];
    }

    public SearchModel Model => _m;

    /// <summary>Most routes a solution may use (fleet reduction for the vehicles-first objective); moves never open more.</summary>
    public int RouteLimit { get; set; } = int.MaxValue;

    /// <summary>True when one more route may be opened under <see cref="RouteLimit"/>.</summary>
    private bool CanOpenRoute()
    {
        if (RouteLimit >= _routes.Length)
        {
            return true;
        }

        int used = 0;
        foreach (var route in _routes)
        {
            if (route.Count > 0)
            {
                used++;
            }
        }

        return used < RouteLimit;
    }

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
        bool canOpen = CanOpenRoute();
        foreach (var route in _routes)
        {
            if (!_m.IsAllowed(route.Vehicle, c))
            {
                continue;
            }

            if (route.Count == 0)
            {
                if (!canOpen || seenEmpty[route.Type])
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

    /// <summary>
    /// Moves the shipment picked up at <paramref name="pickup"/> (both stops) to the best positions of another route:
    /// the routes of the neighbours of either stop, and one empty route per vehicle type after the first loop.
    /// </summary>
    private bool TryRelocateShipment(int pickup, int lastTested)
    {
        int delivery = _m.Partner[pickup];
        var ru = _routes[_nodeRoute[pickup]];
        int ip = _nodePos[pickup], id = _nodePos[delivery];
        _ev.Start(ru, ip - 1);
        _ev.AddRange(ru, ip + 1, id - 1);
        _ev.EndWith(ru, id + 1);
        double removalDelta = _ev.Cost() - ru.Cost;
        double best = -Epsilon;
        SearchRoute? bestRoute = null;
        int bestI = -1, bestJ = -1;
        _routeStamp++;
        _routeSeen[ru.Vehicle] = _routeStamp;
        Span<bool> seenEmpty = _m.TypeCount <= 256 ? stackalloc bool[_m.TypeCount] : new bool[_m.TypeCount];
        for (int side = 0; side < 2; side++)
        {
            foreach (int w in _neighbours[side == 0 ? pickup : delivery])
            {
                if (_nodeRoute[w] >= 0)
                {
                    Consider(_routes[_nodeRoute[w]]);
                }
            }
        }

        if (_loop > 0 && CanOpenRoute())
        {
            foreach (var route in _routes)
            {
                if (route.Count == 0 && !seenEmpty[route.Type])
                {
                    seenEmpty[route.Type] = true;
                    Consider(route);
                }
            }
        }

        if (bestRoute is null)
        {
            return false;
        }

        int a = 0;
        for (int p = 1; p <= ru.Count; p++)
        {
            int c = ru.Nodes[p];
            if (c != pickup && c != delivery)
            {
                _buffer[a++] = c;
            }
        }

        int b = 0;
        if (bestI == 0)
        {
            _buffer2[b++] = pickup;
        }

        if (bestJ == 0)
        {
            _buffer2[b++] = delivery;
        }

        for (int p = 1; p <= bestRoute.Count; p++)
        {
            _buffer2[b++] = bestRoute.Nodes[p];
            if (p == bestI)
            {
                _buffer2[b++] = pickup;
            }

            if (p == bestJ)
            {
                _buffer2[b++] = delivery;
            }
        }

        ru.SetClients(_buffer.AsSpan(0, a));
        bestRoute.SetClients(_buffer2.AsSpan(0, b));
        AfterInterMove(ru, bestRoute);
        return true;

        void Consider(SearchRoute rv)
        {
            if (_routeSeen[rv.Vehicle] == _routeStamp || !_m.IsAllowed(rv.Vehicle, pickup))
            {
                return;
            }

            _routeSeen[rv.Vehicle] = _routeStamp;
            if (_loop > 0 && Math.Max(ru.WhenLastModified, rv.WhenLastModified) <= lastTested)
            {
                return;
            }

            double baseCost = rv.Cost - removalDelta;
            for (int i = 0; i <= rv.Count; i++)
            {
                _ev.Start(rv, i);
                _ev.Add(pickup);
                _ev.Save(_state);
                for (int j = i; j <= rv.Count; j++)
                {
                    if (j > i)
                    {
                        _ev.Restore(_state);
                        _ev.Add(rv.Nodes[j]);
                        _ev.Save(_state);
                    }

                    _ev.Add(delivery);
                    _ev.EndWith(rv, j + 1);
                    MovesEvaluated++;
                    double delta = _ev.Cost() - baseCost;
                    if (delta < best)
                    {
                        (best, bestRoute, bestI, bestJ) = (delta, rv, i, j);
                    }
                }
            }
        }
    }

    /// <summary>Removes client u (with its delivery for a pickup) when that saves more than leaving it out costs.</summary>
    private bool TryRemove(int u)
    {
        MovesEvaluated++;
        var route = _routes[_nodeRoute[u]];
        int p = _nodePos[u];
        int partner = _m.Partner[u];
        _ev.Start(route, p - 1);
        if (partner >= 0)
        {
            int q = _nodePos[partner];
            _ev.AddRange(route, p + 1, q - 1);
            _ev.EndWith(route, q + 1);
        }
        else
        {
            _ev.EndWith(route, p + 1);
        }

        if (_ev.Cost() + _m.DropCost(u) - route.Cost > -Epsilon)
        {
            return false;
        }

        int k = 0;
        for (int i = 1; i <= route.Count; i++)
        {
            int c = route.Nodes[i];
            if (c != u && c != partner)
            {
                _buffer[k++] = c;
            }
        }

        _nodeRoute[u] = -1;
        if (partner >= 0)
        {
            _nodeRoute[partner] = -1;
        }

        route.SetClients(_buffer.AsSpan(0, k));
        route.Update(_penalties, _nodeRoute, _nodePos, route.Vehicle);
        Touched(route);
        _moves++;
        MovesApplied++;
        _improved = true;
        return true;
    }

    /// <summary>
    /// Benchmark support: evaluates the granular moves of every client with each of its neighbours, cyclically, until
    /// at least <paramref name="count"/> moves have been evaluated; at a local optimum nothing is applied. Returns the
    /// number of moves applied.
    /// </summary>
    internal long EvaluateMoves(long count)
    {
        long target = MovesEvaluated + count;
        long applied = MovesApplied;
        while (MovesEvaluated < target)
        {
            foreach (int u in _orderNodes)
            {
                if (_nodeRoute[u] < 0)
                {
                    continue;
                }

                foreach (int v in _neighbours[u])
                {
                    if (_nodeRoute[v] >= 0 && _nodeRoute[u] >= 0 && !TryMovesWithClient(u, v) && _nodePos[v] == 1)
                    {
                        TryMovesAfterStart(u, _routes[_nodeRoute[v]]);
                    }
                }

                if (MovesEvaluated >= target)
                {
                    break;
                }
            }
        }

        return MovesApplied - applied;
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

                if (_m.HasOptional && _m.IsOptional[u] && (_m.Partner[u] < 0 || _m.ClientKind[u] == StepKind.Pickup))
                {
                    // Leave a client out when that saves more than what leaving it out costs; serve it when that costs less.
                    if (_nodeRoute[u] < 0)
                    {
                        InsertBest(u, _m.DropCost(u));
                        continue;
                    }

                    if (TryRemove(u))
                    {
                        continue;
                    }
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

                if (_hasShipments && _m.ClientKind[u] == StepKind.Pickup && _nodeRoute[u] >= 0)
                {
                    TryRelocateShipment(u, lastTested);
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

    // The pair under examination (HGS's setLocalVariablesRouteU/V): u with its route, position, predecessor pu,
    // successor x and x's successor x2; v (a client, or the start terminal at position 0) with pv, y and y2; the
    // distance matrices and costs per metre of both routes; and the arcs most moves read.
    private SearchRoute _ru = null!;
    private SearchRoute _rv = null!;
    private int _u, _iu, _pu, _x, _x2;
    private int _v, _iv, _pv, _y, _y2;
    private bool _xClient, _yClient, _intra;
    private double[] _du = [];
    private double[] _dv = [];
    private double _dPuU, _dUX, _dXX2, _dPvV, _dVY, _dYY2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double D(double[] dist, int a, int b) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dist), (a * _n) + b);

    private void SetU(int u)
    {
        var route = _routes[_nodeRoute[u]];
        int iu = _nodePos[u];
        var nodes = route.Nodes;
        _ru = route;
        _u = u;
        _iu = iu;
        _pu = nodes[iu - 1];
        _x = nodes[iu + 1];
        _xClient = iu < route.Count;
        _x2 = _xClient ? nodes[iu + 2] : -1;
        _du = _m.Distance[route.Profile];
        _dPuU = D(_du, _pu, u);
        _dUX = D(_du, u, _x);
        _dXX2 = _xClient ? D(_du, _x, _x2) : 0;
    }

    private void SetV(SearchRoute route, int iv)
    {
        var nodes = route.Nodes;
        _rv = route;
        _iv = iv;
        _v = nodes[iv];
        _pv = iv > 0 ? nodes[iv - 1] : -1;
        _y = nodes[iv + 1];
        _yClient = iv < route.Count;
        _y2 = _yClient ? nodes[iv + 2] : -1;
        _dv = _m.Distance[route.Profile];
        _dVY = D(_dv, _v, _y);
        _dPvV = iv > 0 ? D(_dv, _pv, _v) : 0;
        _dYY2 = _yClient ? D(_dv, _y, _y2) : 0;
        _intra = ReferenceEquals(_ru, route);
    }

    private bool TryMovesWithClient(int u, int v)
    {
        SetU(u);
        SetV(_routes[_nodeRoute[v]], _nodePos[v]);
        return Relocate(0) || Relocate(1) || Relocate(2)
            || (u <= v && Swap())
            || SwapPairWithClient()
            || (u <= v && SwapPairs())
            || (_intra && TwoOpt())
            || (!_intra && _reversal2OptStar && TwoOptStarReversed())
            || (!_intra && TwoOptStar());
    }

    private bool TryMovesAfterStart(int u, SearchRoute rv)
    {
        SetU(u);
        SetV(rv, 0);
        return Relocate(0) || Relocate(1) || Relocate(2)
            || (!_intra && _reversal2OptStar && TwoOptStarReversed())
            || (!_intra && TwoOptStar());
    }

    private void TryEmptyRoutes(int u)
    {
        if (!CanOpenRoute())
        {
            return;
        }

        // One empty route per vehicle type suffices: empty routes of a type are interchangeable.
        Span<bool> seen = _m.TypeCount <= 256 ? stackalloc bool[_m.TypeCount] : new bool[_m.TypeCount];
        foreach (var route in _routes)
        {
            if (route.Count != 0 || seen[route.Type])
            {
                continue;
            }

            seen[route.Type] = true;
            if (!_m.IsAllowed(route.Vehicle, u))
            {
                continue;
            }

            SetU(u);
            SetV(route, 0);
            if (Relocate(0) || Relocate(1) || Relocate(2) || TwoOptStar())
            {
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LowerBound(SearchRoute route, double newDistance, int newCount) =>
        newCount == 0 ? 0 : route.FixedCost + (route.CostPerMetre * newDistance);

    /// <summary>True when the change cannot pay: the new routes' fixed and distance costs already reach the old costs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Pruned(double newDistU, int newCountU, double newDistV, int newCountV) =>
        LowerBound(_ru, newDistU, newCountU) + LowerBound(_rv, newDistV, newCountV) - _ru.Cost - _rv.Cost > -Epsilon;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Allowed(SearchRoute route, int c) => _allAllowed || _m.IsAllowed(route.Vehicle, c);

    /// <summary>Moves u (variant 0), u then x (1), or x then u (2) to just after v.</summary>
    private bool Relocate(int variant)
    {
        MovesEvaluated++;
        int u = _u, x = _x, v = _v, y = _y;
        int length = variant == 0 ? 1 : 2;
        if (u == y || (variant > 0 && (!_xClient || v == x)))
        {
            return false;
        }

        int first = variant == 2 ? x : u;
        int second = variant == 2 ? u : x;
        int lastMoved = length == 1 ? u : second;
        int after = length == 1 ? x : _x2;
        var du = _du;
        var dv = _dv;
        if (!_intra)
        {
            // Removing the block from u's route, inserting it between v and y.
            double removal = D(du, _pu, after) - _dPuU - _dUX - (length == 2 ? _dXX2 : 0);
            double insertion = D(dv, v, first) + D(dv, lastMoved, y) - _dVY + (length == 2 ? D(dv, first, second) : 0);
            var ru = _ru;
            var rv = _rv;
            if (Pruned(ru.Distance + removal, ru.Count - length, rv.Distance + insertion, rv.Count + length))
            {
                return false;
            }

            if (!Allowed(rv, u) || (length == 2 && !Allowed(rv, x)) || (_hasShipments && !BlockKeepsShipments(first, length == 2 ? second : -1)))
            {
                return false;
            }

            _ev.Start(ru, _iu - 1);
            _ev.EndWith(ru, _iu + length);
            double costU = _ev.Cost();
            _ev.Start(rv, _iv);
            _ev.Add(first);
            if (length == 2)
            {
                _ev.Add(second);
            }

            _ev.EndWith(rv, _iv + 1);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = first;
            _seq[1] = second;
            ApplyInter(ru, _iu, _iu + length - 1, ReadOnlySpan<int>.Empty, rv, _iv + 1, _iv, _seq.AsSpan(0, length));
            return true;
        }

        // Same route: the block moves forward (iv > iu) or backward (iv < iu − 1).
        int iu = _iu, iv = _iv;
        if (iv >= iu && iv < iu + length)
        {
            return false;
        }

        double delta = D(du, _pu, after) - _dPuU - (length == 2 ? _dXX2 : _dUX)
            + D(du, v, first) + D(du, lastMoved, y) - _dVY;
        if (length == 2)
        {
            delta += D(du, first, second) - _dUX;
        }

        var nodes = _ru.Nodes;
        int lo, hi, k = 0;
        if (iv > iu)
        {
            lo = iu;
            hi = iv;
            for (int p = iu + length; p <= iv; p++)
            {
                _seq[k++] = nodes[p];
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
                _seq[k++] = nodes[p];
            }
        }

        return TryIntra(_ru, lo, hi, k, _ru.CostPerMetre * delta);
    }

    /// <summary>Swaps clients u and v (not adjacent).</summary>
    private bool Swap()
    {
        MovesEvaluated++;
        int u = _u, v = _v, pu = _pu, x = _x, pv = _pv, y = _y;
        if (u == pv || u == y)
        {
            return false;
        }

        var du = _du;
        var dv = _dv;
        if (!_intra)
        {
            var ru = _ru;
            var rv = _rv;
            double newDistU = ru.Distance - _dPuU - _dUX + D(du, pu, v) + D(du, v, x);
            double newDistV = rv.Distance - _dPvV - _dVY + D(dv, pv, u) + D(dv, u, y);
            if (Pruned(newDistU, ru.Count, newDistV, rv.Count))
            {
                return false;
            }

            if (!Allowed(rv, u) || !Allowed(ru, v) || (_hasShipments && (_m.Partner[u] >= 0 || _m.Partner[v] >= 0)))
            {
                return false;
            }

            _ev.Start(ru, _iu - 1);
            _ev.Add(v);
            _ev.EndWith(ru, _iu + 1);
            double costU = _ev.Cost();
            _ev.Start(rv, _iv - 1);
            _ev.Add(u);
            _ev.EndWith(rv, _iv + 1);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = v;
            _seq[1] = u;
            ApplyInter(ru, _iu, _iu, _seq.AsSpan(0, 1), rv, _iv, _iv, _seq.AsSpan(1, 1));
            return true;
        }

        double delta = D(du, pu, v) + D(du, v, x) - _dPuU - _dUX + D(du, pv, u) + D(du, u, y) - _dPvV - _dVY;
        int k = SwapBlocksWithin(_iu, 1, _iv, 1, out int lo, out int hi);
        return TryIntra(_ru, lo, hi, k, _ru.CostPerMetre * delta);
    }

    /// <summary>Swaps the pair (u, x) with the client v.</summary>
    private bool SwapPairWithClient()
    {
        MovesEvaluated++;
        int u = _u, v = _v, pu = _pu, x = _x, x2 = _x2, pv = _pv, y = _y;
        if (!_xClient || u == pv || x == pv || u == y || v == x)
        {
            return false;
        }

        var du = _du;
        var dv = _dv;
        if (!_intra)
        {
            var ru = _ru;
            var rv = _rv;
            double newDistU = ru.Distance - _dPuU - _dXX2 + D(du, pu, v) + D(du, v, x2) - _dUX;
            double newDistV = rv.Distance - _dPvV - _dVY + D(dv, pv, u) + D(dv, u, x) + D(dv, x, y);
            if (Pruned(newDistU, ru.Count - 1, newDistV, rv.Count + 1))
            {
                return false;
            }

            if (!Allowed(rv, u) || !Allowed(rv, x) || !Allowed(ru, v) || (_hasShipments && (_m.Partner[v] >= 0 || !BlockKeepsShipments(u, x))))
            {
                return false;
            }

            _ev.Start(ru, _iu - 1);
            _ev.Add(v);
            _ev.EndWith(ru, _iu + 2);
            double costU = _ev.Cost();
            _ev.Start(rv, _iv - 1);
            _ev.Add(u);
            _ev.Add(x);
            _ev.EndWith(rv, _iv + 1);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = v;
            _seq[1] = u;
            _seq[2] = x;
            ApplyInter(ru, _iu, _iu + 1, _seq.AsSpan(0, 1), rv, _iv, _iv, _seq.AsSpan(1, 2));
            return true;
        }

        double delta = D(du, pu, v) + D(du, v, x2) - _dPuU - _dXX2 + D(du, pv, u) + D(du, x, y) - _dPvV - _dVY;
        int k = SwapBlocksWithin(_iu, 2, _iv, 1, out int lo, out int hi);
        return TryIntra(_ru, lo, hi, k, _ru.CostPerMetre * delta);
    }

    /// <summary>Swaps the pairs (u, x) and (v, y).</summary>
    private bool SwapPairs()
    {
        MovesEvaluated++;
        int u = _u, v = _v, pu = _pu, x = _x, x2 = _x2, pv = _pv, y = _y, y2 = _y2;
        if (!_xClient || !_yClient || y == pu || u == y || x == v || v == x2)
        {
            return false;
        }

        var du = _du;
        var dv = _dv;
        if (!_intra)
        {
            var ru = _ru;
            var rv = _rv;
            double newDistU = ru.Distance - _dPuU - _dUX - _dXX2 + D(du, pu, v) + D(du, v, y) + D(du, y, x2);
            double newDistV = rv.Distance - _dPvV - _dVY - _dYY2 + D(dv, pv, u) + D(dv, u, x) + D(dv, x, y2);
            if (Pruned(newDistU, ru.Count, newDistV, rv.Count))
            {
                return false;
            }

            if (!Allowed(rv, u) || !Allowed(rv, x) || !Allowed(ru, v) || !Allowed(ru, y)
                || (_hasShipments && (!BlockKeepsShipments(u, x) || !BlockKeepsShipments(v, y))))
            {
                return false;
            }

            _ev.Start(ru, _iu - 1);
            _ev.Add(v);
            _ev.Add(y);
            _ev.EndWith(ru, _iu + 2);
            double costU = _ev.Cost();
            _ev.Start(rv, _iv - 1);
            _ev.Add(u);
            _ev.Add(x);
            _ev.EndWith(rv, _iv + 2);
            double costV = _ev.Cost();
            if (costU + costV - ru.Cost - rv.Cost > -Epsilon)
            {
                return false;
            }

            _seq[0] = v;
            _seq[1] = y;
            _seq[2] = u;
            _seq[3] = x;
            ApplyInter(ru, _iu, _iu + 1, _seq.AsSpan(0, 2), rv, _iv, _iv + 1, _seq.AsSpan(2, 2));
            return true;
        }

        double delta = D(du, pu, v) + D(du, y, x2) - _dPuU - _dXX2 + D(du, pv, u) + D(du, x, y2) - _dPvV - _dYY2;
        int k = SwapBlocksWithin(_iu, 2, _iv, 2, out int lo, out int hi);
        return TryIntra(_ru, lo, hi, k, _ru.CostPerMetre * delta);
    }

    /// <summary>2-opt within a route: reverses the clients from x (after u) to v.</summary>
    private bool TwoOpt()
    {
        MovesEvaluated++;
        int iu = _iu, iv = _iv;
        if (iu >= iv || iu + 1 == iv)
        {
            return false;
        }

        var route = _ru;
        var nodes = route.Nodes;
        var dist = _du;
        double delta = D(dist, _u, _v) + D(dist, _x, _y) - _dUX - _dVY;
        if (!_m.IsSymmetric)
        {
            // Asymmetric: the reversed part's own length changes too.
            for (int p = iu + 1; p < iv; p++)
            {
                delta += D(dist, nodes[p + 1], nodes[p]) - D(dist, nodes[p], nodes[p + 1]);
            }
        }

        double costDelta = route.CostPerMetre * delta;
        if (_simpleIntra && costDelta > -Epsilon)
        {
            return false;
        }

        int k = 0;
        for (int p = iv; p > iu; p--)
        {
            _seq[k++] = nodes[p];
        }

        return TryIntra(route, iu + 1, iv, k, costDelta);
    }

    /// <summary>
    /// Writes into the scratch sequence positions lo … hi of u's route with the blocks starting at
    /// <paramref name="iu"/> (<paramref name="lengthU"/> clients) and at <paramref name="iv"/> (<paramref name="lengthV"/>
    /// clients) exchanged, the clients between them kept in order; the blocks must not overlap. Returns the length.
    /// </summary>
    private int SwapBlocksWithin(int iu, int lengthU, int iv, int lengthV, out int lo, out int hi)
    {
        var nodes = _ru.Nodes;
        (int first, int firstLength, int second, int secondLength) = iu < iv
            ? (iu, lengthU, iv, lengthV)
            : (iv, lengthV, iu, lengthU);
        lo = first;
        hi = second + secondLength - 1;
        int k = 0;
        for (int p = second; p <= hi; p++)
        {
            _seq[k++] = nodes[p];
        }

        for (int p = first + firstLength; p < second; p++)
        {
            _seq[k++] = nodes[p];
        }

        for (int p = first; p < first + firstLength; p++)
        {
            _seq[k++] = nodes[p];
        }

        return k;
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

            if (_hasShipments && !SequenceKeepsShipments(_seq.AsSpan(0, k)))
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

    /// <summary>2-opt* between routes: u's route continues with what followed v, and v's route with what followed u.</summary>
    private bool TwoOptStar()
    {
        MovesEvaluated++;
        var ru = _ru;
        var rv = _rv;
        int iu = _iu, iv = _iv;
        int newCountU = iu + (rv.Count - iv), newCountV = iv + (ru.Count - iu);
        if (ru.Type == rv.Type)
        {
            var dist = _du;
            double newDistU = ru.PrefDist[iu] + D(dist, _u, _y) + rv.SufDist[iv + 1];
            double newDistV = rv.PrefDist[iv] + D(dist, _v, _x) + ru.SufDist[iu + 1];
            if (Pruned(newDistU, newCountU, newDistV, newCountV))
            {
                return false;
            }
        }

        if (_hasShipments && (ru.Open[iu] != 0 || rv.Open[iv] != 0))
        {
            return false;
        }

        if (!_m.AllAllowed && (!TailAllowed(ru, iu + 1, rv.Vehicle) || !TailAllowed(rv, iv + 1, ru.Vehicle)))
        {
            return false;
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

        // New clients of u's route: its head, then v's tail; of v's route: its head, then u's tail.
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
    /// 2-opt* with reversal (symmetric CVRP with one depot): u's route becomes its head then v and its predecessors
    /// back to the start; v's route becomes u's tail reversed, then what followed v.
    /// </summary>
    private bool TwoOptStarReversed()
    {
        MovesEvaluated++;
        var ru = _ru;
        var rv = _rv;
        int iu = _iu, iv = _iv;
        var dist = _du;
        int newCountU = iu + iv, newCountV = (ru.Count - iu) + (rv.Count - iv);

        // Route U: start … u, v … first of V, end. Route V: start, last of U … x, y … end (symmetric distances).
        double newDistU = ru.PrefDist[iu] + D(dist, _u, _v) + rv.PrefDist[iv];
        double newDistV = ru.SufDist[iu + 1] + D(dist, _x, _y) + rv.SufDist[iv + 1];
        if (Pruned(newDistU, newCountU, newDistV, newCountV))
        {
            return false;
        }

        int dims = _m.Dims;
        for (int d = 0; d < dims; d++)
        {
            _loads[d] = ru.PrefD[(iu * dims) + d] + rv.PrefD[(iv * dims) + d];
        }

        double costU = CostWithoutTime(ru.Vehicle, newDistU, newCountU, _loads);
        for (int d = 0; d < dims; d++)
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
        individual.MandatoryDropCost = 0;
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
                individual.BaseCost += m.DropCost(c);
                if (!m.IsOptional[c] && m.ClientKind[c] != StepKind.Delivery)
                {
                    mandatory++;
                    individual.MandatoryDropCost += m.DropCost(c);
                }
            }
        }

        individual.Unassigned = [.. unassigned];
        individual.MandatoryUnassigned = mandatory;
        individual.Reprice(_penalties);
        individual.IsFeasible = individual.TimeExcess <= 1e-9 && individual.DistanceExcess <= 1e-9 && individual.StopsExcess <= 0
            && individual.LoadExcess.All(e => e <= 1e-9);
    }
}
