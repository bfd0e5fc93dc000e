using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>Deterministic random small problems mixing every feature, for property and smoke tests.</summary>
internal static class RandomProblems
{
    public static RoutingProblem Create(int seed, int jobs, int vehicles, int shipments = 0, bool features = false)
    {
        var random = new Random(seed);
        var b = new ProblemBuilder($"random-{seed}").SetDimensions("kg", "items");
        int depots = features ? 1 + random.Next(2) : 1;
        for (int d = 0; d < depots; d++)
        {
            b.AddLocation($"depot{d}", random.Next(0, 100), random.Next(0, 100));
        }

        int Point() => b.AddLocation($"p{b.Locations.Count}", random.Next(0, 100), random.Next(0, 100));
        b.SetTravel(CoordinateTravel.Euclidean());
        const double day = 1000;
        ImmutableArrayBuilder<TimeWindow> Windows()
        {
            var list = new ImmutableArrayBuilder<TimeWindow>();
            if (!features || random.NextDouble() < 0.4)
            {
                return list;
            }

            double start = random.Next(0, 600);
            list.Add(new TimeWindow(start, start + random.Next(40, 300)));
            if (random.NextDouble() < 0.3)
            {
                double second = start + 400;
                list.Add(new TimeWindow(second, second + random.Next(20, 200)));
            }

            return list;
        }

        for (int j = 0; j < jobs; j++)
        {
            bool pickup = features && random.NextDouble() < 0.3;
            Amounts amount = [random.Next(1, 6), random.Next(0, 2)];
            b.AddJob(new Job($"j{j}", Point())
            {
                Delivery = pickup ? default : amount,
                Pickup = pickup ? amount : default,
                ServiceSeconds = random.Next(0, 20),
                TimeWindows = [.. Windows().Items],
                Skills = features && random.NextDouble() < 0.15 ? ["fridge"] : [],
                Penalty = features && random.NextDouble() < 0.25 ? random.Next(1, 300) : null,
                Priority = random.Next(0, 3) * 50,
            });
        }

        for (int s = 0; s < shipments; s++)
        {
            b.AddShipment(new Shipment($"s{s}", new ShipmentStop(Point()) { TimeWindows = [.. Windows().Items] }, new ShipmentStop(Point()) { ServiceSeconds = 5 })
            {
                Amount = [random.Next(1, 5), 1],
                Penalty = random.NextDouble() < 0.3 ? 500 : null,
            });
        }

        for (int v = 0; v < vehicles; v++)
        {
            int depot = random.Next(depots);
            bool open = features && random.NextDouble() < 0.2;
            b.AddVehicle(new Vehicle($"v{v}", depot, open ? null : depot)
            {
                Capacity = [random.Next(8, 25), 10],
                Shift = new TimeWindow(0, features ? random.Next(500, (int)day) : day),
                FixedCost = features ? random.Next(0, 50) : 0,
                CostPerKm = 1000,
                CostPerHour = features ? random.Next(0, 100) : 0,
                Skills = features && random.NextDouble() < 0.5 ? ["fridge"] : [],
                MaxStops = features && random.NextDouble() < 0.3 ? random.Next(2, 6) : null,
                MaxDistanceMetres = features && random.NextDouble() < 0.2 ? random.Next(150, 400) : null,
                MaxTravelSeconds = features && random.NextDouble() < 0.1 ? random.Next(150, 400) : null,
                MaxDurationSeconds = features && random.NextDouble() < 0.2 ? random.Next(200, 600) : null,
                Breaks = features && random.NextDouble() < 0.3
                    ? [new Break("break", [new TimeWindow(random.Next(100, 300), random.Next(300, 500))], random.Next(10, 60))]
                    : [],
            });
        }

        return b.Build();
    }

    /// <summary>Tiny list wrapper so the local function above can return a growable collection.</summary>
    private sealed class ImmutableArrayBuilder<T>
    {
        public List<T> Items { get; } = [];

        public void Add(T item) => Items.Add(item);
    }
}
