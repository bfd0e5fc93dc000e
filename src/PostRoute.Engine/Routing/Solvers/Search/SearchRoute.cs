namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// The route of one vehicle during local search, as an array of nodes (position 0 is the vehicle's start terminal,
/// positions 1 … <see cref="Count"/> the clients, position <see cref="Count"/>+1 its end terminal) with prefix and
/// suffix data for constant-time evaluation of concatenations: distance, travel time, time segments
/// (<see cref="TimeSegment"/>) and loads.
/// <para>
/// Load algebra (VROOM's model: deliveries are on board from the start, pickups to the end; a shipment's pickup adds
/// its amount and its delivery removes it). For a sequence S and one dimension, D = Σ deliveries, P = Σ signed pickups,
/// and M = the largest load that S's own items put on the vehicle at any point of S (before its first visit, between
/// two visits, or after its last). The maximum load of a route is M of the whole route, and
/// M(A ⊕ B) = max(M(A) + D(B), P(A) + M(B)).
/// </para>
/// </summary>
internal sealed class SearchRoute
{
    private readonly SearchModel _m;
    private readonly int _dims;

    public SearchRoute(SearchModel model, int vehicle)
    {
        _m = model;
        _dims = model.Dims;
        Vehicle = vehicle;
        Profile = model.VehicleProfile[vehicle];
        Type = model.VehicleType[vehicle];
        StartNode = model.VehicleStart[vehicle];
        EndNode = model.VehicleEnd[vehicle];
        FixedCost = model.FixedCost[vehicle];
        CostPerMetre = model.CostPerMetre[vehicle];
        LoadExcess = new double[_dims];
        MaxLoad = new double[_dims];
        Allocate(16);
        Nodes[0] = StartNode;
        Nodes[1] = EndNode;
    }

    public int Vehicle { get; }

    public int Profile { get; }

    public int Type { get; }

    public int StartNode { get; }

    public int EndNode { get; }

    /// <summary>The vehicle's fixed cost and cost per metre (copied for the hot loop).</summary>
    public readonly double FixedCost;

    public readonly double CostPerMetre;

    /// <summary>Number of clients.</summary>
    public int Count;

    public int[] Nodes = [];
    public double[] PrefDist = [];
    public double[] SufDist = [];
    public double[] PrefTravel = [];
    public double[] SufTravel = [];
    public TimeSegment[] PrefTime = [];
    public TimeSegment[] SufTime = [];
    public TimeSegment[] SufTimeExcl = [];

    /// <summary>Forward schedule after each position (only when the model schedules visit by visit).</summary>
    public ForwardClock[] PrefClock = [];

    /// <summary>[pos * dims + d]: deliveries, signed pickups and M (see the type's remarks) of positions 0 … pos.</summary>
    public double[] PrefD = [];
    public double[] PrefP = [];
    public double[] PrefM = [];

    /// <summary>[pos * dims + d]: M of positions pos … end.</summary>
    public double[] SufM = [];

    /// <summary>Shipments picked up at or before pos and delivered after it (0 everywhere without shipments).</summary>
    public int[] Open = [];

    // Totals and cost of the route as it stands.
    public double Distance;
    public double Travel;
    public TimeSegment Time;
    public readonly double[] MaxLoad;
    public readonly double[] LoadExcess;
    public double TimeExcess;
    public double DistanceExcess;
    public double StopsExcess;

    /// <summary>Fixed, distance and time cost, without penalties (0 when empty).</summary>
    public double BaseCost;

    /// <summary>Penalised cost: <see cref="BaseCost"/> plus weighted excesses.</summary>
    public double Cost;

    /// <summary>Cost − (fixed cost + distance cost): what no change of distance alone can save (≥ 0).</summary>
    public double Slack;

    public int WhenLastModified;
    public int WhenLastTestedSwapStar = -1;

    // Polar sector of the clients around the start (HGS's CircleSector, angles in [0, 65536)).
    public int SectorStart;
    public int SectorEnd;

    public bool IsEmpty => Count == 0;

