using RectifyBot.Retrieval;

namespace RectifyBot.Tests.Retrieval;

public class ReciprocalRankFusionTests
{
    [Fact]
    public void A_chunk_both_lists_rank_well_beats_one_only_a_single_list_ranks_first()
    {
        var fused = ReciprocalRankFusion.Fuse([["a", "b", "c"], ["b", "d", "a"]]);
        Assert.Equal(["b", "a", "d", "c"], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 62 + 1.0 / 61, fused[0].Score, 10);
    }

    [Fact]
    public void Ties_keep_the_order_first_seen()
    {
        Assert.Equal(["x", "y"], ReciprocalRankFusion.Fuse([["x"], ["y"]]).Select(f => f.Id));
    }
}
