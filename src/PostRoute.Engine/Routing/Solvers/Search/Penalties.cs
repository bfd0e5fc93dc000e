namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Penalty weights of infeasibility, per unit of excess: load per capacity dimension, time (time warp plus excess
/// route duration and travel time), distance above the limit, and stops above the limit. Adapted during the search so
/// that about a target fraction of the solutions that local search produces is feasible (Vidal's scheme).
/// </summary>
internal sealed class Penalties
{
    public readonly double[] Load;
    public double Time;
    public double Distance;
    public double Stops;

    private readonly double[] _loadInitial;
    private readonly double _timeInitial;
    private readonly double _distanceInitial;
    private readonly double _stopsInitial;

    public Penalties(SearchModel model)
    {
        int dims = model.Dims;
        Load = new double[dims];
        _loadInitial = new double[dims];

        // Typical cost of a leg: the scale every penalty starts from (HGS: max distance / max demand for the load).
        double maxCost = 0, costSum = 0, timeSum = 0;
        long count = 0;
        int n = model.NodeCount;
        for (int v = 0; v < model.VehicleCount; v++)
        {
            if (v > 0 && model.VehicleType[v] == model.VehicleType[v - 1])
            {
                continue;
            }

            var dist = model.Distance[model.VehicleProfile[v]];
            var dur = model.Duration[model.VehicleProfile[v]];
            for (int a = 0; a < model.ClientCount; a++)
            {
                for (int b = 0; b < model.ClientCount; b++)
                {
                    double d = dist[(a * n) + b];
                    if (a != b && d < model.Unreachable)
                    {
                        double cost = (model.CostPerMetre[v] * d) + (model.CostPerSecond[v] * dur[(a * n) + b]);
                        maxCost = Math.Max(maxCost, cost);
                        costSum += cost;
                        timeSum += dur[(a * n) + b];
                        count++;
                    }
                }
            }
        }

        double meanCost = count > 0 ? costSum / count : 1;
        double meanTime = count > 0 ? timeSum / count : 1;
        if (maxCost <= 0)
        {
            maxCost = meanCost = 1;
        }

        for (int d = 0; d < dims; d++)
        {
            double maxDemand = 0;
            for (int c = 0; c < model.ClientCount; c++)
            {
                maxDemand = Math.Max(maxDemand, Math.Max(model.Delivery[(c * dims) + d], Math.Abs(model.Pickup[(c * dims) + d])));
            }

            _loadInitial[d] = maxDemand > 0 ? maxCost / maxDemand : maxCost;
        }

        // One second of time warp costs about as much as one second of driving (HGS uses 1 with time = distance).
        _timeInitial = meanTime > 0 ? Math.Max(meanCost / meanTime, 1e-9) : 1;
        double meanMetreCost = 0;
        for (int v = 0; v < model.VehicleCount; v++)
        {
            meanMetreCost += model.CostPerMetre[v] / model.VehicleCount;
        }

        _distanceInitial = meanMetreCost > 0 ? meanMetreCost : 1e-3;
        _stopsInitial = meanCost;
        Reset();
    }

    public void Reset()
    {
        Array.Copy(_loadInitial, Load, Load.Length);
        Time = _timeInitial;
        Distance = _distanceInitial;
        Stops = _stopsInitial;
    }

    /// <summary>Multiplies every weight by <paramref name="factor"/> (the repair step of HGS uses 10).</summary>
    public Penalties Scaled(double factor)
    {
        var load = new double[Load.Length];
        for (int d = 0; d < load.Length; d++)
        {
            load[d] = Load[d] * factor;
        }

        return new Penalties(this, load, Time * factor, Distance * factor, Stops * factor);
    }

    private Penalties(Penalties source, double[] load, double time, double distance, double stops)
    {
        _loadInitial = source._loadInitial;
        _timeInitial = source._timeInitial;
        _distanceInitial = source._distanceInitial;
        _stopsInitial = source._stopsInitial;
        Load = load;
        Time = time;
        Distance = distance;
        Stops = stops;
    }

    /// <summary>Raises a weight when too few recent solutions were feasible for it, lowers it when too many were.</summary>
    public void Adapt(int category, int dimension, double feasibleFraction, double target)
    {
        const double increase = 1.2, decrease = 0.85, band = 0.05;
        double factor = feasibleFraction < target - band ? increase : feasibleFraction > target + band ? decrease : 1;
        if (factor == 1)
        {
            return;
        }

        switch (category)
        {
            case 0:
                Load[dimension] = Clamp(Load[dimension] * factor, _loadInitial[dimension]);
                break;
            case 1:
                Time = Clamp(Time * factor, _timeInitial);
                break;
            case 2:
                Distance = Clamp(Distance * factor, _distanceInitial);
                break;
            default:
                Stops = Clamp(Stops * factor, _stopsInitial);
                break;
        }

        // HGS keeps its weights in [0.1, 100000] around initial values of about 1–100; the same span, relative.
        static double Clamp(double value, double initial) => Math.Clamp(value, initial * 1e-3, initial * 1e4);
    }
}
