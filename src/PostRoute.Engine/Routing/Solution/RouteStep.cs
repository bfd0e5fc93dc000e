namespace PostRoute.Engine.Routing;

/// <summary>What a <see cref="RouteStep"/> is.</summary>
public enum StepKind
{
    /// <summary>The vehicle leaves its start location; always the first step.</summary>
    Start,

    /// <summary>A <see cref="Routing.Job"/> is served.</summary>
    Job,

    /// <summary>The pickup stop of a <see cref="Shipment"/>.</summary>
    Pickup,

    /// <summary>The delivery stop of a <see cref="Shipment"/>.</summary>
    Delivery,

    /// <summary>A driver's <see cref="Routing.Break"/>.</summary>
    Break,

    /// <summary>The route ends; always the last step.</summary>
    End,
}

/// <summary>
/// One step of a route with its schedule. Times are seconds from the planning origin, distances metres.
/// <para>
/// Schedule rule (the one <see cref="SolutionFactory"/> produces and <see cref="SolutionChecker"/> verifies): the
/// vehicle leaves its start at the route's start time; at each stop service starts at the earliest time ≥ the arrival
/// that lies in one of the stop's windows, and the vehicle leaves when service ends. Breaks listed between two stops
/// start as early as possible (≥ the previous departure and in one of their windows): the vehicle drives on until the
/// break starts (on the road, at constant speed along the leg) or, having reached the next stop, waits there for the
/// break's window; the rest of the leg is driven after the break. For a break step, <see cref="ArrivalSeconds"/> is when
/// the vehicle stopped for it and <see cref="WaitingSeconds"/> is idle time before it started.
/// For a stop, <see cref="ArrivalSeconds"/> is when the vehicle is at the stop and free to serve (after breaks taken
/// on the leg to it).
/// </para>
/// </summary>
public sealed record RouteStep
{
    /// <summary>What the step is.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>Id of the job, shipment or break; the vehicle id for <see cref="StepKind.Start"/> and <see cref="StepKind.End"/>.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Index of the job in <see cref="RoutingProblem.Jobs"/>, of the shipment in <see cref="RoutingProblem.Shipments"/>,
    /// or of the break in the vehicle's <see cref="Vehicle.Breaks"/>; −1 for start and end.
    /// </summary>
    public int TaskIndex { get; init; } = -1;

    /// <summary>Location index of the step; null for breaks and for the end of an open route.</summary>
    public int? Location { get; init; }

    /// <summary>Arrival time (see the type's remarks), seconds.</summary>
    public double ArrivalSeconds { get; init; }

    /// <summary>Idle time between arrival and service start, seconds.</summary>
    public double WaitingSeconds { get; init; }

    /// <summary>Start of service (or of the break), seconds.</summary>
    public double ServiceStartSeconds { get; init; }

    /// <summary>Service (or break) duration, seconds.</summary>
    public double ServiceSeconds { get; init; }

    /// <summary>Departure time = service start + service duration, seconds.</summary>
    public double DepartureSeconds { get; init; }

    /// <summary>
    /// Load on board after the step, per dimension. At the start step it is the sum of the deliveries of the route's
    /// jobs; each job then removes its delivery and adds its pickup, a shipment pickup adds and its delivery removes the amount.
    /// </summary>
    public Amounts LoadAfter { get; init; }

    /// <summary>Distance driven from the route start to this step's arrival, metres.</summary>
    public double CumulativeDistanceMetres { get; init; }

    /// <summary>Driving time from the route start to this step's arrival, seconds.</summary>
    public double CumulativeTravelSeconds { get; init; }
}
