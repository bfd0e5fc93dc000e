using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Routing.Search;

/// <summary>Exact optimum of tiny CVRP instances by exhaustive dynamic programming (independent of the solver).</summary>
internal static class BruteForce
{
    /// <summary>
    /// Minimum total cost of a CVRP built by <see cref="SearchProblems.Cvrp"/> (depot = location 0, one job per
    /// further location, identical vehicles, cost = CostPerKm × km): Held–Karp for the best tour of every subset that
    /// fits in a vehicle, then the best partition of all customers into such subsets (at most the fleet size).
    /// </summary>
    public static double OptimalCvrpCost(RoutingProblem problem)
    {
        int n = problem.Jobs.Length;
        if (n > 12)
        {
            throw new ArgumentException("Too many customers for brute force.", nameof(problem));
        }

        var vehicle = problem.Vehicles[0];
        var table = problem.TravelOf(0);
        double costPerMetre = vehicle.CostPerKm / 1000;
        long capacity = vehicle.Capacity[0];
        int depot = vehicle.Start;
        int full = (1 << n) - 1;
        double Dist(int a, int b) => table.DistanceMetres(a, b);
        int Loc(int j) => problem.Jobs[j].Location;

        // tour[mask][last]: shortest path from the depot through mask ending at job last.
        var path = new double[1 << n, n];
        for (int mask = 0; mask <= full; mask++)
        {
            for (int last = 0; last < n; last++)
            {
                path[mask, last] = double.PositiveInfinity;
            }
        }

        for (int j = 0; j < n; j++)
        {
            path[1 << j, j] = Dist(depot, Loc(j));
        }

        for (int mask = 1; mask <= full; mask++)
        {
            for (int last = 0; last < n; last++)
            {
                double current = path[mask, last];
                if ((mask & (1 << last)) == 0 || double.IsPositiveInfinity(current))
                {
                    continue;
                }

                for (int next = 0; next < n; next++)
                {
                    if ((mask & (1 << next)) != 0)
                    {
                        continue;
                    }

                    int extended = mask | (1 << next);
                    path[extended, next] = Math.Min(path[extended, next], current + Dist(Loc(last), Loc(next)));
                }
            }
        }

        var route = new double[full + 1];
        for (int mask = 1; mask <= full; mask++)
        {
            long demand = 0;
            for (int j = 0; j < n; j++)
            {
                if ((mask & (1 << j)) != 0)
                {
                    demand += problem.Jobs[j].Delivery[0];
                }
            }

            route[mask] = double.PositiveInfinity;
            if (demand > capacity)
            {
                continue;
            }

            for (int last = 0; last < n; last++)
            {
                if ((mask & (1 << last)) != 0)
                {
                    route[mask] = Math.Min(route[mask], costPerMetre * (path[mask, last] + Dist(Loc(last), depot)));
                }
            }
        }

        // best[k][mask]: cheapest cover of mask by k routes; subsets that contain mask's lowest job avoid repeats.
        int fleet = Math.Min(problem.Vehicles.Length, n);
        var best = new double[fleet + 1, full + 1];
        for (int k = 0; k <= fleet; k++)
        {
            for (int mask = 0; mask <= full; mask++)
            {
                best[k, mask] = double.PositiveInfinity;
            }
        }

        best[0, 0] = 0;
        for (int k = 1; k <= fleet; k++)
        {
            for (int mask = 1; mask <= full; mask++)
            {
                int lowest = mask & -mask;
                for (int sub = mask; sub > 0; sub = (sub - 1) & mask)
                {
                    if ((sub & lowest) != 0 && !double.IsPositiveInfinity(route[sub]))
                    {
                        best[k, mask] = Math.Min(best[k, mask], route[sub] + best[k - 1, mask ^ sub]);
                    }
                }
            }
        }

        double optimum = double.PositiveInfinity;
        for (int k = 1; k <= fleet; k++)
        {
            optimum = Math.Min(optimum, best[k, full]);
        }

        return optimum;
    }
}
