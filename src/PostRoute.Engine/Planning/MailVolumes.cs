using System.Collections.Immutable;
using System.Globalization;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Planning;

/// <summary>
/// The day's mail volumes per commune: generated deterministically from a seed and the date, or read from / written
/// to a CSV file. Stateless and thread-safe.
/// <para>
/// CSV format (RFC 4180, UTF-8, header required, columns in any order): <c>commune_code,delivery_kg,pickup_kg</c>
/// plus an optional, ignored <c>name</c> column. Numbers use a dot for decimals and no thousands separators. Each
/// commune appears at most once; a commune with no row has no mail that day.
/// </para>
/// </summary>
public static class MailVolumes
{
    /// <summary>Required CSV columns, in the order <see cref="WriteCsv"/> writes them.</summary>
    public static ImmutableArray<string> CsvColumns { get; } = ["commune_code", "delivery_kg", "pickup_kg"];

    /// <summary>Kilograms of incoming mail per 1 000 inhabitants on an ordinary weekday (before the random factor).</summary>
    public const double DeliveryKgPer1000Inhabitants = 1.2;

    /// <summary>Kilograms of incoming mail every commune gets on an ordinary weekday regardless of population.</summary>
    public const double BaseDeliveryKg = 4;

    /// <summary>Population assumed for a commune whose population is unknown.</summary>
    public const int DefaultPopulation = 8000;

    /// <summary>Probability that a commune has no incoming mail on a given day (only a little outgoing mail to collect).</summary>
    public const double CollectionOnlyProbability = 0.08;

    /// <summary>
    /// Generates the volumes of every commune that has a service point (a node of kind
    /// <see cref="NodeKind.CommuneServicePoint"/> with a commune code), in node order, one entry per commune code.
    /// <para>
    /// Rule, per commune: delivery = (<see cref="BaseDeliveryKg"/> + <see cref="DeliveryKgPer1000Inhabitants"/> ×
    /// population ÷ 1 000) × weekday factor (Monday 1.25 after the weekend backlog, Tuesday–Friday 1.0, Saturday 0.7,
    /// Sunday 0.4) × a random factor in [0.7, 1.3]; pickup = delivery × a random factor in [0.15, 0.45]. With
    /// probability <see cref="CollectionOnlyProbability"/> the commune gets no incoming mail and only 0.5–4 kg to
    /// collect. Values are rounded to 0.1 kg. The random numbers depend only on <paramref name="seed"/>, the date and the
    /// commune code (a stable hash, not <see cref="string.GetHashCode()"/>), so a commune's volume does not change when
    /// other nodes are added, removed or cut off, and it is the same on every machine and run.
    /// </para>
    /// </summary>
    /// <param name="network">The network whose service points get mail; its communes give populations where known.</param>
    /// <param name="date">The day planned.</param>
    /// <param name="seed">Any integer; the same seed and date always give the same volumes.</param>
    public static ImmutableArray<CommuneVolume> Generate(PostalNetwork network, DateOnly date, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        double weekday = date.DayOfWeek switch
        {
            DayOfWeek.Monday => 1.25,
            DayOfWeek.Saturday => 0.7,
            DayOfWeek.Sunday => 0.4,
            _ => 1.0,
        };

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var volumes = ImmutableArray.CreateBuilder<CommuneVolume>();
        foreach (var node in network.Nodes)
        {
            if (node.Kind != NodeKind.CommuneServicePoint || string.IsNullOrWhiteSpace(node.CommuneCode) || !seen.Add(node.CommuneCode))
            {
                continue;
            }

            var random = new SplitMix(seed, date.DayNumber, node.CommuneCode);
            int population = network.FindCommune(node.CommuneCode)?.Population ?? DefaultPopulation;
            double baseKg = (BaseDeliveryKg + (DeliveryKgPer1000Inhabitants * population / 1000)) * weekday;
            double delivery, pickup;
            if (random.NextDouble() < CollectionOnlyProbability)
            {
                delivery = 0;
                pickup = 0.5 + (3.5 * random.NextDouble());
            }
            else
            {
                delivery = baseKg * (0.7 + (0.6 * random.NextDouble()));
                pickup = delivery * (0.15 + (0.3 * random.NextDouble()));
            }

            volumes.Add(new CommuneVolume(node.CommuneCode, Math.Round(delivery, 1), Math.Round(pickup, 1)));
        }

        return volumes.ToImmutable();
    }

