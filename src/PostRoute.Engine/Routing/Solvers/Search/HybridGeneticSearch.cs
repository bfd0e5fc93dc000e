namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// The hybrid genetic search loop (Vidal et al. 2012; HGS-CVRP, Vidal 2022): an initial population of random
/// solutions improved by local search, then generations of crossover + local search (+ repair with ten-fold penalties
/// for half of the infeasible offspring), biased-fitness survivor selection, penalty adaptation every 100 iterations,
/// and a restart after a number of iterations without improvement. With interchangeable vehicles the crossover is
/// OX on giant tours followed by Split; otherwise a selective route exchange (SREX) with cheapest reinsertion of the
/// clients it leaves out. Deterministic for a seed. Not thread-safe.
/// </summary>
internal sealed class HybridGeneticSearch
{
    private readonly SearchModel _m;
    private readonly SearchParameters _p;
    private readonly SearchRandom _rng;
    private readonly Penalties _penalties;
    private readonly LocalSearch _ls;
    private readonly Split _split;
    private readonly Population _population;
    private readonly Func<bool> _shouldStop;
    private readonly bool _useSplit;
    private readonly int[][] _neighbours;
    private readonly Func<bool> _reductionOver;

    // Fleet reduction (vehicles-first objective): routes allowed now, and whether the search still tries to lower it.
    private int _routeLimit;
    private bool _reducing;
    private long _iterationsAtLimit;
    private bool _dropping;

    public HybridGeneticSearch(SearchModel model, SearchParameters parameters, int seed, Func<bool> shouldStop, Func<bool>? reductionOver = null)
    {
        _reductionOver = reductionOver ?? (static () => false);
        _routeLimit = model.VehicleCount;
        _m = model;
        _p = parameters;
        _rng = new SearchRandom(seed);
        _penalties = new Penalties(model);
        _neighbours = Neighbourhoods.Build(model, parameters.Granular);
        _ls = new LocalSearch(model, _rng, _penalties, _neighbours);
        _split = new Split(model, new SequenceEvaluator(model, _penalties));
        _population = new Population(model, parameters, _rng);
        _shouldStop = shouldStop;
        _useSplit = model.IsUniformFleet && !model.HasShipments && !model.HasOptional;
    }

    /// <summary>Offspring generated so far.</summary>
    public long Iterations { get; private set; }

    /// <summary>Best feasible solution found (null until one is found).</summary>
    public Individual? Best { get; private set; }

    /// <summary>Best solution by penalised cost among everything produced, feasible or not (for the final repair).</summary>
    public Individual? BestAny { get; private set; }

    /// <summary>Raised at each improvement of <see cref="Best"/>.</summary>
    public event Action<Individual>? Improved;

    public LocalSearch LocalSearch => _ls;

    private bool Stop => _shouldStop() || (_p.MaxIterations is { } max && Iterations >= max);

    /// <summary>Runs until the stop condition holds, starting from <paramref name="initial"/> solutions when given.</summary>
    public void Run(IReadOnlyList<Individual> initial)
    {
        _reducing = _m.VehiclesFirst;
        foreach (var start in initial)
        {
            if (Stop)
            {
                return;
            }

            Educate(start.Clone(), countIteration: false);
        }

        GeneratePopulation();

        // No solution serves every mandatory client: from now on infeasible offspring are also repaired by leaving
        // clients out, so that the search compares solutions that serve as many as possible.
        _dropping = Best is null;
        int withoutImprovement = 0;
        while (!Stop)
        {
            if (_reducing)
            {
                if (Best is not null && Best.RouteCount <= _routeLimit)
                {
                    LowerRouteLimit();
                    withoutImprovement = 0;
                    continue;
                }

                if (_reductionOver() || _iterationsAtLimit >= Math.Max(1000, _p.IterationsWithoutImprovement / 4))
                {
                    EndReduction();
                    withoutImprovement = 0;
                    continue;
                }
            }

            var offspring = _population.Count >= 2 ? Crossover() : RandomIndividual();
            bool improved = Educate(offspring, countIteration: true);
            _iterationsAtLimit++;
            withoutImprovement = improved ? 0 : withoutImprovement + 1;
            if (Iterations % 100 == 0)
            {
                _population.ManagePenalties(_penalties);
            }

            if (withoutImprovement >= _p.IterationsWithoutImprovement)
            {
                _population.Clear();
                _penalties.Reset();
                GeneratePopulation();
                withoutImprovement = 0;
            }
        }
    }

