using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Formats;

public class NetworkCsvTests
{
    private const string Nodes =
        "id,kind,name,lat,lon,commune_code,district_code\n" +
        "HUB,provincialHub,\"Bưu điện tỉnh, Phú Yên\",13.0955,109.3209,22015,555\n" +
        "TA,districtOffice,\"Bưu điện \"\"Tuy An\"\"\",13.2571,109.2095,,559\n" +
        "J1,junction,,13.3,109.25,,\n";

    private const string Links =
        "id,from,to,length_m,road_class,one_way,closed,time_truck_s,time_motorbike_s\n" +
        "HUB-TA,HUB,TA,21345.5,trunk,false,false,1260,1100\n" +
        "TA-J1,TA,J1,3210.125,track,true,true,,300.5\n";

    private const string Communes =
        "code,name,type,district_code,district_name,lat,lon,area_km2,population,postal_code\n" +
        "22015,Phường 1,phường,555,Tuy Hoà,13.08208,109.30194,2.5,12000,56111\n" +
        "22036,Xã An Mỹ,xa,559,Tuy An,,,,,\n" +
        "22081,Thị trấn Chí Thạnh,thị trấn,559,Tuy An,13.3056,109.2208,,,\n";

    private static PostalNetwork Read(string nodes, string links, string? communes = null) =>
        NetworkCsv.Read(new StringReader(nodes), new StringReader(links), communes is null ? null : new StringReader(communes), "t");

    private static IReadOnlyList<NetworkError> Fails(string nodes, string links, string? communes = null) =>
        Assert.Throws<NetworkValidationException>(() => Read(nodes, links, communes)).Errors;