    /// <summary>
    /// Reads volumes in the CSV format described on the type and checks them against <paramref name="network"/>.
    /// Every problem is collected before throwing.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="network">The network whose communes the codes must name (a service point's commune code, or a
    /// commune of <see cref="PostalNetwork.Communes"/>).</param>
    /// <param name="sourceName">File name used in error messages.</param>
    /// <returns>The volumes in file order.</returns>
    /// <exception cref="VolumeFormatException">The file is malformed: each error names <c>file:line</c> and the field
    /// (a missing or unknown column, a field that is not a finite number ≥ 0, an unknown or repeated commune code).</exception>
    public static ImmutableArray<CommuneVolume> ReadCsv(TextReader reader, PostalNetwork network, string sourceName = "volumes.csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var errors = new List<NetworkError>();
        var table = CsvTable.Open(reader, sourceName, errors, [.. CsvColumns], ["name"]);
        var known = KnownCommuneCodes(network);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var volumes = ImmutableArray.CreateBuilder<CommuneVolume>();
        foreach (var row in table.Rows())
        {
            string code = (row["commune_code"] ?? "").Trim();
            bool ok = true;
            if (code.Length == 0)
            {
                errors.Add(new NetworkError(row.Place, "commune_code", "is empty"));
                ok = false;
            }
            else if (!known.Contains(code))
            {
                errors.Add(new NetworkError(row.Place, "commune_code", $"'{code}' is not a commune of network '{network.Name}'"));
                ok = false;
            }
            else if (firstLine.TryGetValue(code, out int first))
            {
                errors.Add(new NetworkError(row.Place, "commune_code", $"'{code}' already appears on line {first}"));
                ok = false;
            }
            else
            {
                firstLine[code] = row.Line;
            }

            ok &= TryKg(row, "delivery_kg", errors, out double delivery);
            ok &= TryKg(row, "pickup_kg", errors, out double pickup);
            if (ok)
            {
                volumes.Add(new CommuneVolume(code, delivery, pickup));
            }
        }

        if (errors.Count > 0)
        {
            throw new VolumeFormatException(errors);
        }

        return volumes.ToImmutable();
    }

    /// <summary>
    /// Writes <paramref name="volumes"/> in the CSV format described on the type (header, then one row each, in the
    /// given order, numbers in the invariant culture with full round-trip precision), so <see cref="ReadCsv"/> reads
    /// back exactly the same values.
    /// </summary>
    public static void WriteCsv(IEnumerable<CommuneVolume> volumes, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(",", CsvColumns));
        writer.Write('\n');
        foreach (var volume in volumes)
        {
            writer.Write(Quote(volume.CommuneCode));
            writer.Write(',');
            writer.Write(volume.DeliveryKg.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(volume.PickupKg.ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Checks a list of volumes given in memory (for example <see cref="MailRunOptions.Volumes"/>) as
    /// <see cref="ReadCsv"/> checks a file; places are <c>volumes[i]</c>.
    /// </summary>
    /// <exception cref="VolumeFormatException">Some entry is null, has an unknown or repeated commune code, or an amount that is not a finite number ≥ 0.</exception>
    public static void Validate(IReadOnlyList<CommuneVolume> volumes, PostalNetwork network)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(network);
        var known = KnownCommuneCodes(network);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<NetworkError>();
        for (int i = 0; i < volumes.Count; i++)
        {
            string place = $"volumes[{i}]";
            var volume = volumes[i];
            if (volume is null)
            {
                errors.Add(new NetworkError(place, "", "is null"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(volume.CommuneCode))
            {
                errors.Add(new NetworkError(place, "communeCode", "is empty"));
            }
            else if (!known.Contains(volume.CommuneCode))
            {
                errors.Add(new NetworkError(place, "communeCode", $"'{volume.CommuneCode}' is not a commune of network '{network.Name}'"));
            }
            else if (!seen.TryAdd(volume.CommuneCode, i))
            {
                errors.Add(new NetworkError(place, "communeCode", $"'{volume.CommuneCode}' already appears at volumes[{seen[volume.CommuneCode]}]"));
            }

            CheckKg(place, "deliveryKg", volume.DeliveryKg, errors);
            CheckKg(place, "pickupKg", volume.PickupKg, errors);
        }

        if (errors.Count > 0)
        {
            throw new VolumeFormatException(errors);
        }
    }

    /// <summary>Commune codes a volume may name: those of service points and of the network's commune register.</summary>
    internal static HashSet<string> KnownCommuneCodes(PostalNetwork network)
    {
        var known = new HashSet<string>(network.Communes.Select(c => c.Code), StringComparer.Ordinal);
        foreach (var node in network.Nodes)
        {
            if (node.Kind == NodeKind.CommuneServicePoint && !string.IsNullOrWhiteSpace(node.CommuneCode))
            {
                known.Add(node.CommuneCode);
            }
        }

        return known;
    }

    private static void CheckKg(string place, string field, double value, List<NetworkError> errors)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add(new NetworkError(place, field, $"must be a finite number ≥ 0, got {value.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private static bool TryKg(CsvRow row, string column, List<NetworkError> errors, out double value)
    {
        string cell = (row[column] ?? "").Trim();
        value = 0;
        if (cell.Length == 0)
        {
            errors.Add(new NetworkError(row.Place, column, "is empty; a number of kilograms is required"));
            return false;
        }

        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            errors.Add(new NetworkError(row.Place, column, $"'{cell}' is not a number (use a dot for decimals, no thousands separators)"));
            return false;
        }

        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add(new NetworkError(row.Place, column, $"'{cell}' must be a finite number ≥ 0"));
            return false;
        }

        return true;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>SplitMix64 seeded from (seed, day, commune code): a small, stable, well-mixed generator.</summary>
    private struct SplitMix
    {
        private ulong _state;

        public SplitMix(int seed, int dayNumber, string communeCode)
        {
            // FNV-1a over the code: stable across runs and platforms, unlike string.GetHashCode.
            ulong hash = 14695981039346656037UL;
            foreach (char c in communeCode)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            _state = hash ^ ((ulong)(uint)seed << 32) ^ (uint)dayNumber;
            Next();
        }

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
