using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Maps;

/// <summary>
/// How <see cref="SvgMap"/> lays out a map. All sizes are SVG user units (pixels at 100 % zoom). Immutable and
/// thread-safe; the defaults give a 1200 px wide map with a legend panel on the right.
/// </summary>
public sealed record MapOptions
{
    /// <summary>
    /// Total width of the drawing in pixels, legend panel included (≥ 200). The height follows the projection's aspect
    /// ratio (and is at least the legend's height).
    /// </summary>
    public double WidthPixels { get; init; } = 1200;

    /// <summary>Title shown at the top of the map and in the root <c>&lt;title&gt;</c>; null uses the network or problem name.</summary>
    public string? Title { get; init; }

    /// <summary>True to draw place labels (hub, district offices, communes, highlighted nodes, critical-link ranks).</summary>
    public bool ShowLabels { get; init; } = true;

    /// <summary>True to draw the legend panel (<c>&lt;g class="legend"&gt;</c>) on the right of the map.</summary>
    public bool ShowLegend { get; init; } = true;

    /// <summary>Width of the legend panel in pixels, taken from <see cref="WidthPixels"/> when <see cref="ShowLegend"/> is true.</summary>
    public double LegendWidthPixels { get; init; } = 230;

    /// <summary>Empty space between the outermost drawn point and the map's edge, pixels (≥ 0).</summary>
    public double MarginPixels { get; init; } = 40;

    /// <summary>
    /// Largest height of the map area as a multiple of its width (≥ 0.1); a taller bounding box is drawn smaller,
    /// centred, so that a long thin area does not make an endless drawing.
    /// </summary>
    public double MaxAspectRatio { get; init; } = 2.5;

    /// <summary>Font size of the provincial hub's label, pixels.</summary>
    public double HubFontSize { get; init; } = 14;

    /// <summary>Font size of district office labels, pixels.</summary>
    public double DistrictFontSize { get; init; } = 12;

    /// <summary>Font size of commune labels, highlighted-node labels and critical-link ranks, pixels.</summary>
    public double CommuneFontSize { get; init; } = 9.5;

    /// <summary>
    /// Radius in pixels of commune discs when the population is unknown, or of all discs when
    /// <see cref="ScaleCommunesByPopulation"/> is false.
    /// </summary>
    public double CommuneRadiusPixels { get; init; } = 8;

    /// <summary>True to size commune discs by population (area ∝ population, 4…18 px radius).</summary>
    public bool ScaleCommunesByPopulation { get; init; } = true;

    /// <summary>True to draw junction nodes (small grey dots).</summary>
    public bool ShowJunctions { get; init; } = true;

    /// <summary>
    /// Spacing of direction arrows along route legs, pixels: each leg gets one arrow per this length (at least one
    /// when the leg is longer than 12 px).
    /// </summary>
    public double ArrowSpacingPixels { get; init; } = 160;

    /// <summary>
    /// Metric for drawing route legs along the network when the problem does not say (its vehicle profile has no
    /// <see cref="Routing.NetworkTravel"/> but is a profile of the network drawn); otherwise the problem's metric is used.
    /// </summary>
    public PathMetric FallbackMetric { get; init; } = PathMetric.Time;

    /// <summary>Unit name of the scale bar on planar (X/Y) maps, e.g. <c>units</c> or <c>km</c>.</summary>
    public string PlanarUnitName { get; init; } = "units";

    internal void Validate()
    {
        static void Check(double value, double min, string name)
        {
            if (!double.IsFinite(value) || value < min)
            {
                throw new ArgumentOutOfRangeException(name, value, $"MapOptions.{name} must be a finite number ≥ {min}");
            }
        }

        Check(WidthPixels, 200, nameof(WidthPixels));
        Check(LegendWidthPixels, 0, nameof(LegendWidthPixels));
        Check(MarginPixels, 0, nameof(MarginPixels));
        Check(MaxAspectRatio, 0.1, nameof(MaxAspectRatio));
        Check(HubFontSize, 1, nameof(HubFontSize));
        Check(DistrictFontSize, 1, nameof(DistrictFontSize));
        Check(CommuneFontSize, 1, nameof(CommuneFontSize));
        Check(CommuneRadiusPixels, 0.5, nameof(CommuneRadiusPixels));
        Check(ArrowSpacingPixels, 10, nameof(ArrowSpacingPixels));
        if (ShowLegend && WidthPixels - LegendWidthPixels < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(LegendWidthPixels), LegendWidthPixels,
                "MapOptions.LegendWidthPixels must leave at least 100 px of WidthPixels for the map");
        }

        ArgumentNullException.ThrowIfNull(PlanarUnitName, nameof(PlanarUnitName));
    }
}

/// <summary>
/// Network-planning layers drawn over a map: commune shading (e.g. minutes to the nearest service point), cut-off
/// communes, ranked critical links and highlighted nodes (e.g. proposed service points). Every layer is optional.
/// Unknown commune codes, link ids and node ids are ignored (an overlay may come from another network version).
/// Immutable when built from immutable collections; the renderer only reads it.
/// </summary>
public sealed record MapOverlays
{
    /// <summary>
    /// Value per commune code, drawn as the colour of the commune's disc in bands from green (low) to red (high);
    /// +∞ (e.g. unreachable) falls in the highest band, NaN is drawn as "no value".
    /// </summary>
    public IReadOnlyDictionary<string, double>? CommuneShading { get; init; }

    /// <summary>Heading of the shading's legend, e.g. <c>Minutes to nearest service point</c>.</summary>
    public string? ShadingLegendTitle { get; init; }

    /// <summary>
    /// Upper limits of the shading bands in increasing order, e.g. <c>[5, 10, 15, 30]</c> gives the bands ≤ 5, 5–10,
    /// 10–15, 15–30 and &gt; 30. Null chooses five bands of equal, round width from 0 to the largest finite value.
    /// </summary>
    public IReadOnlyList<double>? ShadingBands { get; init; }

    /// <summary>Codes of communes cut off from service; their discs get a thick red outline and class <c>cut-off</c>.</summary>
    public IReadOnlySet<string>? CutOffCommunes { get; init; }

    /// <summary>Ids of critical links, most critical first; drawn thicker and highlighted, labelled with their rank (1 = first).</summary>
    public IReadOnlyList<string>? CriticalLinkIds { get; init; }

    /// <summary>Ids of nodes to highlight (e.g. proposed new service points): drawn with a ring and labelled.</summary>
    public IReadOnlySet<string>? HighlightedNodeIds { get; init; }
}