    private void Allocate(int size)
    {
        Array.Resize(ref Nodes, size);
        Array.Resize(ref PrefDist, size);
        Array.Resize(ref SufDist, size);
        Array.Resize(ref PrefD, size * _dims);
        if (_m.NeedTime)
        {
            Array.Resize(ref PrefTravel, size);
            Array.Resize(ref SufTravel, size);
            Array.Resize(ref PrefTime, size);
            Array.Resize(ref SufTime, size);
            Array.Resize(ref SufTimeExcl, size);
            if (_m.Forward)
            {
                Array.Resize(ref PrefClock, size);
            }
        }

        if (_m.HasPickupLoads)
        {
            Array.Resize(ref PrefP, size * _dims);
            Array.Resize(ref PrefM, size * _dims);
            Array.Resize(ref SufM, size * _dims);
        }

        if (_m.HasShipments)
        {
            Array.Resize(ref Open, size);
        }
    }

    /// <summary>Makes room for <paramref name="clients"/> clients.</summary>
    public void EnsureCapacity(int clients)
    {
        if (clients + 2 > Nodes.Length)
        {
            Allocate(Math.Max(clients + 2, Nodes.Length * 2));
        }
    }

    /// <summary>Replaces the clients by <paramref name="clients"/> (positions are not updated; call <see cref="Update"/>).</summary>
    public void SetClients(ReadOnlySpan<int> clients)
    {
        EnsureCapacity(clients.Length);
        Nodes[0] = StartNode;
        clients.CopyTo(Nodes.AsSpan(1));
        Count = clients.Length;
        Nodes[Count + 1] = EndNode;
    }

    public ReadOnlySpan<int> Clients => Nodes.AsSpan(1, Count);

