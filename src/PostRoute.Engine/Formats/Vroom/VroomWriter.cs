using System.Text.Json;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats.Vroom;

/// <summary>Writes a solution in VROOM's output shape (see <see cref="VroomJson"/>).</summary>
internal static class VroomWriter
{
    public static void Write(Utf8JsonWriter w, VroomProblem vroom, RoutingSolution solution, TimeSpan solvingTime)
    {
        var problem = vroom.Problem;
        int dims = problem.DimensionCount;
        var routes = solution.Routes.Select(r => RouteFigures.Of(vroom, r)).ToList();

        w.WriteStartObject();
        w.WriteNumber("code", 0);

        w.WriteStartObject("summary");
        w.WriteNumber("cost", routes.Sum(r => r.Cost));
        w.WriteNumber("routes", routes.Count);
        w.WriteNumber("unassigned", solution.Unassigned.Sum(u => u.Kind == TaskKind.Job ? 1 : 2));
        WriteAmounts(w, "delivery", Sum(routes.Select(r => r.Delivery), dims));
        WriteAmounts(w, "pickup", Sum(routes.Select(r => r.Pickup), dims));
        w.WriteNumber("setup", routes.Sum(r => r.Setup));
        w.WriteNumber("service", routes.Sum(r => r.Service));
        w.WriteNumber("duration", routes.Sum(r => r.Duration));
        w.WriteNumber("waiting_time", routes.Sum(r => r.Waiting));
        w.WriteNumber("priority", routes.Sum(r => r.Priority));
        if (vroom.HasDistances)
        {
            w.WriteNumber("distance", routes.Sum(r => r.Distance));
        }

        w.WriteStartArray("violations");
        w.WriteEndArray();
        w.WriteStartObject("computing_times");
        w.WriteNumber("loading", 0);
        w.WriteNumber("solving", (long)Math.Round(solvingTime.TotalMilliseconds));
        w.WriteNumber("routing", 0);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("unassigned");
        foreach (var task in solution.Unassigned)
        {
            if (task.Kind == TaskKind.Job)
            {
                WriteUnassigned(w, vroom, "job", vroom.Jobs[task.TaskIndex], problem.Jobs[task.TaskIndex].Location, task);
            }
            else
            {
                var (pickup, delivery) = vroom.Shipments[task.TaskIndex];
                WriteUnassigned(w, vroom, "pickup", pickup, problem.Shipments[task.TaskIndex].Pickup.Location, task);
                WriteUnassigned(w, vroom, "delivery", delivery, problem.Shipments[task.TaskIndex].Delivery.Location, task);
            }
        }

        w.WriteEndArray();

        w.WriteStartArray("routes");
        foreach (var figures in routes)
        {
            WriteRoute(w, vroom, figures);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRoute(Utf8JsonWriter w, VroomProblem vroom, RouteFigures figures)
    {
        var route = figures.Route;
        var vehicle = vroom.Vehicles[route.VehicleIndex];
        w.WriteStartObject();
        w.WriteNumber("vehicle", vehicle.Id);
        if (vehicle.Description is not null)
        {
            w.WriteString("description", vehicle.Description);
        }

        w.WriteNumber("cost", figures.Cost);
        WriteAmounts(w, "delivery", figures.Delivery);
        WriteAmounts(w, "pickup", figures.Pickup);
        w.WriteNumber("setup", figures.Setup);
        w.WriteNumber("service", figures.Service);
        w.WriteNumber("duration", figures.Duration);
        w.WriteNumber("waiting_time", figures.Waiting);
        w.WriteNumber("priority", figures.Priority);
        if (vroom.HasDistances)
        {
            w.WriteNumber("distance", figures.Distance);
        }

        w.WriteStartArray("steps");
        foreach (var step in route.Steps)
        {
            WriteStep(w, vroom, route, step);
        }

        w.WriteEndArray();
        w.WriteStartArray("violations");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, VroomProblem vroom, Route route, RouteStep step)
    {
        var vehicle = vroom.Vehicles[route.VehicleIndex];
        double setup = SetupOf(vroom, step);
        w.WriteStartObject();
        w.WriteString("type", step.Kind switch
        {
            StepKind.Start => "start",
            StepKind.Job => "job",
            StepKind.Pickup => "pickup",
            StepKind.Delivery => "delivery",
            StepKind.Break => "break",
            _ => "end",
        });
        if (step.Location is { } location)
        {
            WriteLocation(w, vroom, location);
        }

        string? description = null;
        switch (step.Kind)
        {
            case StepKind.Job:
                w.WriteNumber("id", vroom.Jobs[step.TaskIndex].Id);
                w.WriteNumber("job", vroom.Jobs[step.TaskIndex].Id); // legacy name kept by VROOM
                description = vroom.Jobs[step.TaskIndex].Description;
                break;
            case StepKind.Pickup:
                w.WriteNumber("id", vroom.Shipments[step.TaskIndex].Pickup.Id);
                description = vroom.Shipments[step.TaskIndex].Pickup.Description;
                break;
            case StepKind.Delivery:
                w.WriteNumber("id", vroom.Shipments[step.TaskIndex].Delivery.Id);
                description = vroom.Shipments[step.TaskIndex].Delivery.Description;
                break;
            case StepKind.Break:
                w.WriteNumber("id", vehicle.BreakIds[step.TaskIndex]);
                description = vehicle.BreakDescriptions[step.TaskIndex];
                break;
        }

        if (description is not null)
        {
            w.WriteString("description", description);
        }

        w.WriteNumber("setup", Round(setup));
        w.WriteNumber("service", Round(step.ServiceSeconds - setup));
        w.WriteNumber("waiting_time", Round(step.WaitingSeconds));
        WriteAmounts(w, "load", step.LoadAfter.Resize(vroom.Problem.DimensionCount));
        w.WriteNumber("arrival", Round(step.ArrivalSeconds));
        w.WriteNumber("duration", Round(step.CumulativeTravelSeconds));
        if (vroom.HasDistances)
        {
            w.WriteNumber("distance", Round(step.CumulativeDistanceMetres));
        }

        w.WriteStartArray("violations");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUnassigned(Utf8JsonWriter w, VroomProblem vroom, string type, VroomProblem.PlaceInfo place, int location, UnassignedTask task)
    {
        w.WriteStartObject();
        w.WriteNumber("id", place.Id);
        w.WriteString("type", type);
        WriteLocation(w, vroom, location);
        if (place.Description is not null)
        {
            w.WriteString("description", place.Description);
        }

        // Not in VROOM's output: why the task is left out.
        w.WriteString("reason", JsonNamingPolicy.CamelCase.ConvertName(task.Reason.ToString()));
        w.WriteString("explanation", task.Explanation);
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, VroomProblem vroom, int location)
    {
        var info = vroom.Locations[location];
        if (info.Coordinates is { } coordinates)
        {
            w.WriteStartArray("location");
            w.WriteNumberValue(coordinates[0]);
            w.WriteNumberValue(coordinates[1]);
            w.WriteEndArray();
        }

        if (info.Index is { } index)
        {
            w.WriteNumber("location_index", index);
        }
    }

    private static double SetupOf(VroomProblem vroom, RouteStep step) => step.Kind switch
    {
        StepKind.Job => vroom.JobSetup[step.TaskIndex],
        StepKind.Pickup => vroom.ShipmentSetup[step.TaskIndex].Pickup,
        StepKind.Delivery => vroom.ShipmentSetup[step.TaskIndex].Delivery,
        _ => 0,
    };

    private static void WriteAmounts(Utf8JsonWriter w, string name, Amounts amounts)
    {
        w.WriteStartArray(name);
        foreach (long value in amounts)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static Amounts Sum(IEnumerable<Amounts> amounts, int dims) =>
        amounts.Aggregate(Amounts.Zero(dims), (total, a) => total + a);

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>A route's totals the VROOM way: duration is travel time; cost is fixed + per_hour × travel h + per_km × km.</summary>
    private sealed record RouteFigures(Route Route, long Cost, Amounts Delivery, Amounts Pickup, long Setup, long Service,
        long Duration, long Waiting, long Priority, long Distance)
    {
        public static RouteFigures Of(VroomProblem vroom, Route route)
        {
            var problem = vroom.Problem;
            var vehicle = vroom.Vehicles[route.VehicleIndex];
            int dims = problem.DimensionCount;
            var delivery = Amounts.Zero(dims);
            var pickup = Amounts.Zero(dims);
            long priority = 0;
            double setup = 0;
            foreach (var step in route.Steps)
            {
                switch (step.Kind)
                {
                    case StepKind.Job:
                        var job = problem.Jobs[step.TaskIndex];
                        delivery += job.Delivery;
                        pickup += job.Pickup;
                        priority += job.Priority;
                        break;
                    case StepKind.Pickup:
                        var shipment = problem.Shipments[step.TaskIndex];
                        pickup += shipment.Amount;
                        priority += shipment.Priority;
                        break;
                    case StepKind.Delivery:
                        delivery += problem.Shipments[step.TaskIndex].Amount;
                        break;
                }

                setup += SetupOf(vroom, step);
            }

            double cost = vehicle.Fixed + (vehicle.PerHour * route.TravelSeconds / 3600) + (vehicle.PerKm * route.DistanceMetres / 1000);
            return new RouteFigures(route, Round(cost), delivery.Resize(dims), pickup.Resize(dims), Round(setup),
                Round(route.ServiceSeconds - setup), Round(route.TravelSeconds), Round(route.WaitingSeconds), priority,
                Round(route.DistanceMetres));
        }
    }
}
