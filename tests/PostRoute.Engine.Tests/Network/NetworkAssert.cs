using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

/// <summary>Structural comparison of networks; doubles must match bit for bit (so −0 ≠ 0).</summary>
public static class NetworkAssert
{
    /// <summary>Asserts equal profiles, nodes, links (with closed state and travel times) and communes, in order.</summary>
    public static void SameContent(PostalNetwork expected, PostalNetwork actual)
    {
        Assert.Equal<string>(expected.Profiles, actual.Profiles);

        Assert.Equal(expected.Nodes.Length, actual.Nodes.Length);
        for (int i = 0; i < expected.Nodes.Length; i++)
        {
            Node e = expected.Nodes[i], a = actual.Nodes[i];
            string at = $"nodes[{i}] ({e.Id})";
            Same(at, e.Id, a.Id);
            Same(at, e.Kind, a.Kind);
            Same(at, e.Name, a.Name);
            SameBits(at + ".latitude", e.Location.Latitude, a.Location.Latitude);
            SameBits(at + ".longitude", e.Location.Longitude, a.Location.Longitude);
            Same(at, e.CommuneCode, a.CommuneCode);
            Same(at, e.DistrictCode, a.DistrictCode);
        }

        Assert.Equal(expected.Links.Length, actual.Links.Length);
        for (int i = 0; i < expected.Links.Length; i++)
        {
            Link e = expected.Links[i], a = actual.Links[i];
            string at = $"links[{i}] ({e.Id})";
            Same(at, e.Id, a.Id);
            Same(at, e.From, a.From);
            Same(at, e.To, a.To);
            SameBits(at + ".lengthMetres", e.LengthMetres, a.LengthMetres);
            Same(at, e.RoadClass, a.RoadClass);
            Same(at, e.OneWay, a.OneWay);
            Same(at, e.Closed, a.Closed);
            Same(at, expected.IsClosed(i), actual.IsClosed(i));
            Assert.Equal(e.TravelTimeSeconds.Keys.Order(StringComparer.Ordinal), a.TravelTimeSeconds.Keys.Order(StringComparer.Ordinal));
            foreach (var (profile, seconds) in e.TravelTimeSeconds)
            {
                SameBits($"{at}.travelTimeSeconds.{profile}", seconds, a.TravelTimeSeconds[profile]);
            }
        }

        Assert.Equal(expected.Communes.Length, actual.Communes.Length);
        for (int i = 0; i < expected.Communes.Length; i++)
        {
            Commune e = expected.Communes[i], a = actual.Communes[i];
            string at = $"communes[{i}] ({e.Code})";
            Same(at, e.Code, a.Code);
            Same(at, e.Name, a.Name);
            Same(at, e.Type, a.Type);
            Same(at, e.DistrictCode, a.DistrictCode);
            Same(at, e.DistrictName, a.DistrictName);
            Same(at, e.Location.HasValue, a.Location.HasValue);
            if (e.Location is { } el && a.Location is { } al)
            {
                SameBits(at + ".latitude", el.Latitude, al.Latitude);
                SameBits(at + ".longitude", el.Longitude, al.Longitude);
            }

            Same(at, e.Population, a.Population);
            Same(at, e.AreaKm2.HasValue, a.AreaKm2.HasValue);
            if (e.AreaKm2 is { } ea && a.AreaKm2 is { } aa)
            {
                SameBits(at + ".areaKm2", ea, aa);
            }

            Same(at, e.PostalCode, a.PostalCode);
        }
    }

    private static void Same<T>(string at, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail($"{at}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    private static void SameBits(string at, double expected, double actual)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail($"{at}: expected {expected:R}, got {actual:R}");
        }
    }

    private static string Show<T>(T value) => value is null ? "null" : $"«{value}»";
}
