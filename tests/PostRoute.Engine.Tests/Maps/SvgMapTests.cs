using System.Globalization;
using System.Xml.Linq;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;
using static PostRoute.Engine.Tests.Maps.MapFixtures;

namespace PostRoute.Engine.Tests.Maps;

public sealed class SvgMapTests
{
    private static readonly Lazy<(RoutingProblem Problem, RoutingSolution Solution, string Svg)> s_solved = new(() =>
    {
        var (problem, solution) = SolvedProblem(ClosedNetwork);
        return (problem, solution, SvgMap.Render(ClosedNetwork, problem, solution, new MapOptions { Title = "Phú Yên & test" }));
    });

    [Fact]
    public void Root_is_an_svg_element_with_view_box_size_and_title()
    {
        var doc = Parse(s_solved.Value.Svg);
        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("1200", (string?)root.Attribute("width"));
        double height = Num(root, "height");
        Assert.True(height > 100);
        Assert.Equal($"0 0 1200 {root.Attribute("height")!.Value}", (string?)root.Attribute("viewBox"));
        Assert.Equal("Phú Yên & test", root.Element(Svg + "title")!.Value);
        Assert.Contains("Phú Yên &amp; test", s_solved.Value.Svg, StringComparison.Ordinal); // UTF-8 kept, & escaped
    }

    [Fact]
    public void Each_route_is_exactly_one_route_path_with_its_vehicle_and_colour()
    {
        var (_, solution, svg) = s_solved.Value;
        var doc = Parse(svg);
        var routes = WithClass(doc, "route").ToList();
        Assert.All(routes, r => Assert.Equal(Svg + "path", r.Name));
        Assert.Equal(solution.Routes.Select(r => r.VehicleId), routes.Select(r => (string?)r.Attribute("data-vehicle")));
        var colours = routes.Select(r => (string?)r.Attribute("stroke")).ToList();
        Assert.All(colours, c => Assert.Matches("^#[0-9a-f]{6}$", c));
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.NotEmpty(WithClass(doc, "route-arrow"));
        Assert.All(WithClass(doc, "route-arrow"), a => Assert.Contains((string?)a.Attribute("data-vehicle"), solution.Routes.Select(r => r.VehicleId)));
    }

    [Fact]
    public void Route_legs_follow_the_shortest_network_paths()
    {
        var (problem, solution, svg) = s_solved.Value;
        var doc = Parse(svg);
        foreach (var route in solution.Routes)
        {
            var path = WithClass(doc, "route").Single(r => (string?)r.Attribute("data-vehicle") == route.VehicleId);
            var vertices = Vertices((string)path.Attribute("d")!);
            var stops = route.Steps.Where(s => s.Location is not null).Select(s => problem.Locations[s.Location!.Value].Id).ToList();
            var expectedNodes = new List<string> { stops[0] };
            for (int i = 1; i < stops.Count; i++)
            {
                var leg = ShortestPaths.Find(ClosedNetwork, stops[i - 1], stops[i], Profiles.Motorbike);
                Assert.True(leg.Found);
                expectedNodes.AddRange(leg.NodeIds.Skip(1));
            }

            Assert.Equal(expectedNodes.Count, vertices.Count);
            Assert.True(vertices[0].Move);
            Assert.All(vertices.Skip(1), v => Assert.False(v.Move)); // one unbroken line: every leg has a road path

            // The vertices are the nodes' positions: compare with the office symbols drawn for the same nodes.
            var hub = WithClass(doc, "office-hub").Single();
            Assert.Equal(Num(hub, "x") + (Num(hub, "width") / 2), vertices[0].X, 1);
            Assert.Equal(Num(hub, "y") + (Num(hub, "height") / 2), vertices[0].Y, 1);
            var firstStop = WithClass(doc, "office-service-point").Single(e => (string?)e.Attribute("data-node") == stops[1]);
            int at = expectedNodes.IndexOf(stops[1]);
            Assert.Equal(Num(firstStop, "cx"), vertices[at].X, 1);
            Assert.Equal(Num(firstStop, "cy"), vertices[at].Y, 1);
        }
    }

