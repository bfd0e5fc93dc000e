namespace PostRoute.Engine.Paths;

/// <summary>What a shortest-path search minimises.</summary>
public enum PathMetric
{
    /// <summary>Travel time in seconds for the chosen vehicle profile; ties are broken by the shorter distance.</summary>
    Time,

    /// <summary>Length in metres over links the chosen profile may use; ties are broken by the shorter travel time.</summary>
    Distance,
}
