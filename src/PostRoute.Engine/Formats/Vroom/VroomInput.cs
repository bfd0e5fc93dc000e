using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostRoute.Engine.Formats.Vroom;

// VROOM's input document (docs/API.md of VROOM 1.14), read with System.Text.Json source generation. Unknown members
// are ignored, as VROOM does; every value keeps VROOM's name (snake_case).

internal sealed class VroomInput
{
    public List<VroomVehicle?>? Vehicles { get; set; }

    public List<VroomJob?>? Jobs { get; set; }

    public List<VroomShipment?>? Shipments { get; set; }

    public Dictionary<string, VroomMatrix?>? Matrices { get; set; }

    /// <summary>Legacy single duration matrix for profile <c>car</c>.</summary>
    public List<List<double>?>? Matrix { get; set; }
}

internal sealed class VroomMatrix
{
    public List<List<double>?>? Durations { get; set; }

    public List<List<double>?>? Distances { get; set; }

    public List<List<double>?>? Costs { get; set; }
}

internal sealed class VroomCosts
{
    public double? Fixed { get; set; }

    public double? PerHour { get; set; }

    public double? PerKm { get; set; }
}

internal sealed class VroomBreak
{
    public ulong? Id { get; set; }

    public List<List<double>?>? TimeWindows { get; set; }

    public double? Service { get; set; }

    public string? Description { get; set; }

    public List<long>? MaxLoad { get; set; }
}

internal sealed class VroomVehicle
{
    public ulong? Id { get; set; }

    public string? Profile { get; set; }

    public string? Description { get; set; }

    public List<double>? Start { get; set; }

    public int? StartIndex { get; set; }

    public List<double>? End { get; set; }

    public int? EndIndex { get; set; }

    public List<long>? Capacity { get; set; }

    public VroomCosts? Costs { get; set; }

    public List<ulong>? Skills { get; set; }

    public List<double>? TimeWindow { get; set; }

    public List<VroomBreak?>? Breaks { get; set; }

    public double? SpeedFactor { get; set; }

    public int? MaxTasks { get; set; }

    public double? MaxTravelTime { get; set; }

    public double? MaxDistance { get; set; }
}

internal class VroomPlace
{
    public ulong? Id { get; set; }

    public string? Description { get; set; }

    public List<double>? Location { get; set; }

    public int? LocationIndex { get; set; }

    public double? Setup { get; set; }

    public double? Service { get; set; }

    public List<List<double>?>? TimeWindows { get; set; }
}

internal sealed class VroomJob : VroomPlace
{
    public List<long>? Delivery { get; set; }

    public List<long>? Pickup { get; set; }

    /// <summary>Legacy: amounts delivered.</summary>
    public List<long>? Amount { get; set; }

    public List<ulong>? Skills { get; set; }

    public int? Priority { get; set; }
}

internal sealed class VroomShipment
{
    public VroomPlace? Pickup { get; set; }

    public VroomPlace? Delivery { get; set; }

    public List<long>? Amount { get; set; }

    public List<ulong>? Skills { get; set; }

    public int? Priority { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(VroomInput))]
internal sealed partial class VroomJsonContext : JsonSerializerContext;
