"""The identity-keyed memos of the geo stage: a value counts only for the object it was stored for."""
from coder.geo import memo as M


def test_a_value_is_found_only_for_its_own_object() -> None:
    memo: dict = {}
    a, b = tuple(["Tripoli"]), tuple(["Tripoli"])  # equal, not the same object (literals would be one constant)
    assert M.memo_put(memo, "k", a, None) is None
    assert M.memo_get(memo, "k", a) is None  # a stored None is a hit, not a miss
    assert M.memo_get(memo, "k", b) is M.MISS
    assert M.memo_get(memo, "other", a) is M.MISS


def test_the_memo_stops_growing_at_its_bound(monkeypatch) -> None:
    monkeypatch.setattr(M, "MEMO_MAX", 3)
    memo: dict = {}
    owners = [(i,) for i in range(5)]
    for i, o in enumerate(owners):
        assert M.memo_put(memo, i, o, i * 10) == i * 10  # the value comes back stored or not
    assert len(memo) == 3 and M.memo_get(memo, 4, owners[4]) is M.MISS


def test_a_memo_may_have_its_own_bound() -> None:
    memo: dict = {}
    owners = [(i,) for i in range(4)]
    for i, o in enumerate(owners):
        M.memo_put(memo, i, o, i, limit=2)
    assert sorted(memo) == [0, 1] and M.memo_get(memo, 1, owners[1]) == 1