    /// <summary>
    /// After a feasible solution with k routes, allows k − 1 and restarts from the best solutions of the population,
    /// each with one of its smallest routes dissolved (its clients reinserted into the others, penalised where they
    /// do not fit): three variants of the best solution, then one of each other feasible member.
    /// </summary>
    private void LowerRouteLimit()
    {
        var best = Best!;
        int target = best.RouteCount - 1;
        if (target < LowerBoundRoutes())
        {
            EndReduction();
            return;
        }

        var parents = _population.Feasible.Where(i => i.RouteCount > target).Take(_p.Mu).Select(i => i.Clone()).ToList();
        SetRouteLimit(target);
        _population.Clear();
        _iterationsAtLimit = 0;
        var seeds = new List<Individual>();
        var smallest = Enumerable.Range(0, best.Routes.Length).Where(r => best.Routes[r].Length > 0)
            .OrderBy(r => best.Routes[r].Length).ThenBy(r => r).Take(3).ToList();
        foreach (int r in smallest)
        {
            var seed = best.Clone();
            seed.Routes[r] = [];
            seeds.Add(seed);
        }

        foreach (var parent in parents)
        {
            var seed = parent.Clone();
            while (seed.Routes.Count(route => route.Length > 0) > target)
            {
                int r = Enumerable.Range(0, seed.Routes.Length).Where(k => seed.Routes[k].Length > 0).MinBy(k => seed.Routes[k].Length);
                seed.Routes[r] = [];
            }

            seeds.Add(seed);
        }

        foreach (var seed in seeds)
        {
            if (Stop)
            {
                return;
            }

            Educate(seed, countIteration: true);
        }
    }

    /// <summary>
    /// Stops reducing the fleet: the search goes on, with the routes of the best solution allowed, minimising cost
    /// from the current population (whose members use fewer routes, so they stay valid).
    /// </summary>
    private void EndReduction()
    {
        _reducing = false;
        SetRouteLimit(Best?.RouteCount ?? _m.VehicleCount);
        if (Best is { } best)
        {
            Educate(best.Clone(), countIteration: false);
        }

        if (_population.Count < 2)
        {
            GeneratePopulation();
        }
    }

    private void SetRouteLimit(int limit)
    {
        _routeLimit = Math.Clamp(limit, 1, _m.VehicleCount);
        _ls.RouteLimit = _routeLimit >= _m.VehicleCount ? int.MaxValue : _routeLimit;
    }

    private void GeneratePopulation()
    {
        int target = 4 * _p.Mu;
        for (int i = 0; i < target && !Stop; i++)
        {
            Educate(RandomIndividual(), countIteration: true);
        }
    }

    /// <summary>Local search, insertion into the population, and (half the time) repair of an infeasible result.</summary>
    private bool Educate(Individual individual, bool countIteration)
    {
        if (countIteration)
        {
            Iterations++;
        }

        _ls.Run(individual, _penalties, _shouldStop);
        bool improved = Register(individual, recordFeasibility: true);
        if (!individual.IsFeasible && !Stop && _rng.NextDouble() < _p.RepairProbability)
        {
            _ls.Run(individual, _penalties.Scaled(10), _shouldStop);
            individual.Reprice(_penalties);
            if (individual.IsFeasible)
            {
                improved |= Register(individual, recordFeasibility: false);
            }
        }

        if (_dropping && !individual.IsFeasible && !Stop)
        {
            _ls.Repair(individual, _penalties.Scaled(1000));
            individual.Reprice(_penalties);
            improved |= individual.IsFeasible && Register(individual, recordFeasibility: false);
            _dropping = Best is null || Best.MandatoryUnassigned > 0;
        }

        return improved;
    }

    private bool Register(Individual individual, bool recordFeasibility)
    {
        if (BestAny is null || Better(individual, BestAny, penalised: true))
        {
            BestAny = individual.Clone();
        }

        _population.Add(individual, recordFeasibility);
        if (individual.IsFeasible && (Best is null || BetterFeasible(individual, Best)))
        {
            Best = individual.Clone();
            Improved?.Invoke(Best);
            return true;
        }

        return false;
    }

    /// <summary>Ranking of feasible solutions: fewer routes first with the vehicles-first objective, then cost.</summary>
    private bool BetterFeasible(Individual a, Individual b)
    {
        if (a.MandatoryUnassigned != b.MandatoryUnassigned)
        {
            return a.MandatoryUnassigned < b.MandatoryUnassigned;
        }

        if (_m.VehiclesFirst && a.RouteCount != b.RouteCount)
        {
            return a.RouteCount < b.RouteCount;
        }

        return a.BaseCost < b.BaseCost - 1e-9;
    }

    private static bool Better(Individual a, Individual b, bool penalised)
    {
        if (a.MandatoryUnassigned != b.MandatoryUnassigned)
        {
            return a.MandatoryUnassigned < b.MandatoryUnassigned;
        }

        return penalised ? a.PenalisedCost < b.PenalisedCost - 1e-9 : a.BaseCost < b.BaseCost - 1e-9;
    }

    private Individual RandomIndividual()
    {
        var individual = new Individual(_m);
        if (_useSplit)
        {
            var tour = Enumerable.Range(0, _m.ClientCount).ToArray();
            _rng.Shuffle(tour);
            _split.Run(tour, _routeLimit, individual.Routes);
            return individual;
        }

        // Random order of insertion into empty routes; LocalSearch.Run inserts every unrouted client.
        return individual;
    }

    private Individual Crossover()
    {
        var a = _population.SelectParent();
        var b = _population.SelectParent();
        return _useSplit ? CrossoverOx(a, b) : CrossoverSrex(a, b);
    }

