namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Granular neighbourhoods: for each client the Γ most correlated other clients, made symmetric (if j is among i's,
/// i is among j's), as in HGS-CVRP. Correlation is the travel distance, plus with time windows the least waiting
/// (weight 0.2) and time warp (weight 1) of going from one to the other (Vidal et al. 2013; PyVRP's weights),
/// taking the smaller of both directions.
/// </summary>
internal static class Neighbourhoods
{
    public static int[][] Build(SearchModel model, int granular)
    {
        int c = model.ClientCount;
        int n = model.NodeCount;
        var sets = new SortedSet<int>[c];
        for (int i = 0; i < c; i++)
        {
            sets[i] = [];
        }

        if (c <= 1)
        {
            return [.. sets.Select(s => s.ToArray())];
        }

        // Proximity with the profile of the first vehicle (the most common case is one profile).
        int profile = model.VehicleCount > 0 ? model.VehicleProfile[0] : 0;
        var dist = model.Distance[profile];
        var dur = model.Duration[profile];
        double costScale = model.VehicleCount > 0 && model.CostPerMetre[0] > 0 ? 1 : 0;
        var proximity = new (double Value, int Client)[c - 1];
        int k = Math.Min(granular, c - 1);
        for (int i = 0; i < c; i++)
        {
            int count = 0;
            for (int j = 0; j < c; j++)
            {
                if (i == j)
                {
                    continue;
                }

                double value = Math.Min(Directed(i, j), Directed(j, i));
                proximity[count++] = (value, j);
            }

            Array.Sort(proximity, (a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Client.CompareTo(b.Client));
            for (int r = 0; r < k; r++)
            {
                sets[i].Add(proximity[r].Client);
                sets[proximity[r].Client].Add(i);
            }
        }

        return [.. sets.Select(s => s.ToArray())];

        double Directed(int i, int j)
        {
            double d = dist[(i * n) + j];
            if (costScale == 0)
            {
                d = dur[(i * n) + j];
            }

            if (!model.HasTimeWindows)
            {
                return d;
            }

            double t = dur[(i * n) + j];
            double wait = Math.Max(0, model.Early[j] - t - model.Service[i] - model.Late[i]);
            double warp = Math.Max(0, model.Early[i] + model.Service[i] + t - model.Late[j]);
            return d + (0.2 * wait) + (1.0 * warp);
        }
    }
}
