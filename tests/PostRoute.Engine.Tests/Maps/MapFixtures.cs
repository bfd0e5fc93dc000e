using System.Globalization;
using System.Xml.Linq;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Maps;

/// <summary>A solved small problem over the Phú Yên network, and helpers to read SVG documents.</summary>
internal static class MapFixtures
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The service point cut off by closing every link that touches it.</summary>
    public static string CutOffServicePoint => PhuYen.ServicePointIds[^1];

    /// <summary>Phú Yên with every link of <see cref="CutOffServicePoint"/> closed.</summary>
    public static PostalNetwork ClosedNetwork { get; } = PhuYen.Network.WithLinksClosed(
        PhuYen.Network.Links.Where(l => l.From == CutOffServicePoint || l.To == CutOffServicePoint).Select(l => l.Id).ToList());

    /// <summary>
    /// Six service-point jobs served by two motorbikes from the hub (three each, in the order given), plus a job at
    /// the cut-off service point, which is left unassigned.
    /// </summary>
    public static (RoutingProblem Problem, RoutingSolution Solution) SolvedProblem(PostalNetwork network)
    {
        var builder = new ProblemBuilder("phu-yen-map-test");
        int hub = builder.AddLocation(new Location(PhuYen.HubId));
        var points = PhuYen.ServicePointIds.Where((_, i) => i % 12 == 3).Take(6).ToList();
        Assert.Equal(6, points.Count);
        Assert.DoesNotContain(CutOffServicePoint, points);
        foreach (string sp in points)
        {
            builder.AddJob(new Job("job-" + sp, builder.AddLocation(new Location(sp))));
        }

        builder.AddJob(new Job("job-cut-off", builder.AddLocation(new Location(CutOffServicePoint))));
        builder.AddVehicle(new Vehicle("bike-1", hub, hub) { Profile = Profiles.Motorbike });
        builder.AddVehicle(new Vehicle("bike-2", hub, hub) { Profile = Profiles.Motorbike });
        builder.SetTravel(new NetworkTravel(network, Profiles.Motorbike), Profiles.Motorbike);
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem,
        [
            new RoutePlan(0, [Visit.Job(0), Visit.Job(1), Visit.Job(2)]),
            new RoutePlan(1, [Visit.Job(3), Visit.Job(4), Visit.Job(5)]),
        ]);
        return (problem, solution);
    }

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static IEnumerable<XElement> WithClass(XDocument doc, string cssClass) =>
        doc.Descendants().Where(e => HasClass(e, cssClass));

    public static bool HasClass(XElement e, string cssClass) =>
        ((string?)e.Attribute("class"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(cssClass) == true;

    public static double Num(XElement e, string attribute) =>
        double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>The vertices of a path's <c>d</c> (M and L commands with absolute x y pairs), with whether each starts a sub-path.</summary>
    public static List<(double X, double Y, bool Move)> Vertices(string d)
    {
        var result = new List<(double, double, bool)>();
        var tokens = d.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < tokens.Length; i += 2)
        {
            char command = tokens[i][0];
            Assert.True(command is 'M' or 'L', $"unexpected path command in '{d}'");
            result.Add((double.Parse(tokens[i][1..], CultureInfo.InvariantCulture), double.Parse(tokens[i + 1], CultureInfo.InvariantCulture), command == 'M'));
        }

        return result;
    }

    /// <summary>
    /// The documented label box (docs/maps.md): 0.6 × font size per character wide, from 0.8 × font size above the
    /// baseline to 0.2 × font size below, placed by text-anchor.
    /// </summary>
    public static (double Left, double Top, double Right, double Bottom) LabelBox(XElement text)
    {
        double size = Num(text, "font-size");
        double x = Num(text, "x"), y = Num(text, "y");
        double w = new StringInfo(text.Value).LengthInTextElements * 0.6 * size;
        double left = (string?)text.Attribute("text-anchor") switch { "middle" => x - (w / 2), "end" => x - w, _ => x };
        return (left, y - (0.8 * size), left + w, y + (0.2 * size));
    }
}
