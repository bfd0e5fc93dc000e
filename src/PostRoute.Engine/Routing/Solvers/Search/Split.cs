namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Prins' Split for a fleet of interchangeable vehicles: cuts a giant tour into routes optimally (shortest path over
/// the tour's cut points) under the current penalised cost, first with an unlimited fleet and, when that uses more
/// routes than allowed, with a limited number of routes (Bellman over route counts). Route costs are built
/// incrementally with <see cref="SequenceEvaluator"/>, so time windows, limits and fixed costs are priced exactly; a
/// route stops growing once its load exceeds 1.5 × capacity, as in HGS-CVRP. Not thread-safe.
/// </summary>
internal sealed class Split
{
    private const double LoadBreakFactor = 1.5;
    private readonly SearchModel _m;
    private readonly SequenceEvaluator _ev;
    private double[] _potential = [];
    private int[] _pred = [];
    private double[] _costs = [];
    private int[] _costStart = [];
    private int[] _costCount = [];

    public Split(SearchModel model, SequenceEvaluator evaluator)
    {
        _m = model;
        _ev = evaluator;
    }

    /// <summary>
    /// Splits <paramref name="tour"/> into at most <paramref name="maxRoutes"/> routes written to vehicle slots
    /// 0 … k−1 of <paramref name="routes"/> (the others are emptied).
    /// </summary>
    public void Run(ReadOnlySpan<int> tour, int maxRoutes, int[][] routes)
    {
        int n = tour.Length;
        maxRoutes = Math.Clamp(maxRoutes, 1, routes.Length);
        if (n == 0)
        {
            for (int r = 0; r < routes.Length; r++)
            {
                routes[r] = [];
            }

            return;
        }

        ComputeRouteCosts(tour, useBreak: true);
        if (!Unlimited(tour, maxRoutes, routes) && !Limited(tour, maxRoutes, routes))
        {
            ComputeRouteCosts(tour, useBreak: false);
            Limited(tour, maxRoutes, routes);
        }
    }

    /// <summary>
    /// Cost of every route tour[i .. j−1] the search may use (all j for each i until the load exceeds
    /// 1.5 × capacity when <paramref name="useBreak"/>), stored from _costStart[i].
    /// </summary>
    private void ComputeRouteCosts(ReadOnlySpan<int> tour, bool useBreak)
    {
        int n = tour.Length;
        if (_costStart.Length < n + 1)
        {
            _costStart = new int[n + 1];
            _costCount = new int[n + 1];
        }

        int next = 0;
        for (int i = 0; i < n; i++)
        {
            _costStart[i] = next;
            _ev.StartEmpty(0);
            int count = 0;
            for (int j = i + 1; j <= n; j++)
            {
                _ev.Add(tour[j - 1]);
                if (next + count >= _costs.Length)
                {
                    Array.Resize(ref _costs, Math.Max(1024, _costs.Length * 2));
                }

                _costs[next + count++] = _ev.CostWithEnd();
                if (useBreak && _ev.LoadAbove(LoadBreakFactor))
                {
                    break;
                }
            }

            _costCount[i] = count;
            next += count;
        }
    }

    private bool Unlimited(ReadOnlySpan<int> tour, int maxRoutes, int[][] routes)
    {
        int n = tour.Length;
        Ensure((n + 1) * 2);
        var potential = _potential;
        var pred = _pred;
        potential[0] = 0;
        for (int j = 1; j <= n; j++)
        {
            potential[j] = double.PositiveInfinity;
        }

        var costs = _costs;
        for (int i = 0; i < n; i++)
        {
            double start = potential[i];
            if (double.IsPositiveInfinity(start))
            {
                continue;
            }

            int offset = _costStart[i], count = _costCount[i];
            for (int k = 0; k < count; k++)
            {
                double cost = start + costs[offset + k];
                int j = i + k + 1;
                if (cost < potential[j])
                {
                    potential[j] = cost;
                    pred[j] = i;
                }
            }
        }

        if (double.IsPositiveInfinity(potential[n]))
        {
            return false;
        }

        int routeCount = 0;
        for (int j = n; j > 0; j = pred[j])
        {
            routeCount++;
        }

        if (routeCount > maxRoutes)
        {
            return false;
        }

        int end = n;
        for (int r = routeCount - 1; r >= 0; r--)
        {
            int begin = pred[end];
            routes[r] = tour[begin..end].ToArray();
            end = begin;
        }

        for (int r = routeCount; r < routes.Length; r++)
        {
            routes[r] = [];
        }

        return true;
    }

    private bool Limited(ReadOnlySpan<int> tour, int maxRoutes, int[][] routes)
    {
        int n = tour.Length;
        int width = n + 1;
        Ensure((maxRoutes + 1) * width);
        var potential = _potential;
        var pred = _pred;
        Array.Fill(potential, double.PositiveInfinity, 0, (maxRoutes + 1) * width);
        potential[0] = 0;
        var costs = _costs;
        for (int r = 0; r < maxRoutes; r++)
        {
            int row = r * width, nextRow = (r + 1) * width;
            for (int i = r; i < n; i++)
            {
                double start = potential[row + i];
                if (double.IsPositiveInfinity(start))
                {
                    continue;
                }

                int offset = _costStart[i], count = _costCount[i];
                for (int k = 0; k < count; k++)
                {
                    double cost = start + costs[offset + k];
                    int j = nextRow + i + k + 1;
                    if (cost < potential[j])
                    {
                        potential[j] = cost;
                        pred[j] = i;
                    }
                }
            }
        }

        // Best number of routes (empty routes cost nothing, so fewer may be best).
        double best = double.PositiveInfinity;
        int bestK = -1;
        for (int k = 1; k <= maxRoutes; k++)
        {
            if (potential[(k * width) + n] < best)
            {
                best = potential[(k * width) + n];
                bestK = k;
            }
        }

        if (bestK < 0)
        {
            return false;
        }

        int end = n;
        for (int k = bestK; k >= 1; k--)
        {
            int begin = pred[(k * width) + end];
            routes[k - 1] = tour[begin..end].ToArray();
            end = begin;
        }

        for (int r = bestK; r < routes.Length; r++)
        {
            routes[r] = [];
        }

        return true;
    }

    private void Ensure(int size)
    {
        if (_potential.Length < size)
        {
            _potential = new double[size];
            _pred = new int[size];
        }
    }
}
