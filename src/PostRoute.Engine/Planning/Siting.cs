using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Planning;

/// <summary>What <see cref="Siting"/> optimises.</summary>
public enum SitingObjective
{
    /// <summary>
    /// Maximal covering: maximise the weight of the communes within <see cref="SitingOptions.Threshold"/> of an
    /// existing or new point.
    /// </summary>
    MaximumCoverage,

    /// <summary>
    /// p-median: minimise the total weighted cost (whole seconds or metres × weight) from every commune to its nearest
    /// point, existing points staying open.
    /// </summary>
    PMedian,
}

/// <summary>How much each commune counts.</summary>
public enum SitingWeight
{
    /// <summary>Every located commune weighs 1.</summary>
    Communes,

    /// <summary>A commune weighs its <see cref="Commune.Population"/>; communes of unknown population weigh 0.</summary>
    Population,
}

/// <summary>How a CP-SAT solve ended.</summary>
public enum SitingStatus
{
    /// <summary>The choice is proven optimal (<see cref="SitingResult.BestBound"/> equals the objective).</summary>
    Optimal,

    /// <summary>A choice was found but not proven optimal within the time limit; see <see cref="SitingResult.Gap"/>.</summary>
    Feasible,

    /// <summary>No choice was found within the time limit (or the solve was cancelled first); the existing points alone are reported.</summary>
    NoSolution,
}

/// <summary>Options of <see cref="Siting"/>. Immutable.</summary>
public sealed record SitingOptions
{
    /// <summary>What to optimise (default <see cref="SitingObjective.MaximumCoverage"/>).</summary>
    public SitingObjective Objective { get; init; } = SitingObjective.MaximumCoverage;

    /// <summary>Vehicle profile of the trip from commune to point (default <see cref="Profiles.Motorbike"/>).</summary>
    public string Profile { get; init; } = Profiles.Motorbike;

    /// <summary>Cost of a trip: <see cref="PathMetric.Time"/> (seconds, default) or <see cref="PathMetric.Distance"/> (metres).</summary>
    public PathMetric Metric { get; init; } = PathMetric.Time;

    /// <summary>Coverage threshold in the unit of <see cref="Metric"/> (default 900 s = 15 min); inclusive.</summary>
    public double Threshold { get; init; } = 900;

    /// <summary>How communes are weighted (default <see cref="SitingWeight.Communes"/>).</summary>
    public SitingWeight Weight { get; init; } = SitingWeight.Communes;

    /// <summary>Ids of the points that exist and stay open; null (default) for every <see cref="NodeKind.CommuneServicePoint"/> node.</summary>
    public IReadOnlyList<string>? ExistingIds { get; init; }

    /// <summary>Ids of the nodes where a new point may stand; null (default) for every node that is not an existing point.</summary>
    public IReadOnlyList<string>? CandidateIds { get; init; }

    /// <summary>
    /// p-median only: cost (unit of <see cref="Metric"/>) charged per weight for a commune no open point can reach; null
    /// (default) for one more than the largest finite commune-to-point cost found, so that serving is always better.
    /// </summary>
    public double? UnservedPenalty { get; init; }

    /// <summary>CP-SAT time limit per solve (default 10 s).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CP-SAT random seed (default 0). With one worker (always used), same seed and input give the same result.</summary>
    public int Seed { get; init; }
}

/// <summary>Where one commune is served in a <see cref="SitingResult"/>. Immutable.</summary>
/// <param name="CommuneCode">The commune's code.</param>
/// <param name="PointId">Id of the nearest open point (existing or new), or null when none can be reached.</param>
/// <param name="IsNew">True when that point is one of the new ones.</param>
/// <param name="Cost">Trip cost from the commune to it, rounded to whole seconds or metres; null when unreachable.</param>
/// <param name="Weight">The commune's weight.</param>
public sealed record SitingAssignment(string CommuneCode, string? PointId, bool IsNew, long? Cost, long Weight);

