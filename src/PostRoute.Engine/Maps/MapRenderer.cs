using System.Globalization;
using System.Text;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Maps;

/// <summary>Does one <see cref="SvgMap"/> render. Not thread-safe: one instance per call.</summary>
internal sealed class MapRenderer
{
    private const string LabelHalo = "#ffffff";
    private const string ClosedColour = "#222222";
    private const string CriticalColour = "#d6008f";
    private const string HighlightColour = "#00a884";
    private const string UnassignedColour = "#e00000";
    private const string CutOffColour = "#e00000";
    private const string NoValueColour = "#d9d9d9";
    private const string CommuneColour = "#ced4da";

    private readonly MapOptions _o;
    private readonly MapOverlays _ov;
    private readonly SvgText _svg = new();
    private MapProjection _projection = null!;
    private LabelPlacer _labels = null!;
    private double _mapWidth;
    private double _height;

    // What the legend has to explain.
    private readonly SortedSet<NodeKind> _kindsDrawn = [];
    private readonly SortedSet<RoadClass> _roadsDrawn = [];
    private bool _closedDrawn, _criticalDrawn, _communesDrawn, _gapsDrawn, _depotsDrawn;
    private int _cutOffDrawn, _highlightedDrawn, _unassignedDrawn, _unassignedTotal;
    private readonly List<(string Vehicle, string Colour, int Stops, double Km)> _routesDrawn = [];
    private double[]? _bands;

    public MapRenderer(MapOptions? options, MapOverlays? overlays)
    {
        _o = options ?? new MapOptions();
        _o.Validate();
        _ov = overlays ?? new MapOverlays();
    }

    public string Render(PostalNetwork? network, RoutingProblem? problem, RoutingSolution? solution)
    {
        _bands = BandsOf(_ov);
        _mapWidth = _o.WidthPixels - (_o.ShowLegend ? _o.LegendWidthPixels : 0);
        var positions = new Positions(network, problem);
        _projection = positions.Fit(network, problem, _mapWidth, _o.MarginPixels, _o.MaxAspectRatio);
        _labels = new LabelPlacer(_mapWidth, _projection.Height);

        // The body first: the legend's height (and so the drawing's) is known only once every layer is drawn.
        var body = _svg;
        if (network is not null)
        {
            DrawCommunes(network);
            DrawLinks(network);
        }

        if (problem is not null && solution is not null)
        {
            DrawRoutes(network, problem, solution, positions);
        }

        if (network is not null)
        {
            DrawNodes(network);
            PlaceLabels(network);
        }

        if (problem is not null && solution is not null)
        {
            DrawUnassigned(problem, solution, positions);
        }

        DrawLabels();
        DrawScaleBar();
        var legend = new SvgText();
        double legendHeight = _o.ShowLegend ? DrawLegend(legend) : 0;
        _height = Math.Ceiling(Math.Max(_projection.Height, legendHeight));

        string title = _o.Title ?? (problem is not null ? problem.Name : network?.Name) ?? "map";
        var doc = new SvgText();
        doc.Open("svg",
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", $"0 0 {SvgText.Num(_o.WidthPixels)} {SvgText.Num(_height)}"),
            ("width", SvgText.Num(_o.WidthPixels)),
            ("height", SvgText.Num(_height)),
            ("font-family", "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"));
        doc.TextElement("title", title);
        doc.Raw("<style>.label,.map-title{paint-order:stroke;stroke-linejoin:round}.route{fill:none}.link{stroke-linecap:round}</style>\n");
        doc.Empty("rect", ("class", "background"), ("x", "0"), ("y", "0"), ("width", SvgText.Num(_o.WidthPixels)),
            ("height", SvgText.Num(_height)), ("fill", "#fbfaf7"));
        doc.Raw(body.ToString());
        if (_o.Title is not null || problem is not null || network is not null)
        {
            doc.TextElement("text", title, ("class", "map-title"), ("x", SvgText.Num(12)), ("y", SvgText.Num(24)),
                ("font-size", "18"), ("font-weight", "bold"), ("fill", "#222"), ("stroke", LabelHalo), ("stroke-width", "4"),
                ("paint-order", "stroke"));
        }

        doc.Raw(legend.ToString());
        doc.Close("svg");
        return doc.ToString();
    }

    // ---- communes -------------------------------------------------------------------------------------------------

