namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// The flat representation the search works on, built once from a <see cref="RoutingProblem"/>: plain arrays indexed
/// by client (a visit to route: a job, a shipment's pickup or its delivery) and by vehicle, and one distance and one
/// duration matrix per profile indexed by node. Nodes 0 … <see cref="ClientCount"/>−1 are the clients; the following
/// nodes are the vehicles' start and end locations ("terminals") and, when some route is open, a virtual end that is
/// 0 away from everything. Tasks that provably no vehicle can serve (<see cref="UnassignableAnalysis"/>) get no
/// client: they are reported unassigned with their proven reason. Read-only after construction.
/// </summary>
internal sealed class SearchModel
{
    /// <summary>Stands in for +∞ travel (unreachable legs) so that sums never produce NaN; such legs are never chosen.</summary>
    public readonly double Unreachable;

    public SearchModel(RoutingProblem problem, UnassignableAnalysis analysis)
    {
        Problem = problem;
        Analysis = analysis;
        Dims = problem.DimensionCount;

        // Clients.
        var kind = new List<StepKind>();
        var task = new List<int>();
        var location = new List<int>();
        for (int j = 0; j < problem.Jobs.Length; j++)
        {
            if (analysis.Find(TaskKind.Job, j) is null)
            {
                kind.Add(StepKind.Job);
                task.Add(j);
                location.Add(problem.Jobs[j].Location);
            }
        }

        for (int s = 0; s < problem.Shipments.Length; s++)
        {
            if (analysis.Find(TaskKind.Shipment, s) is null)
            {
                kind.Add(StepKind.Pickup);
                task.Add(s);
                location.Add(problem.Shipments[s].Pickup.Location);
                kind.Add(StepKind.Delivery);
                task.Add(s);
                location.Add(problem.Shipments[s].Delivery.Location);
            }
        }

        int c = kind.Count;
        ClientCount = c;
        ClientKind = [.. kind];
        ClientTask = [.. task];
        Service = new double[c];
        Early = new double[c];
        Late = new double[c];
        Delivery = new double[c * Dims];
        Pickup = new double[c * Dims];
        Partner = new int[c];
        Penalty = new double[c];
        IsOptional = new bool[c];
        Priority = new int[c];
        for (int i = 0; i < c; i++)
        {
            Partner[i] = -1;
            switch (ClientKind[i])
            {
                case StepKind.Job:
                {
                    var job = problem.Jobs[ClientTask[i]];
                    Service[i] = job.ServiceSeconds;
                    SetWindow(i, job.TimeWindows[0]);
                    for (int d = 0; d < Dims; d++)
                    {
                        Delivery[(i * Dims) + d] = job.Delivery[d];
                        Pickup[(i * Dims) + d] = job.Pickup[d];
                        HasPickupLoads |= job.Pickup[d] != 0;
                    }

                    IsOptional[i] = job.IsOptional;
                    Penalty[i] = job.Penalty ?? 0;
                    Priority[i] = job.Priority;
                    break;
                }

                case StepKind.Pickup:
                {
                    var shipment = problem.Shipments[ClientTask[i]];
                    Service[i] = shipment.Pickup.ServiceSeconds;
                    SetWindow(i, shipment.Pickup.TimeWindows[0]);
                    for (int d = 0; d < Dims; d++)
                    {
                        Pickup[(i * Dims) + d] = shipment.Amount[d];
                        HasPickupLoads |= shipment.Amount[d] != 0;
                    }

                    Partner[i] = i + 1;
                    IsOptional[i] = shipment.IsOptional;
                    Penalty[i] = shipment.Penalty ?? 0;
                    Priority[i] = shipment.Priority;
                    HasShipments = true;
                    break;
                }

                default:
                {
                    var shipment = problem.Shipments[ClientTask[i]];
                    Service[i] = shipment.Delivery.ServiceSeconds;
                    SetWindow(i, shipment.Delivery.TimeWindows[0]);
                    for (int d = 0; d < Dims; d++)
                    {
                        // A signed pickup: the amount leaves the vehicle here (see SearchRoute's load algebra).
                        Pickup[(i * Dims) + d] = -(double)shipment.Amount[d];
                    }

                    Partner[i] = i - 1;
                    IsOptional[i] = shipment.IsOptional;
                    Penalty[i] = 0; // The pickup carries the shipment's penalty.
                    Priority[i] = shipment.Priority;
                    break;
                }
            }

            HasOptional |= IsOptional[i];
        }

        // Terminal nodes: one per distinct start/end location, plus the virtual open end.
        var terminalOf = new Dictionary<int, int>();
        var terminalLocations = new List<int>();
        int Terminal(int loc)
        {
            if (!terminalOf.TryGetValue(loc, out int node))
            {
                node = c + terminalLocations.Count;
                terminalOf[loc] = node;
                terminalLocations.Add(loc);
            }

            return node;
        }

        int vehicles = problem.Vehicles.Length;
        VehicleCount = vehicles;
        VehicleStart = new int[vehicles];
        VehicleEnd = new int[vehicles];
        foreach (var (vehicle, v) in problem.Vehicles.Select((x, i) => (x, i)))
        {
            VehicleStart[v] = Terminal(vehicle.Start);
        }

        foreach (var (vehicle, v) in problem.Vehicles.Select((x, i) => (x, i)))
        {
            VehicleEnd[v] = vehicle.End is { } end ? Terminal(end) : -1;
        }

        int openEnd = -1;
        if (problem.Vehicles.Any(v => v.End is null))
        {
            openEnd = c + terminalLocations.Count;
            HasOpenRoutes = true;
        }

        NodeCount = c + terminalLocations.Count + (openEnd >= 0 ? 1 : 0);
        for (int v = 0; v < vehicles; v++)
        {
            if (VehicleEnd[v] < 0)
            {
                VehicleEnd[v] = openEnd;
            }
        }

        NodeLocation = new int[NodeCount];
        for (int i = 0; i < c; i++)
        {
            NodeLocation[i] = location[i];
        }

        for (int k = 0; k < terminalLocations.Count; k++)
        {
            NodeLocation[c + k] = terminalLocations[k];
        }

        if (openEnd >= 0)
        {
            NodeLocation[openEnd] = -1;
        }

        // Matrices, one pair per profile used by a vehicle.
        var profiles = problem.Vehicles.Select(v => v.Profile).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        ProfileCount = profiles.Count;
        Distance = new double[profiles.Count][];
        Duration = new double[profiles.Count][];
        double maxFinite = 0;
        foreach (string profile in profiles)
        {
            var table = problem.Travel(profile);
            for (int i = 0; i < problem.Locations.Length; i++)
            {
                for (int j = 0; j < problem.Locations.Length; j++)
                {
                    double d = table.DistanceMetres(i, j), t = table.DurationSeconds(i, j);
                    if (double.IsFinite(d))
                    {
                        maxFinite = Math.Max(maxFinite, Math.Max(d, t));
                    }
                }
            }
        }

        Unreachable = (maxFinite * 1000) + 1e9;
        int n = NodeCount;
        bool symmetric = true;
        for (int p = 0; p < profiles.Count; p++)
        {
            var table = problem.Travel(profiles[p]);
            var dist = new double[n * n];
            var dur = new double[n * n];
            bool same = true;
            for (int a = 0; a < n; a++)
            {
                int la = NodeLocation[a];
                for (int b = 0; b < n; b++)
                {
                    int lb = NodeLocation[b];
                    double d = 0, t = 0;
                    if (la >= 0 && lb >= 0)
                    {
                        d = table.DistanceMetres(la, lb);
                        t = table.DurationSeconds(la, lb);
                        if (!double.IsFinite(d) || !double.IsFinite(t))
                        {
                            d = t = Unreachable;
                        }
                    }

                    dist[(a * n) + b] = d;
                    dur[(a * n) + b] = t;
                    same &= d == t;
                }
            }

            for (int a = 0; a < c && symmetric; a++)
            {
                for (int b = a + 1; b < c; b++)
                {
                    if (dist[(a * n) + b] != dist[(b * n) + a] || dur[(a * n) + b] != dur[(b * n) + a])
                    {
                        symmetric = false;
                        break;
                    }
                }
            }

            Distance[p] = dist;
            Duration[p] = same ? dist : dur;
        }

        IsSymmetric = symmetric;

        // Vehicles.
        VehicleProfile = new int[vehicles];
        Capacity = new double[vehicles * Dims];
        ShiftStart = new double[vehicles];
        ShiftEnd = new double[vehicles];
        FixedCost = new double[vehicles];
        CostPerMetre = new double[vehicles];
        CostPerSecond = new double[vehicles];
        MaxDuration = new double[vehicles];
        MaxTravel = new double[vehicles];
        MaxDistance = new double[vehicles];
        MaxStops = new int[vehicles];
        VehicleType = new int[vehicles];
        var typeKeys = new List<string>();
        for (int v = 0; v < vehicles; v++)
        {
            var vehicle = problem.Vehicles[v];
            VehicleProfile[v] = profiles.IndexOf(vehicle.Profile);
            for (int d = 0; d < Dims; d++)
            {
                long cap = vehicle.Capacity[d];
                Capacity[(v * Dims) + d] = cap == long.MaxValue ? double.PositiveInfinity : cap;
            }

            ShiftStart[v] = vehicle.Shift.Start;
            ShiftEnd[v] = vehicle.Shift.End;
            FixedCost[v] = vehicle.FixedCost;
            CostPerMetre[v] = vehicle.CostPerKm / 1000;
            CostPerSecond[v] = vehicle.CostPerHour / 3600;
            MaxDuration[v] = vehicle.MaxDurationSeconds ?? double.PositiveInfinity;
            MaxTravel[v] = vehicle.MaxTravelSeconds ?? double.PositiveInfinity;
            MaxDistance[v] = vehicle.MaxDistanceMetres ?? double.PositiveInfinity;
            MaxStops[v] = vehicle.MaxStops ?? int.MaxValue;
            HasDurationLimit |= vehicle.MaxDurationSeconds is not null;
            HasTravelLimit |= vehicle.MaxTravelSeconds is not null;
            HasDistanceLimit |= vehicle.MaxDistanceMetres is not null;
            HasStopLimit |= vehicle.MaxStops is not null;
            HasTimeCost |= vehicle.CostPerHour > 0;
            HasShiftEnd |= !vehicle.Shift.IsOpenEnded;

            // Vehicles with equal attributes and equal skills are interchangeable.
            string key = string.Join("|",
                VehicleProfile[v], VehicleStart[v], VehicleEnd[v], vehicle.Shift, vehicle.Capacity, vehicle.FixedCost, vehicle.CostPerKm,
                vehicle.CostPerHour, vehicle.MaxDurationSeconds, vehicle.MaxTravelSeconds, vehicle.MaxDistanceMetres, vehicle.MaxStops,
                string.Join(",", vehicle.Skills.Order(StringComparer.Ordinal)), vehicle.Breaks.Length);
            int type = typeKeys.IndexOf(key);
            if (type < 0)
            {
                type = typeKeys.Count;
                typeKeys.Add(key);
            }

            VehicleType[v] = type;
        }

        TypeCount = typeKeys.Count;
        VehiclesFirst = problem.Objective == Objective.MinimizeVehiclesFirst;
        Allowed = new bool[vehicles * Math.Max(1, c)];
        for (int v = 0; v < vehicles; v++)
        {
            for (int i = 0; i < c; i++)
            {
                Allowed[(v * c) + i] = ClientKind[i] == StepKind.Job
                    ? analysis.CanServeJob(v, ClientTask[i])
                    : analysis.CanServeShipment(v, ClientTask[i]);
                AllAllowed &= Allowed[(v * c) + i];
            }
        }

        // Every window of every client (several per stop possible) and every break, for the forward clock.
        var windowStart = new List<double>();
        var windowEnd = new List<double>();
        WindowOffset = new int[c];
        WindowCount = new int[c];
        for (int i = 0; i < c; i++)
        {
            var windows = ClientKind[i] switch
            {
                StepKind.Job => problem.Jobs[ClientTask[i]].TimeWindows,
                StepKind.Pickup => problem.Shipments[ClientTask[i]].Pickup.TimeWindows,
                _ => problem.Shipments[ClientTask[i]].Delivery.TimeWindows,
            };
            WindowOffset[i] = windowStart.Count;
            WindowCount[i] = windows.Length;
            HasMultiWindows |= windows.Length > 1;
            foreach (var w in windows)
            {
                windowStart.Add(w.Start);
                windowEnd.Add(w.End);
            }

            // Single-window arithmetic sees the envelope; only used when no stop has several windows.
            Early[i] = windows[0].Start;
            Late[i] = windows[^1].End;
        }

        WindowStart = [.. windowStart];
        WindowEnd = [.. windowEnd];
        BreakOffset = new int[vehicles];
        BreakCount = new int[vehicles];
        var breakDuration = new List<double>();
        var breakFirstStart = new List<double>();
        var breakWindowOffset = new List<int>();
        var breakWindowCount = new List<int>();
        var breakWindowStart = new List<double>();
        var breakWindowEnd = new List<double>();
        for (int v = 0; v < vehicles; v++)
        {
            var breaks = problem.Vehicles[v].Breaks;
            BreakOffset[v] = breakDuration.Count;
            BreakCount[v] = breaks.Length;
            HasBreaks |= breaks.Length > 0;

            // The order in which SolutionFactory places missing breaks: by the start of their first window.
            foreach (var brk in breaks.OrderBy(b => b.Windows[0].Start))
            {
                breakDuration.Add(brk.DurationSeconds);
                breakFirstStart.Add(brk.Windows[0].Start);
                breakWindowOffset.Add(breakWindowStart.Count);
                breakWindowCount.Add(brk.Windows.Length);
                foreach (var w in brk.Windows)
                {
                    breakWindowStart.Add(w.Start);
                    breakWindowEnd.Add(w.End);
                }
            }
        }

        BreakDuration = [.. breakDuration];
        BreakFirstStart = [.. breakFirstStart];
        BreakWindowOffset = [.. breakWindowOffset];
        BreakWindowCount = [.. breakWindowCount];
        BreakWindowStart = [.. breakWindowStart];
        BreakWindowEnd = [.. breakWindowEnd];
        Forward = HasMultiWindows || HasBreaks;

        HasTimeWindows = false;
        for (int i = 0; i < c; i++)
        {
            HasTimeWindows |= Early[i] > 0 || double.IsFinite(Late[i]);
        }

        for (int j = 0; j < problem.Jobs.Length; j++)
        {
            if (problem.Jobs[j].Penalty is { } penalty && analysis.Find(TaskKind.Job, j) is not null)
            {
                ExcludedPenalty += penalty;
            }
        }

        for (int s = 0; s < problem.Shipments.Length; s++)
        {
            if (problem.Shipments[s].Penalty is { } penalty && analysis.Find(TaskKind.Shipment, s) is not null)
            {
                ExcludedPenalty += penalty;
            }
        }

        // Leaving out a mandatory task costs more than serving any task can: legs, a vehicle, and a day of its time.
        double maxLeg = 0, maxTime = 0;
        foreach (var matrix in Distance)
        {
            foreach (double d in matrix)
            {
                if (d < Unreachable)
                {
                    maxLeg = Math.Max(maxLeg, d);
                }
            }
        }

        foreach (var matrix in Duration)
        {
            foreach (double t in matrix)
            {
                if (t < Unreachable)
                {
                    maxTime = Math.Max(maxTime, t);
                }
            }
        }

        double horizon = maxTime * 2;
        for (int i = 0; i < c; i++)
        {
            horizon = Math.Max(horizon, double.IsFinite(Late[i]) ? Late[i] : Early[i]);
        }

        MandatoryPenalty = 1;
        for (int v = 0; v < vehicles; v++)
        {
            double serve = (2 * maxLeg * CostPerMetre[v]) + FixedCost[v] + (CostPerSecond[v] * (horizon + (2 * maxTime) + Service.DefaultIfEmpty().Max()));
            MandatoryPenalty = Math.Max(MandatoryPenalty, 100 * serve);
        }

        NeedTime = HasTimeWindows || HasShiftEnd || HasDurationLimit || HasTravelLimit || HasTimeCost || Forward;
        TotalDelivery = new double[Dims];
        for (int i = 0; i < c; i++)
        {
            for (int d = 0; d < Dims; d++)
            {
                TotalDelivery[d] += Math.Max(Delivery[(i * Dims) + d], Pickup[(i * Dims) + d]);
            }
        }

        // Coordinates for polar sectors: planar when every location has X/Y, else longitude/latitude.
        if (problem.Locations.All(l => l.X is not null && l.Y is not null))
        {
            X = [.. NodeLocation.Select(l => l >= 0 ? problem.Locations[l].X!.Value : 0)];
            Y = [.. NodeLocation.Select(l => l >= 0 ? problem.Locations[l].Y!.Value : 0)];
        }
        else if (problem.Locations.All(l => l.Geo is not null))
        {
            X = [.. NodeLocation.Select(l => l >= 0 ? problem.Locations[l].Geo!.Value.Longitude : 0)];
            Y = [.. NodeLocation.Select(l => l >= 0 ? problem.Locations[l].Geo!.Value.Latitude : 0)];
        }

        if (X is not null && Y is not null)
        {
            // Polar angle of every client around every terminal, in HGS's units ([0, 65536) for [−π, π)).
            Angles = new int[NodeCount - c][];
            foreach (int start in VehicleStart.Distinct())
            {
                var angles = new int[c];
                for (int i = 0; i < c; i++)
                {
                    int a = (int)(32768 * Math.Atan2(Y[i] - Y[start], X[i] - X[start]) / Math.PI);
                    angles[i] = ((a % 65536) + 65536) % 65536;
                }

                Angles[start - c] = angles;
            }
        }

        void SetWindow(int i, TimeWindow window)
        {
            Early[i] = window.Start;
            Late[i] = window.End;
        }
    }

