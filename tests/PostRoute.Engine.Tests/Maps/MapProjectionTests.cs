using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Maps;

public sealed class MapProjectionTests
{
    /// <summary>A province-sized box (up to 2° × 2°) anywhere between 70° S and 70° N, and points in it.</summary>
    private static Arbitrary<(double Lat, double Lon, GeoPoint[] Points)> Boxes() =>
        (from lat in Gen.Choose(-70_000, 70_000)
         from lon in Gen.Choose(-178_000, 178_000)
         from size in Gen.Choose(100, 2_000)
         from n in Gen.Choose(2, 8)
         from offsets in Gen.ArrayOf(Gen.Zip(Gen.Choose(-500, 500), Gen.Choose(-500, 500)), n)
         select (lat / 1000.0, lon / 1000.0,
             offsets.Select(o => new GeoPoint(lat / 1000.0 + (o.Item1 / 1000.0 * size / 1000.0), lon / 1000.0 + (o.Item2 / 1000.0 * size / 1000.0))).ToArray()))
        .ToArbitrary();

    [Property(MaxTest = 200, Replay = "(20260301,11)")]
    public Property Pixel_distances_are_proportional_to_great_circle_distances() =>
        Prop.ForAll(Boxes(), box =>
        {
            var projection = MapProjection.FitGeo(box.Points, 1000, 40);
            for (int i = 0; i < box.Points.Length; i++)
            {
                for (int j = i + 1; j < box.Points.Length; j++)
                {
                    double metres = box.Points[i].DistanceTo(box.Points[j]);
                    if (metres < 100)
                    {
                        continue;
                    }

                    double pixels = projection.Project(box.Points[i]).DistanceTo(projection.Project(box.Points[j]));
                    double ratio = pixels / (metres * projection.PixelsPerUnit);
                    if (Math.Abs(ratio - 1) > 0.01)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 100, Replay = "(20260301,13)")]
    public Property Fitted_points_lie_inside_the_margins_and_fill_the_width_or_height() =>
        Prop.ForAll(Boxes(), box =>
        {
            var projection = MapProjection.FitGeo(box.Points, 1000, 40, 2.5);
            var drawn = box.Points.Select(projection.Project).ToList();
            bool inside = drawn.All(p => p.X >= 40 - 1e-6 && p.X <= 960 + 1e-6 && p.Y >= 40 - 1e-6 && p.Y <= projection.Height - 40 + 1e-6);
            double spanX = drawn.Max(p => p.X) - drawn.Min(p => p.X), spanY = drawn.Max(p => p.Y) - drawn.Min(p => p.Y);
            bool filled = Math.Abs(spanX - 920) < 1e-6 || Math.Abs(spanY - ((2.5 * 1000) - 80)) < 1e-6 || Math.Abs(spanY - (projection.Height - 80)) < 1e-6;
            return inside && filled && projection.Height <= 2500 + 1e-6;
        });

    [Fact]
    public void North_is_up_and_east_is_right()
    {
        var projection = MapProjection.FitGeo([new GeoPoint(13, 109), new GeoPoint(13.5, 109.5)], 800);
        var centre = projection.Project(new GeoPoint(13.25, 109.25));
        Assert.True(projection.Project(new GeoPoint(13.4, 109.25)).Y < centre.Y);
        Assert.True(projection.Project(new GeoPoint(13.25, 109.4)).X > centre.X);
        Assert.Equal(centre.X, projection.Project(new GeoPoint(13.4, 109.25)).X, 6);
    }
}
