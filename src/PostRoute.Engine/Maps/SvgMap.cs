using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Maps;

/// <summary>
/// Draws postal networks and routing solutions as standalone SVG documents (UTF-8 text, no external tiles, fonts or
/// scripts): communes, offices by kind, links by road class (closed links dashed), each route in its own colour with
/// direction arrows, unassigned tasks, planning overlays, labels with a white halo, a legend and a scale bar. See
/// <c>docs/maps.md</c> for the symbols, the projection and the DOM classes other tools rely on.
/// </summary>
/// <remarks>
/// Thread-safe: every call works on its own state, and the inputs are only read. Output is deterministic: the same
/// input gives the same string (numbers are written with invariant culture and at most two decimals).
/// </remarks>
public static class SvgMap
{
    /// <summary>Draws a network: communes, links, offices, and the given overlays.</summary>
    /// <param name="network">The network version to draw (its closed links are drawn dashed).</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <param name="overlays">Planning overlays; null for none.</param>
    /// <returns>The SVG document, starting with <c>&lt;svg</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">The overlay's shading bands are not finite and increasing.</exception>
    public static string Render(PostalNetwork network, MapOptions? options = null, MapOverlays? overlays = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new MapRenderer(options, overlays).Render(network, null, null);
    }

    /// <summary>
    /// Draws a network with a solution of a problem over it. Legs of a vehicle whose profile travels on a network
    /// (<see cref="NetworkTravel"/>) follow the shortest path the problem used (same network version, network profile
    /// and metric); a vehicle profile without network travel that is a profile of <paramref name="network"/> follows
    /// its paths in <paramref name="network"/> with <see cref="MapOptions.FallbackMetric"/>; other legs are straight.
    /// A leg with no path is drawn as a straight dashed line (class <c>route-gap</c>) outside the route's path.
    /// </summary>
    /// <param name="network">The network version to draw.</param>
    /// <param name="problem">The problem solved.</param>
    /// <param name="solution">A solution of <paramref name="problem"/>.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <param name="overlays">Planning overlays; null for none.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The solution refers to vehicles, locations or tasks the problem lacks, or the shading bands are invalid.</exception>
    public static string Render(PostalNetwork network, RoutingProblem problem, RoutingSolution solution, MapOptions? options = null,
        MapOverlays? overlays = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        return new MapRenderer(options, overlays).Render(network, problem, solution);
    }

    /// <summary>
    /// Draws a solution without a network. Geographic problems (locations with <see cref="Location.Geo"/>, or
    /// network travel, whose nodes give the positions and whose paths the legs follow) use the geographic projection;
    /// otherwise locations with <see cref="Location.X"/>/<see cref="Location.Y"/> are drawn in the plane (Y up) with
    /// straight legs, e.g. for CVRPLIB or Solomon instances. Depots are drawn as black squares (class <c>depot</c>).
    /// </summary>
    /// <param name="problem">The problem solved.</param>
    /// <param name="solution">A solution of <paramref name="problem"/>.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The solution refers to vehicles, locations or tasks the problem lacks.</exception>
    public static string Render(RoutingProblem problem, RoutingSolution solution, MapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        return new MapRenderer(options, null).Render(null, problem, solution);
    }

    /// <summary>Writes <see cref="Render(PostalNetwork, MapOptions?, MapOverlays?)"/> to <paramref name="output"/>, which is left open.</summary>
    /// <param name="output">Receives the SVG text.</param>
    /// <param name="network">The network version to draw.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <param name="overlays">Planning overlays; null for none.</param>
    public static void Write(TextWriter output, PostalNetwork network, MapOptions? options = null, MapOverlays? overlays = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(network, options, overlays));
    }

    /// <summary>Writes <see cref="Render(PostalNetwork, RoutingProblem, RoutingSolution, MapOptions?, MapOverlays?)"/> to <paramref name="output"/>, which is left open.</summary>
    /// <param name="output">Receives the SVG text.</param>
    /// <param name="network">The network version to draw.</param>
    /// <param name="problem">The problem solved.</param>
    /// <param name="solution">A solution of <paramref name="problem"/>.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    /// <param name="overlays">Planning overlays; null for none.</param>
    public static void Write(TextWriter output, PostalNetwork network, RoutingProblem problem, RoutingSolution solution,
        MapOptions? options = null, MapOverlays? overlays = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(network, problem, solution, options, overlays));
    }

    /// <summary>Writes <see cref="Render(RoutingProblem, RoutingSolution, MapOptions?)"/> to <paramref name="output"/>, which is left open.</summary>
    /// <param name="output">Receives the SVG text.</param>
    /// <param name="problem">The problem solved.</param>
    /// <param name="solution">A solution of <paramref name="problem"/>.</param>
    /// <param name="options">Layout options; null for the defaults.</param>
    public static void Write(TextWriter output, RoutingProblem problem, RoutingSolution solution, MapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(problem, solution, options));
    }
}
