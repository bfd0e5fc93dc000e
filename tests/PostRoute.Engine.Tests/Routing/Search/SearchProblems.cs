using System.Collections.Immutable;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Routing.Search;

/// <summary>Features a random test problem may combine.</summary>
[Flags]
internal enum Variant
{
    None = 0,
    TimeWindows = 1 << 0,
    TwoDimensions = 1 << 1,
    Pickups = 1 << 2,
    Shipments = 1 << 3,
    SeveralDepots = 1 << 4,
    OpenRoutes = 1 << 5,
    MixedFleet = 1 << 6,
    Skills = 1 << 7,
    Optional = 1 << 8,
    Limits = 1 << 9,
    FixedCosts = 1 << 10,
    TimeCost = 1 << 11,
    VehiclesFirst = 1 << 12,
    AsymmetricMatrix = 1 << 13,
    TwoProfiles = 1 << 14,
    SeveralWindows = 1 << 15,
    Breaks = 1 << 16,
}

/// <summary>Small random routing problems for the search's property tests, reproducible from a seed.</summary>
internal static class SearchProblems
{
    public const int VariantCount = 17;

    /// <summary>A problem with a random subset of the variants, all drawn from <paramref name="seed"/>.</summary>
    public static RoutingProblem Random(int seed, out Variant variant)
    {
        var rng = new System.Random(seed);
        variant = Variant.None;
        for (int bit = 0; bit < VariantCount; bit++)
        {
            if (rng.NextDouble() < 0.3)
            {
                variant |= (Variant)(1 << bit);
            }
        }

        return Create(rng, variant);
    }

    /// <summary>A problem with exactly the given variants.</summary>
    public static RoutingProblem Create(int seed, Variant variant) => Create(new System.Random(seed), variant);

    private static RoutingProblem Create(System.Random rng, Variant variant)
    {
        bool Has(Variant v) => (variant & v) != 0;
        var builder = new ProblemBuilder($"random-{variant}") { Objective = Has(Variant.VehiclesFirst) ? Objective.MinimizeVehiclesFirst : Objective.MinimizeCost };
        int dims = Has(Variant.TwoDimensions) ? 2 : 1;
        builder.SetDimensions(dims == 2 ? ["kg", "parcels"] : ["kg"]);
        int depots = Has(Variant.SeveralDepots) ? 3 : 1;
        int jobs = rng.Next(1, 12);
        int shipments = Has(Variant.Shipments) ? rng.Next(1, 4) : 0;
        var points = new List<(double X, double Y)>();
        for (int i = 0; i < depots + jobs + (2 * shipments); i++)
        {
            points.Add((rng.Next(0, 101), rng.Next(0, 101)));
        }

        for (int i = 0; i < points.Count; i++)
        {
            builder.AddLocation($"l{i}", points[i].X, points[i].Y);
        }

        if (Has(Variant.AsymmetricMatrix))
        {
            int n = points.Count;
            var duration = new double[n, n];
            var distance = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double d = Math.Sqrt(Math.Pow(points[i].X - points[j].X, 2) + Math.Pow(points[i].Y - points[j].Y, 2));
                    distance[i, j] = i == j ? 0 : Math.Round(d * (1 + (0.3 * rng.NextDouble())), 1);
                    duration[i, j] = i == j ? 0 : Math.Round(distance[i, j] * (0.8 + (0.4 * rng.NextDouble())), 1);
                }
            }

