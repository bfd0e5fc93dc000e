namespace PostRoute.Engine.Planning;

/// <summary>
/// The day's mail for one commune: what its service point receives and what it hands over for dispatch. Immutable.
/// </summary>
/// <param name="CommuneCode">Official code of the commune (a node's <c>CommuneCode</c> or a code of <c>PostalNetwork.Communes</c>).</param>
/// <param name="DeliveryKg">Incoming mail to deliver to the commune, kilograms (finite, ≥ 0).</param>
/// <param name="PickupKg">Outgoing mail collected from the commune, kilograms (finite, ≥ 0).</param>
public sealed record CommuneVolume(string CommuneCode, double DeliveryKg, double PickupKg)
{
    /// <summary>Incoming plus outgoing mail, kilograms.</summary>
    public double HandledKg => DeliveryKg + PickupKg;
}
