using System.Collections.Immutable;
using System.Globalization;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Plans;

/// <summary>
/// The Phú Yên daily mail run of one day, planned as one routing problem: trucks from the provincial hub to the
/// district offices and motorbike loops from each district office to its communes' service points
/// (<see cref="MailRun.Build"/>). Commune volumes are generated from the date and seed unless given.
/// </summary>
/// <param name="Name">Name of the plan (default: <c>mail run {date}</c>).</param>
/// <param name="Network">Id of a stored network laid out like the Phú Yên sample (default <c>phu-yen</c>).</param>
/// <param name="NetworkVersion">Network version (default: current).</param>
/// <param name="Date">Day of the run, <c>yyyy-MM-dd</c> (default: today in Vietnam, UTC+7).</param>
/// <param name="Seed">Seed of the generated volumes and of the solver (default 1).</param>
/// <param name="Volumes">Mail per commune, replacing the generated volumes (each commune at most once).</param>
/// <param name="Solver">Solver name (default <c>ortools</c>); GET /plans/solvers lists those available.</param>
/// <param name="TimeLimitSeconds">Search time limit in seconds (default from configuration; capped by PostRoute:Solving:MaxTimeLimitSeconds).</param>
/// <param name="StopWhen">Criteria that end the search before the time limit.</param>
public sealed record MailRunRequest(
    string? Name,
    string? Network,
    long? NetworkVersion,
    string? Date,
    int? Seed,
    CommuneVolumeRequest[]? Volumes,
    string? Solver,
    double? TimeLimitSeconds,
    StopWhenRequest? StopWhen)
{
    /// <summary>Network used when the request names none.</summary>
    public const string DefaultNetwork = "phu-yen";

    /// <summary>Seed used when the request gives none.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Format of <see cref="Date"/>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Today in Vietnam (UTC+7), the default day of a run.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);

    /// <summary>
    /// The options of <see cref="MailRun.Build"/>, with the date already resolved; problems with the date and the
    /// volumes are added to <paramref name="errors"/> (paths name the request's fields) and give null.
    /// </summary>
    public MailRunOptions? ToOptions(DateOnly defaultDate, PostalNetwork? network, List<RoutingValidationError> errors)
    {
        int before = errors.Count;
        var date = defaultDate;
        if (Date is not null && !DateOnly.TryParseExact(Date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add(new("date", $"'{Date}' is not a date {DateFormat}"));
        }

        var volumes = Volumes is null ? (ImmutableArray<CommuneVolume>?)null : ReadVolumes(Volumes, network, errors);
        return errors.Count > before ? null : new MailRunOptions { Date = date, Seed = Seed ?? DefaultSeed, Volumes = volumes };
    }

    /// <summary>The options of a stored request, whose date and seed were filled in when it was submitted.</summary>
    internal MailRunOptions ToStoredOptions() => new()
    {
        Date = DateOnly.ParseExact(Date ?? throw new InvalidOperationException("A stored mail run has a date."), DateFormat, CultureInfo.InvariantCulture),
        Seed = Seed ?? DefaultSeed,
        Volumes = Volumes is null ? null : [.. Volumes.Select(v => new CommuneVolume(v.CommuneCode ?? "", v.DeliveryKg ?? 0, v.PickupKg ?? 0))],
    };

    private static ImmutableArray<CommuneVolume> ReadVolumes(CommuneVolumeRequest[] volumes, PostalNetwork? network, List<RoutingValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var read = ImmutableArray.CreateBuilder<CommuneVolume>(volumes.Length);
        for (int i = 0; i < volumes.Length; i++)
        {
            string path = $"volumes[{i}]";
            var volume = volumes[i];
            if (volume is null)
            {
                errors.Add(new(path, "must be an object"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(volume.CommuneCode))
            {
                errors.Add(new($"{path}.communeCode", "is required"));
            }
            else if (!seen.Add(volume.CommuneCode))
            {
                errors.Add(new($"{path}.communeCode", $"commune '{volume.CommuneCode}' is listed twice"));
            }
            else if (network is not null && network.FindCommune(volume.CommuneCode) is null)
            {
                errors.Add(new($"{path}.communeCode", $"the network has no commune '{volume.CommuneCode}'"));
            }

            double delivery = volume.DeliveryKg ?? 0, pickup = volume.PickupKg ?? 0;
            if (!double.IsFinite(delivery) || delivery < 0)
            {
                errors.Add(new($"{path}.deliveryKg", "must be a number of kg ≥ 0"));
            }

            if (!double.IsFinite(pickup) || pickup < 0)
            {
                errors.Add(new($"{path}.pickupKg", "must be a number of kg ≥ 0"));
            }

            read.Add(new CommuneVolume(volume.CommuneCode ?? "", delivery, pickup));
        }

        return read.ToImmutable();
    }
}

/// <summary>Mail of one commune on the day of the run.</summary>
/// <param name="CommuneCode">Official commune code, e.g. <c>22015</c>.</param>
/// <param name="DeliveryKg">Mail to deliver to the commune's service point, kg (default 0).</param>
/// <param name="PickupKg">Mail to collect there and bring back, kg (default 0).</param>
public sealed record CommuneVolumeRequest(string? CommuneCode, double? DeliveryKg, double? PickupKg);
