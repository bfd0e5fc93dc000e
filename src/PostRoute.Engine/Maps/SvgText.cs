using System.Globalization;
using System.Text;

namespace PostRoute.Engine.Maps;

/// <summary>Builds SVG markup in a string: escaped text and attributes, invariant numbers. Not thread-safe (one per render).</summary>
internal sealed class SvgText
{
    private readonly StringBuilder _text = new();

    public override string ToString() => _text.ToString();

    /// <summary>A number with at most two decimals, invariant culture, no exponent.</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        string s = Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    /// <summary>Escapes &amp; &lt; &gt; " ' and replaces characters XML does not allow by U+FFFD.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    public SvgText Raw(string markup)
    {
        _text.Append(markup);
        return this;
    }

    /// <summary>Writes <c>&lt;name a="v" …</c> followed by <c>&gt;</c> or <c>/&gt;</c>; null attribute values are left out.</summary>
    public SvgText Element(string name, bool selfClosing, params (string Name, string? Value)[] attributes)
    {
        _text.Append('<').Append(name);
        foreach (var (attribute, value) in attributes)
        {
            if (value is not null)
            {
                _text.Append(' ').Append(attribute).Append("=\"").Append(Escape(value)).Append('"');
            }
        }

        _text.Append(selfClosing ? "/>\n" : ">");
        return this;
    }

    public SvgText Empty(string name, params (string Name, string? Value)[] attributes) => Element(name, true, attributes);

    public SvgText Open(string name, params (string Name, string? Value)[] attributes)
    {
        Element(name, false, attributes);
        _text.Append('\n');
        return this;
    }

    public SvgText Close(string name)
    {
        _text.Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>An element holding escaped text only.</summary>
    public SvgText TextElement(string name, string content, params (string Name, string? Value)[] attributes)
    {
        Element(name, false, attributes);
        _text.Append(Escape(content)).Append("</").Append(name).Append(">\n");
        return this;
    }
}
