using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

public class NetworkBuilderTests
{
    private static Dictionary<string, double> Times(double truck = 60, double motorbike = 50) =>
        new() { [Profiles.Truck] = truck, [Profiles.Motorbike] = motorbike };

    /// <summary>A valid base: nodes A, B, C; link AB; commune 100.</summary>
    private static NetworkBuilder Valid() =>
        new NetworkBuilder("t")
            .AddNode(new Node("A", NodeKind.ProvincialHub, "a", new GeoPoint(13, 109)))
            .AddNode(new Node("B", NodeKind.DistrictOffice, "b", new GeoPoint(13.1, 109.1)))
            .AddNode(new Node("C", NodeKind.Junction, "", new GeoPoint(13.2, 109.2)))
            .AddLink(new Link("AB", "A", "B", 1000, Times()))
            .AddCommune(new Commune("100", "Xã X", CommuneType.Xa, "9", "D"));

    private static NetworkError SingleError(NetworkBuilder builder)
    {
        var errors = builder.Validate();
        var error = Assert.Single(errors);
        var thrown = Assert.Throws<NetworkValidationException>(() => builder.Build());
        Assert.Equal(errors, thrown.Errors);
        return error;
    }

    [Fact]
    public void Valid_network_builds_with_version_1_and_keeps_order()
    {
        var network = Valid().AddLink(new Link("BC", "B", "C", 0, new Dictionary<string, double>())).Build();
        Assert.Empty(Valid().Validate());
        Assert.Equal(1, network.Version);
        Assert.Equal(["A", "B", "C"], network.Nodes.Select(n => n.Id));
        Assert.Equal(["AB", "BC"], network.Links.Select(l => l.Id));
        Assert.Equal<string>([Profiles.Truck, Profiles.Motorbike], network.Profiles);
        Assert.Equal(1, network.IndexOfNode("B"));
        Assert.Equal(-1, network.IndexOfNode("Z"));
    }

    [Fact]
    public void Boundary_values_are_valid()
    {
        var builder = new NetworkBuilder()
            .AddNode(new Node("N", NodeKind.Junction, "", new GeoPoint(90, 180)))
            .AddNode(new Node("S", NodeKind.Junction, "", new GeoPoint(-90, -180)))
            .AddLink(new Link("L", "N", "S", 0, new Dictionary<string, double> { ["p"] = 0 }))
            .AddCommune(new Commune("1", "x", CommuneType.Xa, "", "", new GeoPoint(0, 0), 0, 0));
        Assert.Empty(builder.Validate());
    }

    [Fact]
    public void Internal_build_keeps_the_given_version()
    {
        Assert.Equal(42, Valid().Build(42).Version);
        Assert.Throws<ArgumentOutOfRangeException>(() => Valid().Build(0));
    }

    [Fact]
    public void Duplicate_node_id_is_reported()
    {
        var error = SingleError(Valid().AddNode(new Node("B", NodeKind.Junction, "", new GeoPoint(1, 1))));
        Assert.Equal(new NetworkError("nodes[B]", "id", "duplicate node id"), error);
    }

    [Fact]
    public void Duplicate_link_id_is_reported()
    {
        var error = SingleError(Valid().AddLink(new Link("AB", "B", "C", 5, Times())));
        Assert.Equal(new NetworkError("links[AB]", "id", "duplicate link id"), error);
    }