    private void DrawCommunes(PostalNetwork network)
    {
        _svg.Open("g", ("class", "communes"));
        foreach (var commune in network.Communes)
        {
            if (commune.Location is not { } location || !location.IsValid)
            {
                continue;
            }

            _communesDrawn = true;
            var p = _projection.Project(location);
            double r = CommuneRadius(commune);
            bool cutOff = _ov.CutOffCommunes?.Contains(commune.Code) == true;
            string fill = CommuneColour;
            string? value = null;
            if (_ov.CommuneShading is { } shading && shading.TryGetValue(commune.Code, out double v))
            {
                if (double.IsNaN(v))
                {
                    fill = NoValueColour;
                }
                else
                {
                    value = v.ToString("R", CultureInfo.InvariantCulture);
                    fill = MapStyle.BandColour(BandOf(v), _bands!.Length + 1);
                }
            }

            if (cutOff)
            {
                _cutOffDrawn++;
            }

            _svg.Open("circle",
                ("class", cutOff ? "commune cut-off" : "commune"),
                ("data-commune", commune.Code),
                ("data-value", value),
                ("cx", SvgText.Num(p.X)), ("cy", SvgText.Num(p.Y)), ("r", SvgText.Num(r)),
                ("fill", fill), ("fill-opacity", value is null ? "0.55" : "0.8"),
                ("stroke", cutOff ? CutOffColour : "#868e96"), ("stroke-width", cutOff ? "2.5" : "0.6"));
            _svg.TextElement("title", value is null
                ? $"{commune.Name} ({commune.Code})"
                : $"{commune.Name} ({commune.Code}): {SvgText.Num(double.Parse(value, CultureInfo.InvariantCulture))}");
            _svg.Close("circle");
        }

        _svg.Close("g");
    }

    private double CommuneRadius(Commune commune) =>
        _o.ScaleCommunesByPopulation && commune.Population is > 0 and var pop
            ? Math.Clamp(Math.Sqrt(pop / 1000.0) * 2.5, 4, 18)
            : _o.CommuneRadiusPixels;

    private static double[]? BandsOf(MapOverlays overlays)
    {
        if (overlays.CommuneShading is not { } shading)
        {
            return null;
        }

        if (overlays.ShadingBands is { } given)
        {
            for (int i = 0; i < given.Count; i++)
            {
                if (!double.IsFinite(given[i]) || (i > 0 && given[i] <= given[i - 1]))
                {
                    throw new ArgumentException($"overlays.ShadingBands[{i}] = {given[i]}: band limits must be finite and increasing",
                        nameof(overlays));
                }
            }

            return [.. given];
        }

        double max = shading.Values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double step = NiceAtLeast(Math.Max(max, 1e-9) / 5);
        return [step, 2 * step, 3 * step, 4 * step];
    }

    private int BandOf(double value)
    {
        var bands = _bands!;
        for (int i = 0; i < bands.Length; i++)
        {
            if (value <= bands[i])
            {
                return i;
            }
        }

        return bands.Length;
    }

    // ---- links ----------------------------------------------------------------------------------------------------

    private void DrawLinks(PostalNetwork network)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        if (_ov.CriticalLinkIds is { } critical)
        {
            for (int i = 0; i < critical.Count; i++)
            {
                rank.TryAdd(critical[i], i + 1);
            }
        }

        var nodes = network.Nodes;
        var criticalLinks = new List<(int Rank, Link Link, MapPoint A, MapPoint B)>();
        _svg.Open("g", ("class", "links"));
        foreach (var link in network.Links)
        {
            var a = _projection.Project(nodes[network.IndexOfNode(link.From)].Location);
            var b = _projection.Project(nodes[network.IndexOfNode(link.To)].Location);
            if (rank.TryGetValue(link.Id, out int r))
            {
                criticalLinks.Add((r, link, a, b));
                continue;
            }

            DrawLink(link, a, b, critical: false);
        }

        // Most critical on top.
        foreach (var (r, link, a, b) in criticalLinks.OrderByDescending(c => c.Rank))
        {
            DrawLink(link, a, b, critical: true);
        }

