"""Boilerplate patterns: the shipped data, its validation, and line offsets."""
import pytest

from coder.ingest.boilerplate import (DATE_LINE_ID, LINK_TITLE_ID, BoilerplateDataError, BoilerplatePattern,
                                      boilerplate_lines, boilerplate_spans, classify_line, load_rules,
                                      load_rules_text)

RULES = load_rules()
EXAMPLES = [(p.id, ex) for p in RULES.patterns for ex in p.examples]
NOT_EXAMPLES = [(p.id, ex) for p in RULES.patterns for ex in p.not_examples]


def _id(hit):
    return hit.id if isinstance(hit, BoilerplatePattern) else hit


def test_every_pattern_has_an_example():
    assert [p.id for p in RULES.patterns if not p.examples] == []


@pytest.mark.parametrize("pattern_id, line", EXAMPLES)
def test_examples_match_their_pattern(pattern_id, line):
    assert _id(classify_line(line)) == pattern_id


@pytest.mark.parametrize("pattern_id, line", NOT_EXAMPLES)
def test_counter_examples_are_body(pattern_id, line):
    assert classify_line(line) is None


@pytest.mark.parametrize("line", [
    # body sentences from news that look a little like boilerplate
    "By Thursday, Turkish troops had set up four new positions in Idlib province.",
    "Russia launched its first airstrikes in three months on a rebel-held area [of Idlib], officials said.",
    "The photograph showed Russian planes over Idlib, a witness said.",
    "Protesters blocked the road, and the police said they would share the footage with prosecutors.",
    "Readers will recall that the March 5 ceasefire was signed in Moscow.",
    "Reporters saw troops massing near Saraqeb on Thursday.",
    "Follow-up strikes hit the same market an hour later, killing two civilians.",
    "Copy of the agreement was seen by Reuters.",
    "On June 5, 2020, Turkey sent troops into Idlib.",
    "Israeli jets struck Gaza on Friday (local time), the army said.",
])
def test_news_sentences_are_not_boilerplate(line):
    assert classify_line(line) is None


def test_date_line_and_blank_and_long_lines():
    assert classify_line("05 June, 2020") == DATE_LINE_ID
    assert classify_line("   ") is None
    long_caption = "Turkish troops in Idlib " * 30 + "[Getty]"  # longer than max_line_length: body
    assert len(long_caption) > RULES.max_line_length
    assert classify_line(long_caption) is None


def test_spans_are_line_offsets_without_line_breaks():
    text = "Body one.\r\nRead also: More news\r\n\r\nBody two [sic].\nAdvertisement"
    assert boilerplate_spans(text) == [(11, 31), (51, 64)]
    assert [text[s:e] for s, e in boilerplate_spans(text)] == ["Read also: More news", "Advertisement"]
    assert boilerplate_spans(text, start=35) == [(51, 64)]


def test_link_title_after_a_heading_is_skipped_but_a_sentence_is_not():
    text = "Read more\nSudan fighting: What we know so far\nThe army said it would hold fire.\n"
    assert [(text[s:e], i) for s, e, i in boilerplate_lines(text)] == [
        ("Read more", "link-list-heading"), ("Sudan fighting: What we know so far", LINK_TITLE_ID)]
    text2 = "Related\nThe army said it would hold fire.\n"
    assert [text2[s:e] for s, e in boilerplate_spans(text2)] == ["Related"]


def test_a_link_list_ends_at_the_first_sentence_or_after_six_titles():
    titles = [f"Story number {i}" for i in range(1, 9)]
    text = "Recommended Stories\n" + "\n".join(titles[:3]) + "\nTroops deployed, the army said.\nStory after\n"
    assert [text[s:e] for s, e in boilerplate_spans(text)] == ["Recommended Stories"] + titles[:3]
    text2 = "Most Read\n\n" + "\n\n".join(titles)
    assert [text2[s:e] for s, e in boilerplate_spans(text2)] == ["Most Read"] + titles[:6]


def test_ids_are_unique_and_stable():
    ids = [p.id for p in RULES.patterns]
    assert len(ids) == len(set(ids))
    for stable in ["caption-bracket-credit", "read-also", "follow-us", "byline-by", "copyright", "reading-time"]:
        assert stable in ids


@pytest.mark.parametrize("text, message", [
    ("patterns: 3", "expected a mapping with a 'patterns' list"),
    ("patterns:\n  - {id: a, regex: x}\n  - {id: a, regex: y}", "patterns[1]: duplicate id 'a'"),
    ("patterns:\n  - {id: Bad_Id, regex: x}", "patterns[0]: 'id' must be a kebab-case string"),
    ("patterns:\n  - {id: a, regex: '(x'}", "patterns[0] (a): bad regex: missing ), unterminated subpattern"),
    ("patterns:\n  - {id: a, regex: x, colour: red}", "patterns[0] (a): unknown field(s) ['colour']"),
    ("patterns:\n  - {id: a, regex: '(?P<n>x)'}", "patterns[0] (a): named groups are not allowed"),
    ("patterns:\n  - {id: a, regex: x, requires: [X]}", "patterns[0] (a): 'requires' must be a list of lowercase"),
    ("max_line_length: 0\npatterns: []", "max_line_length must be a positive integer"),
])
def test_bad_rule_files_say_where(text, message):
    with pytest.raises(BoilerplateDataError) as info:
        load_rules_text(text, "rules.yaml")
    assert str(info.value).startswith("rules.yaml: ")
    assert message in str(info.value)


def test_custom_rules_compile_and_guard():
    rules = load_rules_text("patterns:\n"
                            "  - {id: ad, regex: 'advert'}\n"
                            "  - {id: credit, regex: '.*\\[pic\\]', requires: ['[pic]']}\n")
    assert _id(classify_line("ADVERT", rules)) == "ad"
    assert _id(classify_line("Soldiers at the border [PIC]", rules)) == "credit"
    assert classify_line("Soldiers at the border", rules) is None
