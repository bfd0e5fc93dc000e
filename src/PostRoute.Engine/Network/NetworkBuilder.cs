namespace PostRoute.Engine.Network;

/// <summary>
/// Mutable builder of an immutable <see cref="PostalNetwork"/>. <see cref="Validate"/> reports every problem at
/// once (duplicate ids, links to unknown nodes, bad lengths or times, coordinates out of range, self-loops);
/// <see cref="Build()"/> throws <see cref="NetworkValidationException"/> with all of them. Not thread-safe.
/// </summary>
public sealed class NetworkBuilder
{
    private readonly List<string> _profiles = [];
    private readonly List<Node> _nodes = [];
    private readonly List<Link> _links = [];
    private readonly List<Commune> _communes = [];

    /// <summary>Creates an empty builder for a network called <paramref name="name"/>.</summary>
    public NetworkBuilder(string name = "network") => Name = name;

    /// <summary>Name given to the built network.</summary>
    public string Name { get; set; }

    /// <summary>Nodes added so far.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>Links added so far.</summary>
    public IReadOnlyList<Link> Links => _links;

    /// <summary>Communes added so far.</summary>
    public IReadOnlyList<Commune> Communes => _communes;

    /// <summary>
    /// Declares a vehicle profile. Profiles used by links are declared automatically; declaring one explicitly
    /// keeps it in the network even when no link allows it.
    /// </summary>
    public NetworkBuilder AddProfile(string profile)
    {
        if (!_profiles.Contains(profile, StringComparer.Ordinal))
        {
            _profiles.Add(profile);
        }

        return this;
    }

    /// <summary>Adds a node.</summary>
    public NetworkBuilder AddNode(Node node)
    {
        _nodes.Add(node);
        return this;
    }

    /// <summary>Adds a link; its profiles are declared automatically.</summary>
    public NetworkBuilder AddLink(Link link)
    {
        _links.Add(link);
        foreach (var profile in link.TravelTimeSeconds.Keys)
        {
            AddProfile(profile);
        }

        return this;
    }

    /// <summary>Adds a commune to the register.</summary>
    public NetworkBuilder AddCommune(Commune commune)
    {
        _communes.Add(commune);
        return this;
    }

