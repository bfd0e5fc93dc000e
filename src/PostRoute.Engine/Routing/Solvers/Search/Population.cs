namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// HGS population: a feasible and an infeasible subpopulation, each kept sorted by penalised cost and trimmed from
/// μ + λ back to μ members by removing the worst biased fitness (cost rank + diversity rank weighted by the elite
/// count), clones first. Parents are chosen by binary tournament on biased fitness. It also records which of the
/// recent local-search outputs were feasible per penalty category, to adapt the penalty weights.
/// </summary>
internal sealed class Population
{
    private const int HistoryLength = 100;
    private readonly SearchModel _m;
    private readonly SearchParameters _p;
    private readonly SearchRandom _rng;
    private readonly List<Individual> _feasible = [];
    private readonly List<Individual> _infeasible = [];

    // Per category (load per dimension, time, distance, stops): recent feasibility, as a ring buffer.
    private readonly bool[][] _history;
    private int _historyNext;

    public Population(SearchModel model, SearchParameters parameters, SearchRandom rng)
    {
        _m = model;
        _p = parameters;
        _rng = rng;
        _history = new bool[model.Dims + 3][];
        for (int k = 0; k < _history.Length; k++)
        {
            _history[k] = new bool[HistoryLength];
            Array.Fill(_history[k], true);
        }
    }

    /// <summary>Best feasible individual since the last restart.</summary>
    public Individual? BestOfRun { get; private set; }

    public int Count => _feasible.Count + _infeasible.Count;

    public IReadOnlyList<Individual> Feasible => _feasible;

    public IReadOnlyList<Individual> Infeasible => _infeasible;

    /// <summary>Adds a copy of <paramref name="individual"/>; true when it is the best feasible one since the last restart.</summary>
    public bool Add(Individual individual, bool recordFeasibility)
    {
        if (recordFeasibility)
        {
            for (int d = 0; d < _m.Dims; d++)
            {
                _history[d][_historyNext] = individual.LoadExcess[d] <= 1e-9;
            }

            _history[_m.Dims][_historyNext] = individual.TimeExcess <= 1e-9;
            _history[_m.Dims + 1][_historyNext] = individual.DistanceExcess <= 1e-9;
            _history[_m.Dims + 2][_historyNext] = individual.StopsExcess <= 0;
            _historyNext = (_historyNext + 1) % HistoryLength;
        }

        var subpopulation = individual.IsFeasible ? _feasible : _infeasible;
        var copy = individual.Clone();
        foreach (var other in subpopulation)
        {
            double distance = Individual.BrokenPairsDistance(copy, other);
            other.InsertProximity(distance, copy);
            copy.InsertProximity(distance, other);
        }

        int place = subpopulation.Count;
        while (place > 0 && subpopulation[place - 1].PenalisedCost > copy.PenalisedCost - 1e-9)
        {
            place--;
        }

        subpopulation.Insert(place, copy);
        if (subpopulation.Count > _p.Mu + _p.Lambda)
        {
            while (subpopulation.Count > _p.Mu)
            {
                RemoveWorstBiasedFitness(subpopulation);
            }
        }

        if (individual.IsFeasible && (BestOfRun is null || individual.PenalisedCost < BestOfRun.PenalisedCost - 1e-9))
        {
            BestOfRun = copy.Clone();
            return true;
        }

        return false;
    }

    private void UpdateBiasedFitness(List<Individual> subpopulation)
    {
        int size = subpopulation.Count;
        if (size == 1)
        {
            subpopulation[0].BiasedFitness = 0;
            return;
        }

        // Rank by diversity contribution (largest average distance to the closest first), ties by cost rank.
        Span<(double Key, int Index)> ranking = size <= 256 ? stackalloc (double, int)[size] : new (double, int)[size];
        for (int i = 0; i < size; i++)
        {
            ranking[i] = (-subpopulation[i].AverageDistanceToClosest(_p.CloseCount), i);
        }

        ranking.Sort();
        for (int i = 0; i < size; i++)
        {
            double divRank = (double)i / (size - 1);
            double fitRank = (double)ranking[i].Index / (size - 1);
            subpopulation[ranking[i].Index].BiasedFitness = size <= _p.EliteCount
                ? fitRank
                : fitRank + ((1.0 - ((double)_p.EliteCount / size)) * divRank);
        }
    }

    private void RemoveWorstBiasedFitness(List<Individual> subpopulation)
    {
        UpdateBiasedFitness(subpopulation);
        int worst = -1;
        bool worstIsClone = false;
        double worstFitness = double.NegativeInfinity;
        for (int i = 1; i < subpopulation.Count; i++)
        {
            bool isClone = subpopulation[i].AverageDistanceToClosest(1) < 1e-9;
            if ((isClone && !worstIsClone) || (isClone == worstIsClone && subpopulation[i].BiasedFitness > worstFitness))
            {
                worstFitness = subpopulation[i].BiasedFitness;
                worstIsClone = isClone;
                worst = i;
            }
        }

        var removed = subpopulation[worst];
        subpopulation.RemoveAt(worst);
        foreach (var other in subpopulation)
        {
            other.RemoveProximity(removed);
        }
    }

    /// <summary>Binary tournament on biased fitness over both subpopulations.</summary>
    public Individual SelectParent()
    {
        UpdateBiasedFitness(_feasible);
        UpdateBiasedFitness(_infeasible);
        var a = Pick();
        var b = Pick();
        return a.BiasedFitness < b.BiasedFitness ? a : b;

        Individual Pick()
        {
            int place = _rng.Next(_feasible.Count + _infeasible.Count);
            return place < _feasible.Count ? _feasible[place] : _infeasible[place - _feasible.Count];
        }
    }

    /// <summary>Adapts the penalty weights to the recent feasibility and re-sorts the infeasible subpopulation.</summary>
    public void ManagePenalties(Penalties penalties)
    {
        for (int k = 0; k < _history.Length; k++)
        {
            double fraction = _history[k].Count(f => f) / (double)HistoryLength;
            if (k < _m.Dims)
            {
                penalties.Adapt(0, k, fraction, _p.TargetFeasible);
            }
            else
            {
                penalties.Adapt(k - _m.Dims + 1, 0, fraction, _p.TargetFeasible);
            }
        }

        foreach (var individual in _infeasible)
        {
            individual.Reprice(penalties);
        }

        _infeasible.Sort((a, b) => a.PenalisedCost.CompareTo(b.PenalisedCost));
    }

    /// <summary>Empties the population (keeping nothing of the run).</summary>
    public void Clear()
    {
        _feasible.Clear();
        _infeasible.Clear();
        BestOfRun = null;
    }
}