            builder.SetTravel(new MatrixTravel(duration, distance));
        }
        else
        {
            builder.SetTravel(CoordinateTravel.Euclidean());
        }

        if (Has(Variant.TwoProfiles))
        {
            builder.SetTravel(CoordinateTravel.Euclidean(metresPerUnit: 1, speedMetresPerSecond: 2), "fast");
        }

        string[] skillNames = ["a", "b"];
        ImmutableArray<string> RandomSkills(double p) => [.. skillNames.Where(_ => rng.NextDouble() < p)];

        Amounts RandomAmount(int max) => dims == 1 ? [rng.Next(0, max + 1)] : [rng.Next(0, max + 1), rng.Next(0, 3)];

        TimeWindow[] RandomWindows()
        {
            if (!Has(Variant.TimeWindows) || rng.NextDouble() < 0.2)
            {
                return [];
            }

            double start = rng.Next(0, 600);
            var first = new TimeWindow(start, start + rng.Next(60, 400));
            if (Has(Variant.SeveralWindows) && rng.NextDouble() < 0.6)
            {
                double gapStart = first.End + rng.Next(20, 200);
                return [first, new TimeWindow(gapStart, gapStart + rng.Next(30, 300))];
            }

            return [first];
        }

        double? RandomPenalty() => Has(Variant.Optional) && rng.NextDouble() < 0.5 ? rng.Next(0, 300) : null;

        for (int j = 0; j < jobs; j++)
        {
            builder.AddJob(new Job($"j{j}", depots + j)
            {
                Delivery = RandomAmount(8),
                Pickup = Has(Variant.Pickups) && rng.NextDouble() < 0.5 ? RandomAmount(6) : default,
                ServiceSeconds = rng.Next(0, 20),
                TimeWindows = [.. RandomWindows()],
                Skills = Has(Variant.Skills) && rng.NextDouble() < 0.4 ? RandomSkills(0.5) : [],
                Penalty = RandomPenalty(),
                Priority = rng.Next(0, 3),
            });
        }

        for (int s = 0; s < shipments; s++)
        {
            int pickup = depots + jobs + (2 * s);
            builder.AddShipment(new Shipment(
                $"s{s}",
                new ShipmentStop(pickup) { ServiceSeconds = rng.Next(0, 15), TimeWindows = [.. RandomWindows()] },
                new ShipmentStop(pickup + 1) { ServiceSeconds = rng.Next(0, 15), TimeWindows = [.. RandomWindows()] })
            {
                Amount = RandomAmount(7),
                Skills = Has(Variant.Skills) && rng.NextDouble() < 0.3 ? RandomSkills(0.5) : [],
                Penalty = RandomPenalty(),
            });
        }

        ImmutableArray<Break> RandomBreaks()
        {
            int count = rng.Next(0, 3);
            var breaks = ImmutableArray.CreateBuilder<Break>();
            for (int b = 0; b < count; b++)
            {
                double start = 100 + (300 * b) + rng.Next(0, 150);
                breaks.Add(rng.NextDouble() < 0.3
                    ? new Break($"b{b}", [new TimeWindow(start, start + 60), new TimeWindow(start + 150, start + 250)], rng.Next(10, 40))
                    : new Break($"b{b}", [new TimeWindow(start, start + rng.Next(50, 200))], rng.Next(10, 40)));
            }

            return breaks.ToImmutable();
        }

        int vehicles = rng.Next(1, 5);
        for (int v = 0; v < vehicles; v++)
        {
            bool mixed = Has(Variant.MixedFleet);
            long capacity = mixed ? rng.Next(8, 40) : 25;
            int start = rng.Next(depots);
            int? end = Has(Variant.OpenRoutes) && rng.NextDouble() < 0.5 ? null : (Has(Variant.SeveralDepots) ? rng.Next(depots) : start);
            builder.AddVehicle(new Vehicle($"v{v}", start, end)
            {
                Profile = Has(Variant.TwoProfiles) && rng.NextDouble() < 0.5 ? "fast" : Vehicle.DefaultProfile,
                Capacity = dims == 1 ? [capacity] : [capacity, mixed ? rng.Next(2, 8) : 6],
                Shift = Has(Variant.TimeWindows) ? new TimeWindow(0, rng.Next(700, 1400)) : TimeWindow.Unbounded,
                FixedCost = Has(Variant.FixedCosts) ? rng.Next(0, 200) : 0,
                CostPerKm = mixed ? 500 + rng.Next(0, 1500) : 1000,
                CostPerHour = Has(Variant.TimeCost) ? rng.Next(0, 600) : 0,
                Skills = Has(Variant.Skills) ? RandomSkills(0.6) : [],
                MaxDurationSeconds = Has(Variant.Limits) && rng.NextDouble() < 0.5 ? rng.Next(200, 900) : null,
                MaxTravelSeconds = Has(Variant.Limits) && rng.NextDouble() < 0.3 ? rng.Next(150, 600) : null,
                MaxDistanceMetres = Has(Variant.Limits) && rng.NextDouble() < 0.4 ? rng.Next(150, 700) : null,
                MaxStops = Has(Variant.Limits) && rng.NextDouble() < 0.4 ? rng.Next(2, 7) : null,
                Breaks = Has(Variant.Breaks) ? RandomBreaks() : [],
            });
        }

        return builder.Build();
    }

    /// <summary>A CVRP on the plane: one depot at the centre, <paramref name="customers"/> customers, distance = Euclidean.</summary>
    public static RoutingProblem Cvrp(int seed, int customers, long capacity, int vehicles)
    {
        var rng = new System.Random(seed);
        var builder = new ProblemBuilder($"cvrp-{seed}").SetDimensions("kg");
        builder.AddLocation("depot", 50, 50);
        for (int i = 0; i < customers; i++)
        {
            builder.AddLocation($"c{i}", rng.Next(0, 101), rng.Next(0, 101));
            builder.AddJob(new Job($"j{i}", i + 1) { Delivery = [rng.Next(1, 10)] });
        }

        for (int v = 0; v < vehicles; v++)
        {
            builder.AddVehicle(new Vehicle($"v{v}", 0, 0) { Capacity = [capacity] });
        }

        builder.SetTravel(CoordinateTravel.Euclidean());
        return builder.Build();
    }
}
