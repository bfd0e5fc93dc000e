using System.Text;
using System.Text.Json;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Formats;

public class NetworkJsonTests
{
    /// <summary>A hand-written document (the example of docs/network-format.md), line numbers matter below.</summary>
    private const string Example = """
        {
          "formatVersion": 1,
          "name": "demo",
          "version": 3,
          "profiles": ["truck", "motorbike"],
          "nodes": [
            { "id": "HUB", "kind": "provincialHub", "name": "Bưu điện tỉnh", "location": { "latitude": 13.0955, "longitude": 109.3209 }, "communeCode": "22015", "districtCode": "555" },
            { "id": "TA", "kind": "districtOffice", "name": "Bưu điện Tuy An", "location": { "latitude": 13.2571, "longitude": 109.2095 } }
          ],
          "links": [
            { "id": "HUB-TA", "from": "HUB", "to": "TA", "lengthMetres": 21345.5, "travelTimeSeconds": { "truck": 1260, "motorbike": 1100 }, "roadClass": "trunk" },
            { "id": "TA-HUB", "from": "TA", "to": "HUB", "lengthMetres": 21345.5, "travelTimeSeconds": { "motorbike": 1100 }, "oneWay": true, "closed": true }
          ],
          "communes": [
            { "code": "22015", "name": "Phường 1", "type": "phuong", "districtCode": "555", "districtName": "Tuy Hoà", "location": { "latitude": 13.08208, "longitude": 109.30194 }, "population": 12000, "areaKm2": 2.5, "postalCode": "56111" },
            { "code": "22036", "name": "Xã An Mỹ", "type": "xa", "districtCode": "559", "districtName": "Tuy An" }
          ]
        }
        """;

    private static NetworkValidationException Fails(string json) =>
        Assert.Throws<NetworkValidationException>(() => NetworkJson.Read(json));

    private static string Line(int index) => Example.Split('\n')[index];

