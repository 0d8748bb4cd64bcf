from hypothesis import given, settings
from hypothesis import strategies as st


def texts(gaz, text):
    return [(m.text, m.qualifier) for m in gaz.find(text)]


def test_seed_phrases(gaz):
    text = ("Turkey has been reinforcing its presence in the Jabal Al-Zawiya area, south of the strategic "
            "M4 highway. A US-allied group operates in Tanf in southern Syria. Russia struck northwestern Syria "
            "where Idlib, Hama, and Latakia provinces meet.")
    assert texts(gaz, text) == [("Turkey", ""), ("Jabal Al-Zawiya area", "part"), ("M4", ""), ("US", ""),
                                ("Tanf", ""), ("southern Syria", "part"), ("Russia", ""),
                                ("northwestern Syria", "part"), ("Idlib", ""), ("Hama", ""),
                                ("Latakia provinces", "admin1")]


def test_false_friends_are_not_places(gaz):
    text = ("Police said Mary went to the March rally on Sunday along Western Avenue in May. "
            "Can Of Colonel Reuters Hamas Syrians Turkish Al-Qaeda The New Arab")
    assert gaz.find(text) == []


def test_glued_proper_names_are_not_places(gaz):
    assert texts(gaz, "Jordan Peterson spoke to the Washington Post.") == []
    assert texts(gaz, "Officials in Jordan spoke.") == [("Jordan", "")]


def test_qualifiers(gaz):
    assert texts(gaz, "clashes near Saraqib") == [("near Saraqib", "near")]
    assert texts(gaz, "on the outskirts of Aleppo") == [("outskirts of Aleppo", "near")]
    assert texts(gaz, "in Idlib province") == [("Idlib province", "admin1")]
    assert texts(gaz, "in Maarrat al-Nu'man district") == [("Maarrat al-Nu'man district", "admin2")]
    assert texts(gaz, "in the Aleppo countryside") == [("Aleppo countryside", "part")]


def test_offsets_point_into_text(gaz):
    text = "Strikes hit al-Tanf and Ma'arrat al-Nu'man.\nIDLIB, Syria (Reuters) - Jets struck Saraqeb."
    for m in gaz.find(text):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in gaz.find(text)] == ["al-Tanf", "Ma'arrat al-Nu'man", "IDLIB", "Syria", "Saraqeb"]


def test_acronyms_only_when_known(gaz):
    assert texts(gaz, "The UAE and the DRC signed; the LOL party did not.") == [("UAE", ""), ("DRC", "")]


words = st.sampled_from(["Idlib", "Tripoli", "in", "near", "al-", "Syria", "Hama", "province", "the", "Mary",
                         "-", " ", ",", ".", "Saraqeb", "’s", "northern", "Jabal", "Al-Zawiya", "é", "\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=30).map(" ".join) | st.text(max_size=200))
def test_mentions_are_sorted_disjoint_and_exact(gaz, text):
    ms = gaz.find(text)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    for m in ms:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.candidates or m.loose


def test_compounds_acronyms_and_demonyms_are_not_places(gaz):
    text = ("Taliban fired on a base in the Pul-e-Charkhi area. An Mi-35 helicopter flew over Ti-n-Samane. "
            "MPs met in Nov. A Saudi-led coalition and Thai officials. Protests in Kacham-Ouest.")
    assert gaz.find(text) == []
    assert texts(gaz, "Clashes on the Aleppo-Latakia road near Idlib-based rebels.") == [
        ("Aleppo", ""), ("Latakia", ""), ("near Idlib", "near")]


def test_english_word_admin1_needs_more_than_one_word(gaz):
    assert texts(gaz, "Coast guards said Centre officials met.") == []
