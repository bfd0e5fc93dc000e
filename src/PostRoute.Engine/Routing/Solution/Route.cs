using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>
/// The route of one used vehicle: its ordered <see cref="Steps"/> (a start step, then job, pickup, delivery and break
/// steps, then an end step) with totals and costs. Totals satisfy
/// <c>Duration = Travel + Service + Waiting + Break</c>. Immutable.
/// </summary>
public sealed record Route
{
    /// <summary>Index of the vehicle in <see cref="RoutingProblem.Vehicles"/>.</summary>
    public required int VehicleIndex { get; init; }

    /// <summary>Id of the vehicle.</summary>
    public required string VehicleId { get; init; }

    /// <summary>The steps in order, from <see cref="StepKind.Start"/> to <see cref="StepKind.End"/>.</summary>
    public required ImmutableArray<RouteStep> Steps { get; init; }

    /// <summary>When the vehicle leaves its start, seconds.</summary>
    public double StartSeconds { get; init; }

    /// <summary>When the route ends (arrival at the end location, or the last departure of an open route), seconds.</summary>
    public double EndSeconds { get; init; }

    /// <summary><see cref="EndSeconds"/> − <see cref="StartSeconds"/>.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Total driving time, seconds.</summary>
    public double TravelSeconds { get; init; }

    /// <summary>Total service time at stops, seconds.</summary>
    public double ServiceSeconds { get; init; }

    /// <summary>Total idle time (at stops and before breaks), seconds.</summary>
    public double WaitingSeconds { get; init; }

    /// <summary>Total break time, seconds.</summary>
    public double BreakSeconds { get; init; }

    /// <summary>Total distance, metres.</summary>
    public double DistanceMetres { get; init; }

    /// <summary>Number of job, pickup and delivery steps.</summary>
    public int StopCount { get; init; }

    /// <summary>Fixed cost of the vehicle.</summary>
    public double FixedCost { get; init; }

    /// <summary>CostPerKm × distance in km.</summary>
    public double DistanceCost { get; init; }

    /// <summary>CostPerHour × duration in hours.</summary>
    public double TimeCost { get; init; }

    /// <summary><see cref="FixedCost"/> + <see cref="DistanceCost"/> + <see cref="TimeCost"/>.</summary>
    public double Cost { get; init; }
}
