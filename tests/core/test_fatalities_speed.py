"""The fast paths of fatalities() (word prefilter, lower-cased ASCII matching) give what the plain regexes give.

The reference below is the implementation before the speed work: the three IGNORECASE patterns scanned
over the whole sentence. Generated sentences mix death words, numbers, victims and filler, in any case,
with the non-ASCII letters that IGNORECASE folds onto ASCII ones (İ ı ſ K) and non-ASCII digits.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coder.fatalities import _KILL, _NEEDS, _NUM, _QUAL, _SOURCES, _VICTIM, fatalities, number_value

_REFERENCE = [
    re.compile(rf"\b(?:killed|killing|kills|left|leaving|claimed the lives of|killed off)\s+{_QUAL}{_NUM}\b",
               re.IGNORECASE),
    re.compile(rf"\b{_QUAL}{_NUM}\s+{_VICTIM}?\s*(?:\w+\s){{0,3}}?(?:were|was|have been|had been|are|got)?\s*"
               rf"(?:reportedly\s)?{_KILL}\b", re.IGNORECASE),
    re.compile(rf"\b(?:death toll|toll)\s+(?:\w+\s){{0,4}}?(?:to|at|of|reached|rose to|stood at)\s+{_QUAL}{_NUM}\b",
               re.IGNORECASE),
]


def reference(sentence: str) -> int:
    found: list[int] = []
    for pat in _REFERENCE:
        for m in pat.finditer(sentence):
            v = number_value(m.group("num"))
            if v is not None and v < 100000:
                found.append(v)
    return min(found) if found else 0


DEATH = ["killed", "killing", "kills", "left", "leaving", "claimed the lives of", "killed off", "dead", "died",
         "die", "slain", "lost their lives", "perished", "were killed", "was killed", "death", "death toll",
         "toll", "rose to", "stood at", "reached", "reportedly", "have been", "Killed", "KILLED", "Dead",
         "Death Toll", "KİLLED", "kılled", "ſlain", "\u212aILLED", "deaths", "dies", "tolls", "lives"]
NUMBERS = ["5", "12", "1,203", "100000", "99999", "twenty-one", "Twenty one", "three", "Seven", "a single",
           "dozens", "Dozens of", "hundreds", "several", "many", "a few", "some", "a number", "numerous",
           "thousands", "tens", "scores", "one", "ten", "ONE", "\u0663", "at least", "about", "nearly", "up to",
           "more than", "over", "At Least", "ſeven", "sıx"]
VICTIMS = ["people", "civilians", "soldiers", "police officers", "policemen", "family members", "of them",
           "others", "Militants", "PEOPLE", "members of the", "young", "local"]
FILLER = ["the", "in", "a", "and", "airstrike", "officials", "said", "on", "Friday", "troops", "were", "are",
          "got", "to", "at", "of", "wounded", "injured", "casualties", "émigrés", "Kabul", "ﬁrst", ",", ".", "-"]
SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", "-", "\t", ""]

QUALIFIERS = ["", "at least ", "some ", "about ", "nearly ", "up to ", "more than ", "AROUND "]
AUXILIARIES = ["", "were ", "was ", "have been ", "had been ", "are ", "got ", "reportedly ", "were reportedly "]
# a count before a death word ("at least 5 civilians were killed"): the shape pattern 2 reads
counts_before = st.builds("{}{} {}{}{}".format, st.sampled_from(QUALIFIERS), st.sampled_from(NUMBERS),
                          st.sampled_from(["", *(v + " " for v in VICTIMS)]), st.sampled_from(AUXILIARIES),
                          st.sampled_from(DEATH))
# a death word before a count ("killed 5", "the death toll rose to 12"): patterns 1 and 3
LEADS = [*DEATH, "toll rose to", "Toll stood at", "toll of", "death toll reached", "toll to", "TOLL AT",
         "toll in the north rose to", "toll of the attack reached"]
counts_after = st.builds("{} {}{}".format, st.sampled_from(LEADS), st.sampled_from(QUALIFIERS),
                         st.sampled_from(NUMBERS))
words = st.one_of(st.sampled_from(DEATH), st.sampled_from(NUMBERS), st.sampled_from(VICTIMS),
                  st.sampled_from(FILLER), counts_before, counts_after)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), max_size=8))
@example([("The", " "), ("raid", " "), ("left", " "), ("3", " "), ("dead", "")])
@example([("KİLLED", " "), ("5", " "), ("people", "")])
@example([("\u212aILLED", " "), ("5", " "), ("people", "")])
@example([("Death Toll", " "), ("rose to", " "), ("1,203", "")])
def test_fast_fatalities_equal_the_plain_regexes(parts: list[tuple[str, str]]) -> None:
    sentence = "".join(w + sep for w, sep in parts)
    assert fatalities(sentence) == reference(sentence)


@given(st.text(alphabet=st.sampled_from("kilKİıſ\u212adeathslnp 0123456789,-tow"), max_size=40))
def test_fast_fatalities_equal_the_plain_regexes_on_any_letters(sentence: str) -> None:
    assert fatalities(sentence) == reference(sentence)


def test_lower_case_patterns_are_the_reference_patterns() -> None:
    # lower-cased ASCII matching is only right if the patterns hold no upper-case letter of their own
    for src, ref in zip(_SOURCES, _REFERENCE):
        assert src == ref.pattern
        letters = re.sub(r"\\[A-Za-z]|\(\?P<", "", src)  # escapes (\b \s ...) and group names are syntax
        assert letters == letters.lower()


def test_each_needed_word_holds_a_prefilter_word() -> None:
    gate = ("kill", "left", "leaving", "lives", "dea", "die", "slain", "perish", "toll")
    for needs in _NEEDS:
        for word in needs:
            assert any(g in word for g in gate), word


def test_only_four_non_ascii_letters_fold_onto_ascii_letters() -> None:
    # fatalities() runs every pattern unfiltered on sentences holding one of these
    every_non_ascii = "".join(map(chr, range(0x80, 0x110000)))
    assert re.findall("[a-z]", every_non_ascii, re.IGNORECASE) == ["\u0130", "\u0131", "\u017f", "\u212a"]


@pytest.mark.parametrize("death", DEATH + LEADS)
def test_each_death_word_alone(death: str) -> None:
    for sentence in (f"Officials said 7 people {death}.", f"Officials said {death} 7.", f"The {death} 7 people",
                     f"{death.upper()} 7", f"7 {death.upper()}", f"Twenty-one {death}"):
        assert fatalities(sentence) == reference(sentence), sentence


def test_fast_paths_by_hand() -> None:
    assert fatalities("Seven civilians were killed by a NATO airstrike.") == 7
    assert fatalities("SEVEN CIVILIANS WERE KILLED.") == 7
    assert fatalities("Troops were deployed to the border on Friday.") == 0
    assert fatalities("Émigrés said 4 people died.") == 4
    assert fatalities("The strike \u212aILLED 6 people.") == 6      # Kelvin sign: no prefilter word, still found
    assert fatalities("The strike kılled 6 people.") == 6             # dotless i


def test_patterns_are_tried_only_where_a_match_may_start() -> None:
    # the starts are the patterns' own first words (and digits for a number), after a word boundary
    from coder.fatalities import _lowest_at_starts
    for s in ("the raid killed 12, and a second one killed 3 more", "the raid killed 12, and another killed 3 more", "at least 4 people died; 2 others were killed",
              "some 30 were killed and the toll rose to 31", "1,203 died", "x5 died, about 7 died",
              "the death toll stood at twenty-one"):
        assert _lowest_at_starts(s) == reference(s), s
    assert _lowest_at_starts("the raid killed 12, and another killed 3 more") == 3
    assert _lowest_at_starts("the raid killed 12, and a second one killed 3 more") == 1  # "one killed"
    assert _lowest_at_starts("x5 died") == 0  # "5" does not start a word
    assert _lowest_at_starts("died 5") == 0   # no death word after the count


def test_the_longest_count_before_a_death_word_is_still_read() -> None:
    # pattern 2 at its longest: qualifier, count, 3 words, victims, 3 words, auxiliary, "reportedly", death words
    s = "at least twenty one x x x police officers y y y have been reportedly lost their lives"
    assert reference(s) == fatalities(s) == 21
    s = "at least twenty one x x x police officers y y y z have been reportedly lost their lives"
    assert reference(s) == fatalities(s) == 0
    assert reference("About 1,203 people were killed") == fatalities("About 1,203 people were killed") == 1203
    assert fatalities("On 28 April, two people were killed.") == reference("On 28 April, two people were killed.") == 2


def test_a_start_word_the_patterns_follow_with_a_non_letter_is_tried_whole() -> None:
    # "a" (of "a few") is tried at "a few", not at "and" or "attack"; a count still starts anywhere after a blank
    from coder.fatalities import _lowest_at_starts
    for s in ("and attack killed 5", "a few were killed in an attack", "attackers killed 4; a_5 died",
              "at least 3 died", "about2 died", "a1 killed"):
        assert _lowest_at_starts(s) == reference(s), s
    assert _lowest_at_starts("a few were killed in an attack and 7 died") == 3
