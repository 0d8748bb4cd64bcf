"""Every YAML data file of the package reads the same with the fast loader as with PyYAML's pure-Python one."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import coder
from coder.yamlfile import LOADER, load_yaml

FILES = sorted(Path(coder.__file__).parent.rglob("*.yaml"))


def test_the_package_has_its_yaml_data_files():
    names = {f.name for f in FILES}
    assert {"boilerplate.yaml", "patterns.yaml", "grammar.yaml", "lexicon.yaml", "statements.yaml"} <= names
    assert len(FILES) >= 9


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fast_loader_gives_the_same_document(path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_libyaml_is_used_when_pyyaml_has_it():
    assert LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


def test_unsafe_tags_are_refused():
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")
