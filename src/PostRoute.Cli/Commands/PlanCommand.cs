using Spectre.Console.Cli;
using PostRoute.Cli.Infrastructure;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute plan</c>: the day's mail run (wired once the mail-run model lands).</summary>
public sealed class PlanCommand(CliEnvironment environment) : AsyncCommand<SolverSettings>
{
    /// <inheritdoc />
    public override Task<int> ExecuteAsync(CommandContext context, SolverSettings settings, CancellationToken cancellationToken)
    {
        environment.WriteError("plan: not available yet");
        return Task.FromResult(ExitCodes.Internal);
    }
}
