namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// A complete solution in the population: the clients of each vehicle's route (one slot per vehicle, empty when
/// unused), the giant tour (routes concatenated in polar order, for the crossover), the clients left out, neighbour
/// maps for the broken-pairs distance, and the cost split into the unpenalised cost and the excess per penalty
/// category so that the penalised cost can be recomputed when the weights change.
/// </summary>
internal sealed class Individual
{
    public Individual(SearchModel model)
    {
        Routes = new int[model.VehicleCount][];
        for (int v = 0; v < Routes.Length; v++)
        {
            Routes[v] = [];
        }

        GiantTour = [];
        Unassigned = [];
        Successor = new int[model.ClientCount];
        Predecessor = new int[model.ClientCount];
        LoadExcess = new double[model.Dims];
    }

    /// <summary>Clients of each vehicle's route, in visiting order.</summary>
    public int[][] Routes;

    /// <summary>Routed clients, route after route.</summary>
    public int[] GiantTour;

    /// <summary>Clients not routed (optional ones left out, or mandatory ones dropped).</summary>
    public int[] Unassigned;

    /// <summary>Next client on the route, −1 at the route's end, −2 when not routed.</summary>
    public int[] Successor;

    /// <summary>Previous client on the route, −1 at the route's start, −2 when not routed.</summary>
    public int[] Predecessor;

    /// <summary>Cost without penalties for infeasibility: routes plus penalties of left-out clients.</summary>
    public double BaseCost;

    public double[] LoadExcess;
    public double TimeExcess;
    public double DistanceExcess;
    public double StopsExcess;

    /// <summary>Number of mandatory clients left out (mandatory tasks unserved: worse than any excess).</summary>
    public int MandatoryUnassigned;

    /// <summary>The part of <see cref="BaseCost"/> that the left-out mandatory clients cost (internal, not a real cost).</summary>
    public double MandatoryDropCost;

    public double PenalisedCost;

    public int RouteCount;

    public bool IsFeasible;

    public double BiasedFitness;

    /// <summary>Other members of the same subpopulation by increasing broken-pairs distance.</summary>
    public List<(double Distance, Individual Other)> Proximity = [];

    public void Reprice(Penalties penalties)
    {
        double cost = BaseCost;
        for (int d = 0; d < LoadExcess.Length; d++)
        {
            cost += penalties.Load[d] * LoadExcess[d];
        }

        cost += (penalties.Time * TimeExcess) + (penalties.Distance * DistanceExcess) + (penalties.Stops * StopsExcess);
        PenalisedCost = cost;
    }

    /// <summary>Broken-pairs distance (HGS): the share of clients whose neighbours differ between the two solutions.</summary>
    public static double BrokenPairsDistance(Individual a, Individual b)
    {
        int n = a.Successor.Length;
        if (n == 0)
        {
            return 0;
        }

        int differences = 0;
        for (int j = 0; j < n; j++)
        {
            int sa = a.Successor[j], pa = a.Predecessor[j], sb = b.Successor[j], pb = b.Predecessor[j];
            if (sa != sb && sa != pb)
            {
                differences++;
            }

            if (pa == -1 && pb != -1 && sb != -1)
            {
                differences++;
            }
        }

        return (double)differences / n;
    }

    /// <summary>Mean distance to the <paramref name="count"/> closest members.</summary>
    public double AverageDistanceToClosest(int count)
    {
        int k = Math.Min(count, Proximity.Count);
        if (k == 0)
        {
            return 0;
        }

        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            sum += Proximity[i].Distance;
        }

        return sum / k;
    }

    public void RemoveProximity(Individual other)
    {
        for (int i = 0; i < Proximity.Count; i++)
        {
            if (ReferenceEquals(Proximity[i].Other, other))
            {
                Proximity.RemoveAt(i);
                return;
            }
        }
    }

    public void InsertProximity(double distance, Individual other)
    {
        int place = Proximity.Count;
        while (place > 0 && Proximity[place - 1].Distance > distance)
        {
            place--;
        }

        Proximity.Insert(place, (distance, other));
    }

    /// <summary>A deep copy without population links.</summary>
    public Individual Clone()
    {
        var copy = (Individual)MemberwiseClone();
        copy.Routes = [.. Routes.Select(r => (int[])r.Clone())];
        copy.GiantTour = (int[])GiantTour.Clone();
        copy.Unassigned = (int[])Unassigned.Clone();
        copy.Successor = (int[])Successor.Clone();
        copy.Predecessor = (int[])Predecessor.Clone();
        copy.LoadExcess = (double[])LoadExcess.Clone();
        copy.Proximity = [];
        return copy;
    }
}
