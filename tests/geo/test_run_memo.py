"""`Gazetteer.find` remembers what a run of words names by the text around it that it reads (`_runs`); a
remembered answer must be the one the text itself gives, whatever else the texts around it hold."""
from hypothesis import given, settings, strategies as st

from coder import memo

PIECES = ["Idlib", "Idlib's", "Aleppo", "Saba", "News", "news", "Agency", "agency", "province", "Province",
          "provinces", "TV", "television", "northern", "north", "outskirts", "of", "the", "The", "in", "near",
          "Jabal", "Al", "al", "Zawiya", "Ras", "Ain", "United", "States", "Jordan", "Peterson", "Rafah",
          "Crossing", "Pul", "e", "Charkhi", "Mi", "35", "Hama", "Airbase", "US", "LOL", "Sanaa", "city", "area",
          "newspaper", "ſtate", "Derna", "Dhaka", "Rajshahi", "highway"]
GAPS = [" ", " ", " ", "  ", "-", " - ", ", ", ". ", "\t", "\u00a0", "'s ", " (", ") "]


def _cold(gaz, text):
    memo.clear()
    return gaz.find(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), min_size=1, max_size=9),
       st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), min_size=1, max_size=9))
def test_remembered_runs_give_what_the_text_gives(gaz, a, b):
    first = "".join(w + g for w, g in a)
    second = "".join(w + g for w, g in b)
    want = _cold(gaz, second)
    memo.clear()
    gaz.find(first)  # fills the memo with the runs of another text
    gaz.find(first + second)
    assert gaz.find(second) == want
    assert gaz.find(second) == want  # read from the memo throughout


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES + ["Russian", "forces", "Syrian", "Saudi", "On", "said", "May",
                                                    "Sadar", "upazila", "Chittagong", "district", "4", "Gaza"]),
                          st.sampled_from(GAPS)), min_size=1, max_size=12))
def test_no_glue_check_after_a_lowercase_word_changes_nothing(gaz, words):
    import coder.geo.gazetteer as g
    text = "".join(w + gap for w, gap in words)
    fast = _cold(gaz, text)
    g._LOWER_STOP = False
    try:
        plain = _cold(gaz, text)
    finally:
        g._LOWER_STOP = True
    assert fast == plain


def test_glue_check_still_read_after_a_capitalised_word(gaz):
    import coder.geo.gazetteer as g
    cases = {"fighting in Abay Bazar Zebra and": [],  # a glued capitalised word: a longer proper name
             "fighting in Abay bazar Zebra and": ["Abay"],  # no two-word name ends in "bazar": no glue check
             "fighting in Abay Bazar and": ["Abay Bazar"],
             "fighting in Ablain Saint Nazaire Zebra and": [],
             "fighting in Ablain Saint Nazaire and": ["Ablain Saint Nazaire"],
             "Idlib province on Monday": ["Idlib province"]}
    for text, names in cases.items():
        assert [m.text for m in _cold(gaz, text)] == names, text
        g._LOWER_STOP = False
        try:
            assert [m.text for m in _cold(gaz, text)] == names, text
        finally:
            g._LOWER_STOP = True


