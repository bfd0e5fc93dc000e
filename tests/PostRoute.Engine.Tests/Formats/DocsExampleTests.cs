using System.Text.Json;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Formats;

/// <summary>The examples of docs/network-format.md, copied verbatim: they must stay readable and agree.</summary>
public class DocsExampleTests
{
    private const string Json = """
        {
          "formatVersion": 1,
          "name": "demo",
          "version": 2,
          "profiles": ["truck", "motorbike"],
          "nodes": [
            {
              "id": "HUB",
              "kind": "provincialHub",
              "name": "Bưu điện tỉnh Phú Yên",
              "location": { "latitude": 13.0955, "longitude": 109.3209 },
              "communeCode": "22015",
              "districtCode": "555"
            },
            {
              "id": "TA",
              "kind": "districtOffice",
              "name": "Bưu điện Tuy An",
              "location": { "latitude": 13.2571, "longitude": 109.2095 },
              "communeCode": null,
              "districtCode": "559"
            },
            {
              "id": "AM",
              "kind": "communeServicePoint",
              "name": "Điểm BĐVHX An Mỹ",
              "location": { "latitude": 13.2801, "longitude": 109.2302 },
              "communeCode": "22036",
              "districtCode": "559"
            }
          ],
          "links": [
            {
              "id": "HUB-TA",
              "from": "HUB",
              "to": "TA",
              "lengthMetres": 21345.5,
              "travelTimeSeconds": { "truck": 1260, "motorbike": 1100 },
              "roadClass": "trunk",
              "oneWay": false,
              "closed": false
            },
            {
              "id": "TA-AM",
              "from": "TA",
              "to": "AM",
              "lengthMetres": 3210.1,
              "travelTimeSeconds": { "motorbike": 300.5 },
              "roadClass": "local",
              "oneWay": false,
              "closed": true
            }
          ],
          "communes": [
            {
              "code": "22015", "name": "Phường 1", "type": "phuong", "districtCode": "555", "districtName": "Tuy Hoà",
              "location": { "latitude": 13.08208, "longitude": 109.30194 },
              "population": null, "areaKm2": null, "postalCode": "56111"
            },
            {
              "code": "22036", "name": "Xã An Mỹ", "type": "xa", "districtCode": "559", "districtName": "Tuy An",
              "location": null, "population": null, "areaKm2": null, "postalCode": null
            },
            {
              "code": "22081", "name": "Thị trấn Chí Thạnh", "type": "thiTran", "districtCode": "559", "districtName": "Tuy An",
              "location": null, "population": 13250, "areaKm2": 7.4, "postalCode": null
            }
          ]
        }
        """;

    private const string NodesCsv = """
        id,kind,name,lat,lon,commune_code,district_code
        HUB,provincialHub,Bưu điện tỉnh Phú Yên,13.0955,109.3209,22015,555
        TA,districtOffice,Bưu điện Tuy An,13.2571,109.2095,,559
        AM,communeServicePoint,Điểm BĐVHX An Mỹ,13.2801,109.2302,22036,559
        """;

    private const string LinksCsv = """
        id,from,to,length_m,road_class,one_way,closed,time_truck_s,time_motorbike_s
        HUB-TA,HUB,TA,21345.5,trunk,false,false,1260,1100
        TA-AM,TA,AM,3210.1,local,false,true,,300.5
        """;

    private const string CommunesCsv = """
        code,name,type,district_code,district_name,lat,lon,area_km2,population,postal_code
        22015,Phường 1,phuong,555,Tuy Hoà,13.08208,109.30194,,,56111
        22036,Xã An Mỹ,xa,559,Tuy An,,,,,
        22081,Thị trấn Chí Thạnh,thiTran,559,Tuy An,,,7.4,13250,
        """;

    private const string GeoJsonExcerpt = """
        {
          "type": "FeatureCollection",
          "name": "demo",
          "version": 2,
          "profiles": ["truck", "motorbike"],
          "features": [
            {
              "type": "Feature",
              "geometry": { "type": "Point", "coordinates": [109.3209, 13.0955] },
              "properties": { "id": "HUB", "kind": "provincialHub", "name": "Bưu điện tỉnh Phú Yên", "communeCode": "22015", "districtCode": "555" }
            },
            {
              "type": "Feature",
              "geometry": { "type": "LineString", "coordinates": [[109.2095, 13.2571], [109.2302, 13.2801]] },
              "properties": {
                "id": "TA-AM", "from": "TA", "to": "AM", "lengthMetres": 3210.1, "roadClass": "local",
                "oneWay": false, "closed": true, "time_truck_s": null, "time_motorbike_s": 300.5
              }
            }
          ],
          "communesWithoutNode": [
            {
              "code": "22081", "name": "Thị trấn Chí Thạnh", "type": "thiTran", "districtCode": "559", "districtName": "Tuy An",
              "location": null, "population": 13250, "areaKm2": 7.4, "postalCode": null
            }
          ]
        }
        """;

    [Fact]
    public void Json_and_csv_examples_describe_the_same_network()
    {
        var fromJson = NetworkJson.Read(Json);
        var fromCsv = NetworkCsv.Read(new StringReader(NodesCsv), new StringReader(LinksCsv), new StringReader(CommunesCsv), "demo");

        NetworkAssert.SameContent(fromJson, fromCsv);
        Assert.Equal(("demo", 2L), (fromJson.Name, fromJson.Version));
        Assert.Equal(3, fromJson.Nodes.Length);
        Assert.Equal(2, fromJson.Links.Length);
        Assert.Equal(3, fromJson.Communes.Length);
        var taAm = fromJson.Links[1];
        Assert.True(taAm.Closed);
        Assert.False(taAm.Allows(Profiles.Truck));
        Assert.Null(fromJson.Communes[2].Location);
        Assert.Equal(13250, fromJson.Communes[2].Population);

        // The writer's output differs from the example only in layout.
        using var example = JsonDocument.Parse(Json);
        using var written = JsonDocument.Parse(NetworkJson.Write(fromJson));
        Assert.True(JsonElement.DeepEquals(example.RootElement, written.RootElement));
    }

    [Fact]
    public void Csv_writer_produces_the_csv_example()
    {
        var (nodes, links, communes) = RoundTripProperties.WriteCsv(NetworkJson.Read(Json));
        Assert.Equal((NodesCsv + "\n", LinksCsv + "\n", CommunesCsv + "\n"), (nodes, links, communes));
    }

    [Fact]
    public void GeoJson_excerpt_matches_the_writer_output()
    {
        using var written = JsonDocument.Parse(NetworkGeoJson.Write(NetworkJson.Read(Json)));
        using var excerpt = JsonDocument.Parse(GeoJsonExcerpt);
        var features = written.RootElement.GetProperty("features");
        Assert.True(JsonElement.DeepEquals(excerpt.RootElement.GetProperty("features")[0], features[0]));
        Assert.True(JsonElement.DeepEquals(excerpt.RootElement.GetProperty("features")[1], features[4]));
        Assert.True(JsonElement.DeepEquals(excerpt.RootElement.GetProperty("communesWithoutNode"), written.RootElement.GetProperty("communesWithoutNode")));
        foreach (string member in new[] { "type", "name", "version", "profiles" })
        {
            Assert.True(JsonElement.DeepEquals(excerpt.RootElement.GetProperty(member), written.RootElement.GetProperty(member)), member);
        }
    }
}