    [Fact]
    public void A_leg_without_a_road_path_is_a_dashed_gap_outside_the_route_path()
    {
        var (problem, _) = SolvedProblem(ClosedNetwork);
        // Visit the cut-off service point anyway: the factory does not judge feasibility.
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0), Visit.Job(6)])]);
        var doc = Parse(SvgMap.Render(ClosedNetwork, problem, solution));
        var route = Assert.Single(WithClass(doc, "route"));
        var gaps = WithClass(doc, "route-gap").ToList();
        Assert.Equal(2, gaps.Count); // to the cut-off point and back
        Assert.All(gaps, g => Assert.NotNull(g.Attribute("stroke-dasharray")));
        Assert.All(gaps, g => Assert.Equal("bike-1", (string?)g.Attribute("data-vehicle")));
        var vertices = Vertices((string)route.Attribute("d")!);
        Assert.True(vertices.Count >= 2);
    }

    [Fact]
    public void Links_carry_their_road_class_and_closed_links_are_dashed()
    {
        var doc = Parse(s_solved.Value.Svg);
        var links = WithClass(doc, "link").ToList();
        Assert.Equal(ClosedNetwork.LinkCount, links.Count);
        foreach (var element in links)
        {
            var link = ClosedNetwork.FindLink((string)element.Attribute("data-link")!)!;
            string road = link.RoadClass switch
            {
                RoadClass.Trunk => "road-trunk",
                RoadClass.Provincial => "road-provincial",
                RoadClass.District => "road-district",
                RoadClass.Local => "road-local",
                _ => "road-track",
            };
            Assert.True(HasClass(element, road), $"{link.Id} lacks {road}");
            Assert.Equal(link.Closed, HasClass(element, "closed"));
            Assert.Equal(link.Closed, element.Attribute("stroke-dasharray") is not null);
            Assert.Contains(element.Name.LocalName, new[] { "line", "path" });
        }

        Assert.True(ClosedNetwork.ClosedLinkCount > 0);
        Assert.Equal(ClosedNetwork.ClosedLinkCount, links.Count(l => HasClass(l, "closed")));
    }

    [Fact]
    public void Offices_are_drawn_by_kind_with_their_node_ids()
    {
        var doc = Parse(s_solved.Value.Svg);
        foreach (var (kind, css) in new[]
        {
            (NodeKind.ProvincialHub, "office-hub"), (NodeKind.DistrictOffice, "office-district"),
            (NodeKind.CommuneServicePoint, "office-service-point"), (NodeKind.Junction, "office-junction"),
        })
        {
            var expected = ClosedNetwork.Nodes.Where(n => n.Kind == kind).Select(n => n.Id).Order(StringComparer.Ordinal);
            var drawn = WithClass(doc, css).Where(e => HasClass(e, "office")).Select(e => (string)e.Attribute("data-node")!).Order(StringComparer.Ordinal);
            Assert.Equal(expected, drawn);
        }

        Assert.Single(WithClass(doc, "office-hub"), e => (string?)e.Attribute("data-node") == PhuYen.HubId);
        Assert.Equal(PhuYen.DistrictOfficeIds.Length, WithClass(doc, "office-district").Count());
    }

    [Fact]
    public void Unassigned_tasks_communes_legend_and_scale_bar_are_present()
    {
        var (_, solution, svg) = s_solved.Value;
        var doc = Parse(svg);
        Assert.Contains(solution.Unassigned, u => u.Id == "job-cut-off" && u.Reason == UnassignedReason.Unreachable);
        Assert.Equal(solution.Unassigned.Select(u => u.Id), WithClass(doc, "unassigned").Select(e => (string?)e.Attribute("data-task")));

        var communes = WithClass(doc, "commune").ToList();
        Assert.Equal(ClosedNetwork.Communes.Where(c => c.Location is not null).Select(c => c.Code),
            communes.Select(c => (string?)c.Attribute("data-commune")));
        Assert.True(ClosedNetwork.Communes.Any(c => c.Location is null)); // those are skipped, not drawn at 0, 0

        Assert.Single(doc.Descendants(Svg + "g"), g => HasClass(g, "legend"));
        Assert.Single(doc.Descendants(Svg + "g"), g => HasClass(g, "scale-bar"));
        var labels = Assert.Single(doc.Descendants(Svg + "g"), g => HasClass(g, "labels"));
        Assert.Contains(labels.Elements(Svg + "text"), t => HasClass(t, "label"));
        Assert.All(WithClass(doc, "label"), t => Assert.Equal(Svg + "text", t.Name));
        Assert.All(WithClass(doc, "label"), t => Assert.Equal("stroke", (string?)t.Attribute("paint-order")));
    }

    [Fact]
    public void Placed_labels_do_not_overlap_and_the_hub_and_district_offices_come_first()
    {
        var doc = Parse(s_solved.Value.Svg);
        var labels = WithClass(doc, "label").ToList();
        Assert.True(labels.Count > 20, $"only {labels.Count} labels");
        var boxes = labels.Select(LabelBox).ToList();
        for (int i = 0; i < boxes.Count; i++)
        {
            for (int j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                bool overlap = a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
                Assert.False(overlap, $"'{labels[i].Value}' overlaps '{labels[j].Value}'");
            }
        }

        var hub = ClosedNetwork.FindNode(PhuYen.HubId)!;
        Assert.Contains(labels, l => l.Value == hub.Name);
        Assert.All(PhuYen.DistrictOfficeIds, id => Assert.Contains(labels, l => l.Value == ClosedNetwork.FindNode(id)!.Name));
    }

    [Fact]
    public void The_scale_bar_is_a_round_distance_whose_length_matches_the_map_scale()
    {
        var doc = Parse(SvgMap.Render(PhuYen.Network));
        var bar = doc.Descendants().Single(e => HasClass(e, "scale-bar-bar"));
        string text = doc.Descendants().Single(e => HasClass(e, "scale-bar-text")).Value;
        Assert.EndsWith(" km", text, StringComparison.Ordinal);
        double km = double.Parse(text[..^3], CultureInfo.InvariantCulture);
        double mantissa = km / Math.Pow(10, Math.Floor(Math.Log10(km)));
        Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0 });

        // Pixels per metre from two far-apart communes: their drawn distance over their great-circle distance.
        var communes = ClosedNetwork.Communes.Where(c => c.Location is not null).ToList();
        var (a, b) = (communes.MinBy(c => c.Location!.Value.Latitude)!, communes.MaxBy(c => c.Location!.Value.Latitude)!);
        XElement Disc(Commune c) => WithClass(doc, "commune").Single(e => (string?)e.Attribute("data-commune") == c.Code);
        double pixels = Math.Sqrt(Math.Pow(Num(Disc(a), "cx") - Num(Disc(b), "cx"), 2) + Math.Pow(Num(Disc(a), "cy") - Num(Disc(b), "cy"), 2));
        double pixelsPerMetre = pixels / a.Location!.Value.DistanceTo(b.Location!.Value);
        Assert.Equal(km * 1000 * pixelsPerMetre, Num(bar, "width"), km * 1000 * pixelsPerMetre * 0.01);
        // Not tiny and not wider than a quarter of the map.
        Assert.InRange(Num(bar, "width"), 1200 * 0.25 / 5 * 0.99, 1200 * 0.25);
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var (problem, solution) = SolvedProblem(ClosedNetwork);
        var overlays = new MapOverlays
        {
            CommuneShading = ClosedNetwork.Communes.ToDictionary(c => c.Code, c => (double)(c.Code.GetHashCode(StringComparison.Ordinal) & 31)),
            CriticalLinkIds = [ClosedNetwork.Links[0].Id, ClosedNetwork.Links[5].Id],
        };
        Assert.Equal(SvgMap.Render(ClosedNetwork, problem, solution, overlays: overlays), SvgMap.Render(ClosedNetwork, problem, solution, overlays: overlays));
        Assert.Equal(s_solved.Value.Svg, SvgMap.Render(ClosedNetwork, problem, solution, new MapOptions { Title = "Phú Yên & test" }));
    }

    [Fact]
    public void All_text_is_escaped_and_utf8_is_kept()
    {
        string nasty = "Bưu điện \"Sông Cầu\" & <Xuân Đài> 'A'";
        var network = new NetworkBuilder("esc & <net>")
            .AddProfile(Profiles.Motorbike)
            .AddNode(new Node("h&1", NodeKind.ProvincialHub, nasty, new GeoPoint(13.1, 109.3)))
            .AddNode(new Node("d<2>", NodeKind.DistrictOffice, "Đồng Xuân \"DO\"", new GeoPoint(13.4, 109.0)))
            .AddLink(new Link("l'1\"", "h&1", "d<2>", 40_000, new Dictionary<string, double> { [Profiles.Motorbike] = 3_000 }, RoadClass.Trunk))
            .AddCommune(new Commune("c&1", "Xã <Hòa> & 'Phú'", CommuneType.Xa, "d1", "D", new GeoPoint(13.2, 109.1)))
            .Build();
        string svg = SvgMap.Render(network, new MapOptions { Title = nasty });
        var doc = Parse(svg); // throws on bad markup
        Assert.Equal(nasty, doc.Root!.Element(Svg + "title")!.Value);
        Assert.Contains(WithClass(doc, "label"), l => l.Value == nasty);
        Assert.Contains(WithClass(doc, "label"), l => l.Value == "Xã <Hòa> & 'Phú'");
        Assert.Equal("l'1\"", (string?)WithClass(doc, "link").Single().Attribute("data-link"));
        Assert.Equal("h&1", (string?)WithClass(doc, "office-hub").Single().Attribute("data-node"));
        Assert.Equal("c&1", (string?)WithClass(doc, "commune").Single().Attribute("data-commune"));
        Assert.DoesNotContain("'A'", svg, StringComparison.Ordinal);
        Assert.Contains("Bưu điện &quot;Sông Cầu&quot; &amp; &lt;Xuân Đài&gt; &#39;A&#39;", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlays_shade_communes_by_band_and_mark_cut_off_critical_and_highlighted()
    {
        var located = PhuYen.Network.Communes.Where(c => c.Location is not null).ToList();
        var shading = located.Select((c, i) => (c.Code, Value: i % 4 == 3 ? double.PositiveInfinity : i % 40))
            .ToDictionary(p => p.Code, p => (double)p.Value);
        var critical = new[] { PhuYen.Network.Links[3].Id, PhuYen.Network.Links[10].Id, PhuYen.Network.Links[7].Id };
        var overlays = new MapOverlays
        {
            CommuneShading = shading,
            ShadingLegendTitle = "Minutes to nearest service point",
            ShadingBands = [5, 10, 15, 30],
            CutOffCommunes = new HashSet<string> { located[0].Code, located[1].Code },
            CriticalLinkIds = critical,
            HighlightedNodeIds = new HashSet<string> { PhuYen.ServicePointIds[0] },
        };
        var doc = Parse(SvgMap.Render(PhuYen.Network, overlays: overlays));

        var discs = WithClass(doc, "commune").ToDictionary(e => (string)e.Attribute("data-commune")!);
        foreach (var (code, value) in shading)
        {
            Assert.Equal(value, double.Parse((string)discs[code].Attribute("data-value")!, CultureInfo.InvariantCulture));
            int band = value <= 5 ? 0 : value <= 10 ? 1 : value <= 15 ? 2 : value <= 30 ? 3 : 4;
            Assert.Equal(MapStyle.BandColour(band, 5), (string?)discs[code].Attribute("fill"));
        }

        Assert.Equal(MapStyle.BandColour(0, 5), MapStyle.BandColour(0, 5));
        Assert.NotEqual(MapStyle.BandColour(0, 5), MapStyle.BandColour(4, 5));
        Assert.Equal([located[0].Code, located[1].Code], WithClass(doc, "cut-off").Select(e => (string?)e.Attribute("data-commune")));
        Assert.All(WithClass(doc, "cut-off"), e => Assert.True(HasClass(e, "commune")));

        var criticalDrawn = WithClass(doc, "critical").ToList();
        Assert.Equal(critical.Order(StringComparer.Ordinal), criticalDrawn.Select(e => (string)e.Attribute("data-link")!).Order(StringComparer.Ordinal));
        Assert.All(criticalDrawn, e => Assert.True(HasClass(e, "link")));
        // Most critical drawn last (on top), each thicker than an ordinary link of its class.
        Assert.Equal(critical[0], (string?)criticalDrawn[^1].Attribute("data-link"));
        Assert.Contains(WithClass(doc, "label"), l => l.Value == "1");

        var ring = Assert.Single(WithClass(doc, "highlighted"));
        Assert.Equal(PhuYen.ServicePointIds[0], (string?)ring.Attribute("data-node"));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "Minutes to nearest service point");
    }

    [Fact]
    public void A_coordinate_problem_is_drawn_in_the_plane_with_straight_legs()
    {
        var builder = new ProblemBuilder("plane");
        int depot = builder.AddLocation("depot", 0, 0);
        builder.AddJob(new Job("east", builder.AddLocation("e", 100, 0)));
        builder.AddJob(new Job("north", builder.AddLocation("n", 0, 100)));
        builder.AddJob(new Job("far", builder.AddLocation("f", 50, 50)));
        builder.AddVehicle(new Vehicle("v1", depot, depot));
        builder.AddVehicle(new Vehicle("v2", depot, depot));
        builder.SetTravel(CoordinateTravel.Euclidean());
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0), Visit.Job(1)])]);

        var doc = Parse(SvgMap.Render(problem, solution));
        var route = Assert.Single(WithClass(doc, "route"));
        Assert.Equal("v1", (string?)route.Attribute("data-vehicle"));
        var v = Vertices((string)route.Attribute("d")!);
        Assert.Equal(4, v.Count); // depot, east, north, depot: straight legs
        Assert.Equal(v[0].X, v[3].X);
        Assert.Equal(v[0].Y, v[3].Y);
        // Planar: east is to the right of the depot at the same height; north is above it (smaller y), equally far.
        Assert.True(v[1].X > v[0].X);
        Assert.Equal(v[0].Y, v[1].Y, 2);
        Assert.True(v[2].Y < v[0].Y);
        Assert.Equal(v[1].X - v[0].X, v[0].Y - v[2].Y, 1);
        Assert.Equal("far", (string?)Assert.Single(WithClass(doc, "unassigned")).Attribute("data-task"));
        Assert.Single(WithClass(doc, "depot"));
        Assert.EndsWith(" units", doc.Descendants().Single(e => HasClass(e, "scale-bar-text")).Value, StringComparison.Ordinal);
        Assert.Empty(WithClass(doc, "link"));
    }

    [Fact]
    public void The_route_palette_keeps_forty_routes_apart()
    {
        var colours = Enumerable.Range(0, 40).Select(MapStyle.RouteColour).ToList();
        Assert.Equal(40, colours.Distinct().Count());
        static (int R, int G, int B) Rgb(string c) =>
            (Convert.ToInt32(c[1..3], 16), Convert.ToInt32(c[3..5], 16), Convert.ToInt32(c[5..7], 16));
        for (int i = 0; i < colours.Count; i++)
        {
            for (int j = i + 1; j < colours.Count; j++)
            {
                var (a, b) = (Rgb(colours[i]), Rgb(colours[j]));
                double distance = Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));
                Assert.True(distance > 25, $"{i} {colours[i]} and {j} {colours[j]} are too close ({distance:0})");
            }
        }
    }

    [Fact]
    public void Bad_options_and_bands_are_rejected_naming_the_field()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SvgMap.Render(PhuYen.Network, new MapOptions { WidthPixels = 10 }));
        Assert.Contains("WidthPixels", e.Message, StringComparison.Ordinal);
        var b = Assert.Throws<ArgumentException>(() => SvgMap.Render(PhuYen.Network, overlays: new MapOverlays
        {
            CommuneShading = new Dictionary<string, double>(), ShadingBands = [10, 5],
        }));
        Assert.Contains("ShadingBands[1]", b.Message, StringComparison.Ordinal);
    }
}
