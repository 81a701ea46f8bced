"""Example: pin coverage properties of a network down in pytest. Copy this file
into your own tests.

``assert_covered(net, rules, as_of=...)`` fails when the rules find a violation of
error severity (what makes ``danvan check`` exit 1) and lists every violation;
``assert_violates`` pins a known gap down so that closing it is noticed;
``assert_lead`` checks who is responsible for a task."""


import pytest

import danvan
from danvan.testing import assert_covered, assert_lead, assert_violates

from conftest import ROOT

NETWORK = """{
  "danvan": "1",
  "organizations": [
    {"id": "org:tinh-uy", "name": "Tỉnh ủy"},
    {"id": "org:ban-dan-van", "name": "Ban Dân vận Tỉnh ủy", "parent": "org:tinh-uy"}],
  "documents": [
    {"id": "doc:ct-21-tw", "name": "Chỉ thị 21-CT/TW", "type": "CT", "date": "2018-01-20",
     "reviews": [{"kind": "preliminary", "years": 5}]}],
  "tasks": [
    {"id": "task:so-ket", "name": "Sơ kết 5 năm", "kind": "review", "implements": ["doc:ct-21-tw"], "due": "2023",
     "roles": [{"org": "org:ban-dan-van", "role": "advise"}, {"org": "org:tinh-uy", "role": "direct"}]}]
}"""

# Your own rules: a path, JSON text or a dict (see docs/rules.md); None is the shipped default.
RULES = {
    "rules": [
        {"rule": "task-responsible"},
        {"rule": "task-accountable", "severity": "error"},
        {"rule": "review-overdue"},
    ]
}


@pytest.fixture
def net():
    return danvan.Network.loads(NETWORK)


def test_network_meets_its_rules(net):
    assert_covered(net, RULES, as_of="2023-09-16")
    assert_covered(net, RULES, as_of="2023-09-16", min_severity="info")  # not even a warning
    assert_covered(net, ROOT / "data" / "rules" / "default.rules.json", as_of="2023-09-16")


def test_the_lead_of_the_review(net):
    assert_lead(net, "task:so-ket", "org:ban-dan-van")


def test_a_known_gap_stays_visible(net):
    # Nobody leads a movement that only has a guide: pin it down until it is fixed.
    gap = danvan.Network.loads(NETWORK.replace('"tasks": [', '''"programs": [{"id": "prog:dan-van-kheo",
        "name": "Dân vận khéo", "kind": "movement", "roles": [{"org": "org:ban-dan-van", "role": "guide"}]}],
        "tasks": ['''))
    assert_violates(gap, {"rules": [{"rule": "program-lead"}]}, rule="program-lead", entity="prog:dan-van-kheo")
