namespace PostRoute.Engine.Routing.Solvers.OrTools;

/// <summary>
/// Solves routing problems with the Google OR-Tools routing library (constraint programming + local search). Maps
/// the whole model: capacity dimensions (with VROOM-style mixed pickups and deliveries), a time dimension with
/// service times, waiting slack, several windows per stop, shifts, maximum duration and breaks; distance, travel-time
/// and stop-count limits; disjunctions with penalties for optional tasks and very large, priority-weighted penalties
/// for mandatory ones (so an infeasible task is reported, not a failed solve); pickup-and-delivery pairs on one
/// vehicle, pickup first; allowed vehicles from skills and the pre-solve <see cref="UnassignableAnalysis"/>; fixed,
/// per-km and per-hour costs per vehicle; open routes (a zero-cost dummy end).
/// <para>
/// Several windows. A stop with several time windows becomes alternative nodes, one per window, in one disjunction
/// (at most one is visited; a shipment's pickup and delivery alternatives form a pickup-and-delivery set), and a break
/// with several windows becomes alternative optional intervals, exactly one taken when the vehicle is used. The gaps
/// are never removed from a time variable's domain: OR-Tools does that one value at a time, which at 1/1000 s took
/// minutes and gigabytes for a noon closure on a province-sized problem, before the time limit applied.
/// </para>
/// <para>
/// Breaks. OR-Tools lets a break fall before a route starts or after it ends, and its span reasoning counts only the
/// breaks that must fall inside; a PostRoute break is always inside its route. So when vehicles have breaks, the
/// breaks are placed on a second, cost-free copy of the time dimension whose routes are kept around their breaks, and
/// the per-hour cost and the maximum duration stay on the break-free time dimension (a relaxation of the real
/// schedule): the optimised time cost of a vehicle with breaks is its break-free route duration plus its breaks —
/// exact when a break just lengthens the route by its duration, too high when a break is taken while the vehicle
/// would wait anyway, too low when a break window makes the vehicle wait. The exact duration limit and a "route
/// lasts at least its travel, service and breaks" bound are added as constraints. The reported solution is rebuilt
/// in real numbers as always, so its times and costs are exact.
/// </para>
/// <para>
/// Integer scaling. OR-Tools works in integers: times are in units of 1/<see cref="TimeTicksPerSecond"/> s and
/// distances of 1/<see cref="DistanceTicksPerMetre"/> m. Travel, service and break durations are rounded up and
/// window starts up, window ends and limits down, so every schedule OR-Tools accepts is feasible in real numbers
/// (a stop or break window narrower than one time unit cannot be met that way: such a stop is left out, and a vehicle
/// with such a break is not used).
/// Costs are scaled by a factor chosen per problem (as large as possible without risk of 64-bit overflow, aiming at
/// 10⁶ units per typical arc and 10⁴ units per time tick of hourly cost). The returned solution is never read from
/// OR-Tools' integers: it is rebuilt by <see cref="SolutionFactory"/> from the visit orders in real numbers, so
/// reported times, distances and costs are exact (within floating-point rounding) whatever the scaling.
/// </para>
/// <para>
/// Warm start. Given <see cref="OrToolsOptions.InitialRoutes"/>, the search starts from those routes (read with
/// OR-Tools' <c>ReadAssignmentFromRoutes</c>) instead of a first solution strategy, and falls back to the strategy
/// when OR-Tools cannot complete them into a feasible assignment.
/// </para>
/// <para>
/// <see cref="SolveOptions.Seed"/> is not used: OR-Tools' routing search has no random seed; it is deterministic for a
/// given <see cref="MaxSolutions"/> limit, while a wall-clock time limit may stop it at different points on different
/// machines. Stateless and thread-safe: concurrent calls build separate models.
/// </para>
/// </summary>
public sealed class OrToolsSolver : ISolver
{
    /// <summary>Integer time units per second in the OR-Tools model.</summary>
    public const long TimeTicksPerSecond = 1000;

    /// <summary>
    /// How much longer than <see cref="SolveOptions.TimeLimit"/> the solver may run when it has found no solution at
    /// all by then: it searches on until its first solution (OR-Tools' first solution with a solution limit of one),
    /// for at most this long, because an empty plan helps nobody. Cancellation stops it at once;
    /// <see cref="SolveResult.Elapsed"/> shows any overrun.
    /// </summary>
    public static readonly TimeSpan FirstSolutionGrace = TimeSpan.FromSeconds(30);

    /// <summary>Integer distance units per metre in the OR-Tools model.</summary>
    public const long DistanceTicksPerMetre = 1000;

    private readonly OrToolsOptions _defaults;

    /// <summary>Creates the solver with default OR-Tools options (overridden by options passed to <see cref="Solve"/>).</summary>
    public OrToolsSolver(OrToolsOptions? defaults = null) => _defaults = defaults ?? new OrToolsOptions();

    /// <summary>The options used when <see cref="SolveOptions.SolverOptions"/> holds no <see cref="OrToolsOptions"/>.</summary>
    public OrToolsOptions Defaults => _defaults;

    /// <inheritdoc />
    public string Name => "ortools";

    /// <inheritdoc />
    public SolveResult Solve(RoutingProblem problem, SolveOptions options, IProgress<SolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeLimit, "TimeLimit must be > 0.");
        }

        var run = new OrToolsRun(problem, options, options.Get<OrToolsOptions>() ?? _defaults, progress, cancellationToken, Name);
        return run.Execute();
    }
}