    /// <summary>Every problem in the data added so far; empty when the network can be built.</summary>
    public IReadOnlyList<NetworkError> Validate()
    {
        var errors = new List<NetworkError>();
        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, i) in _nodes.Select((n, i) => (n, i)))
        {
            string path = string.IsNullOrWhiteSpace(node.Id) ? $"nodes[#{i}]" : $"nodes[{node.Id}]";
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                errors.Add(new(path, "id", "is empty"));
            }
            else if (!nodeIds.Add(node.Id))
            {
                errors.Add(new(path, "id", "duplicate node id"));
            }

            CheckLocation(errors, path, node.Location);
            if (!Enum.IsDefined(node.Kind))
            {
                errors.Add(new(path, "kind", $"unknown kind {(int)node.Kind}"));
            }
        }

        var linkIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (link, i) in _links.Select((l, i) => (l, i)))
        {
            string path = string.IsNullOrWhiteSpace(link.Id) ? $"links[#{i}]" : $"links[{link.Id}]";
            if (string.IsNullOrWhiteSpace(link.Id))
            {
                errors.Add(new(path, "id", "is empty"));
            }
            else if (!linkIds.Add(link.Id))
            {
                errors.Add(new(path, "id", "duplicate link id"));
            }

            if (!nodeIds.Contains(link.From ?? ""))
            {
                errors.Add(new(path, "from", $"unknown node '{link.From}'"));
            }

            if (!nodeIds.Contains(link.To ?? ""))
            {
                errors.Add(new(path, "to", $"unknown node '{link.To}'"));
            }

            if (link.From is not null && string.Equals(link.From, link.To, StringComparison.Ordinal))
            {
                errors.Add(new(path, "to", "self-loop: a link must join two different nodes"));
            }

            if (!double.IsFinite(link.LengthMetres) || link.LengthMetres < 0)
            {
                errors.Add(new(path, "lengthMetres", $"must be a finite number ≥ 0, got {link.LengthMetres}"));
            }

            if (link.TravelTimeSeconds is null)
            {
                errors.Add(new(path, "travelTimeSeconds", "is missing"));
            }
            else
            {
                foreach (var (profile, seconds) in link.TravelTimeSeconds)
                {
                    if (string.IsNullOrWhiteSpace(profile))
                    {
                        errors.Add(new(path, "travelTimeSeconds", "profile name is empty"));
                    }

                    if (!double.IsFinite(seconds) || seconds < 0)
                    {
                        errors.Add(new(path, $"travelTimeSeconds.{profile}", $"must be a finite number ≥ 0, got {seconds}"));
                    }
                }
            }

            if (!Enum.IsDefined(link.RoadClass))
            {
                errors.Add(new(path, "roadClass", $"unknown road class {(int)link.RoadClass}"));
            }
        }

        var communeCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (commune, i) in _communes.Select((c, i) => (c, i)))
        {
            string path = string.IsNullOrWhiteSpace(commune.Code) ? $"communes[#{i}]" : $"communes[{commune.Code}]";
            if (string.IsNullOrWhiteSpace(commune.Code))
            {
                errors.Add(new(path, "code", "is empty"));
            }
            else if (!communeCodes.Add(commune.Code))
            {
                errors.Add(new(path, "code", "duplicate commune code"));
            }

            if (commune.Location is { } location)
            {
                CheckLocation(errors, path, location);
            }

            if (commune.Population is < 0)
            {
                errors.Add(new(path, "population", "must be ≥ 0"));
            }

            if (commune.AreaKm2 is { } area && (!double.IsFinite(area) || area < 0))
            {
                errors.Add(new(path, "areaKm2", "must be a finite number ≥ 0"));
            }
        }

        return errors;
    }

    /// <summary>Builds the network, or throws <see cref="NetworkValidationException"/> listing every problem.</summary>
    /// <remarks>
    /// The network copies the data into its compact arrays and keeps none of the records added here: its
    /// <see cref="PostalNetwork.Nodes"/> and <see cref="PostalNetwork.Links"/> are equal records made on demand (links
    /// with a read-only travel-time view in profile order), so later changes to a dictionary passed in a
    /// <see cref="Link"/> do not reach the network. The builder can be reused or dropped.
    /// </remarks>
    public PostalNetwork Build() => Build(version: 1);

    /// <summary>Builds the network with a given <paramref name="version"/> (≥ 1); readers use it to keep a saved version.</summary>
    internal PostalNetwork Build(long version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new NetworkValidationException(errors);
        }

        // Validated: ids are unique, ends exist, every time's profile is declared. Copy into the compact arrays.
        var compact = new CompactNetworkBuilder(Name, _profiles, _nodes.Count, _links.Count);
        var nodeIndex = new Dictionary<string, int>(_nodes.Count, StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            nodeIndex.Add(node.Id, compact.AddNode(node.Id, node.Kind, node.Location, node.Name, node.CommuneCode, node.DistrictCode));
        }

        var profileIndex = _profiles.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var seconds = new double[_profiles.Count];
        foreach (var link in _links)
        {
            Array.Fill(seconds, double.NaN);
            foreach (var (profile, time) in link.TravelTimeSeconds)
            {
                seconds[profileIndex[profile]] = time;
            }

            compact.AddLink(link.Id, nodeIndex[link.From], nodeIndex[link.To], link.LengthMetres, seconds, link.RoadClass,
                link.OneWay, link.Closed);
        }

        foreach (var commune in _communes)
        {
            compact.AddCommune(commune);
        }

        return compact.Build(version);
    }

    private static void CheckLocation(List<NetworkError> errors, string path, GeoPoint p)
    {
        if (!double.IsFinite(p.Latitude) || p.Latitude is < -90 or > 90)
        {
            errors.Add(new(path, "latitude", $"must be within −90…90, got {p.Latitude}"));
        }

        if (!double.IsFinite(p.Longitude) || p.Longitude is < -180 or > 180)
        {
            errors.Add(new(path, "longitude", $"must be within −180…180, got {p.Longitude}"));
        }
    }
}
