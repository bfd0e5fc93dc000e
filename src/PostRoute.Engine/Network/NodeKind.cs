namespace PostRoute.Engine.Network;

/// <summary>What a network node stands for.</summary>
public enum NodeKind
{
    /// <summary>The provincial hub (sorting centre) from which trunk routes leave.</summary>
    ProvincialHub,

    /// <summary>A district post office.</summary>
    DistrictOffice,

    /// <summary>A commune postal service point (điểm bưu điện văn hóa xã or similar).</summary>
    CommuneServicePoint,

    /// <summary>A commune's representative location, where it has no service point of its own.</summary>
    Commune,

    /// <summary>A plain road junction.</summary>
    Junction,
}

/// <summary>Administrative type of a commune-level unit.</summary>
public enum CommuneType
{
    /// <summary>Rural commune (xã).</summary>
    Xa,

    /// <summary>Urban ward (phường).</summary>
    Phuong,

    /// <summary>Township (thị trấn).</summary>
    ThiTran,
}

/// <summary>Road class of a transport link, from fastest to slowest.</summary>
public enum RoadClass
{
    /// <summary>National highway or expressway.</summary>
    Trunk,

    /// <summary>Provincial road.</summary>
    Provincial,

    /// <summary>District road.</summary>
    District,

    /// <summary>Commune road.</summary>
    Local,

    /// <summary>Track: mountain or field path, often barred to trucks.</summary>
    Track,
}