/// <summary>Result of one siting solve. Immutable.</summary>
/// <param name="Objective">What was optimised.</param>
/// <param name="K">Maximum number of new points asked for.</param>
/// <param name="ChosenIds">Ids of the new points chosen (at most <paramref name="K"/>; fewer when more add nothing), in candidate order.</param>
/// <param name="ObjectiveValue">
/// Maximum coverage: total weight of the communes covered (existing points included). p-median: Σ weight × cost in
/// whole seconds or metres (unserved communes at the penalty).
/// </param>
/// <param name="BestBound">CP-SAT's proven bound on the objective (an upper bound when maximising, lower when minimising).</param>
/// <param name="Gap">|objective − bound| ÷ max(1, |objective|); 0 when optimal.</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="SolveTime">CP-SAT wall time of this solve (0 for k = 0, which needs no solve).</param>
/// <param name="CoveredCommunes">Located communes within the threshold of an open point, whatever the objective.</param>
/// <param name="CoveredWeight">Their total weight.</param>
/// <param name="TotalWeight">Total weight of the located communes.</param>
/// <param name="Assignments">Each located commune's nearest open point, in register order.</param>
public sealed record SitingResult(
    SitingObjective Objective,
    int K,
    ImmutableArray<string> ChosenIds,
    long ObjectiveValue,
    double BestBound,
    double Gap,
    SitingStatus Status,
    TimeSpan SolveTime,
    int CoveredCommunes,
    long CoveredWeight,
    long TotalWeight,
    ImmutableArray<SitingAssignment> Assignments);

/// <summary>
/// Where to add service points: maximal covering or p-median over candidate nodes, solved exactly with OR-Tools CP-SAT.
/// </summary>
/// <remarks>
/// <para>Trips go from the commune to the point (see <see cref="Coverage"/>). Costs commune → candidate are found with
/// one search per candidate (backwards) or per commune (forwards), whichever are fewer; coverage keeps only pairs within
/// the threshold, p-median only pairs cheaper than the commune's nearest existing point. Costs are rounded to whole
/// seconds or metres and weights are integers, so the CP-SAT model is exact on those values.</para>
/// <para>Model: a Boolean per candidate with Σ ≤ k; coverage: a Boolean per not-yet-covered commune, at most the sum of
/// its covering candidates; p-median: a Boolean per kept (commune, candidate) pair, at most one per commune, each only
/// with its candidate open, objective = Σ weight × (cost of nearest existing point or penalty) − savings. CP-SAT runs
/// with one worker and the given seed, so results are reproducible. Thread-safe: every call builds its own model.</para>
/// </remarks>
public static class Siting
{
    /// <summary>Chooses up to <paramref name="k"/> new points.</summary>
    /// <param name="network">The network version.</param>
    /// <param name="options">Options.</param>
    /// <param name="k">Number of new points (≥ 0).</param>
    /// <param name="cancellationToken">Stops the distance precomputation (throws <see cref="OperationCanceledException"/>) or the CP-SAT search (returns the best choice so far).</param>
    /// <exception cref="ArgumentException">An option is invalid or an id unknown (the message names the field).</exception>
    public static SitingResult Solve(PostalNetwork network, SitingOptions options, int k,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var instance = SitingInstance.Build(network, options, cancellationToken);
        return instance.Solve(k, hint: null, cancellationToken);
    }

    /// <summary>
    /// The curve k = 0 … <paramref name="maxK"/>: distances are computed once, then one CP-SAT solve per k, each
    /// hinted with the previous k's choice (which stays feasible).
    /// </summary>
    /// <param name="network">The network version.</param>
    /// <param name="options">Options; <see cref="SitingOptions.TimeLimit"/> applies to each solve.</param>
    /// <param name="maxK">Largest k (≥ 0).</param>
    /// <param name="cancellationToken">As for <see cref="Solve"/>; after a cancelled solve the remaining k are not solved.</param>
    /// <returns>One result per k, in order (fewer when cancelled).</returns>
    /// <exception cref="ArgumentException">An option is invalid or an id unknown.</exception>
    public static ImmutableArray<SitingResult> Curve(PostalNetwork network, SitingOptions options, int maxK,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxK);
        var instance = SitingInstance.Build(network, options, cancellationToken);
        var results = ImmutableArray.CreateBuilder<SitingResult>(maxK + 1);
        ImmutableArray<int> hint = [];
        for (int k = 0; k <= maxK && !cancellationToken.IsCancellationRequested; k++)
        {
            var result = instance.Solve(k, hint, cancellationToken, out hint);
            results.Add(result);
        }

        return results.ToImmutable();
    }
}

/// <summary>The precomputed data of a siting question, solvable for any k.</summary>
internal sealed class SitingInstance
{
    private readonly SitingOptions _options;
    private readonly ImmutableArray<CommunePlace> _communes; // located ones only
    private readonly long[] _weight;
    private readonly long[] _existingCost; // rounded; long.MaxValue when unreachable
    private readonly string?[] _existingId;
    private readonly string[] _candidateIds;
    private readonly List<(int Candidate, long Cost)>[] _pairs; // per commune: kept candidates
    private readonly long _penalty;

