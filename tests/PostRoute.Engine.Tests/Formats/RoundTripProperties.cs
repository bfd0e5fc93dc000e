using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Formats;

public class RoundTripProperties
{
    [Property(Arbitrary = [typeof(RandomNetworks)], MaxTest = 150, Replay = "(20240601,11)")]
    public void Json_round_trip_is_lossless(PostalNetwork network)
    {
        string json = NetworkJson.Write(network);
        var back = NetworkJson.Read(json);

        NetworkAssert.SameContent(network, back);
        Assert.Equal(network.Name, back.Name);
        Assert.Equal(network.Version, back.Version);
        Assert.Equal(json, NetworkJson.Write(back));
    }

    [Property(Arbitrary = [typeof(RandomNetworks)], MaxTest = 50, Replay = "(7771,13)")]
    public void Json_stream_and_string_forms_agree(PostalNetwork network)
    {
        using var stream = new MemoryStream();
        NetworkJson.Write(network, stream);
        byte[] bytes = stream.ToArray();
        Assert.Equal(Encoding.UTF8.GetBytes(NetworkJson.Write(network)), bytes);

        stream.Position = 0;
        NetworkAssert.SameContent(network, NetworkJson.Read(stream));
    }

    [Property(Arbitrary = [typeof(RandomNetworks)], MaxTest = 150, Replay = "(99173,17)")]
    public void Csv_round_trip_is_lossless(PostalNetwork network)
    {
        var (nodes, links, communes) = WriteCsv(network);
        var back = NetworkCsv.Read(new StringReader(nodes), new StringReader(links), new StringReader(communes), network.Name);

        NetworkAssert.SameContent(network, back);
        Assert.Equal(network.Name, back.Name);
        Assert.Equal(1, back.Version);
        Assert.Equal((nodes, links, communes), WriteCsv(back));
    }

    [Property(Arbitrary = [typeof(RandomNetworks)], MaxTest = 40, Replay = "(31337,19)")]
    public void Csv_reads_the_same_with_CRLF_line_ends_and_a_BOM(PostalNetwork network)
    {
        var (nodes, links, communes) = WriteCsv(network);
        // Only record ends become CRLF: line breaks inside quoted fields are data and must stay as they are.
        var back = NetworkCsv.Read(
            new StringReader("\uFEFF" + ToCrlfRecordEnds(nodes)),
            new StringReader("\uFEFF" + ToCrlfRecordEnds(links)),
            new StringReader(ToCrlfRecordEnds(communes)));
        NetworkAssert.SameContent(network, back);
    }

    [Property(Arbitrary = [typeof(RandomNetworks)], MaxTest = 40, Replay = "(4242,23)")]
    public void Json_survives_a_trip_through_CSV_except_name_and_version(PostalNetwork network)
    {
        var (nodes, links, communes) = WriteCsv(network);
        var viaCsv = NetworkCsv.Read(new StringReader(nodes), new StringReader(links), new StringReader(communes), network.Name);
        var viaJson = NetworkJson.Read(NetworkJson.Write(viaCsv));
        NetworkAssert.SameContent(network, viaJson);
    }

    internal static (string Nodes, string Links, string Communes) WriteCsv(PostalNetwork network)
    {
        var nodes = new StringWriter();
        var links = new StringWriter();
        var communes = new StringWriter();
        NetworkCsv.Write(network, nodes, links, communes);
        return (nodes.ToString(), links.ToString(), communes.ToString());
    }

    /// <summary>Turns the LF that ends each record into CRLF, leaving line breaks inside quotes alone.</summary>
    private static string ToCrlfRecordEnds(string csv)
    {
        var result = new StringBuilder();
        bool quoted = false;
        foreach (char c in csv)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == '\n' && !quoted)
            {
                result.Append('\r');
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
