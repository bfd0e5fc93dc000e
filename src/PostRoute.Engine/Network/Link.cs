namespace PostRoute.Engine.Network;

/// <summary>
/// A transport link between two nodes. Travel times are per vehicle profile; a profile with no time is barred
/// from the link (e.g. trucks on a commune track). Immutable.
/// </summary>
/// <param name="Id">Unique id within the network.</param>
/// <param name="From">Id of the start node.</param>
/// <param name="To">Id of the end node.</param>
/// <param name="LengthMetres">Length in metres (finite, ≥ 0).</param>
/// <param name="TravelTimeSeconds">Travel time in seconds per profile name; a missing profile is barred.</param>
/// <param name="RoadClass">Road class.</param>
/// <param name="OneWay">True when the link can only be travelled from <paramref name="From"/> to <paramref name="To"/>.</param>
/// <param name="Closed">True when the link is closed (flood, works): no profile may use it.</param>
public sealed record Link(
    string Id,
    string From,
    string To,
    double LengthMetres,
    IReadOnlyDictionary<string, double> TravelTimeSeconds,
    RoadClass RoadClass = RoadClass.Local,
    bool OneWay = false,
    bool Closed = false)
{
    /// <summary>True when <paramref name="profile"/> may use this link when it is open.</summary>
    public bool Allows(string profile) => TravelTimeSeconds.ContainsKey(profile);

    /// <summary>Travel time for <paramref name="profile"/> in seconds, or null when the profile is barred.</summary>
    public double? TimeFor(string profile) => TravelTimeSeconds.TryGetValue(profile, out var t) ? t : null;
}

/// <summary>Well-known vehicle profile names. A network may define others.</summary>
public static class Profiles
{
    /// <summary>Trucks: trunk routes between hub and district offices.</summary>
    public const string Truck = "truck";

    /// <summary>Motorbikes: commune delivery loops.</summary>
    public const string Motorbike = "motorbike";
}
