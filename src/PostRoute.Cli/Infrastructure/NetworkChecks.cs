using PostRoute.Engine.Network;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Checks of node ids and profiles given on the command line (usage errors, exit code 2).</summary>
internal static class NetworkChecks
{
    public static void Profile(PostalNetwork network, string profile)
    {
        if (!network.Profiles.Contains(profile))
        {
            throw new UsageException($"--profile: the network has no profile '{profile}'; it has {string.Join(", ", network.Profiles)}");
        }
    }

    public static void Node(PostalNetwork network, string id, string what)
    {
        if (network.FindNode(id) is null)
        {
            throw new UsageException($"{what}: the network has no node '{id}'");
        }
    }
}
