using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

public class ClosureTests
{
    [Fact]
    public void Closing_a_link_gives_a_new_version_and_leaves_the_original_alone()
    {
        var original = TestNetworks.Small();
        int hd = original.IndexOfLink("HD");

        var closed = original.WithClosures(close: ["HD"]);

        Assert.Equal(original.Version + 1, closed.Version);
        Assert.NotEqual(original.Fingerprint, closed.Fingerprint);
        Assert.True(closed.IsClosed(hd));
        Assert.True(closed.Links[hd].Closed);
        Assert.False(original.IsClosed(hd));
        Assert.False(original.Links[hd].Closed);
        Assert.Equal(original.ClosedLinkCount + 1, closed.ClosedLinkCount);
        Assert.Same(original.Topology, closed.Topology);
        // Other links keep their state: SJ was closed from the start.
        Assert.True(closed.IsClosed(original.IndexOfLink("SJ")));
        Assert.False(closed.IsClosed(original.IndexOfLink("DS")));
    }

    [Fact]
    public void Reopening_a_closed_link_opens_it_in_the_new_version_only()
    {
        var original = TestNetworks.Small();
        int sj = original.IndexOfLink("SJ");
        Assert.True(original.IsClosed(sj));

        var reopened = original.WithLinksReopened("SJ");

        Assert.False(reopened.IsClosed(sj));
        Assert.False(reopened.Links[sj].Closed);
        Assert.True(original.IsClosed(sj));
        Assert.Equal(0, reopened.ClosedLinkCount);
        Assert.Equal(2, reopened.Version);
    }

    [Fact]
    public void Versions_count_up_through_a_chain_of_changes()
    {
        var v1 = TestNetworks.Small();
        var v2 = v1.WithLinksClosed("DS");
        var v3 = v2.WithLinksReopened("DS", "SJ");
        var v4 = v3.WithClosures();

        Assert.Equal([1L, 2L, 3L, 4L], new[] { v1.Version, v2.Version, v3.Version, v4.Version });
        Assert.Equal(4, new[] { v1.Fingerprint, v2.Fingerprint, v3.Fingerprint, v4.Fingerprint }.Distinct().Count());
        Assert.Equal(0, v4.ClosedLinkCount);
        Assert.True(v2.IsClosed(v2.IndexOfLink("DS")));
    }

    [Fact]
    public void Closing_an_already_closed_link_keeps_it_closed()
    {
        var network = TestNetworks.Small().WithLinksClosed("SJ");
        Assert.True(network.IsClosed(network.IndexOfLink("SJ")));
        Assert.Equal(1, network.ClosedLinkCount);
    }

    [Fact]
    public void Unknown_link_id_throws_naming_it_and_changes_nothing()
    {
        var original = TestNetworks.Small();

        var ex = Assert.Throws<KeyNotFoundException>(() => original.WithClosures(close: ["HD", "nope"]));
        Assert.Contains("nope", ex.Message);
        Assert.Throws<KeyNotFoundException>(() => original.WithLinksReopened("SJ", "missing"));

        Assert.Equal(1, original.Version);
        Assert.False(original.IsClosed(original.IndexOfLink("HD")));
        Assert.True(original.IsClosed(original.IndexOfLink("SJ")));
        Assert.Equal(1, original.ClosedLinkCount);
    }
}
