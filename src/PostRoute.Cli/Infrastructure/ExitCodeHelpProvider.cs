using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Spectre's help, with the exit codes at the foot of every page.</summary>
internal sealed class ExitCodeHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command) =>
    [
        .. base.GetFooter(model, command),
        Text.NewLine,
        new Markup($"[yellow]EXIT CODES:[/]\n    {Markup.Escape(ExitCodes.Summary.Replace("; ", "\n    ", StringComparison.Ordinal))}"),
        Text.NewLine,
    ];
}
