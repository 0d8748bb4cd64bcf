"""Table tests for places: the event's place, its fields and the reason."""
import pytest

from coder.geo.resolve import build_context, locate


def place_of(gaz, text, target, actors=()):
    """Locate an event whose clause is the sentence containing `target` (a substring of text)."""
    ms = gaz.find(text)
    ctx = build_context(gaz, text, ms, actors)
    a = text.index(target)
    b = a + len(target)
    sent_start = text.rfind(".", 0, a) + 1
    sent_end = text.find(".", b)
    sent_end = len(text) if sent_end < 0 else sent_end
    clause = [m for m in ms if a <= m.start and m.end <= b]
    sentence = [m for m in ms if sent_start <= m.start and m.end <= sent_end]
    return locate(clause, sentence, ctx, actors)


def fields(loc):
    return (loc.location, loc.country, loc.iso, loc.iso3, loc.admin1, loc.admin1_code, loc.geo_precision,
            loc.geonames_id)


@pytest.mark.parametrize("spelling, gid", [
    ("Maaret al-Numan", 167611), ("Ma'arrat al-Nu'man", 167611), ("Maarrat an-Numan", 167611),
    ("Saraqeb", 164816), ("Saraqib", 164816), ("Idleb", 169389), ("Idlib", 169389),
    ("Kharkiv", 706483), ("Kharkov", 706483),
])
def test_transliteration_variants(gaz, spelling, gid):
    country = "Ukraine" if spelling.startswith("Khark") else "Syria"
    loc = place_of(gaz, f"Jets struck {spelling} in {country} on Monday.", f"struck {spelling}")
    assert loc.geonames_id == gid
    assert loc.geo_precision == 1


def test_skeleton_key_needs_the_country_in_context(gaz):
    text = "Jets struck Maaret al-Numan on Monday."
    assert place_of(gaz, text, "struck Maaret al-Numan") is None
    loc = place_of(gaz, text + " Syria denied it.", "struck Maaret al-Numan")
    assert fields(loc) == ("Ma'arrat an Nu'man", "Syria", 760, "SYR", "Idlib", "SY-ID", 1, 167611)
    assert "consonant skeleton" in loc.reason


def test_tripoli_in_libya_and_in_lebanon(gaz):
    libya = place_of(gaz, "Militias clashed in Tripoli. Libya's government called for calm.", "clashed in Tripoli")
    assert fields(libya) == ("Tripoli", "Libya", 434, "LBY", "Tripoli", "LY-TB", 1, 2210247)
    assert "Libya named 1x in the article" in libya.reason
    lebanon = place_of(gaz, "Protesters blocked roads in Tripoli. The army of Lebanon deployed.", "roads in Tripoli")
    assert fields(lebanon)[:3] == ("Tripoli", "Lebanon", 422)
    assert lebanon.admin1_code == "LB-AS" and lebanon.geonames_id == 266826
    by_actor = place_of(gaz, "Jets struck Tripoli.", "struck Tripoli", actors=("LBN",))
    assert by_actor.country == "Lebanon" and "actors' country" in by_actor.reason


def test_region_only(gaz):
    loc = place_of(gaz, "Russian jets bombed northwestern Syria on Wednesday.", "bombed northwestern Syria")
    assert (loc.location, loc.country, loc.admin1_code, loc.geo_precision) == \
        ("northwestern Syria", "Syria", "SY-ID", 3)
    donbas = place_of(gaz, "Shelling continued across the Donbas.", "across the Donbas")
    assert (donbas.location, donbas.country, donbas.geo_precision) == ("Donbas", "Ukraine", 3)
    province = place_of(gaz, "Regime forces massed in Hama province.", "in Hama province")
    assert (province.location, province.admin1_code, province.geo_precision, province.geonames_id) == \
        ("Hama", "SY-HM", 3, 170015)


def test_seed_article_cases(gaz):
    zawiya = place_of(gaz, "Turkey positioned missiles in the Jabal Al-Zawiya area of Idlib.",
                      "in the Jabal Al-Zawiya area")
    assert (zawiya.location, zawiya.country, zawiya.admin1, zawiya.admin1_code, zawiya.geo_precision) == \
        ("Jabal al-Zawiya", "Syria", "Idlib", "SY-ID", 2)
    m4 = place_of(gaz, "Troops in Idlib province patrolled the M4 highway.", "patrolled the M4 highway")
    assert (m4.country, m4.admin1_code, m4.geo_precision) == ("Syria", "SY-ID", 2)
    m4_aleppo = place_of(gaz, "Troops in Aleppo province patrolled the M4 highway.", "patrolled the M4 highway")
    assert m4_aleppo.admin1_code == "SY-HL"
    tanf = place_of(gaz, "A rebel group operates in Tanf in southern Syria.", "operates in Tanf in southern Syria")
    assert (tanf.location, tanf.country, tanf.admin1, tanf.geo_precision) == ("al-Tanf", "Syria", "Homs", 2)
    libya = place_of(gaz, "Idlib is calm. Turkish drones struck air defences in Libya. Syria is tense.",
                     "struck air defences in Libya")
    assert (libya.location, libya.country, libya.iso, libya.geo_precision, libya.admin1) == \
        ("Libya", "Libya", 434, 3, None)


def test_near_and_clause_before_sentence_before_article(gaz):
    near = place_of(gaz, "Shelling hit villages near Saraqeb in Syria.", "villages near Saraqeb")
    assert (near.location, near.geo_precision) == ("Saraqib", 2)
    text = "Idlib was shelled again. Russia said jets struck targets in Syria. Officials met. Jets bombed a depot."
    sentence = place_of(gaz, text, "jets struck targets")
    assert sentence.country == "Syria" and sentence.reason.startswith("named in the event's sentence")
    article = place_of(gaz, "Idlib was shelled again. Idlib residents fled. Jets bombed a depot.", "Jets bombed")
    assert article.location == "Idlib" and "main place" in article.reason


def test_actor_country_is_not_the_place(gaz):
    loc = place_of(gaz, "Russia launched airstrikes on rebel areas of Syria.", "Russia launched airstrikes on rebel "
                   "areas of Syria", actors=("RUS",))
    assert loc.country == "Syria"


def test_dateline_sets_context(gaz):
    text = "TRIPOLI, Lebanon (Reuters) - Gunmen fired at a checkpoint. Jets later struck Tripoli."
    ms = gaz.find(text)
    ctx = build_context(gaz, text, ms)
    assert ctx.dateline is not None and ctx.dateline.country == "Lebanon"
    assert place_of(gaz, text, "struck Tripoli").country == "Lebanon"