        _svg.Close("g");
        if (_o.ShowLabels)
        {
            // Ranks go first among the labels after the offices: see DrawLabels.
            _rankLabels.AddRange(criticalLinks.OrderBy(c => c.Rank)
                .Select(c => (c.Rank.ToString(CultureInfo.InvariantCulture), new MapPoint((c.A.X + c.B.X) / 2, (c.A.Y + c.B.Y) / 2))));
        }
    }

    private readonly List<(string Text, MapPoint At)> _rankLabels = [];

    private void DrawLink(Link link, MapPoint a, MapPoint b, bool critical)
    {
        _roadsDrawn.Add(link.RoadClass);
        _closedDrawn |= link.Closed;
        _criticalDrawn |= critical;
        var css = new StringBuilder("link road-").Append(MapStyle.RoadClassName(link.RoadClass));
        if (link.Closed)
        {
            css.Append(" closed");
        }

        if (critical)
        {
            css.Append(" critical");
        }

        double width = MapStyle.RoadWidth(link.RoadClass) + (critical ? 3 : 0);
        string colour = critical ? CriticalColour : link.Closed ? ClosedColour : MapStyle.RoadColour(link.RoadClass);
        _svg.Open("line",
            ("class", css.ToString()),
            ("data-link", link.Id),
            ("x1", SvgText.Num(a.X)), ("y1", SvgText.Num(a.Y)), ("x2", SvgText.Num(b.X)), ("y2", SvgText.Num(b.Y)),
            ("stroke", colour), ("stroke-width", SvgText.Num(width)),
            ("stroke-dasharray", link.Closed ? "6 4" : null),
            ("stroke-opacity", critical || link.Closed ? "1" : "0.85"));
        _svg.TextElement("title", $"{link.Id} ({MapStyle.RoadClassName(link.RoadClass)}, {SvgText.Num(link.LengthMetres / 1000)} km{(link.Closed ? ", closed" : "")})");
        _svg.Close("line");
    }

    // ---- nodes ----------------------------------------------------------------------------------------------------

    private void DrawNodes(PostalNetwork network)
    {
        _svg.Open("g", ("class", "offices"));
        // Junctions below, the hub on top.
        foreach (var kind in (NodeKind[])[NodeKind.Junction, NodeKind.Commune, NodeKind.CommuneServicePoint, NodeKind.DistrictOffice, NodeKind.ProvincialHub])
        {
            if (kind == NodeKind.Junction && !_o.ShowJunctions)
            {
                continue;
            }

            foreach (var node in network.Nodes)
            {
                if (node.Kind == kind)
                {
                    DrawNode(node);
                }
            }
        }

        _svg.Close("g");
        if (_ov.HighlightedNodeIds is { Count: > 0 } highlighted)
        {
            _svg.Open("g", ("class", "highlights"));
            foreach (var node in network.Nodes)
            {
                if (!highlighted.Contains(node.Id))
                {
                    continue;
                }

                _highlightedDrawn++;
                var p = _projection.Project(node.Location);
                _svg.Open("circle", ("class", "highlighted"), ("data-node", node.Id), ("cx", SvgText.Num(p.X)), ("cy", SvgText.Num(p.Y)),
                    ("r", "9"), ("fill", "none"), ("stroke", HighlightColour), ("stroke-width", "3"));
                _svg.TextElement("title", $"{NodeTitle(node)} (highlighted)");
                _svg.Close("circle");
            }

            _svg.Close("g");
        }
    }

    private static string NodeTitle(Node node) => string.IsNullOrEmpty(node.Name) ? node.Id : $"{node.Name} ({node.Id})";

    private void DrawNode(Node node)
    {
        _kindsDrawn.Add(node.Kind);
        var p = _projection.Project(node.Location);
        switch (node.Kind)
        {
            case NodeKind.ProvincialHub:
                Square("office office-hub", node, p, 14, "#8e1b1b");
                _labels.AddObstacle(new Box(p.X - 7, p.Y - 7, p.X + 7, p.Y + 7));
                break;
            case NodeKind.DistrictOffice:
                Square("office office-district", node, p, 10, "#1f4e9c");
                _labels.AddObstacle(new Box(p.X - 5, p.Y - 5, p.X + 5, p.Y + 5));
                break;
            case NodeKind.CommuneServicePoint:
                Circle("office office-service-point", node, p, 3.5, "#2e86de", "#ffffff", 1);
                break;
            case NodeKind.Commune:
                Circle("node node-commune", node, p, 2.2, "#868e96", "#ffffff", 0.6);
                break;
            default:
                Circle("office office-junction", node, p, 1.6, "#9e9e9e", null, 0);
                break;
        }
    }

    private void Square(string css, Node node, MapPoint p, double size, string fill)
    {
        _svg.Open("rect", ("class", css), ("data-node", node.Id), ("x", SvgText.Num(p.X - (size / 2))), ("y", SvgText.Num(p.Y - (size / 2))),
            ("width", SvgText.Num(size)), ("height", SvgText.Num(size)), ("fill", fill), ("stroke", "#ffffff"), ("stroke-width", "1.5"));
        _svg.TextElement("title", NodeTitle(node));
        _svg.Close("rect");
    }

    private void Circle(string css, Node node, MapPoint p, double r, string fill, string? stroke, double strokeWidth)
    {
        _svg.Open("circle", ("class", css), ("data-node", node.Id), ("cx", SvgText.Num(p.X)), ("cy", SvgText.Num(p.Y)), ("r", SvgText.Num(r)),
            ("fill", fill), ("stroke", stroke), ("stroke-width", stroke is null ? null : SvgText.Num(strokeWidth)));
        _svg.TextElement("title", NodeTitle(node));
        _svg.Close("circle");
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    private void DrawRoutes(PostalNetwork? network, RoutingProblem problem, RoutingSolution solution, Positions positions)
    {
        _svg.Open("g", ("class", "routes"));
        var arrows = new SvgText();
        var stops = new SvgText();
        var gaps = new SvgText();
        var depots = new SortedSet<int>();
        for (int r = 0; r < solution.Routes.Length; r++)
        {
            var route = solution.Routes[r];
            if ((uint)route.VehicleIndex >= (uint)problem.Vehicles.Length)
            {
                throw new ArgumentException($"solution.Routes[{r}].VehicleIndex = {route.VehicleIndex} is not a vehicle of the problem", nameof(solution));
            }

            if (route.StopCount == 0 && !route.Steps.Any(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery))
            {
                continue;
            }

            var vehicle = problem.Vehicles[route.VehicleIndex];
            string colour = MapStyle.RouteColour(_routesDrawn.Count);
            var legs = LegRouter.For(network, problem, vehicle, _o.FallbackMetric);
            var d = new StringBuilder();
            MapPoint? pen = null;
            int? previous = null;
            foreach (var step in route.Steps)
            {
                if (step.Location is not { } location)
                {
                    continue;
                }

                if ((uint)location >= (uint)problem.Locations.Length)
                {
                    throw new ArgumentException($"solution.Routes[{r}]: step '{step.Id}' has location index {location}, which the problem lacks", nameof(solution));
                }

                if (step.Kind is StepKind.Start or StepKind.End && network is null)
                {
                    depots.Add(location);
                }

                if (step.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery && positions.Of(location, _projection) is { } stop)
                {
                    stops.Empty("circle", ("class", "stop"), ("data-vehicle", route.VehicleId), ("data-task", step.Id),
                        ("cx", SvgText.Num(stop.X)), ("cy", SvgText.Num(stop.Y)), ("r", "3"), ("fill", "#ffffff"),
                        ("stroke", colour), ("stroke-width", "1.8"));
                }

                if (previous is { } from && from != location)
                {
                    var leg = legs.Leg(problem.Locations[from], problem.Locations[location], from, location, positions, _projection);
                    if (leg.Points.Count >= 2)
                    {
                        if (leg.IsGap)
                        {
                            _gapsDrawn = true;
                            gaps.Empty("line", ("class", "route-gap"), ("data-vehicle", route.VehicleId),
                                ("x1", SvgText.Num(leg.Points[0].X)), ("y1", SvgText.Num(leg.Points[0].Y)),
                                ("x2", SvgText.Num(leg.Points[1].X)), ("y2", SvgText.Num(leg.Points[1].Y)),
                                ("stroke", colour), ("stroke-width", "2"), ("stroke-dasharray", "3 5"), ("stroke-opacity", "0.9"));
                            pen = null;
                        }
                        else
                        {
                            if (pen is not { } at || at.DistanceTo(leg.Points[0]) > 0.01)
                            {
                                d.Append(d.Length == 0 ? "M" : " M").Append(SvgText.Num(leg.Points[0].X)).Append(' ').Append(SvgText.Num(leg.Points[0].Y));
                            }

                            for (int i = 1; i < leg.Points.Count; i++)
                            {
                                d.Append(" L").Append(SvgText.Num(leg.Points[i].X)).Append(' ').Append(SvgText.Num(leg.Points[i].Y));
                            }

                            pen = leg.Points[^1];
                        }

                        Arrows(arrows, leg.Points, route.VehicleId, colour);
                    }
                    else if (pen is null && leg.Points.Count == 1)
                    {
                        pen = null;
                    }
                }

                if (pen is null && d.Length == 0 && positions.Of(location, _projection) is { } first)
                {
                    // A route whose legs are all gaps still gets its one path element, at its first position.
                    d.Append('M').Append(SvgText.Num(first.X)).Append(' ').Append(SvgText.Num(first.Y));
                    pen = first;
                }

                previous = location;
            }

            _routesDrawn.Add((route.VehicleId, colour, route.StopCount, route.DistanceMetres / 1000));
            _svg.Open("path", ("class", "route"), ("data-vehicle", route.VehicleId), ("d", d.ToString()), ("stroke", colour),
                ("stroke-width", "3"), ("stroke-opacity", "0.85"), ("stroke-linejoin", "round"), ("stroke-linecap", "round"), ("fill", "none"));
            _svg.TextElement("title", string.Create(CultureInfo.InvariantCulture,
                $"{route.VehicleId}: {route.StopCount} stops, {SvgText.Num(route.DistanceMetres / 1000)} km, {SvgText.Num(route.DurationSeconds / 3600)} h"));
            _svg.Close("path");
        }

        _svg.Raw(gaps.ToString()).Raw(arrows.ToString()).Raw(stops.ToString());
        foreach (int depot in depots)
        {
            if (positions.Of(depot, _projection) is { } p)
            {
                _depotsDrawn = true;
                _svg.Open("rect", ("class", "depot"), ("data-location", problem.Locations[depot].Id), ("x", SvgText.Num(p.X - 6)),
                    ("y", SvgText.Num(p.Y - 6)), ("width", "12"), ("height", "12"), ("fill", "#111111"), ("stroke", "#ffffff"), ("stroke-width", "1.5"));
                _svg.TextElement("title", $"Depot {problem.Locations[depot].Id}");
                _svg.Close("rect");
            }
        }

        _svg.Close("g");
    }

    private void Arrows(SvgText arrows, IReadOnlyList<MapPoint> points, string vehicle, string colour)
    {
        double total = 0;
        for (int i = 1; i < points.Count; i++)
        {
            total += points[i - 1].DistanceTo(points[i]);
        }

        if (total < 12)
        {
            return;
        }

        int count = Math.Max(1, (int)(total / _o.ArrowSpacingPixels));
        int segment = 1;
        double walked = 0;
        for (int k = 0; k < count; k++)
        {
            double target = (k + 0.5) / count * total;
            while (segment < points.Count - 1 && walked + points[segment - 1].DistanceTo(points[segment]) < target)
            {
                walked += points[segment - 1].DistanceTo(points[segment]);
                segment++;
            }

            var a = points[segment - 1];
            var b = points[segment];
            double len = a.DistanceTo(b);
            if (len < 1e-9)
            {
                continue;
            }

            double t = Math.Clamp((target - walked) / len, 0, 1);
            double x = a.X + ((b.X - a.X) * t), y = a.Y + ((b.Y - a.Y) * t);
            double ux = (b.X - a.X) / len, uy = (b.Y - a.Y) / len;
            // A triangle 9 px long and 7 px wide pointing along the leg.
            string pts = string.Join(' ',
                $"{SvgText.Num(x + (ux * 5))},{SvgText.Num(y + (uy * 5))}",
                $"{SvgText.Num(x - (ux * 4) - (uy * 3.5))},{SvgText.Num(y - (uy * 4) + (ux * 3.5))}",
                $"{SvgText.Num(x - (ux * 4) + (uy * 3.5))},{SvgText.Num(y - (uy * 4) - (ux * 3.5))}");
            arrows.Empty("polygon", ("class", "route-arrow"), ("data-vehicle", vehicle), ("points", pts), ("fill", colour),
                ("stroke", "#ffffff"), ("stroke-width", "0.6"));
        }
    }

    // ---- unassigned -----------------------------------------------------------------------------------------------

    private void DrawUnassigned(RoutingProblem problem, RoutingSolution solution, Positions positions)
    {
        _unassignedTotal = solution.Unassigned.Length;
        _svg.Open("g", ("class", "unassigned-tasks"));
        foreach (var task in solution.Unassigned)
        {
            int location = task.Kind == TaskKind.Job
                ? (uint)task.TaskIndex < (uint)problem.Jobs.Length ? problem.Jobs[task.TaskIndex].Location : -1
                : (uint)task.TaskIndex < (uint)problem.Shipments.Length ? problem.Shipments[task.TaskIndex].Pickup.Location : -1;
            if (location < 0)
            {
                throw new ArgumentException($"solution.Unassigned: task '{task.Id}' has index {task.TaskIndex}, which the problem lacks", nameof(solution));
            }

            if (positions.Of(location, _projection) is not { } p)
            {
                continue;
            }

            _unassignedDrawn++;
            _svg.Open("path", ("class", "unassigned"), ("data-task", task.Id),
                ("d", $"M{SvgText.Num(p.X - 5)} {SvgText.Num(p.Y - 5)} L{SvgText.Num(p.X + 5)} {SvgText.Num(p.Y + 5)} M{SvgText.Num(p.X - 5)} {SvgText.Num(p.Y + 5)} L{SvgText.Num(p.X + 5)} {SvgText.Num(p.Y - 5)}"),
                ("stroke", UnassignedColour), ("stroke-width", "3"), ("stroke-linecap", "round"), ("fill", "none"));
            _svg.TextElement("title", $"Unassigned {task.Id}: {task.Explanation}");
            _svg.Close("path");
        }

        _svg.Close("g");
    }

    // ---- labels ---------------------------------------------------------------------------------------------------

    private void DrawLabels()
    {
        _svg.Open("g", ("class", "labels"));
        foreach (var label in _labels.Placed)
        {
            _svg.TextElement("text", label.Text,
                ("class", label.CssClass),
                ("x", SvgText.Num(label.X)), ("y", SvgText.Num(label.Y)),
                ("text-anchor", label.Anchor),
                ("font-size", SvgText.Num(label.FontSize)),
                ("font-weight", label.Bold ? "bold" : null),
                ("fill", label.Fill ?? "#222222"),
                ("stroke", LabelHalo), ("stroke-width", "3"), ("paint-order", "stroke"));
        }

        _svg.Close("g");
    }

    /// <summary>Offers the labels to the placer in priority order; called before the layers that follow the nodes are drawn.</summary>
    private void PlaceLabels(PostalNetwork network)
    {
        if (!_o.ShowLabels)
        {
            return;
        }

        foreach (var node in network.Nodes.Where(n => n.Kind == NodeKind.ProvincialHub))
        {
            var p = _projection.Project(node.Location);
            _labels.TryPlace(node.Name, "label label-hub", p.X, p.Y, 7, _o.HubFontSize, bold: true);
        }

        foreach (var node in network.Nodes.Where(n => n.Kind == NodeKind.DistrictOffice))
        {
            var p = _projection.Project(node.Location);
            _labels.TryPlace(node.Name, "label label-district", p.X, p.Y, 5, _o.DistrictFontSize, bold: true, fill: "#1f3b73");
        }

        foreach (var (text, at) in _rankLabels)
        {
            _labels.TryPlace(text, "label label-rank", at.X, at.Y, 2, _o.CommuneFontSize + 1, bold: true, fill: CriticalColour);
        }

        if (_ov.HighlightedNodeIds is { Count: > 0 } highlighted)
        {
            // The hub and district offices are already labelled above; a second label would only repeat the name.
            foreach (var node in network.Nodes.Where(n => highlighted.Contains(n.Id) &&
                                                          n.Kind is not (NodeKind.ProvincialHub or NodeKind.DistrictOffice)))
            {
                var p = _projection.Project(node.Location);
                _labels.TryPlace(string.IsNullOrEmpty(node.Name) ? node.Id : node.Name, "label label-highlighted", p.X, p.Y, 9,
                    _o.CommuneFontSize, bold: true, fill: "#006b54");
            }
        }

        foreach (var commune in network.Communes
            .Where(c => c.Location is { IsValid: true })
            .OrderByDescending(c => c.Population ?? 0)
            .ThenBy(c => c.Code, StringComparer.Ordinal))
        {
            var p = _projection.Project(commune.Location!.Value);
            _labels.TryPlace(commune.Name, "label label-commune", p.X, p.Y, CommuneRadius(commune), _o.CommuneFontSize);
        }
    }

    // ---- scale bar ------------------------------------------------------------------------------------------------

    private void DrawScaleBar()
    {
        double unitsPerPixel = 1 / _projection.PixelsPerUnit;
        double maxUnits = _mapWidth * 0.25 * unitsPerPixel;
        bool geo = !_projection.IsPlanar;
        // Geographic: round kilometres (1/2/5 × 10^n km); planar: round coordinate units.
        double unit = geo ? 1000 : 1;
        double length = NiceAtMost(maxUnits / unit) * unit;
        double pixels = length * _projection.PixelsPerUnit;
        string text = geo
            ? $"{(length / 1000).ToString("0.###", CultureInfo.InvariantCulture)} km"
            : $"{length.ToString("0.###", CultureInfo.InvariantCulture)} {_o.PlanarUnitName}";
        double x = 16, y = _projection.Height - 18;
        _svg.Open("g", ("class", "scale-bar"), ("data-length", length.ToString("R", CultureInfo.InvariantCulture)),
            ("data-unit", geo ? "m" : _o.PlanarUnitName));
        _svg.Empty("rect", ("class", "scale-bar-background"), ("x", SvgText.Num(x - 6)), ("y", SvgText.Num(y - 18)),
            ("width", SvgText.Num(pixels + 12)), ("height", "30"), ("fill", "#ffffff"), ("fill-opacity", "0.75"));
        _svg.Empty("rect", ("class", "scale-bar-bar"), ("x", SvgText.Num(x)), ("y", SvgText.Num(y)), ("width", Exact(pixels)),
            ("height", "5"), ("fill", "#ffffff"), ("stroke", "#222222"), ("stroke-width", "1"));
        _svg.Empty("rect", ("x", SvgText.Num(x)), ("y", SvgText.Num(y)), ("width", Exact(pixels / 2)), ("height", "5"), ("fill", "#222222"));
        _svg.TextElement("text", text, ("class", "scale-bar-text"), ("x", SvgText.Num(x)), ("y", SvgText.Num(y - 5)),
            ("font-size", "11"), ("fill", "#222222"));
        _svg.Close("g");
    }

    private static string Exact(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The largest 1, 2 or 5 × 10^n not above <paramref name="value"/> (&gt; 0).</summary>
    internal static double NiceAtMost(double value)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in (double[])[5, 2, 1])
        {
            if (m * power <= value * (1 + 1e-12))
            {
                return m * power;
            }
        }

        return power;
    }

    /// <summary>The smallest 1, 2 or 5 × 10^n not below <paramref name="value"/> (&gt; 0).</summary>
    internal static double NiceAtLeast(double value)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in (double[])[1, 2, 5, 10])
        {
            if (m * power >= value * (1 - 1e-12))
            {
                return m * power;
            }
        }

        return 10 * power;
    }

    // ---- legend ---------------------------------------------------------------------------------------------------

    private double DrawLegend(SvgText g)
    {
        double x0 = _mapWidth + 12, y = 28, rowHeight = 17;
        double textX = x0 + 30;
        g.Open("g", ("class", "legend"));
        g.Empty("rect", ("class", "legend-background"), ("x", SvgText.Num(_mapWidth)), ("y", "0"), ("width", SvgText.Num(_o.LegendWidthPixels)),
            ("height", "100%"), ("fill", "#ffffff"), ("stroke", "#dee2e6"));
        void Heading(string text)
        {
            y += 6;
            g.TextElement("text", text, ("class", "legend-heading"), ("x", SvgText.Num(x0)), ("y", SvgText.Num(y)), ("font-size", "12"),
                ("font-weight", "bold"), ("fill", "#222222"));
            y += rowHeight;
        }

        void Text(string text)
        {
            g.TextElement("text", text, ("class", "legend-text"), ("x", SvgText.Num(textX)), ("y", SvgText.Num(y + 4)), ("font-size", "11"),
                ("fill", "#333333"));
            y += rowHeight;
        }

        void LineRow(string text, string colour, double width, string? dash = null)
        {
            g.Empty("line", ("x1", SvgText.Num(x0)), ("y1", SvgText.Num(y)), ("x2", SvgText.Num(x0 + 22)), ("y2", SvgText.Num(y)),
                ("stroke", colour), ("stroke-width", SvgText.Num(width)), ("stroke-dasharray", dash));
            Text(text);
        }

        g.TextElement("text", "Legend", ("class", "legend-heading"), ("x", SvgText.Num(x0)), ("y", SvgText.Num(y)), ("font-size", "14"),
            ("font-weight", "bold"), ("fill", "#222222"));
        y += rowHeight;
        if (_kindsDrawn.Count > 0)
        {
            Heading("Offices");
            foreach (var kind in _kindsDrawn)
            {
                switch (kind)
                {
                    case NodeKind.ProvincialHub:
                        g.Empty("rect", ("x", SvgText.Num(x0 + 4)), ("y", SvgText.Num(y - 7)), ("width", "14"), ("height", "14"), ("fill", "#8e1b1b"));
                        Text("Provincial hub");
                        break;
                    case NodeKind.DistrictOffice:
                        g.Empty("rect", ("x", SvgText.Num(x0 + 6)), ("y", SvgText.Num(y - 5)), ("width", "10"), ("height", "10"), ("fill", "#1f4e9c"));
                        Text("District office");
                        break;
                    case NodeKind.CommuneServicePoint:
                        g.Empty("circle", ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "3.5"), ("fill", "#2e86de"));
                        Text("Commune service point");
                        break;
                    case NodeKind.Commune:
                        g.Empty("circle", ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "2.2"), ("fill", "#868e96"));
                        Text("Commune node");
                        break;
                    default:
                        g.Empty("circle", ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "1.6"), ("fill", "#9e9e9e"));
                        Text("Junction");
                        break;
                }
            }
        }

        if (_roadsDrawn.Count > 0)
        {
            Heading("Roads");
            foreach (var road in _roadsDrawn)
            {
                LineRow(road switch
                {
                    RoadClass.Trunk => "Trunk road",
                    RoadClass.Provincial => "Provincial road",
                    RoadClass.District => "District road",
                    RoadClass.Local => "Commune road",
                    _ => "Track",
                }, MapStyle.RoadColour(road), MapStyle.RoadWidth(road));
            }

            if (_closedDrawn)
            {
                LineRow("Closed", ClosedColour, 2, "6 4");
            }

            if (_criticalDrawn)
            {
                LineRow("Critical (rank)", CriticalColour, 4.5);
            }
        }

        if (_communesDrawn)
        {
            Heading("Communes");
            if (_bands is { } bands)
            {
                if (_ov.ShadingLegendTitle is { } shadingTitle)
                {
                    g.TextElement("text", shadingTitle, ("class", "legend-text"), ("x", SvgText.Num(x0)), ("y", SvgText.Num(y + 4)),
                        ("font-size", "11"), ("font-style", "italic"), ("fill", "#333333"));
                    y += rowHeight;
                }

                for (int i = 0; i <= bands.Length; i++)
                {
                    g.Empty("circle", ("class", "legend-band"), ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "6"),
                        ("fill", MapStyle.BandColour(i, bands.Length + 1)));
                    string lo = i == 0 ? "" : bands[i - 1].ToString("0.##", CultureInfo.InvariantCulture);
                    string hi = i == bands.Length ? "" : bands[i].ToString("0.##", CultureInfo.InvariantCulture);
                    Text(i == 0 ? $"≤ {hi}" : i == bands.Length ? $"> {lo}" : $"{lo} – {hi}");
                }
            }
            else
            {
                g.Empty("circle", ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "6"), ("fill", CommuneColour), ("stroke", "#868e96"));
                Text(_o.ScaleCommunesByPopulation ? "Commune (size: population)" : "Commune");
            }

            if (_cutOffDrawn > 0)
            {
                g.Empty("circle", ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "6"), ("fill", "none"), ("stroke", CutOffColour),
                    ("stroke-width", "2.5"));
                Text($"Cut off ({_cutOffDrawn})");
            }
        }

        if (_highlightedDrawn > 0)
        {
            g.Empty("circle", ("cx", SvgText.Num(x0 + 11)), ("cy", SvgText.Num(y)), ("r", "7"), ("fill", "none"), ("stroke", HighlightColour),
                ("stroke-width", "3"));
            Text($"Highlighted ({_highlightedDrawn})");
        }

        if (_routesDrawn.Count > 0 || _unassignedTotal > 0)
        {
            Heading("Routes");
            foreach (var (vehicle, colour, stops, km) in _routesDrawn)
            {
                LineRow(string.Create(CultureInfo.InvariantCulture, $"{vehicle}: {stops} stops, {SvgText.Num(km)} km"), colour, 3);
            }

            if (_gapsDrawn)
            {
                LineRow("Leg with no road path", "#555555", 2, "3 5");
            }

            if (_depotsDrawn)
            {
                g.Empty("rect", ("x", SvgText.Num(x0 + 5)), ("y", SvgText.Num(y - 6)), ("width", "12"), ("height", "12"), ("fill", "#111111"));
                Text("Depot");
            }

            if (_unassignedTotal > 0)
            {
                g.Empty("path", ("d", $"M{SvgText.Num(x0 + 6)} {SvgText.Num(y - 5)} L{SvgText.Num(x0 + 16)} {SvgText.Num(y + 5)} M{SvgText.Num(x0 + 6)} {SvgText.Num(y + 5)} L{SvgText.Num(x0 + 16)} {SvgText.Num(y - 5)}"),
                    ("stroke", UnassignedColour), ("stroke-width", "3"));
                Text(_unassignedDrawn == _unassignedTotal
                    ? $"Unassigned ({_unassignedTotal})"
                    : $"Unassigned ({_unassignedTotal}, {_unassignedTotal - _unassignedDrawn} without position)");
            }
        }

        g.Close("g");
        return y + 10;
    }
}
