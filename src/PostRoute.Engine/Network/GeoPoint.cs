namespace PostRoute.Engine.Network;

/// <summary>A WGS84 position in decimal degrees. Immutable and thread-safe.</summary>
/// <param name="Latitude">Latitude in degrees, −90 … 90.</param>
/// <param name="Longitude">Longitude in degrees, −180 … 180.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>Mean Earth radius in metres (IUGG), used by <see cref="DistanceTo"/>.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>True when both coordinates are finite and within their ranges.</summary>
    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude) &&
        Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>Great-circle (haversine) distance to <paramref name="other"/>, in metres.</summary>
    public double DistanceTo(GeoPoint other)
    {
        const double rad = Math.PI / 180;
        double dLat = (other.Latitude - Latitude) * rad;
        double dLon = (other.Longitude - Longitude) * rad;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                   Math.Cos(Latitude * rad) * Math.Cos(other.Latitude * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
