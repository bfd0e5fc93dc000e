using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;

namespace PostRoute.Engine.Tests.Planning;

public class MailVolumesTests
{
    private static readonly DateOnly Monday = new(2025, 3, 10);

    [Fact]
    public void Same_seed_and_date_give_the_same_volumes()
    {
        var a = MailVolumes.Generate(PhuYen.Network, Monday, 7);
        var b = MailVolumes.Generate(PhuYen.Network, Monday, 7);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Another_date_or_seed_gives_other_volumes()
    {
        var a = MailVolumes.Generate(PhuYen.Network, Monday, 7);
        Assert.NotEqual(a.ToArray(), MailVolumes.Generate(PhuYen.Network, Monday.AddDays(1), 7).ToArray());
        Assert.NotEqual(a.ToArray(), MailVolumes.Generate(PhuYen.Network, Monday, 8).ToArray());
    }

    [Fact]
    public void Every_service_point_commune_gets_one_non_negative_volume()
    {
        var volumes = MailVolumes.Generate(PhuYen.Network, Monday, 1);
        var expected = PhuYen.Network.Nodes.Where(n => n.Kind == NodeKind.CommuneServicePoint).Select(n => n.CommuneCode!).ToList();
        Assert.Equal(expected, volumes.Select(v => v.CommuneCode));
        Assert.All(volumes, v => Assert.True(v.DeliveryKg >= 0 && v.PickupKg >= 0 && v.HandledKg > 0, v.ToString()));
    }

    [Fact]
    public void Sunday_has_less_mail_than_Monday()
    {
        double monday = MailVolumes.Generate(PhuYen.Network, Monday, 3).Sum(v => v.DeliveryKg);
        double sunday = MailVolumes.Generate(PhuYen.Network, Monday.AddDays(6), 3).Sum(v => v.DeliveryKg);
        Assert.True(sunday < monday, $"{sunday} vs {monday}");
    }

    [Fact]
    public void Csv_round_trips()
    {
        var volumes = MailVolumes.Generate(PhuYen.Network, Monday, 5).Add(new CommuneVolume("22015", 1.0 / 3, 0));
        volumes = volumes.RemoveAt(0); // keep 22015 once (it is the first service point)
        var writer = new StringWriter();
        MailVolumes.WriteCsv(volumes, writer);
        var read = MailVolumes.ReadCsv(new StringReader(writer.ToString()), PhuYen.Network);
        Assert.Equal(volumes.ToArray(), read.ToArray());
    }

    [Fact]
    public void Csv_accepts_columns_in_any_order_and_a_name_column()
    {
        const string csv = "pickup_kg,name,commune_code,delivery_kg\n2.5,\"Phường 1, Tuy Hòa\",22015,10\n";
        var read = MailVolumes.ReadCsv(new StringReader(csv), PhuYen.Network);
        Assert.Equal([new CommuneVolume("22015", 10, 2.5)], read.ToArray());
    }

    [Fact]
    public void Malformed_rows_are_reported_with_file_line_and_field()
    {
        const string csv = "commune_code,delivery_kg,pickup_kg\n22015,10,1\n22018,ten,1\n99999,1,1\n22015,1,1\n22024,1,-2\n";
        var error = Assert.Throws<VolumeFormatException>(() => MailVolumes.ReadCsv(new StringReader(csv), PhuYen.Network, "day.csv"));

        Assert.Contains(error.Errors, e => e.Path == "day.csv:3" && e.Field == "delivery_kg" && e.Message.Contains("'ten'"));
        Assert.Contains(error.Errors, e => e.Path == "day.csv:4" && e.Field == "commune_code" && e.Message.Contains("99999"));
        Assert.Contains(error.Errors, e => e.Path == "day.csv:5" && e.Field == "commune_code" && e.Message.Contains("line 2"));
        Assert.Contains(error.Errors, e => e.Path == "day.csv:6" && e.Field == "pickup_kg");
        Assert.Equal(4, error.Errors.Count);
        Assert.Contains("day.csv:3.delivery_kg", error.Message);
    }

    [Fact]
    public void Missing_column_is_reported_on_the_header_line()
    {
        var error = Assert.Throws<VolumeFormatException>(() => MailVolumes.ReadCsv(new StringReader("commune_code,delivery_kg\n22015,1\n"), PhuYen.Network));
        var only = Assert.Single(error.Errors);
        Assert.Equal(("volumes.csv:1", "pickup_kg"), (only.Path, only.Field));
    }

    [Fact]
    public void Communes_without_a_service_point_are_accepted()
    {
        var unlocated = PhuYen.Network.Communes.First(c => c.Location is null);
        var read = MailVolumes.ReadCsv(new StringReader($"commune_code,delivery_kg,pickup_kg\n{unlocated.Code},3,1\n"), PhuYen.Network);
        Assert.Equal(unlocated.Code, Assert.Single(read).CommuneCode);
    }
}
