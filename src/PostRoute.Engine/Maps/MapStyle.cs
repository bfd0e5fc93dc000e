using System.Globalization;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Maps;

/// <summary>
/// Colours and symbol sizes used by <see cref="SvgMap"/>: route palette, road classes and shading bands. Stateless
/// and thread-safe.
/// </summary>
public static class MapStyle
{
    // Kelly's colours of maximum contrast without white, black and the greys, reordered so that neighbours differ most.
    private static readonly string[] s_routeBase =
    [
        "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#800000",
        "#808000", "#000075", "#bfef45", "#dcbeff", "#ffd8b1", "#aaffc3", "#fabed4", "#ffe119", "#a9a9a9", "#008080",
    ];

    /// <summary>
    /// Colour (<c>#rrggbb</c>) of route number <paramref name="index"/> (0-based): 20 hand-picked contrasting colours,
    /// then hues stepped by the golden angle with alternating lightness, so that ~40 routes stay distinguishable.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static string RouteColour(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < s_routeBase.Length)
        {
            return s_routeBase[index];
        }

        int k = index - s_routeBase.Length;
        double hue = (k * 137.508 + 15) % 360;
        double lightness = (k % 3) switch { 0 => 0.38, 1 => 0.55, _ => 0.3 };
        double saturation = (k % 2) == 0 ? 0.75 : 0.6;
        return Hsl(hue, saturation, lightness);
    }

    /// <summary>
    /// Stroke colour of a road class: muted warm greys ranked by darkness (with <see cref="RoadWidth"/>), so that the
    /// saturated colours stay with the routes and no road reads as a route.
    /// </summary>
    public static string RoadColour(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Trunk => "#8d7b6a",
        RoadClass.Provincial => "#a59685",
        RoadClass.District => "#bcb1a4",
        RoadClass.Local => "#cfc9c1",
        _ => "#d8cbb5",
    };

    /// <summary>Stroke width of a road class, pixels.</summary>
    public static double RoadWidth(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Trunk => 3.2,
        RoadClass.Provincial => 2.4,
        RoadClass.District => 1.7,
        RoadClass.Local => 1.1,
        _ => 0.8,
    };

    /// <summary>Class name of a road class in the SVG: <c>trunk</c>, <c>provincial</c>, <c>district</c>, <c>local</c> or <c>track</c>.</summary>
    public static string RoadClassName(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Trunk => "trunk",
        RoadClass.Provincial => "provincial",
        RoadClass.District => "district",
        RoadClass.Local => "local",
        _ => "track",
    };

    /// <summary>
    /// Colour of shading band <paramref name="band"/> of <paramref name="bandCount"/>: from green (band 0) through
    /// yellow to red (last band).
    /// </summary>
    public static string BandColour(int band, int bandCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bandCount, band);
        double t = bandCount == 1 ? 0 : (double)band / (bandCount - 1);
        // Green #1a9850 → yellow #fee08b → red #d73027.
        (double r, double g, double b) = t <= 0.5
            ? Mix((0x1a, 0x98, 0x50), (0xfe, 0xe0, 0x8b), t * 2)
            : Mix((0xfe, 0xe0, 0x8b), (0xd7, 0x30, 0x27), (t - 0.5) * 2);
        return Hex(r, g, b);
    }

    private static (double, double, double) Mix((double R, double G, double B) a, (double R, double G, double B) b, double t) =>
        (a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

    private static string Hsl(double hue, double s, double l)
    {
        double c = (1 - Math.Abs((2 * l) - 1)) * s;
        double x = c * (1 - Math.Abs((hue / 60 % 2) - 1));
        double m = l - (c / 2);
        (double r, double g, double b) = (int)(hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return Hex((r + m) * 255, (g + m) * 255, (b + m) * 255);
    }

    private static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture,
            $"#{(int)Math.Round(Math.Clamp(r, 0, 255)):x2}{(int)Math.Round(Math.Clamp(g, 0, 255)):x2}{(int)Math.Round(Math.Clamp(b, 0, 255)):x2}");
}