    /// <summary>Internal cost of leaving out a mandatory task (only once the search allows it): above any cost of serving one.</summary>
    public double MandatoryPenalty { get; }

    /// <summary>What leaving out client <paramref name="c"/> costs: its penalty, or <see cref="MandatoryPenalty"/> (0 for a delivery: its pickup carries it).</summary>
    /// <remarks>Higher priority makes a mandatory client dearer to leave out (by up to twice), so lower priorities go first.</remarks>
    public double DropCost(int c) =>
        Partner[c] >= 0 && ClientKind[c] != StepKind.Pickup ? 0 : IsOptional[c] ? Penalty[c] : MandatoryPenalty * (1 + (Priority[c] / 100.0));

    /// <summary>True for <see cref="Objective.MinimizeVehiclesFirst"/>: fewer routes first, then cost.</summary>
    public bool VehiclesFirst { get; }

    /// <summary>Penalties of the optional tasks that provably no vehicle can serve (a constant part of every solution's cost).</summary>
    public double ExcludedPenalty { get; }

    public RoutingProblem Problem { get; }

    public UnassignableAnalysis Analysis { get; }

    public int Dims { get; }

    public int ClientCount { get; }

    public int NodeCount { get; }

    public int VehicleCount { get; }

    public int ProfileCount { get; }

