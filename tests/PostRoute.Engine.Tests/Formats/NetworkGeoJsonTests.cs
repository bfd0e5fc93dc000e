using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Formats;

public class NetworkGeoJsonTests
{
    private static double[] Position(JsonElement position) => position.EnumerateArray().Select(c => c.GetDouble()).ToArray();

    [Fact]
    public void Writes_a_feature_collection_of_points_and_lines_in_lon_lat_order()
    {
        var network = TestNetworks.Small();
        using var doc = JsonDocument.Parse(NetworkGeoJson.Write(network));
        var root = doc.RootElement;

        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(network.Nodes.Length + network.Links.Length, features.Length);
        Assert.All(features, f => Assert.Equal("Feature", f.GetProperty("type").GetString()));

        var hub = features[0];
        Assert.Equal("Point", hub.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([109.3209, 13.0955], Position(hub.GetProperty("geometry").GetProperty("coordinates")));
        var props = hub.GetProperty("properties");
        Assert.Equal(["id", "kind", "name", "communeCode", "districtCode"], props.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("H", "provincialHub", "Bưu điện tỉnh Phú Yên", "22015", "555"),
            (props.GetProperty("id").GetString(), props.GetProperty("kind").GetString(), props.GetProperty("name").GetString(),
             props.GetProperty("communeCode").GetString(), props.GetProperty("districtCode").GetString()));
        Assert.Equal(JsonValueKind.Null, features[3].GetProperty("properties").GetProperty("communeCode").ValueKind);

        var ds = features[network.Nodes.Length + 1];
        Assert.Equal("LineString", ds.GetProperty("geometry").GetProperty("type").GetString());
        var line = ds.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(Position).ToArray();
        Assert.Equal([[109.2095, 13.2571], [109.2302, 13.2801]], line); // D then S
        var linkProps = ds.GetProperty("properties");
        Assert.Equal(["id", "from", "to", "lengthMetres", "roadClass", "oneWay", "closed", "time_truck_s", "time_motorbike_s"],
            linkProps.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("DS", "D", "S", 3210.125, "local", false, false),
            (linkProps.GetProperty("id").GetString(), linkProps.GetProperty("from").GetString(), linkProps.GetProperty("to").GetString(),
             linkProps.GetProperty("lengthMetres").GetDouble(), linkProps.GetProperty("roadClass").GetString(),
             linkProps.GetProperty("oneWay").GetBoolean(), linkProps.GetProperty("closed").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, linkProps.GetProperty("time_truck_s").ValueKind); // barred
        Assert.Equal(300.5, linkProps.GetProperty("time_motorbike_s").GetDouble());

        var sj = features[network.Nodes.Length + 2].GetProperty("properties");
        Assert.True(sj.GetProperty("oneWay").GetBoolean());
        Assert.True(sj.GetProperty("closed").GetBoolean());
    }

    [Fact]
    public void Communes_no_node_refers_to_are_listed_without_inventing_positions()
    {
        var network = TestNetworks.SmallBuilder()
            .AddCommune(new Commune("22999", "Xã Không Tọa Độ", CommuneType.Xa, "559", "Tuy An", Population: 42))
            .Build();
        using var doc = JsonDocument.Parse(NetworkGeoJson.Write(network));
        var listed = doc.RootElement.GetProperty("communesWithoutNode").EnumerateArray().ToArray();

        // 22015 and 22036 have nodes (H and S); 22081 and 22999 do not.
        Assert.Equal(["22081", "22999"], listed.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal([109.2208, 13.3056], Position(listed[0].GetProperty("location")));
        Assert.Equal(JsonValueKind.Null, listed[1].GetProperty("location").ValueKind);
        Assert.Equal(42, listed[1].GetProperty("population").GetInt32());
        Assert.Equal("xa", listed[1].GetProperty("type").GetString());
        // Nothing but nodes and links became features.
        Assert.Equal(network.Nodes.Length + network.Links.Length, doc.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public void Stream_output_is_the_string_output_in_UTF8_without_BOM()
    {
        var network = TestNetworks.Small();
        using var stream = new MemoryStream();
        NetworkGeoJson.Write(network, stream);
        byte[] bytes = stream.ToArray();

        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal(Encoding.UTF8.GetBytes(NetworkGeoJson.Write(network)), bytes);
    }

    [Property(Arbitrary = [typeof(RandomNetworks)], MaxTest = 60, Replay = "(5150,29)")]
    public void Every_node_and_link_becomes_a_feature_with_its_exact_positions(PostalNetwork network)
    {
        using var doc = JsonDocument.Parse(NetworkGeoJson.Write(network));
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(network.Nodes.Length + network.Links.Length, features.Length);

        for (int i = 0; i < network.Nodes.Length; i++)
        {
            var node = network.Nodes[i];
            Assert.Equal(node.Id, features[i].GetProperty("properties").GetProperty("id").GetString());
            Assert.Equal([node.Location.Longitude, node.Location.Latitude], Position(features[i].GetProperty("geometry").GetProperty("coordinates")));
        }

        for (int i = 0; i < network.Links.Length; i++)
        {
            var link = network.Links[i];
            var feature = features[network.Nodes.Length + i];
            var props = feature.GetProperty("properties");
            Assert.Equal(link.Id, props.GetProperty("id").GetString());
            var from = network.FindNode(link.From)!.Location;
            var to = network.FindNode(link.To)!.Location;
            var line = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(Position).ToArray();
            Assert.Equal([[from.Longitude, from.Latitude], [to.Longitude, to.Latitude]], line);
            foreach (string profile in network.Profiles)
            {
                var time = props.GetProperty($"time_{profile}_s");
                Assert.Equal(link.TimeFor(profile), time.ValueKind == JsonValueKind.Null ? null : time.GetDouble());
            }
        }

        var drawn = network.Nodes.Select(n => n.CommuneCode).ToHashSet();
        Assert.Equal(
            network.Communes.Where(c => !drawn.Contains(c.Code)).Select(c => c.Code),
            doc.RootElement.GetProperty("communesWithoutNode").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
    }
}
