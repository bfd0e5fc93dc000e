namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// SWAP* (Vidal 2022): exchanges a client u of one route with a client v of another, each inserted at its best
/// position in the other route (not necessarily where the other was), plus the plain relocations found on the way.
/// Candidates are ranked with the three cheapest insertion positions of every client in every route (cached until
/// the route changes), distance and load only; the best candidate is then evaluated exactly (time windows and every
/// limit) and applied only if it truly improves.
/// </summary>
internal sealed class SwapStar
{
    private const double Epsilon = 1e-7;
    private readonly LocalSearch _ls;
    private readonly SearchModel _m;
    private readonly int _n;
    private readonly double[]?[] _insCost;
    private readonly int[]?[] _insPos;
    private readonly long[]?[] _insWhen;
    private readonly double[] _removal;
    private readonly double[] _amount;
    private long _epoch;

    public SwapStar(LocalSearch ls)
    {
        _ls = ls;
        _m = ls.Model;
        _n = _m.NodeCount;
        int routes = _m.VehicleCount;
        _insCost = new double[routes][];
        _insPos = new int[routes][];
        _insWhen = new long[routes][];
        _removal = new double[_m.ClientCount];

        // The amount a client adds to a route's peak load, per dimension (an estimate with pickups).
        _amount = new double[_m.ClientCount * _m.Dims];
        for (int i = 0; i < _amount.Length; i++)
        {
            _amount[i] = Math.Max(_m.Delivery[i], _m.Pickup[i]);
        }
    }

    /// <summary>Invalidates every cached insertion (a new local search run starts its move counter again).</summary>
    public void Reset() => _epoch++;

    private long Stamp(int moves) => (_epoch << 32) | (uint)moves;

    public bool Run(SearchRoute ru, SearchRoute rv)
    {
        Preprocess(ru, rv);
        Preprocess(rv, ru);
        var pen = _ls.CurrentPenalties;
        double penU = LoadPenalty(ru, -1, -1, pen), penV = LoadPenalty(rv, -1, -1, pen);
        double best = -Epsilon;
        int bestU = -1, bestV = -1, posInV = -1, posInU = -1;
        bool allowedUAll = _m.AllAllowed;
        bool single = _m.Dims == 1;
        var amount = _amount;
        double weight = 0, loadU = 0, loadV = 0, capU = 0, capV = 0;
        if (single)
        {
            weight = pen.Load[0];
            loadU = ru.MaxLoad[0];
            loadV = rv.MaxLoad[0];
            capU = _m.Capacity[ru.Vehicle];
            capV = _m.Capacity[rv.Vehicle];
        }

        for (int i = 1; i <= ru.Count; i++)
        {
            int u = ru.Nodes[i];
            if (_m.Partner[u] >= 0 || (!allowedUAll && !_m.IsAllowed(rv.Vehicle, u)))
            {
                continue;
            }

            for (int j = 1; j <= rv.Count; j++)
            {
                int v = rv.Nodes[j];
                if (_m.Partner[v] >= 0 || (!allowedUAll && !_m.IsAllowed(ru.Vehicle, v)))
                {
                    continue;
                }

                double deltaPenU, deltaPenV;
                if (single)
                {
                    double shift = amount[v] - amount[u];
                    double excessU = loadU + shift - capU, excessV = loadV - shift - capV;
                    deltaPenU = (excessU > 0 ? weight * excessU : 0) - penU;
                    deltaPenV = (excessV > 0 ? weight * excessV : 0) - penV;
                }
                else
                {
                    deltaPenU = LoadPenalty(ru, v, u, pen) - penU;
                    deltaPenV = LoadPenalty(rv, u, v, pen) - penV;
                }

                if (deltaPenU + _removal[u] + deltaPenV + _removal[v] > 0)
                {
                    continue;
                }

                double extraV = CheapestInsertWithRemoval(u, rv, j, out int pV);
                double extraU = CheapestInsertWithRemoval(v, ru, i, out int pU);
                double cost = deltaPenU + _removal[u] + extraU + deltaPenV + _removal[v] + extraV;
                if (cost < best)
                {
                    best = cost;
                    bestU = u;
                    bestV = v;
                    posInV = pV;
                    posInU = pU;
                }
            }
        }

        // Relocations cost nothing more to rank with the cached insertions.
        Relocations(ru, rv, penU, penV, pen, ref best, ref bestU, ref bestV, ref posInV, ref posInU, uIntoV: true);
        Relocations(rv, ru, penV, penU, pen, ref best, ref bestU, ref bestV, ref posInV, ref posInU, uIntoV: false);
        if (bestU < 0 && bestV < 0)
        {
            return false;
        }

        // Exact evaluation of the chosen move.
        var bufferU = _ls.Buffer;
        var bufferV = _ls.Buffer2;
        int iu = bestU >= 0 ? _ls.NodePos[bestU] : -1;
        int iv = bestV >= 0 ? _ls.NodePos[bestV] : -1;
        int a = Build(ru, iu, bestV, posInU, bufferU);
        int b = Build(rv, iv, bestU, posInV, bufferV);
        var ev = _ls.Evaluator;
        double newU = Evaluate(ev, ru.Vehicle, bufferU.AsSpan(0, a));
        double newV = Evaluate(ev, rv.Vehicle, bufferV.AsSpan(0, b));
        if (newU + newV - ru.Cost - rv.Cost > -Epsilon)
        {
            return false;
        }

        ru.SetClients(bufferU.AsSpan(0, a));
        rv.SetClients(bufferV.AsSpan(0, b));
        _ls.AfterInterMove(ru, rv);
        return true;
    }

