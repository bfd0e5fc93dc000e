using PostRoute.Engine.Network;

namespace PostRoute.Engine.Maps;

/// <summary>A point on the drawing, in SVG user units (pixels): x to the right, y downwards.</summary>
/// <param name="X">Horizontal position, pixels from the left edge.</param>
/// <param name="Y">Vertical position, pixels from the top edge.</param>
public readonly record struct MapPoint(double X, double Y)
{
    /// <summary>Straight-line distance to <paramref name="other"/>, pixels.</summary>
    public double DistanceTo(MapPoint other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}

/// <summary>
/// Maps positions to drawing pixels, fitted to a bounding box with margins. Geographic maps use an azimuthal
/// equidistant projection centred on the middle of the box's latitude and longitude ranges, north up, so that within
/// a province-sized area (a few hundred km) pixel distances are proportional to great-circle distances to better
/// than 0.1 % and shapes stay true at any latitude. Planar maps (benchmark X/Y coordinates) scale X to the right and Y
/// upwards with one factor. Immutable and thread-safe.
/// </summary>
public sealed class MapProjection
{
    private readonly double _lat0Rad;
    private readonly double _lon0Rad;
    private readonly double _sinLat0;
    private readonly double _cosLat0;
    private readonly double _offsetX;
    private readonly double _offsetY;

    private MapProjection(bool planar, double lat0, double lon0, double pixelsPerUnit, double offsetX, double offsetY,
        double width, double height)
    {
        IsPlanar = planar;
        _lat0Rad = lat0 * Math.PI / 180;
        _lon0Rad = lon0 * Math.PI / 180;
        _sinLat0 = Math.Sin(_lat0Rad);
        _cosLat0 = Math.Cos(_lat0Rad);
        PixelsPerUnit = pixelsPerUnit;
        _offsetX = offsetX;
        _offsetY = offsetY;
        Width = width;
        Height = height;
    }

    /// <summary>True for a planar (X/Y) projection, false for a geographic one.</summary>
    public bool IsPlanar { get; }

    /// <summary>Pixels per metre (geographic) or per coordinate unit (planar).</summary>
    public double PixelsPerUnit { get; }

    /// <summary>Width of the fitted area, pixels (the width asked for).</summary>
    public double Width { get; }

    /// <summary>Height of the fitted area, pixels: the box's projected height plus margins.</summary>
    public double Height { get; }

    /// <summary>
    /// Fits a geographic projection to <paramref name="points"/> so that their bounding box fills
    /// <paramref name="widthPixels"/> less twice <paramref name="marginPixels"/>, or, for a tall box, a height of
    /// <paramref name="maxAspectRatio"/> × width less margins (the drawing is then centred horizontally).
    /// </summary>
    /// <param name="points">Positions to fit; invalid ones are ignored. With none, a 1 km box at 0°, 0° is used.</param>
    /// <param name="widthPixels">Width of the area, pixels (&gt; 2 × margin).</param>
    /// <param name="marginPixels">Margin on every side, pixels (≥ 0).</param>
    /// <param name="maxAspectRatio">Largest height / width ratio of the area (&gt; 0).</param>
    public static MapProjection FitGeo(IEnumerable<GeoPoint> points, double widthPixels, double marginPixels = 40, double maxAspectRatio = 2.5)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckArea(widthPixels, marginPixels, maxAspectRatio);
        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        var valid = new List<GeoPoint>();
        foreach (var p in points)
        {
            if (!p.IsValid)
            {
                continue;
            }

            valid.Add(p);
            minLat = Math.Min(minLat, p.Latitude);
            maxLat = Math.Max(maxLat, p.Latitude);
            minLon = Math.Min(minLon, p.Longitude);
            maxLon = Math.Max(maxLon, p.Longitude);
        }

        if (valid.Count == 0)
        {
            minLat = maxLat = minLon = maxLon = 0;
        }

        var centre = new MapProjection(false, (minLat + maxLat) / 2, (minLon + maxLon) / 2, 1, 0, 0, 0, 0);
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (var p in valid.Count == 0 ? [new GeoPoint(0, 0)] : valid)
        {
            var (x, y) = centre.Raw(p);
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }

        return Fit(false, centre.Latitude0, centre.Longitude0, minX, maxX, minY, maxY, 1000, widthPixels, marginPixels, maxAspectRatio);
    }

    /// <summary>
    /// Fits a planar projection (X right, Y up) to <paramref name="points"/>; see <see cref="FitGeo"/> for the fitting rule.
    /// Non-finite coordinates are ignored; with no point, a 1-unit box at the origin is used.
    /// </summary>
    /// <param name="points">Planar coordinates to fit.</param>
    /// <param name="widthPixels">Width of the area, pixels (&gt; 2 × margin).</param>
    /// <param name="marginPixels">Margin on every side, pixels (≥ 0).</param>
    /// <param name="maxAspectRatio">Largest height / width ratio of the area (&gt; 0).</param>
    public static MapProjection FitPlanar(IEnumerable<(double X, double Y)> points, double widthPixels, double marginPixels = 40, double maxAspectRatio = 2.5)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckArea(widthPixels, marginPixels, maxAspectRatio);
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                continue;
            }

            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, -y);
            maxY = Math.Max(maxY, -y);
        }

        if (minX > maxX)
        {
            minX = maxX = minY = maxY = 0;
        }

        return Fit(true, 0, 0, minX, maxX, minY, maxY, 1, widthPixels, marginPixels, maxAspectRatio);
    }

    /// <summary>Projects a geographic position (geographic projections only).</summary>
    /// <exception cref="InvalidOperationException">The projection is planar.</exception>
    public MapPoint Project(GeoPoint point)
    {
        if (IsPlanar)
        {
            throw new InvalidOperationException("A planar map projects X/Y coordinates, not geographic positions.");
        }

        var (x, y) = Raw(point);
        return new MapPoint(_offsetX + (x * PixelsPerUnit), _offsetY + (y * PixelsPerUnit));
    }

    /// <summary>Projects planar coordinates (planar projections only); Y grows upwards on the map.</summary>
    /// <exception cref="InvalidOperationException">The projection is geographic.</exception>
    public MapPoint Project(double x, double y)
    {
        if (!IsPlanar)
        {
            throw new InvalidOperationException("A geographic map projects GeoPoint positions, not X/Y coordinates.");
        }

        return new MapPoint(_offsetX + (x * PixelsPerUnit), _offsetY - (y * PixelsPerUnit));
    }

    private double Latitude0 => _lat0Rad * 180 / Math.PI;

    private double Longitude0 => _lon0Rad * 180 / Math.PI;

    // Azimuthal equidistant, metres east/south of the centre (y grows southwards as on screen).
    private (double X, double Y) Raw(GeoPoint p)
    {
        double lat = p.Latitude * Math.PI / 180;
        double dLon = (p.Longitude * Math.PI / 180) - _lon0Rad;
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat), cosDLon = Math.Cos(dLon);
        double cosC = Math.Clamp((_sinLat0 * sinLat) + (_cosLat0 * cosLat * cosDLon), -1, 1);
        double c = Math.Acos(cosC);
        double k = c < 1e-9 ? 1 : c / Math.Sin(c);
        double east = k * cosLat * Math.Sin(dLon);
        double north = k * ((_cosLat0 * sinLat) - (_sinLat0 * cosLat * cosDLon));
        return (east * GeoPoint.EarthRadiusMetres, -north * GeoPoint.EarthRadiusMetres);
    }

    private static MapProjection Fit(bool planar, double lat0, double lon0, double minX, double maxX, double minY, double maxY,
        double minimumExtent, double width, double margin, double maxAspect)
    {
        double spanX = maxX - minX, spanY = maxY - minY;
        double inner = width - (2 * margin);
        double maxInnerHeight = Math.Max(1, (maxAspect * width) - (2 * margin));
        double scale = Math.Max(spanX, spanY) <= 0
            ? inner / minimumExtent
            : Math.Min(spanX > 0 ? inner / spanX : double.PositiveInfinity, spanY > 0 ? maxInnerHeight / spanY : double.PositiveInfinity);
        double height = (spanY * scale) + (2 * margin);
        if (Math.Max(spanX, spanY) <= 0)
        {
            height = Math.Min(width, maxAspect * width);
        }

        // Centre the box in the area.
        double offsetX = (width / 2) - (((minX + maxX) / 2) * scale);
        double offsetY = (height / 2) - (((minY + maxY) / 2) * scale);
        return planar
            ? new MapProjection(true, 0, 0, scale, offsetX, offsetY, width, height)
            : new MapProjection(false, lat0, lon0, scale, offsetX, offsetY, width, height);
    }

    private static void CheckArea(double width, double margin, double maxAspect)
    {
        if (!double.IsFinite(margin) || margin < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the margin must be a finite number ≥ 0");
        }

        if (!double.IsFinite(width) || width <= 2 * margin)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "the width must be finite and more than twice the margin");
        }

        if (!double.IsFinite(maxAspect) || maxAspect <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAspect), maxAspect, "the largest aspect ratio must be a finite number > 0");
        }
    }
}