    private SitingInstance(SitingOptions options, ImmutableArray<CommunePlace> communes, long[] weight, long[] existingCost,
        string?[] existingId, string[] candidateIds, List<(int, long)>[] pairs, long penalty)
    {
        _options = options;
        _communes = communes;
        _weight = weight;
        _existingCost = existingCost;
        _existingId = existingId;
        _candidateIds = candidateIds;
        _pairs = pairs;
        _penalty = penalty;
    }

    private long ThresholdUnits => (long)Math.Floor(_options.Threshold + 1e-9);

    public static SitingInstance Build(PostalNetwork network, SitingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Objective))
        {
            throw new ArgumentException($"{nameof(SitingOptions.Objective)}: unknown value {options.Objective}.", nameof(options));
        }

        if (!Enum.IsDefined(options.Metric) || !Enum.IsDefined(options.Weight))
        {
            throw new ArgumentException($"{nameof(SitingOptions.Metric)} or {nameof(SitingOptions.Weight)}: unknown value.", nameof(options));
        }

        if (!double.IsFinite(options.Threshold) || options.Threshold < 0)
        {
            throw new ArgumentException($"{nameof(SitingOptions.Threshold)} must be finite and ≥ 0 (was {options.Threshold}).", nameof(options));
        }

        if (options.UnservedPenalty is { } p && (!double.IsFinite(p) || p < 0))
        {
            throw new ArgumentException($"{nameof(SitingOptions.UnservedPenalty)} must be finite and ≥ 0 (was {p}).", nameof(options));
        }

        if (options.TimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(SitingOptions.TimeLimit)} must be > 0.", nameof(options));
        }

        var graph = PlanningGraph.Build(network, options.Profile);
        var existingIds = options.ExistingIds is { } e ? [.. e] : Coverage.DefaultServicePoints(network);
        int[] existing = Coverage.NodeIndices(network, existingIds, nameof(SitingOptions.ExistingIds));
        string[] candidateIds;
        int[] candidates;
        if (options.CandidateIds is { } c)
        {
            candidateIds = [.. c];
            candidates = Coverage.NodeIndices(network, candidateIds, nameof(SitingOptions.CandidateIds));
        }
        else
        {
            var isExisting = new bool[network.NodeCount];
            foreach (int x in existing)
            {
                isExisting[x] = true;
            }

            candidates = [.. Enumerable.Range(0, network.NodeCount).Where(v => !isExisting[v])];
            candidateIds = [.. candidates.Select(v => network.Topology.NodeIdAt(v))];
        }

        var communes = CommunePlaces.Resolve(network, graph).Where(p => p.Placement != CommunePlacement.Unlocated).ToImmutableArray();
        var weight = communes.Select(p => options.Weight == SitingWeight.Communes ? 1L : p.Commune.Population ?? 0L).ToArray();

        // Nearest existing point of every commune: one backward multi-source search.
        var existingCost = new long[communes.Length];
        var existingId = new string?[communes.Length];
        Array.Fill(existingCost, long.MaxValue);
        if (existing.Length > 0)
        {
            var tree = PlanningSearch.Run(graph, existing, reverse: true, options.Metric, cancellationToken: cancellationToken);
            for (int i = 0; i < communes.Length; i++)
            {
                int v = communes[i].NodeIndex;
                if (tree.Origin[v] >= 0)
                {
                    existingCost[i] = Round(tree.Cost[v]);
                    existingId[i] = existingIds[tree.Origin[v]];
                }
            }
        }

        bool coverage = options.Objective == SitingObjective.MaximumCoverage;
        long thresholdUnits = (long)Math.Floor(options.Threshold + 1e-9);

        // Which pairs matter: coverage needs a candidate within the threshold of a commune not yet covered; the p-median
        // a candidate cheaper than the commune's nearest existing point. (Pairs within the threshold are always kept, so
        // that the covered count can be reported for either objective.)
        bool Keep(int i, long cost) => coverage
            ? existingCost[i] > thresholdUnits && cost <= thresholdUnits
            : cost < existingCost[i];

        var pairs = new List<(int, long)>[communes.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = [];
        }

        // Costs are rounded to whole units: anything below T + 0.5 may round to at most T.
        double globalBound = coverage ? thresholdUnits + 0.5 : double.PositiveInfinity;
        if (candidates.Length <= communes.Length)
        {
            // One backward search per candidate: costs from every commune to it.
            var communeAt = new Dictionary<int, List<int>>();
            for (int i = 0; i < communes.Length; i++)
            {
                int v = communes[i].NodeIndex;
                if (!communeAt.TryGetValue(v, out var list))
                {
                    communeAt[v] = list = [];
                }

                list.Add(i);
            }

            double bound = coverage ? globalBound : MaxFinite(existingCost);
            for (int j = 0; j < candidates.Length; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tree = PlanningSearch.Run(graph, [candidates[j]], reverse: true, options.Metric, bound, cancellationToken: cancellationToken);
                foreach (var (v, list) in communeAt)
                {
                    if (tree.Origin[v] >= 0)
                    {
                        long cost = Round(tree.Cost[v]);
                        foreach (int i in list)
                        {
                            if (Keep(i, cost))
                            {
                                pairs[i].Add((j, cost));
                            }
                        }
                    }
                }
            }
        }
        else
        {
            // One forward search per commune: costs from it to every candidate.
            var candidatesAt = new Dictionary<int, List<int>>();
            for (int j = 0; j < candidates.Length; j++)
            {
                if (!candidatesAt.TryGetValue(candidates[j], out var list))
                {
                    candidatesAt[candidates[j]] = list = [];
                }

                list.Add(j);
            }

            for (int i = 0; i < communes.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double bound = coverage ? globalBound : existingCost[i] == long.MaxValue ? double.PositiveInfinity : existingCost[i] + 1;
                var tree = PlanningSearch.Run(graph, [communes[i].NodeIndex], reverse: false, options.Metric, bound, cancellationToken: cancellationToken);
                foreach (int v in tree.Settled)
                {
                    if (candidatesAt.TryGetValue(v, out var list))
                    {
                        long cost = Round(tree.Cost[v]);
                        foreach (int j in list)
                        {
                            if (Keep(i, cost))
                            {
                                pairs[i].Add((j, cost));
                            }
                        }
                    }
                }

                pairs[i].Sort((a, b) => a.Item1.CompareTo(b.Item1));
            }
        }

        long penalty;
        if (options.UnservedPenalty is { } given)
        {
            penalty = Round(given);
        }
        else
        {
            long max = 0;
            for (int i = 0; i < communes.Length; i++)
            {
                max = Math.Max(max, existingCost[i] == long.MaxValue ? 0 : existingCost[i]);
                foreach (var (_, cost) in pairs[i])
                {
                    max = Math.Max(max, cost);
                }
            }

            penalty = max + 1;
        }

        return new SitingInstance(options, communes, weight, existingCost, existingId, candidateIds, pairs, penalty);
    }

    public SitingResult Solve(int k, ImmutableArray<int>? hint, CancellationToken cancellationToken) =>
        Solve(k, hint ?? [], cancellationToken, out _);

    public SitingResult Solve(int k, ImmutableArray<int> hint, CancellationToken cancellationToken, out ImmutableArray<int> chosen)
    {
        bool coverage = _options.Objective == SitingObjective.MaximumCoverage;
        long constant = 0;
        for (int i = 0; i < _communes.Length; i++)
        {
            constant += coverage
                ? (_existingCost[i] <= ThresholdUnits ? _weight[i] : 0)
                : _weight[i] * BaseCost(i);
        }

        if (k == 0 || _candidateIds.Length == 0)
        {
            chosen = [];
            return Result(k, chosen, constant, constant, SitingStatus.Optimal, TimeSpan.Zero);
        }

        var model = new CpModel();
        var open = new BoolVar[_candidateIds.Length];
        for (int j = 0; j < open.Length; j++)
        {
            open[j] = model.NewBoolVar($"open_{j}");
        }

        model.Add(LinearExpr.Sum(open) <= k);
        var objective = LinearExpr.NewBuilder();
        objective.Add(constant);
        for (int i = 0; i < _communes.Length; i++)
        {
            if (_pairs[i].Count == 0 || _weight[i] == 0)
            {
                continue;
            }

            if (coverage)
            {
                var covered = model.NewBoolVar($"covered_{i}");
                // Linear rather than a clause, so that it enters CP-SAT's LP relaxation (a much better bound).
                model.Add(LinearExpr.Sum(_pairs[i].Select(p => open[p.Candidate])) - covered >= 0);
                objective.AddTerm(covered, _weight[i]);
            }
            else
            {
                long baseCost = BaseCost(i);
                var assign = new List<BoolVar>(_pairs[i].Count);
                foreach (var (j, cost) in _pairs[i])
                {
                    var y = model.NewBoolVar($"assign_{i}_{j}");
                    model.Add(open[j] - y >= 0); // linear (not an implication) so that the LP sees it

                    objective.AddTerm(y, -_weight[i] * (baseCost - cost));
                    assign.Add(y);
                }

                model.Add(LinearExpr.Sum(assign) <= 1);
            }
        }

        if (coverage)
        {
            model.Maximize(objective);
        }
        else
        {
            model.Minimize(objective);
        }

        foreach (int j in hint)
        {
            model.AddHint(open[j], true);
        }

        using var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"num_workers:1, random_seed:{_options.Seed}, linearization_level:2, max_time_in_seconds:{_options.TimeLimit.TotalSeconds}"),
        };
        CpSolverStatus status;
        using (cancellationToken.Register(() => solver.StopSearch()))
        {
            status = solver.Solve(model);
        }

        var solveTime = TimeSpan.FromSeconds(solver.WallTime());
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            if (status == CpSolverStatus.ModelInvalid)
            {
                throw new InvalidOperationException($"CP-SAT rejected the siting model: {model.Validate()}");
            }

            chosen = [];
            double bound = coverage ? double.PositiveInfinity : double.NegativeInfinity;
            return Result(k, chosen, constant, bound, SitingStatus.NoSolution, solveTime);
        }

        chosen = [.. Enumerable.Range(0, open.Length).Where(j => solver.BooleanValue(open[j]))];
        var result = Result(k, chosen, (long)Math.Round(solver.ObjectiveValue), solver.BestObjectiveBound,
            status == CpSolverStatus.Optimal ? SitingStatus.Optimal : SitingStatus.Feasible, solveTime);
        Debug.Assert(result.ObjectiveValue == Evaluate(chosen), "the objective reported by CP-SAT matches the choice");
        return result;
    }

    /// <summary>The objective of opening <paramref name="chosen"/> (candidate positions), computed directly.</summary>
    public long Evaluate(IReadOnlyCollection<int> chosen)
    {
        var isOpen = new HashSet<int>(chosen);
        long total = 0;
        for (int i = 0; i < _communes.Length; i++)
        {
            long best = _existingCost[i];
            foreach (var (j, cost) in _pairs[i])
            {
                if (isOpen.Contains(j))
                {
                    best = Math.Min(best, cost);
                }
            }

            total += _options.Objective == SitingObjective.MaximumCoverage
                ? (best <= ThresholdUnits ? _weight[i] : 0)
                : _weight[i] * (best == long.MaxValue ? _penalty : best);
        }

        return total;
    }

    private long BaseCost(int i) => _existingCost[i] == long.MaxValue ? _penalty : _existingCost[i];

    private SitingResult Result(int k, ImmutableArray<int> chosen, long objectiveValue, double bound, SitingStatus status,
        TimeSpan solveTime)
    {
        var isOpen = new HashSet<int>(chosen);
        var assignments = ImmutableArray.CreateBuilder<SitingAssignment>(_communes.Length);
        int covered = 0;
        long coveredWeight = 0;
        for (int i = 0; i < _communes.Length; i++)
        {
            long best = _existingCost[i];
            string? id = _existingId[i];
            bool isNew = false;
            foreach (var (j, cost) in _pairs[i])
            {
                if (isOpen.Contains(j) && cost < best)
                {
                    (best, id, isNew) = (cost, _candidateIds[j], true);
                }
            }

            if (best <= ThresholdUnits)
            {
                covered++;
                coveredWeight += _weight[i];
            }

            assignments.Add(new SitingAssignment(_communes[i].Commune.Code, id, isNew, best == long.MaxValue ? null : best, _weight[i]));
        }

        double gap = status == SitingStatus.Optimal ? 0
            : double.IsFinite(bound) ? Math.Abs(objectiveValue - bound) / Math.Max(1, Math.Abs(objectiveValue))
            : double.PositiveInfinity;
        return new SitingResult(_options.Objective, k, [.. chosen.Order().Select(j => _candidateIds[j])], objectiveValue, bound,
            gap, status, solveTime, covered, coveredWeight, _weight.Sum(), assignments.MoveToImmutable());
    }

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    private static double MaxFinite(long[] costs)
    {
        long max = -1;
        foreach (long c in costs)
        {
            if (c == long.MaxValue)
            {
                return double.PositiveInfinity;
            }

            max = Math.Max(max, c);
        }

        return max < 0 ? double.PositiveInfinity : max + 1;
    }
}
