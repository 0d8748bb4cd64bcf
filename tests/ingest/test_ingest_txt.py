"""Plain-text articles in the layouts of several outlets: title, date, body start, skipped lines."""
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from coder.ingest import parse_txt

HERE = Path(__file__).parent
OUTLETS = HERE / "fixtures" / "outlets"
SEED = HERE.parent.parent / "seeds" / "000_15724484db3c7ef9.txt"


def _skipped(article):
    return [article.text[s:e] for s, e in article.skip_spans]


def _body_line(article):
    rest = article.text[article.body_start:]
    return rest.split("\n", 1)[0]


def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    a = parse_txt(text, "000_15724484db3c7ef9", str(SEED))
    title = "Turkey, Syrians preparing for new conflict as regime forces advance on Idlib"
    assert a.title == title
    assert a.published == date(2020, 6, 5)
    assert a.source is None and a.line is None and a.input_file == str(SEED)
    assert a.text is text
    assert _body_line(a) == "Turkish troops in Idlib are preparing for a potential new conflict [Getty]"
    assert text[:a.body_start].endswith("3 min read\n05 June, 2020\n")
    assert _skipped(a) == [
        title,
        title,
        "The Syrian regime has been positioning forces near rebel-held territory as Russian planes carry out "
        "airstrikes, as Idlib residents and Turkish troops prepare for a possible resumption of conflict.",
        "3 min read",
        "05 June, 2020",
        "Turkish troops in Idlib are preparing for a potential new conflict [Getty]",
        "Read also: Jihadist HTS, former Al-Qaeda affiliate, seeks 'moderate rebrand' to secure seat in "
        "Syria's political process",
        "Follow us on Facebook, Twitter and Instagram to stay connected",
    ]


