using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Evaluates a candidate route for one vehicle, built left to right from pieces of existing routes (a prefix, single
/// clients, ranges, a suffix) without changing anything: each piece is concatenated in constant time from the routes'
/// prefix/suffix data (ranges in the middle of a route cost one step per client). Allocates nothing; one instance per
/// search (not thread-safe).
/// </summary>
internal sealed class SequenceEvaluator
{
    private readonly SearchModel _m;
    private readonly int _n;
    private readonly int _dims;
    private readonly bool _time;
    private readonly bool _pickups;
    private readonly bool _forward;
    private readonly double[] _d;
    private readonly double[] _p;
    private readonly double[] _mx;

    private Penalties _penalties;
    private int _vehicle;
    private int _profile;
    private double[] _dist = [];
    private double[] _dur = [];
    private int _last;
    private double _distance;
    private double _travel;
    private TimeSegment _seg;
    private int _stops;
    private ForwardClock _clock;

    public SequenceEvaluator(SearchModel model, Penalties penalties)
    {
        _m = model;
        _n = model.NodeCount;
        _dims = model.Dims;
        _time = model.NeedTime;
        _pickups = model.HasPickupLoads;
        _forward = model.Forward;
        _d = new double[_dims];
        _p = new double[_dims];
        _mx = new double[_dims];
        _penalties = penalties;
    }

    public Penalties Penalties
    {
        get => _penalties;
        set => _penalties = value;
    }

    /// <summary>Starts with positions 0 … <paramref name="pos"/> of <paramref name="route"/> (its vehicle's start included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Start(SearchRoute route, int pos)
    {
        SetVehicle(route.Vehicle);
        _last = route.Nodes[pos];
        _distance = route.PrefDist[pos];
        _stops = pos;
        if (_time)
        {
            _travel = route.PrefTravel[pos];
            if (_forward)
            {
                _clock = route.PrefClock[pos];
            }
            else
            {
                _seg = route.PrefTime[pos];
            }
        }

        int o = pos * _dims;
        for (int d = 0; d < _dims; d++)
        {
            _d[d] = route.PrefD[o + d];
        }

        if (_pickups)
        {
            for (int d = 0; d < _dims; d++)
            {
                _p[d] = route.PrefP[o + d];
                _mx[d] = route.PrefM[o + d];
            }
        }
    }

    /// <summary>Starts an empty route of <paramref name="vehicle"/> (its start terminal only).</summary>
    public void StartEmpty(int vehicle)
    {
        SetVehicle(vehicle);
        _last = _m.VehicleStart[vehicle];
        _distance = 0;
        _stops = 0;
        if (_time)
        {
            _travel = 0;
            _seg = TimeSegment.Visit(0, _m.ShiftStart[vehicle], _m.ShiftEnd[vehicle]);
            _clock = ForwardClock.Begin(_m, vehicle);
        }

        Array.Clear(_d);
        if (_pickups)
        {
            Array.Clear(_p);
            Array.Clear(_mx);
        }
    }

    private void SetVehicle(int vehicle)
    {
        _vehicle = vehicle;
        _profile = _m.VehicleProfile[vehicle];
        _dist = _m.Distance[_profile];
        _dur = _m.Duration[_profile];
    }

    /// <summary>Appends client <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int c)
    {
        int arc = (_last * _n) + c;
        _distance += _dist[arc];
        _stops++;
        if (_time)
        {
            double t = _dur[arc];
            _travel += t;
            if (_forward)
            {
                _clock.Visit(_m, _vehicle, t, c);
            }
            else
            {
                _seg = TimeSegment.Concat(_seg, TimeSegment.Visit(_m.Service[c], _m.Early[c], _m.Late[c]), t);
            }
        }

        int o = c * _dims;
        if (_pickups)
        {
            for (int d = 0; d < _dims; d++)
            {
                double dc = _m.Delivery[o + d], pc = _m.Pickup[o + d];
                _mx[d] = Math.Max(_mx[d] + dc, _p[d] + Math.Max(dc, pc));
                _d[d] += dc;
                _p[d] += pc;
            }
        }
        else
        {
            for (int d = 0; d < _dims; d++)
            {
                _d[d] += _m.Delivery[o + d];
            }
        }

        _last = c;
    }

    /// <summary>Appends the clients at positions <paramref name="from"/> … <paramref name="to"/> of <paramref name="route"/>, in order.</summary>
    public void AddRange(SearchRoute route, int from, int to)
    {
        if (to == route.Count && from <= to && route.Profile == _profile)
        {
            AddTail(route, from);
            return;
        }

        var nodes = route.Nodes;
        for (int pos = from; pos <= to; pos++)
        {
            Add(nodes[pos]);
        }
    }

    /// <summary>Appends the clients at positions <paramref name="pos"/> … last of <paramref name="route"/>; constant time for the same profile.</summary>
    public void AddTail(SearchRoute route, int pos)
    {
        int count = route.Count;
        if (pos > count)
        {
            return;
        }

        if (route.Profile != _profile || _forward)
        {
            var nodes = route.Nodes;
            for (int k = pos; k <= count; k++)
            {
                Add(nodes[k]);
            }

            return;
        }

        int first = route.Nodes[pos];
        int lastNode = route.Nodes[count];
        int arc = (_last * _n) + first;
        _distance += _dist[arc] + route.SufDist[pos] - route.SufDist[count];
        _stops += count - pos + 1;
        if (_time)
        {
            double t = _dur[arc];
            _travel += t + route.SufTravel[pos] - route.SufTravel[count];
            _seg = TimeSegment.Concat(_seg, route.SufTimeExcl[pos], t);
        }

        CombineLoads(route, pos, count);
        _last = lastNode;
    }

    /// <summary>
    /// Appends <paramref name="route"/>'s positions <paramref name="pos"/> … end including its end terminal, and
    /// completes the candidate. When the route's vehicle is not interchangeable with the candidate's, its clients are
    /// appended and the candidate's own end is used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndWith(SearchRoute route, int pos)
    {
        if (_forward || (route.Vehicle != _vehicle && route.Type != _m.VehicleType[_vehicle]))
        {
            AddTail(route, pos);
            End();
            return;
        }

        int count = route.Count;
        int first = route.Nodes[pos];
        int arc = (_last * _n) + first;
        _distance += _dist[arc] + route.SufDist[pos];
        _stops += Math.Max(0, count - pos + 1);
        if (_time)
        {
            double t = _dur[arc];
            _travel += t + route.SufTravel[pos];
            _seg = TimeSegment.Concat(_seg, route.SufTime[pos], t);
        }

        if (pos <= count)
        {
            CombineLoads(route, pos, count);
        }

        _last = route.EndNode;
    }

    /// <summary>Completes the candidate with its vehicle's end terminal.</summary>
    public void End()
    {
        int end = _m.VehicleEnd[_vehicle];
        int arc = (_last * _n) + end;
        _distance += _dist[arc];
        if (_time)
        {
            double t = _dur[arc];
            _travel += t;
            if (_forward)
            {
                _clock.Finish(_m, _vehicle, t);
            }
            else
            {
                _seg = TimeSegment.Concat(_seg, TimeSegment.Visit(0, _m.ShiftStart[_vehicle], _m.ShiftEnd[_vehicle]), t);
            }
        }

        _last = end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CombineLoads(SearchRoute route, int from, int to)
    {
        int dims = _dims;
        int oTo = to * dims, oBefore = (from - 1) * dims, oFrom = from * dims;
        if (_pickups)
        {
            for (int d = 0; d < dims; d++)
            {
                double dS = route.PrefD[oTo + d] - route.PrefD[oBefore + d];
                double pS = route.PrefP[oTo + d] - route.PrefP[oBefore + d];

                // M of positions from … to equals M of from … end: the end terminal carries nothing, and M ≥ P.
                double mS = route.SufM[oFrom + d];
                _mx[d] = Math.Max(_mx[d] + dS, _p[d] + mS);
                _d[d] += dS;
                _p[d] += pS;
            }
        }
        else
        {
            for (int d = 0; d < dims; d++)
            {
                _d[d] += route.PrefD[oTo + d] - route.PrefD[oBefore + d];
            }
        }
    }

    /// <summary>Copies the candidate's state into <paramref name="state"/> (arrays sized by <see cref="NewState"/>).</summary>
    public void Save(State state)
    {
        state.Vehicle = _vehicle;
        state.Last = _last;
        state.Distance = _distance;
        state.Travel = _travel;
        state.Segment = _seg;
        state.Stops = _stops;
        state.Clock = _clock;
        Array.Copy(_d, state.D, _dims);
        if (_pickups)
        {
            Array.Copy(_p, state.P, _dims);
            Array.Copy(_mx, state.M, _dims);
        }
    }

    /// <summary>Resumes a candidate saved with <see cref="Save"/>.</summary>
    public void Restore(State state)
    {
        SetVehicle(state.Vehicle);
        _last = state.Last;
        _distance = state.Distance;
        _travel = state.Travel;
        _seg = state.Segment;
        _stops = state.Stops;
        _clock = state.Clock;
        Array.Copy(state.D, _d, _dims);
        if (_pickups)
        {
            Array.Copy(state.P, _p, _dims);
            Array.Copy(state.M, _mx, _dims);
        }
    }

    public State NewState() => new(_dims);

    /// <summary>A saved candidate.</summary>
    internal sealed class State(int dims)
    {
        public int Vehicle;
        public int Last;
        public double Distance;
        public double Travel;
        public TimeSegment Segment;
        public int Stops;
        public ForwardClock Clock;
        public readonly double[] D = new double[dims];
        public readonly double[] P = new double[dims];
        public readonly double[] M = new double[dims];
    }

    /// <summary>The cost the candidate would have if completed now with <see cref="End"/>; the candidate is left open.</summary>
    public double CostWithEnd()
    {
        int last = _last;
        double distance = _distance, travel = _travel;
        var seg = _seg;
        var clock = _clock;
        End();
        double cost = Cost();
        _last = last;
        _distance = distance;
        _travel = travel;
        _seg = seg;
        _clock = clock;
        return cost;
    }

    /// <summary>True when some dimension carries more than <paramref name="factor"/> × the vehicle's capacity.</summary>
    public bool LoadAbove(double factor)
    {
        var loads = _pickups ? _mx : _d;
        int o = _vehicle * _dims;
        for (int d = 0; d < _dims; d++)
        {
            if (loads[d] > factor * _m.Capacity[o + d])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the completed candidate breaks no rule (capacity, time, limits).</summary>
    public bool Feasible()
    {
        if (_stops == 0)
        {
            return true;
        }

        var m = _m;
        int v = _vehicle;
        var loads = _pickups ? _mx : _d;
        for (int d = 0; d < _dims; d++)
        {
            if (loads[d] > m.Capacity[(v * _dims) + d] + 1e-9)
            {
                return false;
            }
        }

        if (_time)
        {
            double warp = _forward ? _clock.Warp : _seg.Warp;
            double duration = _forward ? _clock.Duration(m, v) : _seg.Duration;
            if (warp > 1e-9 || duration > m.MaxDuration[v] + 1e-9 || _travel > m.MaxTravel[v] + 1e-9)
            {
                return false;
            }
        }

        return _distance <= m.MaxDistance[v] + 1e-9 && _stops <= m.MaxStops[v];
    }

    /// <summary>Penalised cost of the completed candidate (0 when it serves no client).</summary>
    public double Cost()
    {
        if (_stops == 0)
        {
            return 0;
        }

        var m = _m;
        int v = _vehicle;
        double cost = m.FixedCost[v] + (m.CostPerMetre[v] * _distance);
        var loads = _pickups ? _mx : _d;
        var penalties = _penalties;
        int o = v * _dims;
        for (int d = 0; d < _dims; d++)
        {
            double excess = loads[d] - m.Capacity[o + d];
            if (excess > 0)
            {
                cost += penalties.Load[d] * excess;
            }
        }

        if (_time)
        {
            double warp = _forward ? _clock.Warp : _seg.Warp;
            double duration = _forward ? _clock.Duration(m, v) : _seg.Duration;
            cost += m.CostPerSecond[v] * duration;
            double excess = warp + Math.Max(0, duration - m.MaxDuration[v]) + Math.Max(0, _travel - m.MaxTravel[v]);
            cost += penalties.Time * excess;
        }

        double distanceExcess = _distance - m.MaxDistance[v];
        if (distanceExcess > 0)
        {
            cost += penalties.Distance * distanceExcess;
        }

        int stopsExcess = _stops - m.MaxStops[v];
        if (stopsExcess > 0)
        {
            cost += penalties.Stops * stopsExcess;
        }

        return cost;
    }
}