    /// <summary>The example with one line replaced (0-based index).</summary>
    private static string WithLine(int index, string replacement)
    {
        var lines = Example.Split('\n');
        lines[index] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Reads_a_hand_written_document()
    {
        var network = NetworkJson.Read(Example);

        Assert.Equal("demo", network.Name);
        Assert.Equal(3, network.Version);
        Assert.Equal<string>(["truck", "motorbike"], network.Profiles);
        Assert.Equal(new Node("HUB", NodeKind.ProvincialHub, "Bưu điện tỉnh", new GeoPoint(13.0955, 109.3209), "22015", "555"), network.Nodes[0]);
        Assert.Equal(new Node("TA", NodeKind.DistrictOffice, "Bưu điện Tuy An", new GeoPoint(13.2571, 109.2095)), network.Nodes[1]);

        var back = network.Links[1];
        Assert.Equal(("TA-HUB", "TA", "HUB", 21345.5), (back.Id, back.From, back.To, back.LengthMetres));
        Assert.Equal(RoadClass.Local, back.RoadClass); // the default when roadClass is absent
        Assert.True(back.OneWay);
        Assert.True(back.Closed);
        Assert.True(network.IsClosed(1));
        Assert.False(back.Allows("truck"));
        Assert.Equal(1100, back.TimeFor("motorbike"));
        Assert.Equal(RoadClass.Trunk, network.Links[0].RoadClass);
        Assert.False(network.Links[0].OneWay);

        Assert.Equal(new Commune("22015", "Phường 1", CommuneType.Phuong, "555", "Tuy Hoà", new GeoPoint(13.08208, 109.30194), 12000, 2.5, "56111"), network.Communes[0]);
        Assert.Equal(new Commune("22036", "Xã An Mỹ", CommuneType.Xa, "559", "Tuy An"), network.Communes[1]);
    }

    [Fact]
    public void Writes_documented_names_and_enum_strings()
    {
        string json = NetworkJson.Write(TestNetworks.Small().WithLinksClosed("DS"));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(["formatVersion", "name", "version", "profiles", "nodes", "links", "communes"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("version").GetInt64());
        Assert.Equal(["provincialHub", "districtOffice", "communeServicePoint", "junction"],
            root.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        var ds = root.GetProperty("links")[1];
        Assert.Equal(["id", "from", "to", "lengthMetres", "travelTimeSeconds", "roadClass", "oneWay", "closed"], ds.EnumerateObject().Select(p => p.Name));
        Assert.Equal("local", ds.GetProperty("roadClass").GetString());
        Assert.True(ds.GetProperty("closed").GetBoolean());
        // Barred profiles are left out.
        Assert.Equal(["motorbike"], ds.GetProperty("travelTimeSeconds").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["phuong", "xa", "thiTran"], root.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        var unlocated = root.GetProperty("communes")[1];
        Assert.Equal(JsonValueKind.Null, unlocated.GetProperty("location").ValueKind);
        Assert.Equal(JsonValueKind.Null, unlocated.GetProperty("population").ValueKind);
        Assert.Equal(JsonValueKind.Null, unlocated.GetProperty("postalCode").ValueKind);
        // Readable text: UTF-8 letters and quotes are not \u-escaped.
        Assert.Contains("\"Bưu điện tỉnh Phú Yên\"", json);
        Assert.DoesNotContain("\r", json);
        Assert.EndsWith("}\n", json);
    }

    [Fact]
    public void Round_trips_the_small_network_and_keeps_version_and_closures()
    {
        var network = TestNetworks.Small().WithLinksClosed("HD").WithLinksReopened("SJ");
        string json = NetworkJson.Write(network);
        var back = NetworkJson.Read(json);

        NetworkAssert.SameContent(network, back);
        Assert.Equal(3, back.Version);
        Assert.Equal("small", back.Name);
        Assert.Equal(json, NetworkJson.Write(back));
    }

    [Fact]
    public void Stream_output_is_UTF8_without_BOM_and_a_BOM_is_accepted_on_input()
    {
        var network = TestNetworks.Small();
        using var stream = new MemoryStream();
        NetworkJson.Write(network, stream);
        byte[] bytes = stream.ToArray();
        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal(NetworkJson.Write(network), Encoding.UTF8.GetString(bytes));

        using var withBom = new MemoryStream([0xEF, 0xBB, 0xBF, .. bytes]);
        NetworkAssert.SameContent(network, NetworkJson.Read(withBom));
    }

    [Fact]
    public void Empty_string_and_null_optional_codes_stay_distinct()
    {
        var network = new NetworkBuilder()
            .AddNode(new Node("A", NodeKind.Junction, "", new GeoPoint(0, 0), "", null))
            .AddCommune(new Commune("1", "", CommuneType.Xa, "", "", PostalCode: ""))
            .Build();
        var back = NetworkJson.Read(NetworkJson.Write(network));
        Assert.Equal("", back.Nodes[0].CommuneCode);
        Assert.Null(back.Nodes[0].DistrictCode);
        Assert.Equal("", back.Communes[0].PostalCode);
    }

    [Fact]
    public void Minimal_document_uses_the_defaults()
    {
        var network = NetworkJson.Read("""{"profiles":[],"nodes":[],"links":[]}""");
        Assert.Equal(("network", 1L), (network.Name, network.Version));
        Assert.Empty(network.Nodes);
        Assert.Empty(network.Communes);
    }

    [Fact]
    public void Null_travel_time_means_barred()
    {
        var network = NetworkJson.Read(WithLine(10, Line(10).Replace("\"truck\": 1260", "\"truck\": null")));
        Assert.False(network.Links[0].Allows("truck"));
    }

    // ----- malformed documents: each error names the JSON path, the field and the line.

    [Fact]
    public void Syntax_error_names_the_line()
    {
        var ex = Fails(WithLine(3, "  \"version\": 3 ,,"));
        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("invalid JSON:", error.Message);
        Assert.Contains("(line 4,", error.Message);
    }

    [Fact]
    public void Unterminated_document_is_a_syntax_error()
    {
        var error = Assert.Single(Fails(Example[..300]).Errors);
        Assert.StartsWith("invalid JSON:", error.Message);
        Assert.StartsWith("$.nodes", error.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1, 2]")]
    [InlineData("{} {}")]
    [InlineData("{\"profiles\":[],\"nodes\":[],\"links\":[]} x")]
    public void Not_one_network_object_is_rejected(string json)
    {
        var errors = Fails(json).Errors;
        Assert.Contains(errors, e => e.Path == "$" && e.Field == "" &&
                                     (e.Message.StartsWith("invalid JSON:") || e.Message.StartsWith("expected an object, found an array")));
    }

    [Fact]
    public void Wrong_type_names_path_field_and_line()
    {
        var ex = Fails(WithLine(10, Line(10).Replace("21345.5", "\"21 km\"")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.links[0]", error.Path);
        Assert.Equal("lengthMetres", error.Field);
        Assert.Equal("expected a number, found the string \"21 km\" (line 11)", error.Message);
        Assert.StartsWith("$.links[0].lengthMetres: ", error.ToString());
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        var ex = Fails(WithLine(11, Line(11).Replace("\"lengthMetres\": 21345.5, ", "")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("$.links[1]", "lengthMetres"), (error.Path, error.Field));
        Assert.Contains("required", error.Message);
        Assert.Contains("line 12", error.Message);
    }

    [Fact]
    public void Unknown_enum_value_lists_the_allowed_ones()
    {
        var ex = Fails(WithLine(7, Line(7).Replace("districtOffice", "DistrictOffice")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("$.nodes[1]", "kind"), (error.Path, error.Field));
        Assert.Contains("\"DistrictOffice\"", error.Message);
        Assert.Contains("provincialHub, districtOffice, communeServicePoint, commune, junction", error.Message);
        Assert.Contains("line 8", error.Message);
    }

    [Fact]
    public void Unknown_and_repeated_properties_are_rejected()
    {
        var ex = Fails(WithLine(11, Line(11).Replace("\"oneWay\": true", "\"oneway\": true, \"closed\": false")));
        Assert.Equal(
            [("$.links[1]", "oneway", "unknown property (line 12)"), ("$.links[1]", "closed", "appears more than once (line 12)")],
            ex.Errors.Select(e => (e.Path, e.Field, e.Message)));
    }

    [Fact]
    public void Undeclared_profile_is_rejected()
    {
        var ex = Fails(WithLine(11, Line(11).Replace("\"motorbike\": 1100", "\"motorbke\": 1100")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("$.links[1].travelTimeSeconds", "motorbke"), (error.Path, error.Field));
        Assert.Contains("not listed in $.profiles", error.Message);
    }

    [Theory]
    [InlineData(3, "  \"version\": 0,", "$", "version")]
    [InlineData(3, "  \"version\": 1.5,", "$", "version")]
    [InlineData(1, "  \"formatVersion\": 2,", "$", "formatVersion")]
    [InlineData(4, "  \"profiles\": [\"truck\", \"motorbike\", \"truck\"],", "$.profiles[2]", "")]
    [InlineData(4, "  \"profiles\": [\"truck\", \"motorbike\", \"\"],", "$.profiles[2]", "")]
    [InlineData(4, "  \"profiles\": \"truck\",", "$", "profiles")]
    [InlineData(2, "  \"name\": null,", "$", "name")]
    public void Bad_header_values_are_named(int line, string replacement, string path, string field)
    {
        var error = Assert.Single(Fails(WithLine(line, replacement)).Errors);
        Assert.Equal((path, field), (error.Path, error.Field));
        Assert.Contains($"line {line + 1}", error.Message);
    }

    [Theory]
    [InlineData("\"latitude\": 13.0955", "\"latitude\": \"13.0955\"", "$.nodes[0].location", "latitude")]
    [InlineData("\"latitude\": 13.0955", "\"latitude\": 1e400", "$.nodes[0].location", "latitude")]
    [InlineData("\"location\": { \"latitude\": 13.0955, \"longitude\": 109.3209 }", "\"location\": null", "$.nodes[0]", "location")]
    [InlineData("\"location\": { \"latitude\": 13.0955, \"longitude\": 109.3209 }", "\"location\": [109.3209, 13.0955]", "$.nodes[0]", "location")]
    [InlineData("\"communeCode\": \"22015\"", "\"communeCode\": 22015", "$.nodes[0]", "communeCode")]
    [InlineData("\"id\": \"HUB\"", "\"id\": null", "$.nodes[0]", "id")]
    public void Bad_node_values_are_named(string original, string replacement, string path, string field)
    {
        var error = Assert.Single(Fails(WithLine(6, Line(6).Replace(original, replacement))).Errors);
        Assert.Equal((path, field), (error.Path, error.Field));
        Assert.Contains("line 7", error.Message);
    }

    [Theory]
    [InlineData("\"population\": 12000", "\"population\": 12000.5", "population")]
    [InlineData("\"population\": 12000", "\"population\": 3000000000", "population")]
    [InlineData("\"type\": \"phuong\"", "\"type\": \"phường\"", "type")]
    [InlineData("\"areaKm2\": 2.5", "\"areaKm2\": true", "areaKm2")]
    [InlineData("\"postalCode\": \"56111\"", "\"postalCode\": 56111", "postalCode")]
    public void Bad_commune_values_are_named(string original, string replacement, string field)
    {
        var error = Assert.Single(Fails(WithLine(14, Line(14).Replace(original, replacement))).Errors);
        Assert.Equal(("$.communes[0]", field), (error.Path, error.Field));
        Assert.Contains("line 15", error.Message);
    }

    [Fact]
    public void Several_structural_problems_are_reported_together()
    {
        string json = WithLine(7, Line(7).Replace("districtOffice", "office"));
        json = json.Replace("\"oneWay\": true", "\"oneWay\": \"yes\"").Replace("\"type\": \"xa\", ", "");
        var ex = Fails(json);
        Assert.Equal(
            [("$.nodes[1]", "kind"), ("$.links[1]", "oneWay"), ("$.communes[1]", "type")],
            ex.Errors.Select(e => (e.Path, e.Field)));
        Assert.StartsWith("The network has 3 problems", ex.Message);
    }

    [Fact]
    public void Semantic_problems_come_from_the_builder()
    {
        string json = WithLine(11, Line(11).Replace("\"to\": \"HUB\"", "\"to\": \"TB\"").Replace("21345.5", "-1"));
        var ex = Fails(json);
        Assert.Equal([("links[TA-HUB]", "to"), ("links[TA-HUB]", "lengthMetres")], ex.Errors.Select(e => (e.Path, e.Field)));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => NetworkJson.Read((string)null!));
        Assert.Throws<ArgumentNullException>(() => NetworkJson.Write(null!));
    }
}
