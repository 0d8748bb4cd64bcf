"""Speed-ups keep results: the reversed-text word scan equals the plain loop; memoised resolutions follow context."""
from hypothesis import given, settings
from hypothesis import strategies as st

from coder.geo.gazetteer import _prev_word_rev
from coder.geo.normalize import APOSTROPHES


def prev_word_loop(text: str, end: int) -> tuple[int, str, str]:
    """The original character loop: skip spaces/hyphens back from `end`, then letters, digits, apostrophes."""
    i = end - 1
    while i >= 0 and text[i] in " \t\u00a0-‐":
        i -= 1
    gap = text[i + 1:end]
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in APOSTROPHES):
        j -= 1
    return j + 1, text[j + 1:i + 1], gap


def prev_word(text: str, end: int) -> tuple[int, str, str]:
    return _prev_word_rev(text, text[::-1], end)


def test_prev_word_examples():
    assert prev_word("near Saraqib", 5) == (0, "near", " ")
    assert prev_word("the Ma'arrat - al Hama", 18) == (15, "al", " ")
    assert prev_word("x, - Hama", 5) == (2, "", " - ")
    assert prev_word("Hama", 0) == (0, "", "")
    assert prev_word("Ḩamāh_x2 Idlib", 9) == (6, "x2", " ")


_ALPHABET = "aZ9 _-‐\t\u00a0,.(Ḩ٣'’" + APOSTROPHES


@settings(max_examples=400)
@given(st.text(alphabet=_ALPHABET, max_size=30), st.data())
def test_prev_word_matches_the_loop(text, data):
    end = data.draw(st.integers(0, len(text)))
    assert prev_word(text, end) == prev_word_loop(text, end)


def test_resolution_memo_follows_the_context(gaz):
    """Answers memoised across articles still follow each article's countries ('Tripoli' has 6 candidates)."""
    from coder.geo import build_context, locate

    def place(text):
        ms = gaz.find(text)
        first = [m for m in ms if m.end <= text.index(".")]  # the first sentence
        loc = locate(first[:1], first, build_context(gaz, text, ms))
        return loc.country, loc.reason.split(" by ")[-1]

    libya = ("Libya", "Libya named 1x in the article (first as 'Libya')")
    assert place("Fighting in Tripoli. Libya said.") == libya
    lebanon = ("Lebanon", "Lebanon named 1x in the article (first as 'Lebanon')")
    assert place("Fighting in Tripoli. Lebanon said.") == lebanon
    assert place("Fighting in Tripoli. Libya said.") == libya
    assert place("Fighting in Tripoli.") == ("Libya", "kind and population")
    assert place("Fighting in Tripoli, Lebanon.") == ("Lebanon", "'Lebanon' named in the same sentence")


def test_dateline_found_at_any_line_start():
    from coder.geo.resolve import _dateline_match

    text = "Headline: strikes\nsubhead\n  IDLIB, Syria (Reuters) - Jets struck.\nBEIRUT - later"
    m = _dateline_match(text)
    assert (m.group("place"), m.group("region"), m.start()) == ("IDLIB", "Syria", 26)
    assert _dateline_match("no dateline here\nat all") is None
    assert _dateline_match("x" * 1498 + "\nAB - c") is None  # starts inside the first 1500 chars, ends after


@settings(max_examples=300)
@given(st.text(alphabet="AB a,-\n\t(Reuters)—", max_size=60))
def test_dateline_match_equals_search(text):
    from coder.geo.resolve import _DATELINE_RE, _dateline_match

    m, r = _dateline_match(text), _DATELINE_RE.search(text, 0, min(len(text), 1500))
    assert (m and m.span(), m and m.groupdict()) == (r and r.span(), r and r.groupdict())


@settings(max_examples=400)
@given(st.text(alphabet="aZÉǆ9 _-'’.\u00a0Ḩ" + APOSTROPHES, max_size=30))
def test_capital_scan_equals_the_look_behind_first_pattern(text):
    """_CAP_RE tests its look-behind after the first letter (so the scan can skip in C): same tokens."""
    import re

    from coder.geo.gazetteer import _CAP_RE

    plain = re.compile(rf"(?<![^\W_{APOSTROPHES}])[A-Z0-9À-ÖØ-ÞĀ-ɏḀ-ỿ][^\W_]*(?:[{APOSTROPHES}][^\W_]+)*")
    assert [m.span() for m in _CAP_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400)
@given(st.text(alphabet="aeiklmnrsz ", max_size=12), st.text(alphabet="aeiklmnrsz ", max_size=12))
def test_similar_equals_difflib(a, b):
    """The letter-count bound gives SequenceMatcher.quick_ratio()'s answer before the exact ratio."""
    from difflib import SequenceMatcher

    from coder.geo.resolve import LOOSE_SIMILARITY, _similar

    sm = SequenceMatcher(None, a, b, autojunk=False)
    assert _similar(a, b) == (sm.quick_ratio() >= LOOSE_SIMILARITY and sm.ratio() >= LOOSE_SIMILARITY)


def test_similar_examples():
    from coder.geo.resolve import _similar

    assert _similar("saraqeb", "saraqib")
    assert not _similar("goenega", "gaongo")
    assert not _similar("al zawiya", "zawiyat al mahjub")


def test_new_entry_equals_the_dataclass(gaz):
    from coder.geo.types import GeoEntry, new_entry

    args = (170063, "Idlib", "place", "Syria", 760, "SYR", "Idlib", "SY-ID", "Idlib District", 35.93, 36.63,
            128840, 1, "SY")
    e = new_entry(*args)
    assert e == GeoEntry(*args) and hash(e) == hash(GeoEntry(*args))
    syria = gaz.country("SY")  # made by the row reader
    assert (syria.name, syria.kind, syria.iso, syria.iso3, syria.cc) == ("Syria", "country", 760, "SYR", "SY")


def test_new_mention_equals_the_dataclass():
    from coder.geo.types import PlaceMention, new_mention

    args = (3, 8, "Idlib", (), "idlib", (), "admin1", True)
    m = new_mention(*args)
    assert m == PlaceMention(*args) and hash(m) == hash(PlaceMention(*args))
    assert (m.start, m.end, m.text, m.key, m.qualifier, m.locative) == (3, 8, "Idlib", "idlib", "admin1", True)


@settings(max_examples=300)
@given(st.text(alphabet="a -—–\t\n-", max_size=40), st.integers(0, 45))
def test_dash_spaces_equal_the_pattern(text, end):
    import re

    from coder.geo.resolve import _dash_spaces

    end = min(end, len(text))
    assert _dash_spaces(text, end) == [m.start() for m in re.finditer(r"[-—–][ \t]", text[:end])]


@settings(max_examples=300)
@given(st.text(alphabet="ale -‐ xA", max_size=30))
def test_after_particle_equals_the_character_test(text):
    from coder.geo.gazetteer import _after_particle

    def after(s: int) -> bool:
        c1 = text[s - 1] if s else ""
        return c1 == "-" or c1 == "‐" or (c1 == " " and text[s - 3:s - 1] in ("al", "el"))

    found = _after_particle(text)
    assert [s for s in range(len(text) + 1) if s in found] == [s for s in range(len(text) + 1) if after(s)]
