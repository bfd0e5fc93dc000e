// TEMPORARY: stand-ins for the agreed Engine API (Planning/MailRun, Routing/SolutionSummary, Maps/SvgMap) that other
// branches are building. Delete this file when they land on main.
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PostRoute.Api.Hosting;
using PostRoute.Api.Plans;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

#pragma warning disable CS1591
namespace PostRoute.Engine.Planning
{
    public sealed record CommuneVolume(string CommuneCode, double DeliveryKg, double PickupKg);

    public sealed record MailRunOptions
    {
        public DateOnly Date { get; init; }

        public int Seed { get; init; } = 1;

        public ImmutableArray<CommuneVolume>? Volumes { get; init; }
    }

    public sealed class MailRun
    {
        private MailRun(PostalNetwork network, MailRunOptions options, ImmutableArray<CommuneVolume> volumes, RoutingProblem problem)
        {
            Network = network;
            Options = options;
            Volumes = volumes;
            Problem = problem;
        }

        public PostalNetwork Network { get; }

        public MailRunOptions Options { get; }

        public ImmutableArray<CommuneVolume> Volumes { get; }

        public RoutingProblem Problem { get; }

        public static MailRun Build(PostalNetwork network, MailRunOptions options, PostRoute.Engine.Paths.MatrixCache? cache = null, CancellationToken cancellationToken = default)
        {
            foreach (var volume in options.Volumes ?? [])
            {
                if (network.FindCommune(volume.CommuneCode) is null)
                {
                    throw new ArgumentException($"Volumes: unknown commune code '{volume.CommuneCode}'.", nameof(options));
                }
            }

            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            HostingExtensions.ConfigureJson(json);
            var request = JsonSerializer.Deserialize<PlanRequest>(OpenApiExamples.Plan, json)!;
            var problem = PlanProblemMapper.Map(request, network, null).Problem;
            return new MailRun(network, options, options.Volumes ?? [], problem);
        }
    }
}

namespace PostRoute.Engine.Routing
{
    public sealed record RouteSummary(string VehicleId, string Profile, int Stops, double DistanceKm, double DurationHours,
        double StartSeconds, double EndSeconds, double PeakLoadPercent, double Cost);

    public sealed record SolutionSummary(ImmutableArray<RouteSummary> Routes, int ServedTasks, ImmutableArray<UnassignedTask> Unassigned,
        double TotalDistanceKm, double TotalDurationHours, double TotalCost)
    {
        public static SolutionSummary From(RoutingProblem problem, RoutingSolution solution) =>
            new([.. solution.Routes.Select(r => new RouteSummary(r.VehicleId, problem.Vehicles[r.VehicleIndex].Profile, r.StopCount,
                    r.DistanceMetres / 1000, r.DurationSeconds / 3600, r.StartSeconds, r.EndSeconds, 0, r.Cost))],
                problem.TaskCount - solution.Unassigned.Length, solution.Unassigned, solution.DistanceMetres / 1000,
                solution.DurationSeconds / 3600, solution.Cost.Total);
    }
}

namespace PostRoute.Engine.Maps
{
    public sealed record MapOptions;

    public sealed record MapOverlays;

    public static class SvgMap
    {
        public static string Render(PostalNetwork network, MapOptions? options = null, MapOverlays? overlays = null) =>
            Draw(network, null, null);

        public static string Render(PostalNetwork network, RoutingProblem problem, RoutingSolution solution, MapOptions? options = null,
            MapOverlays? overlays = null) => Draw(network, problem, solution);

        public static string Render(RoutingProblem problem, RoutingSolution solution, MapOptions? options = null) =>
            Draw(null, problem, solution);

        private static string Draw(PostalNetwork? network, RoutingProblem? problem, RoutingSolution? solution)
        {
            var points = new List<GeoPoint>();
            if (network is not null)
            {
                points.AddRange(network.Nodes.Select(n => n.Location));
            }

            if (problem is not null)
            {
                points.AddRange(problem.Locations.Where(l => l.Geo is not null).Select(l => l.Geo!.Value));
            }

            double minLat = points.Count == 0 ? 0 : points.Min(p => p.Latitude), maxLat = points.Count == 0 ? 1 : points.Max(p => p.Latitude);
            double minLon = points.Count == 0 ? 0 : points.Min(p => p.Longitude), maxLon = points.Count == 0 ? 1 : points.Max(p => p.Longitude);
            string X(GeoPoint p) => (10 + (p.Longitude - minLon) / Math.Max(1e-9, maxLon - minLon) * 780).ToString("0.#", CultureInfo.InvariantCulture);
            string Y(GeoPoint p) => (10 + (maxLat - p.Latitude) / Math.Max(1e-9, maxLat - minLat) * 780).ToString("0.#", CultureInfo.InvariantCulture);

            var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 800\" width=\"800\" height=\"800\">");
            foreach (var node in network?.Nodes ?? [])
            {
                if (node.IsPostOffice)
                {
                    svg.Append($"<circle class=\"office {node.Kind}\" cx=\"{X(node.Location)}\" cy=\"{Y(node.Location)}\" r=\"3\"/>");
                }
            }

            foreach (var route in solution?.Routes ?? [])
            {
                var geo = route.Steps.Where(s => s.Location is { } i && problem!.Locations[i].Geo is not null)
                    .Select(s => problem!.Locations[s.Location!.Value].Geo!.Value).ToList();
                string d = string.Join(" ", geo.Select((p, i) => $"{(i == 0 ? "M" : "L")}{X(p)},{Y(p)}"));
                svg.Append($"<path class=\"route\" data-vehicle=\"{System.Security.SecurityElement.Escape(route.VehicleId)}\" d=\"{(d.Length == 0 ? "M0,0" : d)}\" fill=\"none\" stroke=\"#c33\"/>");
            }

            svg.Append("<g class=\"legend\"></g></svg>");
            return svg.ToString();
        }
    }
}
#pragma warning restore CS1591