CASES = {
    "reuters": dict(
        title="Russian forces shell Kharkiv suburbs as Ukraine reinforces eastern front",
        published=date(2022, 6, 5), source="Reuters",
        body="KYIV, June 5 (Reuters) - Russian forces shelled suburbs of Kharkiv overnight, the regional governor "
             "said on Sunday, as Ukraine moved additional brigades to the eastern front.",
        skipped=["Russian forces shell Kharkiv suburbs as Ukraine reinforces eastern front",
                 "By Tom Balmforth and Pavel Polityuk", "4 minute read",
                 "June 5, 2022 2:03 PM GMT+0  Updated 3 hours ago",
                 "A woman walks past a damaged building in Kharkiv, Ukraine, June 5, 2022. REUTERS/Ivan Alvarado",
                 "Read more: Ukraine says it has retaken part of Sievierodonetsk",
                 "(Reporting by Tom Balmforth in Kyiv; Additional reporting by Pavel Polityuk; Editing by Alex "
                 "Richardson)",
                 "Our Standards: The Thomson Reuters Trust Principles."]),
    "ap": dict(
        title="Israeli jets strike Gaza after rocket fire, military says",
        published=date(2020, 6, 5), source="Associated Press",
        body="JERUSALEM (AP) — Israeli warplanes struck targets in the Gaza Strip early Friday, the military said, "
             "hours after militants fired two rockets toward southern Israel.",
        skipped=["Israeli jets strike Gaza after rocket fire, military says", "By JOSEF FEDERMAN and FARES AKRAM",
                 "Updated 2:03 PM EDT, Fri June 5, 2020",
                 "FILE - Smoke rises after an Israeli airstrike in Gaza City, May 14, 2020. (AP Photo/Adel Hana, File)",
                 "Associated Press writer Joseph Krauss contributed to this report.",
                 "Copyright 2020 The Associated Press. All rights reserved. This material may not be published, "
                 "broadcast, rewritten or redistributed."]),
    "aljazeera": dict(
        title="Sudan's warring parties agree to 72-hour ceasefire",
        published=date(2020, 6, 5), source="Al Jazeera",
        body="Sudan's army and the paramilitary Rapid Support Forces have agreed to a 72-hour ceasefire, mediators "
             "said on Friday.",
        skipped=["Sudan's warring parties agree to 72-hour ceasefire",
                 "The truce, brokered by Saudi Arabia and the US, is due to start at 06:00 local time on Saturday.",
                 "Published On 5 Jun 2020", "Listen to this article",
                 "Residents walk past a burned market in Khartoum [File: Ebrahim Hamid/AFP]",
                 "Read more", "Sudan fighting: What we know so far", "Source: Al Jazeera and news agencies"]),
    "bbc": dict(
        title="Ukraine war: Russian troops pour into Donbas region",
        published=date(2020, 6, 5), source="BBC News",
        body="Image source, Getty Images",  # a caption right after the header: after body_start, but skipped
        skipped=["Ukraine war: Russian troops pour into Donbas region", "Published", "5 June 2020", "Share",
                 "Image source, Getty Images", "Image caption, Russian armoured vehicles on a road near Donetsk",
                 "By Sarah Rainsford", "BBC News, Kyiv", "More on this story", "Related Topics"]),
    "guardian": dict(
        title="Protesters block motorway into Dhaka as fuel price anger grows",
        published=date(2020, 6, 5), source=None,
        body="Protesters blocked the main highway into Dhaka on Friday, halting traffic for several hours as anger "
             "over fuel prices grew.",
        skipped=["Protesters block motorway into Dhaka as fuel price anger grows",
                 "Thousands of demonstrators set up barricades on the Dhaka-Chittagong highway, halting traffic "
                 "for hours",
                 "Redwan Ahmed in Dhaka", "Friday 5 June 2020 14.03 BST",
                 "Protesters sit on the Dhaka-Chittagong highway on Friday. Photograph: Munir Uz Zaman/AFP/Getty "
                 "Images",
                 "Sign up to First Edition, our free daily newsletter"]),
    "kyiv_independent": dict(
        title="Ukrainian forces repel Russian assault near Bakhmut",
        published=date(2022, 6, 5), source=None,
        body="Ukrainian forces repelled a Russian assault near Bakhmut on Friday, the General Staff reported.",
        skipped=["Ukrainian forces repel Russian assault near Bakhmut",
                 "Russia launched 14 attacks in the Bakhmut sector on Friday, the General Staff said.",
                 "by Olena Harmash", "June 5, 2022 2:03 PM 3 min read",
                 "Ukrainian servicemen fire a howitzer near Bakhmut. (Photo: Oleksii Ivanov/The Kyiv Independent)",
                 "Read also: Russia strikes Odesa port with drones overnight",
                 "Support independent journalism in Ukraine. Become a member today.",
                 "Follow the Kyiv Independent on Telegram"]),
    "daily_star": dict(
        title="Road blockade in Chattogram halts traffic for 5 hours",
        published=date(2020, 6, 5), source="The Daily Star",
        body="Transport workers blocked the Dhaka-Chattogram highway at Sitakunda for five hours yesterday, "
             "demanding the release of a driver.",
        skipped=["Road blockade in Chattogram halts traffic for 5 hours", "Star Online Report",
                 "Fri Jun 5, 2020 02:03 PM Last update on: Fri Jun 5, 2020 02:45 PM", "Photo: Collected",
                 "Also read: Rab arrests 3 over Sitakunda blockade", "Follow The Daily Star on Google News",
                 "© 2020 The Daily Star"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_outlet_layouts(name):
    case = CASES[name]
    text = (OUTLETS / f"{name}.txt").read_text(encoding="utf-8")
    a = parse_txt(text, name)
    assert a.title == case["title"]
    assert a.published == case["published"]
    assert a.source == case["source"]
    assert _body_line(a) == case["body"]
    assert _skipped(a) == case["skipped"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_crlf_gives_the_same_lines(name):
    text = (OUTLETS / f"{name}.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    a = parse_txt(text, name)
    assert _skipped(a) == CASES[name]["skipped"]
    assert a.published == CASES[name]["published"]
    assert text[a.body_start:].split("\r\n", 1)[0] == CASES[name]["body"]


def test_without_a_date_line_the_header_is_the_title():
    text = "Troops deployed to Kashmir border\n\nIndia deployed 2,000 troops to the Kashmir border on Friday.\n" \
           "Advertisement\nOfficials said more would follow.\n"
    a = parse_txt(text, "x")
    assert a.title == "Troops deployed to Kashmir border"
    assert a.published is None
    assert a.body_start == text.index("India")
    assert _skipped(a) == ["Troops deployed to Kashmir border", "Advertisement"]


def test_a_date_in_the_first_paragraph_is_not_the_header_date():
    text = "Ceasefire holds\nThe ceasefire signed on June 5, 2020 held overnight, officials said.\n"
    a = parse_txt(text, "x")
    assert a.published is None
    assert _skipped(a) == ["Ceasefire holds"]


def test_title_only_article():
    a = parse_txt("\n  Just a headline  \n", "x")
    assert a.title == "Just a headline"
    assert a.body_start == len("\n  Just a headline  ")


def test_empty_text_raises():
    with pytest.raises(ValueError, match="no text"):
        parse_txt(" \n\n", "x", "a.txt")


LINES = st.sampled_from(["Title here", "", "05 June, 2020", "3 min read", "Read also: x", "Body sentence.",
                         "Photo: AFP", "By Jane Doe", "A caption [Getty]", "  ", "Ceasefire agreed in Idlib."])


@settings(max_examples=200)
@given(st.lists(LINES, min_size=1, max_size=15), st.sampled_from(["\n", "\r\n"]))
def test_spans_are_ordered_disjoint_lines(lines, eol):
    text = eol.join(lines)
    if not text.strip():
        return
    a = parse_txt(text, "x")
    prev = -1
    for s, e in a.skip_spans:
        assert prev <= s < e <= len(text)
        assert "\n" not in text[s:e] and not text[s:e].endswith("\r")
        prev = e
    assert 0 <= a.body_start <= len(text)
    assert a.title == next(line.strip() for line in lines if line.strip())