    public int TypeCount { get; }

    // Per client.
    public readonly StepKind[] ClientKind;
    public readonly int[] ClientTask;
    public readonly double[] Service;
    public readonly double[] Early;
    public readonly double[] Late;
    public readonly double[] Delivery;
    public readonly double[] Pickup;
    public readonly int[] Partner;
    public readonly double[] Penalty;
    public readonly bool[] IsOptional;
    public readonly int[] Priority;

    // Per node.
    public readonly int[] NodeLocation;
    public readonly double[]? X;
    public readonly double[]? Y;

    /// <summary>[terminal − ClientCount][client]: polar angle of the client around a vehicle start (null without coordinates).</summary>
    public readonly int[]?[]? Angles;

    // Per profile, [a * NodeCount + b].
    public readonly double[][] Distance;
    public readonly double[][] Duration;

    // Per vehicle.
    public readonly int[] VehicleProfile;
    public readonly int[] VehicleStart;
    public readonly int[] VehicleEnd;
    public readonly int[] VehicleType;
    public readonly double[] Capacity;
    public readonly double[] ShiftStart;
    public readonly double[] ShiftEnd;
    public readonly double[] FixedCost;
    public readonly double[] CostPerMetre;
    public readonly double[] CostPerSecond;
    public readonly double[] MaxDuration;
    public readonly double[] MaxTravel;
    public readonly double[] MaxDistance;
    public readonly int[] MaxStops;