    [Fact]
    public void Reads_quoted_fields_barred_profiles_and_Vietnamese_unit_types()
    {
        var network = Read(Nodes, Links, Communes);

        Assert.Equal("t", network.Name);
        Assert.Equal(1, network.Version);
        Assert.Equal<string>(["truck", "motorbike"], network.Profiles);
        Assert.Equal(new Node("HUB", NodeKind.ProvincialHub, "Bưu điện tỉnh, Phú Yên", new GeoPoint(13.0955, 109.3209), "22015", "555"), network.Nodes[0]);
        Assert.Equal(new Node("TA", NodeKind.DistrictOffice, "Bưu điện \"Tuy An\"", new GeoPoint(13.2571, 109.2095), null, "559"), network.Nodes[1]);
        Assert.Equal(new Node("J1", NodeKind.Junction, "", new GeoPoint(13.3, 109.25)), network.Nodes[2]);

        var track = network.Links[1];
        Assert.Equal((3210.125, RoadClass.Track, true, true), (track.LengthMetres, track.RoadClass, track.OneWay, track.Closed));
        Assert.False(track.Allows("truck"));
        Assert.Equal(300.5, track.TimeFor("motorbike"));
        Assert.Equal(1260, network.Links[0].TimeFor("truck"));

        Assert.Equal(new Commune("22015", "Phường 1", CommuneType.Phuong, "555", "Tuy Hoà", new GeoPoint(13.08208, 109.30194), 12000, 2.5, "56111"), network.Communes[0]);
        Assert.Equal(new Commune("22036", "Xã An Mỹ", CommuneType.Xa, "559", "Tuy An"), network.Communes[1]);
        Assert.Equal(CommuneType.ThiTran, network.Communes[2].Type);
        Assert.Null(network.Communes[2].Population);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_optional_ones_may_be_absent()
    {
        var network = Read(
            "lon,lat,name,kind,id\n109,13,a,Provincial_Hub,A\n109.5,13.5,b,JUNCTION,B\n",
            "time_foot_s,length_m,to,from,id\n60,100,B,A,AB\n",
            "district_name,district_code,type,name,code\nTuy An,559,Thị Trấn,X,1\n");

        Assert.Equal(NodeKind.ProvincialHub, network.Nodes[0].Kind);
        Assert.Equal(new GeoPoint(13, 109), network.Nodes[0].Location);
        Assert.Equal(NodeKind.Junction, network.Nodes[1].Kind);
        var link = network.Links[0];
        Assert.Equal(("AB", "A", "B", 100.0, RoadClass.Local, false, false), (link.Id, link.From, link.To, link.LengthMetres, link.RoadClass, link.OneWay, link.Closed));
        Assert.Equal(60, link.TimeFor("foot"));
        Assert.Equal(new Commune("1", "X", CommuneType.ThiTran, "559", "Tuy An"), network.Communes[0]);
    }

    [Fact]
    public void Handles_CRLF_BOM_blank_lines_and_line_breaks_inside_quotes()
    {
        string nodes = "\uFEFFid,kind,name,lat,lon\r\nA,junction,\"two\r\nlines\",1,2\r\n\r\nB,junction,\"x\"\"y\",3,4";
        string links = "id,from,to,length_m\r\nAB,A,B,1e3\r\n\r\n";
        var network = Read(nodes, links);

        Assert.Equal("two\r\nlines", network.Nodes[0].Name);
        Assert.Equal("x\"y", network.Nodes[1].Name);
        Assert.Equal(1000, network.Links[0].LengthMetres);
        Assert.Empty(network.Profiles);
    }

    /// <summary>A reader that never answers Peek, as some stream-backed readers do: the parser must not rely on it.</summary>
    private sealed class NoPeekReader(string text) : StringReader(text)
    {
        public override int Peek() => -1;
    }

    [Fact]
    public void Does_not_rely_on_TextReader_Peek()
    {
        var network = NetworkCsv.Read(new NoPeekReader(Nodes), new NoPeekReader(Links.Replace("\n", "\r\n")), new NoPeekReader(Communes));
        NetworkAssert.SameContent(Read(Nodes, Links, Communes), network);
    }

    [Fact]
    public void Reads_the_official_register_layout_without_postal_codes()
    {
        // Header and rows as in the Phú Yên register (data/phu-yen/communes.csv of the shared reference data).
        const string register =
            "code,name,type,district_code,district_name,lat,lon,area_km2,population\n" +
            "22015,Phường 1,phường,555,Tuy Hoà,13.08208,109.30194,,\n" +
            "22018,Phường 8,phường,555,Tuy Hoà,,,,\n";
        var network = Read(Nodes, Links, register);
        Assert.Equal(new Commune("22015", "Phường 1", CommuneType.Phuong, "555", "Tuy Hoà", new GeoPoint(13.08208, 109.30194)), network.Communes[0]);
        Assert.Equal(new Commune("22018", "Phường 8", CommuneType.Phuong, "555", "Tuy Hoà"), network.Communes[1]);
    }

    [Fact]
    public void Writes_the_documented_headers_and_cells()
    {
        var (nodes, links, communes) = RoundTripProperties.WriteCsv(TestNetworks.Small());

        Assert.StartsWith("id,kind,name,lat,lon,commune_code,district_code\nH,provincialHub,Bưu điện tỉnh Phú Yên,13.0955,109.3209,22015,555\n", nodes);
        Assert.Contains("\nJ,junction,,13.3,109.25,,\n", nodes);
        Assert.StartsWith("id,from,to,length_m,road_class,one_way,closed,time_truck_s,time_motorbike_s\nHD,H,D,21345.5,trunk,false,false,1260.25,1100\n", links);
        Assert.Contains("\nDS,D,S,3210.125,local,false,false,,300.5\n", links);
        Assert.StartsWith("code,name,type,district_code,district_name,lat,lon,area_km2,population,postal_code\n22015,Phường 1,phuong,555,Tuy Hoà,13.08208,109.30194,2.5,12345,56111\n", communes);
        Assert.Contains("\n22036,Xã An Mỹ,xa,559,Tuy An,,,,,\n", communes);
        Assert.DoesNotContain("\r", nodes + links + communes);
    }

    [Fact]
    public void Writer_quotes_only_fields_that_need_it()
    {
        var network = new NetworkBuilder()
            .AddNode(new Node("A", NodeKind.Junction, "a,b", new GeoPoint(0, 0)))
            .AddNode(new Node("B", NodeKind.Junction, "say \"hi\"", new GeoPoint(0, 0)))
            .AddNode(new Node("C", NodeKind.Junction, "x\ny", new GeoPoint(0, 0)))
            .AddNode(new Node("D", NodeKind.Junction, " spaced ", new GeoPoint(0, 0)))
            .Build();
        var (nodes, _, _) = RoundTripProperties.WriteCsv(network);
        Assert.Equal(
            ["A,junction,\"a,b\",0,0,,", "B,junction,\"say \"\"hi\"\"\",0,0,,", "C,junction,\"x", "y\",0,0,,", "D,junction, spaced ,0,0,,", ""],
            nodes.Split('\n').Skip(1));
    }

    [Fact]
    public void Missing_required_column_names_file_and_column()
    {
        var errors = Fails(Nodes, "id,from,to,road_class\nX,HUB,TA,trunk\n");
        var error = Assert.Single(errors);
        Assert.Equal(("links.csv:1", "length_m"), (error.Path, error.Field));
        Assert.Equal("required column is missing", error.Message);
    }

    [Fact]
    public void Unknown_and_repeated_columns_are_rejected()
    {
        var errors = Fails(Nodes.Replace("district_code", "district"), Links.Replace("closed", "one_way"));
        Assert.Equal(
            [("nodes.csv:1", "district"), ("links.csv:1", "one_way")],
            errors.Select(e => (e.Path, e.Field)));
        Assert.StartsWith("unknown column", errors[0].Message);
        Assert.Equal("column appears more than once", errors[1].Message);
    }

    [Fact]
    public void Empty_profile_column_name_is_rejected()
    {
        var error = Assert.Single(Fails(Nodes, Links.Replace("time_truck_s", "time__s")));
        Assert.Equal(("links.csv:1", "time__s"), (error.Path, error.Field));
    }

    [Fact]
    public void Empty_files_are_reported()
    {
        var errors = Fails("", "\n\n");
        Assert.Equal([("nodes.csv", ""), ("links.csv", "")], errors.Select(e => (e.Path, e.Field)));
        Assert.Contains("empty", errors[0].Message);
    }

    [Theory]
    [InlineData("21345.5", "21,345.5")]
    [InlineData("21345.5", "21345,5")]
    [InlineData("21345.5", "abc")]
    [InlineData("21345.5", "-1")]
    [InlineData("21345.5", "NaN")]
    [InlineData("21345.5", "Infinity")]
    [InlineData("21345.5", "1e999")]
    [InlineData("21345.5", "")]
    public void Bad_length_cell_names_line_column_and_value(string good, string bad)
    {
        var error = Assert.Single(Fails(Nodes, Links.Replace(good, bad.Contains(',') ? $"\"{bad}\"" : bad)));
        Assert.Equal(("links.csv:2", "length_m"), (error.Path, error.Field));
        Assert.Contains(bad.Length == 0 ? "is empty" : $"'{bad}'", error.Message);
    }

    [Theory]
    [InlineData("HUB,provincialHub", "HUB,castle", "kind", "'castle'")]
    [InlineData("13.0955", "95", "lat", "'95'")]
    [InlineData("109.3209", "-180.5", "lon", "'-180.5'")]
    [InlineData("109.3209", "", "lon", "is empty")]
    [InlineData("13.0955", "13°05'", "lat", "'13°05''")]
    public void Bad_node_cell_names_line_column_and_value(string good, string bad, string column, string mention)
    {
        var error = Assert.Single(Fails(Nodes.Replace(good, bad), Links));
        Assert.Equal(("nodes.csv:2", column), (error.Path, error.Field));
        Assert.Contains(mention, error.Message);
    }

    [Theory]
    [InlineData("track,true,true,,300.5", "road,true,true,,300.5", "road_class", "'road'")]
    [InlineData("track,true,true,,300.5", "track,yes,true,,300.5", "one_way", "'yes'")]
    [InlineData("track,true,true,,300.5", "track,true,maybe,,300.5", "closed", "'maybe'")]
    [InlineData("track,true,true,,300.5", "track,true,true,-5,300.5", "time_truck_s", "'-5'")]
    [InlineData("track,true,true,,300.5", "track,true,true,,5 min", "time_motorbike_s", "'5 min'")]
    public void Bad_link_cell_names_line_column_and_value(string good, string bad, string column, string mention)
    {
        var error = Assert.Single(Fails(Nodes, Links.Replace(good, bad)));
        Assert.Equal(("links.csv:3", column), (error.Path, error.Field));
        Assert.Contains(mention, error.Message);
    }

    [Theory]
    [InlineData("phường,555", "ward,555", "type", "'ward'")]
    [InlineData("2.5,12000", "2.5,-3", "population", "'-3'")]
    [InlineData("2.5,12000", "2.5,12000.5", "population", "'12000.5'")]
    [InlineData("2.5,12000", "-2.5,12000", "area_km2", "'-2.5'")]
    [InlineData("13.08208,109.30194", "13.08208,", "lon", "give both or neither")]
    [InlineData("13.08208,109.30194", "91,109.30194", "lat", "'91'")]
    public void Bad_commune_cell_names_line_column_and_value(string good, string bad, string column, string mention)
    {
        var error = Assert.Single(Fails(Nodes, Links, Communes.Replace(good, bad)));
        Assert.Equal(("communes.csv:2", column), (error.Path, error.Field));
        Assert.Contains(mention, error.Message);
    }

    [Fact]
    public void Empty_id_is_reported_at_its_line()
    {
        var error = Assert.Single(Fails(Nodes + " ,junction,,1,1,,\n", Links));
        Assert.Equal(("nodes.csv:5", "id"), (error.Path, error.Field));
    }

    [Fact]
    public void Malformed_records_name_their_line()
    {
        string nodes = Nodes +
            "X1,junction,\"unclosed,1,1,,\n";
        string links = Links +
            "L3,HUB,TA,5\n" +                              // too few fields
            "L4,HUB,TA,5,local,false,false,1,\"2\"x\n" +   // text after a closing quote
            "L5,HUB,TA,5,lo\"cal,false,false,1,2\n";        // quote inside an unquoted field
        var errors = Fails(nodes, links);

        Assert.Equal(["nodes.csv:5", "links.csv:4", "links.csv:5", "links.csv:6"], errors.Select(e => e.Path));
        Assert.Contains("never closed", errors[0].Message);
        Assert.Equal("expected 9 fields, found 4", errors[1].Message);
        Assert.Contains("after the closing quote", errors[2].Message);
        Assert.Contains("quote inside unquoted field 5", errors[3].Message);
    }

    [Fact]
    public void Line_numbers_count_line_breaks_inside_quoted_fields()
    {
        string nodes = Nodes.Replace("\"Bưu điện tỉnh, Phú Yên\"", "\"Bưu điện\ntỉnh\r\nPhú Yên\"").Replace("13.2571", "x");
        var error = Assert.Single(Fails(nodes, Links));
        Assert.Equal(("nodes.csv:5", "lat"), (error.Path, error.Field));
    }

    [Fact]
    public void Cross_row_problems_come_from_the_builder_with_csv_columns_and_lines()
    {
        string links = Links +
            "HUB-TA,TA,HUB,1,local,false,false,1,1\n" +
            "TA-X,TA,X,1,local,false,false,1,1\n" +
            "J1-J1,J1,J1,1,local,false,false,1,1\n";
        var errors = Fails(Nodes + "TA,junction,,1,1,,\n", links);

        Assert.Equal(
        [
            ("nodes[TA]", "id", "duplicate node id (nodes.csv lines 3, 5)"),
            ("links[HUB-TA]", "id", "duplicate link id (links.csv lines 2, 4)"),
            ("links[TA-X]", "to", "unknown node 'X' (links.csv line 5)"),
            ("links[J1-J1]", "to", "self-loop: a link must join two different nodes (links.csv line 6)"),
        ], errors.Select(e => (e.Path, e.Field, e.Message)));
    }

    [Fact]
    public void All_problems_of_all_files_are_reported_in_one_exception()
    {
        var ex = Assert.Throws<NetworkValidationException>(() => Read(
            Nodes.Replace("13.0955", "north"),
            Links.Replace("21345.5", "far").Replace("HUB,TA", "HUB,TB"),
            Communes.Replace("phường", "city")));

        Assert.Equal(
            [("nodes.csv:2", "lat"), ("links.csv:2", "length_m"), ("communes.csv:2", "type"), ("links[HUB-TA]", "to")],
            ex.Errors.Select(e => (e.Path, e.Field)));
        Assert.StartsWith("The network has 4 problems", ex.Message);
    }

    [Fact]
    public void Round_trips_the_small_network()
    {
        var network = TestNetworks.Small();
        var (nodes, links, communes) = RoundTripProperties.WriteCsv(network);
        NetworkAssert.SameContent(network, Read(nodes, links, communes));
    }
}
