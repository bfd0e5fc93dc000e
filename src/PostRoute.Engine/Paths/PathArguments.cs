using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>Shared argument checks so every entry point reports bad input the same way.</summary>
internal static class PathArguments
{
    public static void CheckCommon(PostalNetwork network, string profile, PathMetric metric)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(profile);
        if (!network.Profiles.Contains(profile, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Unknown profile '{profile}'; the network '{network.Name}' knows: {string.Join(", ", network.Profiles)}.",
                nameof(profile));
        }

        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown path metric.");
        }
    }

    public static int NodeIndex(PostalNetwork network, string? nodeId, string paramName)
    {
        if (nodeId is null)
        {
            throw new ArgumentNullException(paramName);
        }

        int index = network.IndexOfNode(nodeId);
        if (index < 0)
        {
            throw new ArgumentException($"Unknown node id '{nodeId}' in network '{network.Name}'.", paramName);
        }

        return index;
    }

    public static int[] NodeIndices(PostalNetwork network, IReadOnlyList<string> nodeIds, string paramName)
    {
        ArgumentNullException.ThrowIfNull(nodeIds, paramName);
        var indices = new int[nodeIds.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            string? id = nodeIds[i];
            int index = id is null ? -1 : network.IndexOfNode(id);
            if (index < 0)
            {
                throw new ArgumentException(
                    id is null
                        ? $"{paramName}[{i}] is null."
                        : $"Unknown node id '{id}' at {paramName}[{i}] in network '{network.Name}'.",
                    paramName);
            }

            indices[i] = index;
        }

        return indices;
    }

    /// <summary>The closed flags to honour, or an empty span when nothing is closed (the search then skips the check).</summary>
    public static ReadOnlySpan<bool> ClosedMask(PostalNetwork network) =>
        network.ClosedLinkCount > 0 ? network.ClosedMask : default;
}
