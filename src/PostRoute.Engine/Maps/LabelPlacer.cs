using System.Globalization;

namespace PostRoute.Engine.Maps;

/// <summary>An axis-aligned box in drawing pixels.</summary>
internal readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    public bool Overlaps(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    public bool Inside(double width, double height) => Left >= 0 && Top >= 0 && Right <= width && Bottom <= height;
}

/// <summary>A label the placer put on the map: its text, baseline anchor and box.</summary>
internal sealed record PlacedLabel(string Text, string CssClass, double X, double Y, string Anchor, double FontSize, bool Bold, string? Fill, Box Box);

/// <summary>
/// Greedy label placement: labels are offered in priority order; each tries the positions right, left, above and
/// below its point (clear of the point's symbol) and takes the first whose box overlaps no placed label and no
/// obstacle and lies inside the map area; a label with no free position is left out. Boxes are estimated as
/// <see cref="CharWidthFactor"/> × font size per character wide and font size tall (0.8 above the baseline, 0.2
/// below), plus <see cref="Padding"/>. Not thread-safe (one per render).
/// </summary>
internal sealed class LabelPlacer(double width, double height)
{
    /// <summary>Estimated average glyph width as a fraction of the font size (sans-serif, Latin with diacritics).</summary>
    public const double CharWidthFactor = 0.6;

    /// <summary>Space kept around every label box, pixels.</summary>
    public const double Padding = 1;

    private readonly List<Box> _taken = [];

    public List<PlacedLabel> Placed { get; } = [];

    /// <summary>Keeps labels off a symbol.</summary>
    public void AddObstacle(Box box) => _taken.Add(box);

    /// <summary>The estimated box of a text whose baseline starts (start), centres (middle) or ends (end) at x, y.</summary>
    public static Box BoxOf(string text, double x, double y, string anchor, double fontSize)
    {
        double w = new StringInfo(text).LengthInTextElements * CharWidthFactor * fontSize;
        double left = anchor switch { "middle" => x - (w / 2), "end" => x - w, _ => x };
        return new Box(left - Padding, y - (0.8 * fontSize) - Padding, left + w + Padding, y + (0.2 * fontSize) + Padding);
    }

    /// <summary>Tries to place <paramref name="text"/> next to a symbol of radius <paramref name="clearance"/> at (x, y).</summary>
    public bool TryPlace(string text, string cssClass, double x, double y, double clearance, double fontSize, bool bold = false, string? fill = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        double gap = clearance + 2;
        (double X, double Y, string Anchor)[] candidates =
        [
            (x + gap, y + (0.3 * fontSize), "start"),
            (x - gap, y + (0.3 * fontSize), "end"),
            (x, y - gap - (0.2 * fontSize), "middle"),
            (x, y + gap + (0.8 * fontSize), "middle"),
        ];
        foreach (var (cx, cy, anchor) in candidates)
        {
            var box = BoxOf(text, cx, cy, anchor, fontSize);
            if (!box.Inside(width, height) || _taken.Any(box.Overlaps))
            {
                continue;
            }

            _taken.Add(box);
            Placed.Add(new PlacedLabel(text, cssClass, cx, cy, anchor, fontSize, bold, fill, box));
            return true;
        }

        return false;
    }
}