    private void Relocations(SearchRoute from, SearchRoute to, double penFrom, double penTo, Penalties pen, ref double best,
        ref int bestU, ref int bestV, ref int posInV, ref int posInU, bool uIntoV)
    {
        var costs = _insCost[to.Vehicle]!;
        var positions = _insPos[to.Vehicle]!;
        for (int i = 1; i <= from.Count; i++)
        {
            int c = from.Nodes[i];
            if (_m.Partner[c] >= 0 || !_m.IsAllowed(to.Vehicle, c))
            {
                continue;
            }

            double cost = _removal[c] + costs[c * 3] + LoadPenalty(from, -1, c, pen) - penFrom + LoadPenalty(to, c, -1, pen) - penTo;
            if (cost < best)
            {
                best = cost;
                if (uIntoV)
                {
                    bestU = c;
                    bestV = -1;
                    posInV = positions[c * 3];
                    posInU = -1;
                }
                else
                {
                    bestV = c;
                    bestU = -1;
                    posInU = positions[c * 3];
                    posInV = -1;
                }
            }
        }
    }

    /// <summary>Clients of <paramref name="route"/> without the one at <paramref name="removePos"/> (−1: none) and with <paramref name="insert"/> after position <paramref name="after"/>.</summary>
    private static int Build(SearchRoute route, int removePos, int insert, int after, int[] buffer)
    {
        int k = 0;
        if (insert >= 0 && after == 0)
        {
            buffer[k++] = insert;
        }

        for (int p = 1; p <= route.Count; p++)
        {
            if (p != removePos)
            {
                buffer[k++] = route.Nodes[p];
            }

            if (insert >= 0 && p == after)
            {
                buffer[k++] = insert;
            }
        }

        return k;
    }

    private static double Evaluate(SequenceEvaluator ev, int vehicle, ReadOnlySpan<int> clients)
    {
        ev.StartEmpty(vehicle);
        foreach (int c in clients)
        {
            ev.Add(c);
        }

        ev.End();
        return ev.Cost();
    }

    /// <summary>Load penalty of <paramref name="route"/> with <paramref name="added"/> added and <paramref name="removed"/> removed (−1: none).</summary>
    private double LoadPenalty(SearchRoute route, int added, int removed, Penalties pen)
    {
        int dims = _m.Dims;
        var amount = _amount;
        if (dims == 1)
        {
            double load = route.MaxLoad[0] + (added >= 0 ? amount[added] : 0) - (removed >= 0 ? amount[removed] : 0);
            double excess = load - _m.Capacity[route.Vehicle];
            return excess > 0 ? pen.Load[0] * excess : 0;
        }

        double total = 0;
        int o = route.Vehicle * dims;
        for (int d = 0; d < dims; d++)
        {
            double load = route.MaxLoad[d];
            if (added >= 0)
            {
                load += amount[(added * dims) + d];
            }

            if (removed >= 0)
            {
                load -= amount[(removed * dims) + d];
            }

            double excess = load - _m.Capacity[o + d];
            if (excess > 0)
            {
                total += pen.Load[d] * excess;
            }
        }

        return total;
    }

