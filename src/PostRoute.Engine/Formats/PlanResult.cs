using System.Text.Json;
using PostRoute.Engine.Routing;
using Route = PostRoute.Engine.Routing.Route;

namespace PostRoute.Engine.Formats;

/// <summary>
/// The result of a plan: every route with its timed steps, every unserved task with its reason, and totals. It
/// carries every value of the Engine's solution (times in seconds from the planning origin, distances in metres), so
/// a client can verify it independently.
/// </summary>
/// <param name="Solver">Solver that produced it.</param>
/// <param name="SolveStatus"><c>completed</c> (time limit or stopping criterion reached), <c>cancelled</c> (best found before cancellation) or <c>noSolutionFound</c>.</param>
/// <param name="ElapsedSeconds">Wall-clock time of the solve, seconds.</param>
/// <param name="TimeToBestSeconds">When the returned solution was found, seconds after the start.</param>
/// <param name="Improvements">Number of improving solutions found.</param>
/// <param name="Cost">Cost breakdown; <c>total</c> is the objective value.</param>
/// <param name="VehiclesUsed">Number of routes.</param>
/// <param name="DistanceMetres">Total distance of all routes, metres.</param>
/// <param name="DurationSeconds">Total duration of all routes, seconds.</param>
/// <param name="UnservedMandatoryCount">Mandatory jobs and shipments not served.</param>
/// <param name="Routes">One route per used vehicle, in vehicle order.</param>
/// <param name="Unassigned">Unserved jobs and shipments with reasons.</param>
public sealed record PlanResult(
    string Solver,
    string SolveStatus,
    double ElapsedSeconds,
    double TimeToBestSeconds,
    int Improvements,
    CostResult Cost,
    int VehiclesUsed,
    double DistanceMetres,
    double DurationSeconds,
    int UnservedMandatoryCount,
    IReadOnlyList<RouteResult> Routes,
    IReadOnlyList<UnassignedResult> Unassigned)
{
    /// <summary>Maps a solve result of <paramref name="problem"/>.</summary>
    public static PlanResult From(RoutingProblem problem, SolveResult result)
    {
        var solution = result.Solution;
        return new PlanResult(
            result.SolverName,
            Camel(result.Status.ToString()),
            result.Elapsed.TotalSeconds,
            result.TimeToBest.TotalSeconds,
            result.Improvements.IsDefault ? 0 : result.Improvements.Length,
            new CostResult(solution.Cost.Total, solution.Cost.Fixed, solution.Cost.Distance, solution.Cost.Time, solution.Cost.Penalty),
            solution.VehiclesUsed,
            solution.DistanceMetres,
            solution.DurationSeconds,
            solution.UnservedMandatoryCount,
            [.. solution.Routes.Select(r => RouteResult.From(problem, r))],
            [.. solution.Unassigned.Select(u => UnassignedResult.From(problem, u))]);
    }

    internal static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}

/// <summary>Cost breakdown, in the currency of the vehicles' costs.</summary>
/// <param name="Total">Total cost (the objective).</param>
/// <param name="Fixed">Fixed costs of used vehicles.</param>
/// <param name="Distance">Per-km costs.</param>
/// <param name="Time">Per-hour costs.</param>
/// <param name="Penalty">Penalties of unserved optional tasks.</param>
public sealed record CostResult(double Total, double Fixed, double Distance, double Time, double Penalty);

/// <summary>The route of one vehicle. duration = travel + service + waiting + break.</summary>
/// <param name="Vehicle">Vehicle id.</param>
/// <param name="VehicleIndex">Index of the vehicle in the request's <c>vehicles</c>.</param>
/// <param name="StartSeconds">When the vehicle leaves its start.</param>
/// <param name="EndSeconds">When the route ends.</param>
/// <param name="DurationSeconds">End − start.</param>
/// <param name="TravelSeconds">Driving time.</param>
/// <param name="ServiceSeconds">Service time.</param>
/// <param name="WaitingSeconds">Idle time.</param>
/// <param name="BreakSeconds">Break time.</param>
/// <param name="DistanceMetres">Distance.</param>
/// <param name="StopCount">Job, pickup and delivery steps.</param>
/// <param name="FixedCost">Fixed cost.</param>
/// <param name="DistanceCost">Per-km cost × km.</param>
/// <param name="TimeCost">Per-hour cost × hours.</param>
/// <param name="Cost">Route cost.</param>
/// <param name="Steps">Steps from start to end.</param>
public sealed record RouteResult(
    string Vehicle, int VehicleIndex, double StartSeconds, double EndSeconds, double DurationSeconds, double TravelSeconds,
    double ServiceSeconds, double WaitingSeconds, double BreakSeconds, double DistanceMetres, int StopCount,
    double FixedCost, double DistanceCost, double TimeCost, double Cost, IReadOnlyList<StepResult> Steps)
{
    internal static RouteResult From(RoutingProblem problem, Route route) =>
        new(route.VehicleId, route.VehicleIndex, route.StartSeconds, route.EndSeconds, route.DurationSeconds, route.TravelSeconds,
            route.ServiceSeconds, route.WaitingSeconds, route.BreakSeconds, route.DistanceMetres, route.StopCount,
            route.FixedCost, route.DistanceCost, route.TimeCost, route.Cost,
            [.. route.Steps.Select(s => StepResult.From(problem, s))]);
}

