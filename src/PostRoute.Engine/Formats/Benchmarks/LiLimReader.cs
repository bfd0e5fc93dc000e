using System.Collections.Immutable;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads Li &amp; Lim PDPTW files: a first line <c>K Q S</c> (vehicles, capacity, speed), then one line per node
/// <c>index x y demand earliest latest service pickup delivery</c>, node 0 being the depot. Tabs, spaces, blank
/// lines and CRLF are accepted. Checks that indices run 0, 1, 2, … and that every non-depot node is paired
/// consistently (a pickup names its delivery, which names it back, with the opposite demand). The instance name is
/// the file name without extension. The result uses <see cref="DistanceRounding.None"/> (double-precision
/// Euclidean, the set's convention) unless told otherwise. Stateless and thread-safe.
/// </summary>
public static class LiLimReader
{
    private const string RowColumns = "index, x, y, demand, earliest, latest, service, pickup, delivery";

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InstanceFormatException">The file is malformed; the message names the path and line.</exception>
    public static PdptwInstance Read(string path, DistanceRounding rounding = DistanceRounding.None)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, rounding);
    }

    /// <summary>Reads an instance from <paramref name="reader"/>; <paramref name="fileName"/> names it and is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">The text is malformed; the message names <paramref name="fileName"/> and the line.</exception>
    public static PdptwInstance Read(TextReader reader, string fileName, DistanceRounding rounding = DistanceRounding.None) =>
        Parse(new InstanceText(reader, fileName), rounding);

    /// <summary>Parses instance <paramref name="text"/>; <paramref name="fileName"/> names it and is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">The text is malformed.</exception>
    public static PdptwInstance Parse(string text, string fileName = "<text>", DistanceRounding rounding = DistanceRounding.None) =>
        Read(new StringReader(text), fileName, rounding);

    private static PdptwInstance Parse(InstanceText text, DistanceRounding rounding)
    {
        int line = text.NextNonBlank(0);
        if (line == text.Count)
        {
            throw text.EndOfFile("the first line 'K Q S' (vehicles, capacity, speed)");
        }

        string[] header = text.Row(line, 3, "K Q S: vehicles, capacity, speed");
        int vehicleCount = text.Integer(header[0], line, "the number of vehicles K");
        int capacity = text.Integer(header[1], line, "the capacity Q");
        double speed = text.Number(header[2], line, "the speed S");
        if (vehicleCount < 1 || capacity < 0)
        {
            throw text.Error(line, $"expected at least 1 vehicle and a non-negative capacity but found K={vehicleCount}, Q={capacity}");
        }

        var nodes = ImmutableArray.CreateBuilder<PdptwNode>();
        var lineOf = new List<int>();
        for (line = text.NextNonBlank(line + 1); line < text.Count; line = text.NextNonBlank(line + 1))
        {
            string[] row = text.Row(line, 9, RowColumns);
            int index = text.Integer(row[0], line, "the node index");
            if (index != nodes.Count)
            {
                throw text.Error(line, $"expected node index {nodes.Count} (nodes are numbered 0, 1, 2, … in order) but found {index}");
            }

            var node = new PdptwNode(
                index,
                new PlanarPoint(text.Number(row[1], line, "x"), text.Number(row[2], line, "y")),
                text.Integer(row[3], line, "demand"),
                text.Number(row[4], line, "earliest"),
                text.Number(row[5], line, "latest"),
                text.Number(row[6], line, "service"),
                text.Integer(row[7], line, "pickup"),
                text.Integer(row[8], line, "delivery"));
            if (node.ReadyTime > node.DueDate)
            {
                throw text.Error(line, $"expected earliest ({node.ReadyTime}) not after latest ({node.DueDate})");
            }

            if (node.ServiceTime < 0)
            {
                throw text.Error(line, $"expected a non-negative service time but found {node.ServiceTime}");
            }

            nodes.Add(node);
            lineOf.Add(line);
        }

        if (nodes.Count == 0)
        {
            throw text.EndOfFile($"the depot line ({RowColumns})");
        }

        CheckPairs(text, nodes, lineOf);
        return new PdptwInstance
        {
            Name = Path.GetFileNameWithoutExtension(text.FileName),
            Rounding = rounding,
            VehicleCount = vehicleCount,
            VehicleCapacity = capacity,
            Speed = speed,
            Nodes = nodes.ToImmutable(),
        };
    }

    private static void CheckPairs(InstanceText text, IReadOnlyList<PdptwNode> nodes, IReadOnlyList<int> lineOf)
    {
        var depot = nodes[0];
        if (depot.Demand != 0 || depot.PickupIndex != 0 || depot.DeliveryIndex != 0)
        {
            throw text.Error(lineOf[0], "expected the depot (node 0) to have demand 0, pickup 0 and delivery 0");
        }

        for (int i = 1; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.IsPickup == node.IsDelivery)
            {
                throw text.Error(lineOf[i], $"expected node {i} to name either its delivery (a pickup) or its pickup (a delivery), not {(node.IsPickup ? "both" : "neither")}");
            }

            int partner = node.IsPickup ? node.DeliveryIndex : node.PickupIndex;
            string role = node.IsPickup ? "delivery" : "pickup";
            if (partner < 1 || partner >= nodes.Count)
            {
                throw text.Error(lineOf[i], $"expected the {role} index of node {i} to be a node 1 … {nodes.Count - 1} but found {partner}");
            }

            var other = nodes[partner];
            int back = node.IsPickup ? other.PickupIndex : other.DeliveryIndex;
            if (back != i)
            {
                throw text.Error(lineOf[partner], $"expected node {partner} to name node {i} as its {(node.IsPickup ? "pickup" : "delivery")} but found {back}");
            }

            if (node.IsPickup && (node.Demand <= 0 || other.Demand != -node.Demand))
            {
                throw text.Error(lineOf[i], $"expected pickup {i} to have a positive demand and its delivery {partner} the same amount negative, but found {node.Demand} and {other.Demand}");
            }
        }
    }
}
