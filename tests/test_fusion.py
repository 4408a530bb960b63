from policyqa.search.fusion import rrf


def test_an_item_both_retrievers_rank_beats_items_only_one_ranks_first():
    bm25 = ["a", "b", "c"]
    dense = ["d", "c", "a"]
    fused = [item for item, _ in rrf([bm25, dense])]
    assert fused[0] == "a"  # rank 1 and 3 beats rank 1 alone ("d") and 2+3 ("c")
    assert fused.index("c") < fused.index("d")


def test_weights_shift_the_balance_between_retrievers():
    bm25, dense = ["x", "y"], ["y", "x"]
    assert rrf([bm25, dense], weights=[2.0, 1.0])[0][0] == "x"
    assert rrf([bm25, dense], weights=[1.0, 2.0])[0][0] == "y"


def test_ties_keep_first_seen_order_and_empty_lists_are_fine():
    assert [i for i, _ in rrf([["p", "q"], []])] == ["p", "q"]
    assert rrf([[], []]) == []


def test_one_weight_per_ranking_is_required():
    import pytest

    with pytest.raises(ValueError):
        rrf([["a"], ["b"]], weights=[1.0])
