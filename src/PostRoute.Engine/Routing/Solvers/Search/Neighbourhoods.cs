namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Granular neighbourhoods: for each client the Γ most correlated other clients, made symmetric (if j is among i's,
/// i is among j's), as in HGS-CVRP. Correlation is the travel distance, plus with time windows the least waiting
/// (weight 0.2) and time warp (weight 1) of going from one to the other (Vidal et al. 2013; PyVRP's weights),
/// taking the smaller of both directions.
/// </summary>
/// <remarks>
/// With a mixed fleet the correlation is the smallest over the profiles of the vehicles that may serve both clients,
/// and two clients that no single vehicle may serve (skills) are never neighbours: a move joining them in one route
/// can only be infeasible, so spending the granular budget on them would starve the useful moves (a district's
/// motorbike loops next to a truck's trunk stops).
/// </remarks>
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

        var profiles = model.VehicleCount == 0 ? [0] : model.VehicleProfile.Distinct().Order().ToArray();
        var compatibility = Compatibility.Create(model, profiles);
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

                double value = double.PositiveInfinity;
                for (int p = 0; p < profiles.Length; p++)
                {
                    if (compatibility.Shares(p, i, j))
                    {
                        value = Math.Min(value, Math.Min(Directed(profiles[p], i, j), Directed(profiles[p], j, i)));
                    }
                }

                proximity[count++] = (value, j);
            }

            Array.Sort(proximity, (a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Client.CompareTo(b.Client));
            for (int r = 0; r < k && !double.IsPositiveInfinity(proximity[r].Value); r++)
            {
                sets[i].Add(proximity[r].Client);
                sets[proximity[r].Client].Add(i);
            }
        }

        return [.. sets.Select(s => s.ToArray())];

        double Directed(int profile, int i, int j)
        {
            var dist = model.Distance[profile];
            var dur = model.Duration[profile];
            double d = costScale == 0 ? dur[(i * n) + j] : dist[(i * n) + j];
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

    /// <summary>Which profiles have a vehicle allowed to serve both of two clients: bit sets over vehicles.</summary>
    private sealed class Compatibility
    {
        private readonly bool _everyVehicleEverywhere;
        private readonly int _words;
        private readonly ulong[] _clientVehicles;   // client × words: vehicles allowed at the client
        private readonly ulong[] _profileVehicles;  // profile × words: vehicles with the profile

        private Compatibility(bool everyVehicleEverywhere, int words, ulong[] clientVehicles, ulong[] profileVehicles)
        {
            _everyVehicleEverywhere = everyVehicleEverywhere;
            _words = words;
            _clientVehicles = clientVehicles;
            _profileVehicles = profileVehicles;
        }

        public static Compatibility Create(SearchModel model, int[] profiles)
        {
            int vehicles = model.VehicleCount;
            if (vehicles == 0 || (model.AllAllowed && profiles.Length == 1))
            {
                return new Compatibility(true, 0, [], []);
            }

            int words = (vehicles + 63) / 64;
            var clientVehicles = new ulong[model.ClientCount * words];
            for (int v = 0; v < vehicles; v++)
            {
                for (int i = 0; i < model.ClientCount; i++)
                {
                    if (model.IsAllowed(v, i))
                    {
                        clientVehicles[(i * words) + (v >> 6)] |= 1UL << (v & 63);
                    }
                }
            }

            var profileVehicles = new ulong[profiles.Length * words];
            for (int v = 0; v < vehicles; v++)
            {
                int p = Array.IndexOf(profiles, model.VehicleProfile[v]);
                profileVehicles[(p * words) + (v >> 6)] |= 1UL << (v & 63);
            }

            return new Compatibility(false, words, clientVehicles, profileVehicles);
        }

        public bool Shares(int profile, int i, int j)
        {
            if (_everyVehicleEverywhere)
            {
                return true;
            }

            var a = _clientVehicles.AsSpan(i * _words, _words);
            var b = _clientVehicles.AsSpan(j * _words, _words);
            var p = _profileVehicles.AsSpan(profile * _words, _words);
            for (int w = 0; w < _words; w++)
            {
                if ((a[w] & b[w] & p[w]) != 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
