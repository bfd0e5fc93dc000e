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

        int vehicle = 0;
        if (!Unlimited(tour, vehicle, maxRoutes, routes, useBreak: true) && !Limited(tour, vehicle, maxRoutes, routes, useBreak: true))
        {
            Limited(tour, vehicle, maxRoutes, routes, useBreak: false);
        }
    }

    private bool Unlimited(ReadOnlySpan<int> tour, int vehicle, int maxRoutes, int[][] routes, bool useBreak)
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

        for (int i = 0; i < n; i++)
        {
            if (double.IsPositiveInfinity(potential[i]))
            {
                continue;
            }

            _ev.StartEmpty(vehicle);
            for (int j = i + 1; j <= n; j++)
            {
                _ev.Add(tour[j - 1]);
                double cost = potential[i] + _ev.CostWithEnd();
                if (cost < potential[j])
                {
                    potential[j] = cost;
                    pred[j] = i;
                }

                if (useBreak && _ev.LoadAbove(LoadBreakFactor))
                {
                    break;
                }
            }
        }

        if (double.IsPositiveInfinity(potential[n]))
        {
            return false;
        }

        int count = 0;
        for (int j = n; j > 0; j = pred[j])
        {
            count++;
        }

        if (count > maxRoutes)
        {
            return false;
        }

        int end = n;
        for (int r = count - 1; r >= 0; r--)
        {
            int begin = pred[end];
            routes[r] = tour[begin..end].ToArray();
            end = begin;
        }

        for (int r = count; r < routes.Length; r++)
        {
            routes[r] = [];
        }

        return true;
    }

    private bool Limited(ReadOnlySpan<int> tour, int vehicle, int maxRoutes, int[][] routes, bool useBreak)
    {
        int n = tour.Length;
        int width = n + 1;
        Ensure((maxRoutes + 1) * width);
        var potential = _potential;
        var pred = _pred;
        for (int k = 0; k <= maxRoutes; k++)
        {
            for (int j = 0; j <= n; j++)
            {
                potential[(k * width) + j] = double.PositiveInfinity;
            }
        }

        potential[0] = 0;
        for (int k = 0; k < maxRoutes; k++)
        {
            int row = k * width, next = (k + 1) * width;
            for (int i = k; i < n; i++)
            {
                double start = potential[row + i];
                if (double.IsPositiveInfinity(start))
                {
                    continue;
                }

                _ev.StartEmpty(vehicle);
                for (int j = i + 1; j <= n; j++)
                {
                    _ev.Add(tour[j - 1]);
                    double cost = start + _ev.CostWithEnd();
                    if (cost < potential[next + j])
                    {
                        potential[next + j] = cost;
                        pred[next + j] = i;
                    }

                    if (useBreak && _ev.LoadAbove(LoadBreakFactor))
                    {
                        break;
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
