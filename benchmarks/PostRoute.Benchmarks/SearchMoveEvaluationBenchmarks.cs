using BenchmarkDotNet.Attributes;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Benchmarks;

/// <summary>
/// Move evaluations per second of the native search's local search on X-n393-k38 (392 customers; see
/// Data/SOURCES.md): a solution is brought to a local optimum once, then every operation evaluates one million
/// granular moves (relocate, swap, 2-opt, 2-opt*) around it, none of which improves, so nothing is applied. The
/// reported time is per move evaluation (moves/s = 10⁹ / mean ns); the memory column shows that evaluation allocates
/// nothing. Run: <c>dotnet run -c Release --project benchmarks/PostRoute.Benchmarks -- --filter *SearchMoveEvaluation*</c>.
/// </summary>
[MemoryDiagnoser]
public class SearchMoveEvaluationBenchmarks
{
    private const int MovesPerOperation = 1_000_000;
    private LocalSearch _localSearch = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "X-n393-k38.vrp");
        var problem = BenchmarkFiles.Read(path).ToProblem();
        var model = new SearchModel(problem, UnassignableAnalysis.Analyze(problem));
        var rng = new SearchRandom(1);
        var penalties = new Penalties(model);
        _localSearch = new LocalSearch(model, rng, penalties, Neighbourhoods.Build(model, 20));
        var individual = new Individual(model);
        var tour = Enumerable.Range(0, model.ClientCount).ToArray();
        rng.Shuffle(tour);
        new Split(model, new SequenceEvaluator(model, penalties)).Run(tour, model.VehicleCount, individual.Routes);
        _localSearch.Run(individual, penalties, static () => false);
        _localSearch.Load(individual);
    }

    [Benchmark(OperationsPerInvoke = MovesPerOperation)]
    public long EvaluateMoves() => _localSearch.EvaluateMoves(MovesPerOperation);
}
