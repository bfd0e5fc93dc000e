using BenchmarkDotNet.Running;
using PostRoute.Benchmarks;

// `dotnet run -c Release -- search-diagnostics <instance file> [seconds] [seed]` prints how the native search spends
// a run (iterations, moves evaluated per second); anything else goes to BenchmarkDotNet's switcher.
if (args.Length >= 2 && args[0] == "search-diagnostics")
{
    SearchDiagnostics.Run(args[1], args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