def test_same_run_different_surroundings(gaz):
    memo.clear()
    texts = ["Strikes hit Idlib province on Monday.", "Strikes hit Idlib provincial towns.",
             "Strikes hit northern Idlib province.", "Strikes hit Idlib news agency offices.",
             "Strikes hit Idlib news  agency offices.", "the outskirts of Idlib were shelled",
             "Strikes hit Idlib-based groups.", "Strikes hit Idlib-e-Sharif.", "Strikes hit Idlib.",
             "Strikes hit Idlib news today.", "Raids in the Idlib countryside.", "Raids by the Idlib countryside.",
             "Raids in northern Idlib.", "Raids by northern Idlib.", "Raids east of Idlib.", "Raids in city of Idlib.",
             "Raids on outskirts of Idlib.", "Raids hit near Idlib.", "Raids in near Idlib.",
             # a name no longer name starts with: its run ends before a lower-case word
             "Ouagadougou news agency said.", "Ouagadougou news today.", "Ouagadougou newspaper said.",
             # five words back: past the three words a deeper key holds
             "Raids in the outskirts of northern Idlib.", "Raids by the outskirts of northern Idlib.",
             "Raids in the west of the Idlib countryside.", "Raids by the west of the Idlib countryside."]
    warm = [gaz.find(t) for t in texts + texts]
    cold = [_cold(gaz, t) for t in texts + texts]
    assert warm == cold
    got = {t: [(m.text, m.qualifier, m.locative) for m in ms] for t, ms in zip(texts, cold)}
    assert got["Strikes hit Idlib province on Monday."] == [("Idlib province", "admin1", True)]
    assert got["Strikes hit Idlib provincial towns."] == [("Idlib", "", True)]
    assert got["Strikes hit northern Idlib province."] == [("northern Idlib province", "admin1", True)]
    assert got["Strikes hit Idlib news agency offices."] == []
    assert got["Strikes hit Idlib news  agency offices."] == []
    assert got["the outskirts of Idlib were shelled"] == [("outskirts of Idlib", "near", False)]
    assert got["Strikes hit Idlib-e-Sharif."] == []
    assert got["Strikes hit Idlib news today."] == [("Idlib", "", True)]  # same text up to "news " as above
    assert got["Ouagadougou news agency said."] == []  # a channel
    assert got["Ouagadougou news today."] == [("Ouagadougou", "", False)]
    assert got["Raids in the outskirts of northern Idlib."] == [("outskirts of northern Idlib", "near", True)]
    assert got["Raids by the outskirts of northern Idlib."] == [("outskirts of northern Idlib", "near", False)]
    assert got["Raids in the Idlib countryside."] == [("Idlib countryside", "part", True)]
    assert got["Raids by the Idlib countryside."] == [("Idlib countryside", "part", False)]
    assert got["Raids in northern Idlib."] == [("northern Idlib", "part", True)]
    assert got["Raids by northern Idlib."] == [("northern Idlib", "part", False)]
    assert got["Raids east of Idlib."] == [("east of Idlib", "near", False)]
    assert got["Raids in city of Idlib."] == [("Idlib", "", True)]


def test_paren_group_reads_its_anchor_when_asked(gaz):
    from coder.geo.parens import paren_groups

    text = "Militants attacked the al Arqoub area (Khwlan, Sanaa) and Goenega (Barsalogho, Sanmatenga) at dawn."
    ms = gaz.find(text)
    groups = paren_groups(text, ms)
    assert [(text[g.start:g.end], g.anchor, text[g.anchor_start:g.start].rstrip()) for g in groups] == [
        ("(Khwlan, Sanaa)", "Arqoub", "al Arqoub area"),
        ("(Barsalogho, Sanmatenga)", "Goenega", "Goenega")]
    assert [[m.text for m in p] for p in groups[1].parts] == [[], ["Sanmatenga"]]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="Aal eKzr-'’(),.\t9_é", max_size=120))
def test_anchor_match_equals_the_search(text):
    from coder.geo.parens import _ANCHOR_RE, _anchor_match

    for end in range(len(text) + 1):
        got, want = _anchor_match(text, end), _ANCHOR_RE.search(text, max(0, end - 80), end)
        assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))


def test_anchor_match_reads_at_most_six_chunks_back():
    from coder.geo.parens import _ANCHOR_RE, _anchor_match

    text = "Fighting in Upper Ghayl Al Ahmar Bani Saad Mountain area (Khwlan, Sanaa)"
    end = text.index("(")
    got, want = _anchor_match(text, end), _ANCHOR_RE.search(text, max(0, end - 80), end)
    assert got.group(1) == want.group(1) == "Al Ahmar Bani Saad Mountain"  # five words at most, then "area"
    text = "Raids in Al Ghayl Ahmar al-Qaim Bani (Sanaa)"  # "al-Qaim" is no word of an anchor: it stops there
    end = text.index("(")
    assert _anchor_match(text, end).group(1) == _ANCHOR_RE.search(text, end - 80, end).group(1) == "Bani"