    /// <summary>Removal gains of r1's clients and the three cheapest insertions of each into r2 (cached).</summary>
    private void Preprocess(SearchRoute r1, SearchRoute r2)
    {
        var dist1 = _m.Distance[r1.Profile];
        double cpm1 = _m.CostPerMetre[r1.Vehicle];
        var dist2 = _m.Distance[r2.Profile];
        double cpm2 = _m.CostPerMetre[r2.Vehicle];
        int v2 = r2.Vehicle;
        int c = _m.ClientCount;
        var costs = _insCost[v2] ??= new double[c * 3];
        var positions = _insPos[v2] ??= new int[c * 3];
        var when = _insWhen[v2] ??= new long[c];
        long modified = Stamp(r2.WhenLastModified);
        long now = Stamp(_ls.MovesCounter);
        int n = _n;
        for (int i = 1; i <= r1.Count; i++)
        {
            int u = r1.Nodes[i];
            int prev = r1.Nodes[i - 1], next = r1.Nodes[i + 1];
            _removal[u] = cpm1 * (dist1[(prev * n) + next] - dist1[(prev * n) + u] - dist1[(u * n) + next]);
            if (when[u] > modified)
            {
                continue;
            }

            when[u] = now;
            double c0 = double.PositiveInfinity, c1 = double.PositiveInfinity, c2 = double.PositiveInfinity;
            int p0 = -1, p1 = -1, p2 = -1;
            for (int p = 0; p <= r2.Count; p++)
            {
                int a = r2.Nodes[p], b = r2.Nodes[p + 1];
                double delta = cpm2 * (dist2[(a * n) + u] + dist2[(u * n) + b] - dist2[(a * n) + b]);
                if (delta < c2)
                {
                    if (delta < c1)
                    {
                        c2 = c1;
                        p2 = p1;
                        if (delta < c0)
                        {
                            c1 = c0;
                            p1 = p0;
                            c0 = delta;
                            p0 = p;
                        }
                        else
                        {
                            c1 = delta;
                            p1 = p;
                        }
                    }
                    else
                    {
                        c2 = delta;
                        p2 = p;
                    }
                }
            }

            costs[u * 3] = c0;
            costs[(u * 3) + 1] = c1;
            costs[(u * 3) + 2] = c2;
            positions[u * 3] = p0;
            positions[(u * 3) + 1] = p1;
            positions[(u * 3) + 2] = p2;
        }
    }

    /// <summary>
    /// Cheapest insertion of <paramref name="u"/> into <paramref name="route"/> once the client at position
    /// <paramref name="removedPos"/> is removed: the best cached position not next to it, or its own place.
    /// </summary>
    private double CheapestInsertWithRemoval(int u, SearchRoute route, int removedPos, out int after)
    {
        var costs = _insCost[route.Vehicle]!;
        var positions = _insPos[route.Vehicle]!;
        double best = double.PositiveInfinity;
        after = -1;
        for (int k = 0; k < 3; k++)
        {
            int p = positions[(u * 3) + k];
            if (p < 0)
            {
                break;
            }

            if (p != removedPos && p != removedPos - 1)
            {
                best = costs[(u * 3) + k];
                after = p;
                break;
            }
        }

        var dist = _m.Distance[route.Profile];
        int n = _n;
        int prev = route.Nodes[removedPos - 1], next = route.Nodes[removedPos + 1];
        double inPlace = _m.CostPerMetre[route.Vehicle] * (dist[(prev * n) + u] + dist[(u * n) + next] - dist[(prev * n) + next]);
        if (after < 0 || inPlace < best)
        {
            best = inPlace;
            after = removedPos - 1;
        }

        return best;
    }
}
