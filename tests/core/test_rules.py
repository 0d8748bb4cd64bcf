"""Rules are data: they load with stable ids, and bad rule files are reported with every problem at once."""
from __future__ import annotations

import pytest

from coder.rules import RuleError, _read_files, compile_ruleset, load_ruleset


def test_shipped_rules_have_unique_stable_ids_and_known_codes():
    rs = load_ruleset()
    ids = [r.id for r in rs.rules]
    assert len(ids) == len(set(ids))
    assert set(rs.families) == {"AIRSTRIKE", "TROOP_DEPLOYMENT", "CEASEFIRE", "ROAD_BLOCKADE"}
    assert {"AIR-N-001", "CF-N-001", "RB-V-001", "TRP-V-001"} <= set(ids)
    assert rs.families["CEASEFIRE"].codes["0256"].event_type is None
    assert rs.families["AIRSTRIKE"].codes["1952"].plover_mode == "drone"


def test_a_new_family_is_a_data_file():
    files = dict(_read_files())
    files["occupation.yaml"] = """
family: OCCUPATION
codes:
  "192": {name: Occupy territory, goldstein: -9.5, quad_class: 4, disorder_type: Political violence,
          event_type: Battles, sub_event_type: Non-state actor overtakes territory, plover_event: SEIZE,
          plover_mode: null}
rules:
  - id: OCC-V-001
    pos: verb
    triggers: [captured, seized control of]
    cameo: "192"
"""
    rs = compile_ruleset(files)
    assert "OCCUPATION" in rs.families
    assert [r.id for r in rs.rules_for("Seized  control of")] == ["OCC-V-001"]


def test_bad_rule_file_lists_every_problem_with_file_and_rule():
    files = dict(_read_files())
    files["broken.yaml"] = """
family: BROKEN
codes:
  "999": {name: x, goldstein: 1, quad_class: 1}
rules:
  - id: AIR-N-001
    pos: adjective
    triggers: []
    cameo: "111"
    requires_any:
      - {near: no_such_lexicon}
"""
    with pytest.raises(RuleError) as e:
        compile_ruleset(files)
    msg = str(e.value)
    assert "broken.yaml: rule #1 (AIR-N-001): id AIR-N-001 already used in airstrike.yaml" in msg
    assert "'pos' must be one of" in msg
    assert "'triggers' is empty" in msg
    assert "code 111 is not in the family's code table" in msg
    assert "unknown lexicon 'no_such_lexicon'" in msg


def test_trigger_regex_matches_whole_words_with_hyphen_or_space_variants():
    rx = load_ruleset().trigger_regex
    found = [m.group() for m in rx.finditer("Air-strikes and air  strikes, not airstrikesque or deployed-ish.")]
    assert found[:2] == ["Air-strikes", "air  strikes"]
    assert "airstrikes" not in [f.lower() for f in found]