/// <summary>One step of a route. Times in seconds from the planning origin; cumulative values from the route start.</summary>
/// <param name="Type"><c>start</c>, <c>job</c>, <c>pickup</c>, <c>delivery</c>, <c>break</c> or <c>end</c>.</param>
/// <param name="Id">Job, shipment or break id; the vehicle id for start and end.</param>
/// <param name="TaskIndex">Index of the job, shipment or break; −1 for start and end.</param>
/// <param name="Location">Location id; null for breaks and the end of an open route.</param>
/// <param name="LocationIndex">Index of the location in the problem's table; null when there is no location.</param>
/// <param name="Coordinates">[longitude, latitude] when known.</param>
/// <param name="ArrivalSeconds">Arrival.</param>
/// <param name="WaitingSeconds">Idle time before service.</param>
/// <param name="ServiceStartSeconds">Start of service (or break).</param>
/// <param name="ServiceSeconds">Service (or break) length.</param>
/// <param name="DepartureSeconds">Departure.</param>
/// <param name="Load">Load on board after the step, per dimension.</param>
/// <param name="DistanceMetres">Distance driven from the route start to the arrival.</param>
/// <param name="TravelSeconds">Driving time from the route start to the arrival.</param>
public sealed record StepResult(
    string Type, string Id, int TaskIndex, string? Location, int? LocationIndex, double[]? Coordinates,
    double ArrivalSeconds, double WaitingSeconds, double ServiceStartSeconds, double ServiceSeconds, double DepartureSeconds,
    IReadOnlyList<long> Load, double DistanceMetres, double TravelSeconds)
{
    internal static StepResult From(RoutingProblem problem, RouteStep step)
    {
        var location = step.Location is { } index ? problem.Locations[index] : null;
        return new(PlanResult.Camel(step.Kind.ToString()), step.Id, step.TaskIndex, location?.Id, step.Location,
            location?.Geo is { } geo ? [geo.Longitude, geo.Latitude] : null,
            step.ArrivalSeconds, step.WaitingSeconds, step.ServiceStartSeconds, step.ServiceSeconds, step.DepartureSeconds,
            step.LoadAfter.Values, step.CumulativeDistanceMetres, step.CumulativeTravelSeconds);
    }
}

/// <summary>A job or shipment the plan does not serve.</summary>
/// <param name="Id">Job or shipment id.</param>
/// <param name="Type"><c>job</c> or <c>shipment</c>.</param>
/// <param name="TaskIndex">Index in the request's <c>jobs</c> or <c>shipments</c>.</param>
/// <param name="Reason">Reason code: <c>noVehicleWithSkills</c>, <c>exceedsCapacity</c>, <c>unreachable</c>,
/// <c>timeWindowUnreachable</c>, <c>exceedsRouteLimits</c> (proven from the data), <c>penaltyCheaperThanService</c> or
/// <c>noRoomFound</c> (the solver's choice).</param>
/// <param name="Explanation">The reason in plain words.</param>
/// <param name="Location">Location id of the job (a shipment: its pickup).</param>
public sealed record UnassignedResult(string Id, string Type, int TaskIndex, string Reason, string Explanation, string Location)
{
    internal static UnassignedResult From(RoutingProblem problem, UnassignedTask task)
    {
        int location = task.Kind == TaskKind.Job ? problem.Jobs[task.TaskIndex].Location : problem.Shipments[task.TaskIndex].Pickup.Location;
        return new(task.Id, PlanResult.Camel(task.Kind.ToString()), task.TaskIndex, PlanResult.Camel(task.Reason.ToString()),
            task.Explanation, problem.Locations[location].Id);
    }
}