    /// <summary>OX on giant tours, then Split with at most max(routes of the first parent, a lower bound) routes (HGS-CVRP).</summary>
    private Individual CrossoverOx(Individual a, Individual b)
    {
        int n = _m.ClientCount;
        var result = new Individual(_m);
        var tour = new int[n];
        var taken = new bool[n];
        if (n < 2)
        {
            _split.Run(a.GiantTour, _routeLimit, result.Routes);
            return result;
        }

        int[] tourA = a.Unassigned.Length == 0 ? a.GiantTour : [.. a.GiantTour, .. a.Unassigned];
        int[] tourB = b.Unassigned.Length == 0 ? b.GiantTour : [.. b.GiantTour, .. b.Unassigned];
        int start = _rng.Next(n);
        int end = _rng.Next(n);
        while (end == start)
        {
            end = _rng.Next(n);
        }

        int j = start;
        while (j % n != (end + 1) % n)
        {
            tour[j % n] = tourA[j % n];
            taken[tour[j % n]] = true;
            j++;
        }

        for (int i = 1; i <= n; i++)
        {
            int c = tourB[(end + i) % n];
            if (!taken[c])
            {
                tour[j % n] = c;
                j++;
            }
        }

        _split.Run(tour, Math.Min(_routeLimit, Math.Max(a.RouteCount, LowerBoundRoutes())), result.Routes);
        return result;
    }

    private int LowerBoundRoutes()
    {
        int bound = 1;
        for (int d = 0; d < _m.Dims; d++)
        {
            double capacity = _m.Capacity[d];
            if (double.IsFinite(capacity) && capacity > 0)
            {
                bound = Math.Max(bound, (int)Math.Ceiling((_m.TotalDelivery[d] / capacity) - 1e-9));
            }
        }

        return Math.Min(bound, _m.VehicleCount);
    }

    /// <summary>
    /// Selective route exchange: a run of neighbouring routes (polar order) of the first parent replaces, vehicle type by
    /// vehicle type, the routes of the second parent that overlap them most; the second parent's other routes lose the
    /// clients now served by the first parent's routes; clients left out are reinserted by the local search.
    /// </summary>
    private Individual CrossoverSrex(Individual a, Individual b)
    {
        var result = new Individual(_m);
        var routesA = RouteOrder(a);
        if (routesA.Count == 0)
        {
            for (int v = 0; v < _m.VehicleCount; v++)
            {
                result.Routes[v] = (int[])b.Routes[v].Clone();
            }

            return result;
        }

        int count = 1 + _rng.Next(Math.Max(1, routesA.Count / 2));
        int start = _rng.Next(routesA.Count);
        var fromA = new bool[_m.ClientCount];
        var usedSlot = new bool[_m.VehicleCount];
        var chosen = new List<int>();
        for (int k = 0; k < count; k++)
        {
            int slot = routesA[(start + k) % routesA.Count];
            chosen.Add(slot);
            foreach (int c in a.Routes[slot])
            {
                fromA[c] = true;
            }
        }

        // Place each chosen route in the slot of the same vehicle type whose route in b overlaps it most.
        foreach (int slot in chosen)
        {
            int type = _m.VehicleType[slot];
            int bestSlot = -1, bestOverlap = -1;
            for (int t = 0; t < _m.VehicleCount; t++)
            {
                if (usedSlot[t] || _m.VehicleType[t] != type)
                {
                    continue;
                }

                int overlap = 0;
                foreach (int c in b.Routes[t])
                {
                    if (fromA[c])
                    {
                        overlap++;
                    }
                }

                if (overlap > bestOverlap || (overlap == bestOverlap && t == slot))
                {
                    bestOverlap = overlap;
                    bestSlot = t;
                }
            }

            usedSlot[bestSlot] = true;
            result.Routes[bestSlot] = (int[])a.Routes[slot].Clone();
        }

        for (int t = 0; t < _m.VehicleCount; t++)
        {
            if (!usedSlot[t])
            {
                result.Routes[t] = [.. b.Routes[t].Where(c => !fromA[c])];
            }
        }

        // Within the route limit: dissolve the smallest routes; the local search reinserts their clients.
        var used = Enumerable.Range(0, _m.VehicleCount).Where(t => result.Routes[t].Length > 0).OrderBy(t => result.Routes[t].Length).ThenBy(t => t).ToList();
        for (int k = 0; k < used.Count - _routeLimit; k++)
        {
            result.Routes[used[k]] = [];
        }

        return result;
    }

    /// <summary>Non-empty route slots in the order their clients appear in the giant tour (polar order).</summary>
    private static List<int> RouteOrder(Individual individual)
    {
        var position = new Dictionary<int, int>();
        for (int i = 0; i < individual.GiantTour.Length; i++)
        {
            position.TryAdd(individual.GiantTour[i], i);
        }

        var order = new List<int>();
        for (int v = 0; v < individual.Routes.Length; v++)
        {
            if (individual.Routes[v].Length > 0)
            {
                order.Add(v);
            }
        }

        order.Sort((x, y) => position[individual.Routes[x][0]].CompareTo(position[individual.Routes[y][0]]));
        return order;
    }
}