    /// <summary>Recomputes every prefix, suffix, total and the cost, and records positions in the node maps.</summary>
    public void Update(Penalties penalties, int[] nodeRoute, int[] nodePos, int routeIndex)
    {
        var m = _m;
        int n = m.NodeCount;
        int dims = _dims;
        int last = Count + 1;
        var dist = m.Distance[Profile];
        var dur = m.Duration[Profile];
        var nodes = Nodes;
        var service = m.Service;

        for (int pos = 1; pos <= Count; pos++)
        {
            nodeRoute[nodes[pos]] = routeIndex;
            nodePos[nodes[pos]] = pos;
        }

        // Distance.
        PrefDist[0] = 0;
        for (int pos = 1; pos <= last; pos++)
        {
            PrefDist[pos] = PrefDist[pos - 1] + dist[(nodes[pos - 1] * n) + nodes[pos]];
        }

        SufDist[last] = 0;
        for (int pos = last - 1; pos >= 0; pos--)
        {
            SufDist[pos] = SufDist[pos + 1] + dist[(nodes[pos] * n) + nodes[pos + 1]];
        }

        Distance = PrefDist[last];

        // Time.
        if (m.Forward)
        {
            var clock = ForwardClock.Begin(m, Vehicle);
            PrefTravel[0] = 0;
            PrefClock[0] = clock;
            for (int pos = 1; pos <= last; pos++)
            {
                int a = nodes[pos - 1], b = nodes[pos];
                double t = dur[(a * n) + b];
                PrefTravel[pos] = PrefTravel[pos - 1] + t;
                if (pos == last)
                {
                    clock.Finish(m, Vehicle, t);
                }
                else
                {
                    clock.Visit(m, Vehicle, t, b);
                }

                PrefClock[pos] = clock;
            }

            SufTravel[last] = 0;
            for (int pos = last - 1; pos >= 0; pos--)
            {
                SufTravel[pos] = SufTravel[pos + 1] + dur[(nodes[pos] * n) + nodes[pos + 1]];
            }

            Travel = PrefTravel[last];
            Time = new TimeSegment(clock.Duration(m, Vehicle), clock.Warp, 0, 0);
        }
        else if (m.NeedTime)
        {
            double shiftStart = m.ShiftStart[Vehicle], shiftEnd = m.ShiftEnd[Vehicle];
            var terminal = TimeSegment.Visit(0, shiftStart, shiftEnd);
            PrefTravel[0] = 0;
            PrefTime[0] = terminal;
            for (int pos = 1; pos <= last; pos++)
            {
                int a = nodes[pos - 1], b = nodes[pos];
                double t = dur[(a * n) + b];
                PrefTravel[pos] = PrefTravel[pos - 1] + t;
                PrefTime[pos] = TimeSegment.Concat(PrefTime[pos - 1], pos == last ? terminal : TimeSegment.Visit(service[b], m.Early[b], m.Late[b]), t);
            }

            SufTravel[last] = 0;
            SufTime[last] = terminal;
            for (int pos = last - 1; pos >= 0; pos--)
            {
                int a = nodes[pos], b = nodes[pos + 1];
                double t = dur[(a * n) + b];
                SufTravel[pos] = SufTravel[pos + 1] + t;
                var visit = pos == 0 ? terminal : TimeSegment.Visit(service[a], m.Early[a], m.Late[a]);
                SufTime[pos] = TimeSegment.Concat(visit, SufTime[pos + 1], t);
                if (pos >= 1)
                {
                    SufTimeExcl[pos] = pos == Count ? visit : TimeSegment.Concat(visit, SufTimeExcl[pos + 1], t);
                }
            }

            Travel = PrefTravel[last];
            Time = PrefTime[last];
        }

        // Loads.
        var delivery = m.Delivery;
        for (int d = 0; d < dims; d++)
        {
            PrefD[d] = 0;
        }

        for (int pos = 1; pos <= last; pos++)
        {
            int node = nodes[pos];
            int o = pos * dims, p = (pos - 1) * dims;
            if (pos == last)
            {
                for (int d = 0; d < dims; d++)
                {
                    PrefD[o + d] = PrefD[p + d];
                }
            }
            else
            {
                for (int d = 0; d < dims; d++)
                {
                    PrefD[o + d] = PrefD[p + d] + delivery[(node * dims) + d];
                }
            }
        }

        if (m.HasPickupLoads)
        {
            var pickup = m.Pickup;
            for (int d = 0; d < dims; d++)
            {
                PrefP[d] = 0;
                PrefM[d] = 0;
                SufM[(last * dims) + d] = 0;
            }

            for (int pos = 1; pos <= last; pos++)
            {
                int node = nodes[pos];
                int o = pos * dims, p = (pos - 1) * dims;
                for (int d = 0; d < dims; d++)
                {
                    double dc = pos == last ? 0 : delivery[(node * dims) + d];
                    double pc = pos == last ? 0 : pickup[(node * dims) + d];
                    PrefP[o + d] = PrefP[p + d] + pc;
                    PrefM[o + d] = Math.Max(PrefM[p + d] + dc, PrefP[p + d] + Math.Max(dc, pc));
                }
            }

            for (int pos = last - 1; pos >= 0; pos--)
            {
                int node = nodes[pos];
                int o = pos * dims, s = (pos + 1) * dims, l = last * dims;
                for (int d = 0; d < dims; d++)
                {
                    double dc = pos == 0 ? 0 : delivery[(node * dims) + d];
                    double pc = pos == 0 ? 0 : pickup[(node * dims) + d];

                    // D of the suffix after pos = total D − prefix D up to pos.
                    double dSuffix = PrefD[l + d] - PrefD[o + d];
                    SufM[o + d] = Math.Max(Math.Max(dc, pc) + dSuffix, pc + SufM[s + d]);
                }
            }

            for (int d = 0; d < dims; d++)
            {
                MaxLoad[d] = PrefM[(last * dims) + d];
            }
        }
        else
        {
            for (int d = 0; d < dims; d++)
            {
                MaxLoad[d] = PrefD[(last * dims) + d];
            }
        }

        if (m.HasShipments)
        {
            int open = 0;
            Open[0] = 0;
            for (int pos = 1; pos <= last; pos++)
            {
                int node = nodes[pos];
                if (pos < last && m.Partner[node] >= 0)
                {
                    open += m.ClientKind[node] == StepKind.Pickup ? 1 : -1;
                }

                Open[pos] = open;
            }
        }

        EvaluateCost(penalties);
        UpdateSector();
    }