    [Fact]
    public void Duplicate_commune_code_is_reported()
    {
        var error = SingleError(Valid().AddCommune(new Commune("100", "Xã Y", CommuneType.Xa, "9", "D")));
        Assert.Equal(new NetworkError("communes[100]", "code", "duplicate commune code"), error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_node_id_is_reported_with_its_position(string id)
    {
        var error = SingleError(Valid().AddNode(new Node(id, NodeKind.Junction, "", new GeoPoint(1, 1))));
        Assert.Equal(new NetworkError("nodes[#3]", "id", "is empty"), error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\t")]
    public void Empty_link_id_is_reported_with_its_position(string id)
    {
        var error = SingleError(Valid().AddLink(new Link(id, "B", "C", 5, Times())));
        Assert.Equal(new NetworkError("links[#1]", "id", "is empty"), error);
    }

    [Fact]
    public void Empty_commune_code_is_reported_with_its_position()
    {
        var error = SingleError(Valid().AddCommune(new Commune("", "Xã Y", CommuneType.Xa, "9", "D")));
        Assert.Equal(new NetworkError("communes[#1]", "code", "is empty"), error);
    }

    [Fact]
    public void Link_from_unknown_node_is_reported()
    {
        var error = SingleError(Valid().AddLink(new Link("XB", "X", "B", 5, Times())));
        Assert.Equal("links[XB]", error.Path);
        Assert.Equal("from", error.Field);
        Assert.Contains("'X'", error.Message);
    }

    [Fact]
    public void Link_to_unknown_node_is_reported()
    {
        var error = SingleError(Valid().AddLink(new Link("BY", "B", "Y", 5, Times())));
        Assert.Equal("links[BY]", error.Path);
        Assert.Equal("to", error.Field);
        Assert.Contains("'Y'", error.Message);
    }

    [Fact]
    public void Node_ids_are_case_sensitive()
    {
        var error = SingleError(Valid().AddLink(new Link("Ab", "a", "B", 5, Times())));
        Assert.Equal(("links[Ab]", "from"), (error.Path, error.Field));
    }

    [Fact]
    public void Self_loop_is_reported()
    {
        var error = SingleError(Valid().AddLink(new Link("CC", "C", "C", 5, Times())));
        Assert.Equal("links[CC]", error.Path);
        Assert.Equal("to", error.Field);
        Assert.Contains("self-loop", error.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Bad_length_is_reported(double length)
    {
        var error = SingleError(Valid().AddLink(new Link("BC", "B", "C", length, Times())));
        Assert.Equal(("links[BC]", "lengthMetres"), (error.Path, error.Field));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Bad_travel_time_is_reported_with_its_profile(double seconds)
    {
        var error = SingleError(Valid().AddLink(new Link("BC", "B", "C", 5, Times(motorbike: seconds))));
        Assert.Equal(("links[BC]", "travelTimeSeconds.motorbike"), (error.Path, error.Field));
    }

    [Fact]
    public void Empty_profile_name_in_travel_times_is_reported()
    {
        var error = SingleError(Valid().AddLink(new Link("BC", "B", "C", 5, new Dictionary<string, double> { [" "] = 3 })));
        Assert.Equal(("links[BC]", "travelTimeSeconds"), (error.Path, error.Field));
    }

    [Theory]
    [InlineData(90.000001)]
    [InlineData(-91.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Node_latitude_out_of_range_is_reported(double latitude)
    {
        var error = SingleError(Valid().AddNode(new Node("D", NodeKind.Junction, "", new GeoPoint(latitude, 100))));
        Assert.Equal(("nodes[D]", "latitude"), (error.Path, error.Field));
    }

    [Theory]
    [InlineData(180.5)]
    [InlineData(-181.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Node_longitude_out_of_range_is_reported(double longitude)
    {
        var error = SingleError(Valid().AddNode(new Node("D", NodeKind.Junction, "", new GeoPoint(10, longitude))));
        Assert.Equal(("nodes[D]", "longitude"), (error.Path, error.Field));
    }

    [Fact]
    public void Commune_location_out_of_range_is_reported()
    {
        var builder = Valid().AddCommune(new Commune("200", "Xã Z", CommuneType.Xa, "9", "D", new GeoPoint(100, double.NaN)));
        var errors = builder.Validate();
        Assert.Equal([("communes[200]", "latitude"), ("communes[200]", "longitude")], errors.Select(e => (e.Path, e.Field)));
    }

    [Fact]
    public void Negative_population_and_bad_area_are_reported()
    {
        var builder = Valid()
            .AddCommune(new Commune("200", "Xã Z", CommuneType.Xa, "9", "D", Population: -1))
            .AddCommune(new Commune("201", "Xã W", CommuneType.Xa, "9", "D", AreaKm2: double.NaN))
            .AddCommune(new Commune("202", "Xã V", CommuneType.Xa, "9", "D", AreaKm2: -2));
        Assert.Equal(
            [("communes[200]", "population"), ("communes[201]", "areaKm2"), ("communes[202]", "areaKm2")],
            builder.Validate().Select(e => (e.Path, e.Field)));
    }

    [Fact]
    public void Undefined_enum_values_are_reported()
    {
        var builder = Valid()
            .AddNode(new Node("D", (NodeKind)99, "", new GeoPoint(1, 1)))
            .AddLink(new Link("BC", "B", "C", 5, Times(), (RoadClass)42));
        Assert.Equal([("nodes[D]", "kind"), ("links[BC]", "roadClass")], builder.Validate().Select(e => (e.Path, e.Field)));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_the_offending_ids()
    {
        var builder = Valid()
            .AddNode(new Node("A", NodeKind.Junction, "", new GeoPoint(1, 1)))
            .AddNode(new Node("E", NodeKind.Junction, "", new GeoPoint(-95, 1)))
            .AddLink(new Link("BQ", "B", "Q", -3, Times(truck: double.NaN)))
            .AddLink(new Link("CC", "C", "C", 1, Times()))
            .AddCommune(new Commune("100", "dup", CommuneType.Phuong, "9", "D"));

        var expected = new[]
        {
            ("nodes[A]", "id"), ("nodes[E]", "latitude"),
            ("links[BQ]", "to"), ("links[BQ]", "lengthMetres"), ("links[BQ]", "travelTimeSeconds.truck"),
            ("links[CC]", "to"),
            ("communes[100]", "code"),
        };
        Assert.Equal(expected, builder.Validate().Select(e => (e.Path, e.Field)));

        var thrown = Assert.Throws<NetworkValidationException>(() => builder.Build());
        Assert.Equal(expected, thrown.Errors.Select(e => (e.Path, e.Field)));
        Assert.StartsWith($"The network has {expected.Length} problems", thrown.Message);
        Assert.Contains("links[BQ].lengthMetres", thrown.Message);
    }

    [Fact]
    public void Validate_does_not_change_the_builder()
    {
        var builder = Valid().AddLink(new Link("CC", "C", "C", 1, Times()));
        Assert.Equal(builder.Validate(), builder.Validate());
        Assert.Equal(2, builder.Links.Count);
    }

    [Fact]
    public void Profiles_used_by_links_are_declared_in_first_use_order_and_explicit_ones_kept()
    {
        var network = new NetworkBuilder()
            .AddProfile("bicycle")
            .AddNode(new Node("A", NodeKind.Junction, "", new GeoPoint(0, 0)))
            .AddNode(new Node("B", NodeKind.Junction, "", new GeoPoint(0, 1)))
            .AddLink(new Link("L", "A", "B", 1, new Dictionary<string, double> { ["foot"] = 9 }))
            .AddProfile("bicycle")
            .Build();
        Assert.Equal<string>(["bicycle", "foot"], network.Profiles);
    }
}