    /// <summary>[v * ClientCount + c]: vehicle v might serve client c (not provably impossible).</summary>
    public readonly bool[] Allowed;

    /// <summary>Per dimension, the sum over clients of their larger amount (a bound on what all routes carry).</summary>
    public readonly double[] TotalDelivery;

    public readonly bool HasPickupLoads;
    public readonly bool HasShipments;
    public readonly bool HasOptional;
    public readonly bool HasOpenRoutes;
    public readonly bool HasTimeWindows;
    public readonly bool HasShiftEnd;
    public readonly bool HasDurationLimit;
    public readonly bool HasTravelLimit;
    public readonly bool HasDistanceLimit;
    public readonly bool HasStopLimit;
    public readonly bool HasTimeCost;
    public readonly bool AllAllowed = true;
    public readonly bool IsSymmetric;

    // Forward clock data (see ForwardClock): every client's windows, and every vehicle's breaks in placement order.
    public readonly double[] WindowStart;
    public readonly double[] WindowEnd;
    public readonly int[] WindowOffset;
    public readonly int[] WindowCount;
    public readonly int[] BreakOffset;
    public readonly int[] BreakCount;
    public readonly double[] BreakDuration;
    public readonly double[] BreakFirstStart;
    public readonly int[] BreakWindowOffset;
    public readonly int[] BreakWindowCount;
    public readonly double[] BreakWindowStart;
    public readonly double[] BreakWindowEnd;
    public readonly bool HasMultiWindows;
    public readonly bool HasBreaks;

    /// <summary>Schedules are computed visit by visit (<see cref="ForwardClock"/>): some stop has several windows or some vehicle takes breaks.</summary>
    public readonly bool Forward;

    /// <summary>True when some rule depends on time: windows, shifts, duration or travel limits, or a cost per hour.</summary>
    public readonly bool NeedTime;

    /// <summary>All vehicles are interchangeable (one type) and may serve every client.</summary>
    public bool IsUniformFleet => TypeCount <= 1 && AllAllowed;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsAllowed(int vehicle, int client) => Allowed[(vehicle * ClientCount) + client];
}