    /// <summary>Recomputes the costs from the totals (after a change of penalty weights).</summary>
    public void EvaluateCost(Penalties penalties)
    {
        var m = _m;
        int v = Vehicle;
        if (Count == 0)
        {
            BaseCost = Cost = Slack = 0;
            TimeExcess = DistanceExcess = StopsExcess = 0;
            Array.Clear(LoadExcess);
            return;
        }

        double penalty = 0;
        for (int d = 0; d < _dims; d++)
        {
            LoadExcess[d] = Math.Max(0, MaxLoad[d] - m.Capacity[(v * _dims) + d]);
            penalty += penalties.Load[d] * LoadExcess[d];
        }

        double timeCost = 0;
        TimeExcess = 0;
        if (m.NeedTime)
        {
            TimeExcess = Time.Warp + Math.Max(0, Time.Duration - m.MaxDuration[v]) + Math.Max(0, Travel - m.MaxTravel[v]);
            timeCost = m.CostPerSecond[v] * Time.Duration;
        }

        DistanceExcess = Math.Max(0, Distance - m.MaxDistance[v]);
        StopsExcess = Math.Max(0, Count - m.MaxStops[v]);
        penalty += (penalties.Time * TimeExcess) + (penalties.Distance * DistanceExcess) + (penalties.Stops * StopsExcess);
        double fixedAndDistance = m.FixedCost[v] + (m.CostPerMetre[v] * Distance);
        BaseCost = fixedAndDistance + timeCost;
        Cost = BaseCost + penalty;
        Slack = Cost - fixedAndDistance;
    }

    public bool IsFeasible
    {
        get
        {
            if (TimeExcess > 1e-9 || DistanceExcess > 1e-9 || StopsExcess > 0)
            {
                return false;
            }

            foreach (double e in LoadExcess)
            {
                if (e > 1e-9)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private void UpdateSector()
    {
        var x = _m.X;
        var y = _m.Y;
        var angles = _m.Angles?[StartNode - _m.ClientCount];
        if (x is null || y is null || angles is null || Count == 0)
        {
            return;
        }

        double sumX = 0, sumY = 0;
        for (int pos = 1; pos <= Count; pos++)
        {
            int node = Nodes[pos];
            int angle = angles[node];
            sumX += x[node];
            sumY += y[node];
            if (pos == 1)
            {
                SectorStart = SectorEnd = angle;
            }
            else if (!SectorContains(angle))
            {
                // Grow the sector on the side that keeps it smallest.
                if (PositiveMod(angle - SectorEnd) <= PositiveMod(SectorStart - angle))
                {
                    SectorEnd = angle;
                }
                else
                {
                    SectorStart = angle;
                }
            }
        }

        _sumX = sumX;
        _sumY = sumY;
    }

    private double _sumX;
    private double _sumY;

    /// <summary>Polar angle of the route's barycentre around its start (for the giant tour order); 0 without coordinates.</summary>
    public double PolarAngle
    {
        get
        {
            var x = _m.X;
            var y = _m.Y;
            if (x is null || y is null || Count == 0)
            {
                return 0;
            }

            return Math.Atan2((_sumY / Count) - y[StartNode], (_sumX / Count) - x[StartNode]);
        }
    }

    private bool SectorContains(int angle) => PositiveMod(angle - SectorStart) <= PositiveMod(SectorEnd - SectorStart);

    private static int PositiveMod(int i) => ((i % 65536) + 65536) % 65536;

    /// <summary>True when the polar sectors of two non-empty routes overlap (HGS's test for SWAP* candidates).</summary>
    public static bool SectorsOverlap(SearchRoute a, SearchRoute b) =>
        PositiveMod(b.SectorStart - a.SectorStart) <= PositiveMod(a.SectorEnd - a.SectorStart) ||
        PositiveMod(a.SectorStart - b.SectorStart) <= PositiveMod(b.SectorEnd - b.SectorStart);
}
