"""Time and change from Python: successor() through reorganization events, the
network as of a day with carried and orphaned roles, as_of in every query's scope,
dates as people give them, role dates and names over time, and the 2025
reorganization of Hải Dương."""

from __future__ import annotations

import datetime
import os
import pathlib

import numpy as np
import pandas as pd
import pytest

import danvan
from danvan._responsibility import ResponsibilityMixin

from conftest import ROOT
HAIDUONG = ROOT / "data" / "haiduong-2023.json"

Net = danvan.Network if issubclass(danvan.Network, ResponsibilityMixin) else type("Net", (ResponsibilityMixin, danvan.Network), {})

FIXTURE = """{
  "danvan": "1",
  "organizations": [
    {"id": "org:a", "name": "Ban A", "valid_to": "2025-02-28"},
    {"id": "org:b", "name": "Ban B", "valid_to": "2025-02-28"},
    {"id": "org:ab", "name": "Ban A và B", "valid_from": "2025-03-01", "valid_to": "2025-06-30"},
    {"id": "org:hp", "name": "Ban thành phố", "valid_from": "2025-07-01"},
    {"id": "org:huyen", "name": "Huyện ủy", "valid_to": "2025-06-30"},
    {"id": "org:s", "name": "Sở S", "valid_to": "2024-12-31"},
    {"id": "org:s1", "name": "Sở S1", "valid_from": "2025-01-01"},
    {"id": "org:s2", "name": "Sở S2", "valid_from": "2025-01-01"}],
  "tasks": [
    {"id": "task:t", "name": "Nhiệm vụ", "status": "in_progress",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
               {"org": "org:huyen", "role": "host"}, {"org": "org:s", "role": "participate"}]}],
  "events": [
    {"id": "event:thanh-pho", "name": "Hợp nhất vào thành phố", "kind": "transfer", "date": "2025-07-01",
     "from": ["org:ab"], "to": ["org:hp"]},
    {"id": "event:ab", "name": "Hợp nhất A và B", "kind": "merge", "date": "2025-03-01",
     "from": ["org:a", "org:b"], "to": ["org:ab"]},
    {"id": "event:huyen", "name": "Kết thúc cấp huyện", "kind": "dissolve", "date": "2025-07-01", "from": ["org:huyen"]},
    {"id": "event:s", "name": "Chia tách S", "kind": "split", "date": "2025-01-01", "from": ["org:s"], "to": ["org:s1", "org:s2"]}]
}"""


@pytest.fixture(scope="module")
def net():
    return Net.loads(FIXTURE, label="<fixture>")


def test_successor_follows_events_in_date_order(net):
    assert net.successor("org:a", "2023-09-16") == ("org:a",)
    assert net.successor("org:a", "2025-04-01") == ("org:ab",)
    assert net.successor("org:a", "2025-09-01") == ("org:hp",)
    assert net.successor("org:a", datetime.date(2025, 3, 1)) == ("org:ab",)  # the day it takes effect
    assert net.successor("org:a", danvan.Date("2025")) == ("org:a",)  # 2025 starts before the merger
    assert net.successor("org:s", "2025-06-01") == ("org:s1", "org:s2")
    assert net.successor("org:huyen", "2025-09-01") == ()
    assert net.successor("org:hp", "2024") == ()  # not there yet


def test_docstring_examples():
    import doctest

    import danvan._time as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_successor_errors(net):
    with pytest.raises(danvan.NotFoundError) as info:
        net.successor("org:ab-", "2025")
    assert "org:ab" in info.value.suggestions
    with pytest.raises(ValueError, match="date: '2025-02-30' is not a date"):
        net.successor("org:a", "2025-02-30")
    with pytest.raises(TypeError, match="date: expected a danvan.Date"):
        net.successor("org:a", 2025)


def test_as_of_is_a_network_with_carried_and_orphaned_roles(net):
    later = net.as_of("2025-09-01")
    assert isinstance(later, danvan.Network)
    assert str(later.date) == "2025-09-01" and net.date is None
    assert str(later.meta.as_of) == "2025-09-01"
    assert [o.id for o in later.organizations] == ["org:hp", "org:s1", "org:s2"]
    assert "org:a" not in later and "org:hp" in later
    assert len(later.events) == 0  # applied: the carried roles name them
    roles = later.roles()
    assert len(roles) == 4  # a, b to hp; s to s1 and s2; huyen is orphaned
    a = roles[roles.carried_from == "org:a"].iloc[0]
    assert (a.org, a.carried_event, a.role, a.raci) == ("org:hp", "event:thanh-pho", "lead", "R")
    assert roles[roles.carried_from == "org:s"].org.tolist() == ["org:s1", "org:s2"]
    role = later.tasks["task:t"].roles[0]
    assert role.carried_from == danvan.RoleOrigin("org:a", "event:thanh-pho", danvan.Date("2025-07-01"))
    assert later.tasks["task:t"].orphaned_roles == (
        danvan.OrphanedRole("host", "org:huyen", "event:huyen", danvan.Date("2025-07-01")),)
    assert later.lead_of("task:t") == "org:hp" and net.lead_of("task:t") == "org:a"
    assert later.portfolio("org:hp")["role"].tolist() == ["lead", "coordinate"]
    # Built once per day, kept with the network; a network as of a day is its own as_of.
    assert net.as_of("2025-09-01")._core is later._core
    assert later.as_of("2025-09-01") is later
    # It saves and loads like any network, origins and orphans included.
    again = danvan.Network.loads(later.dumps())
    assert again.dumps() == later.dumps()
    assert again.tasks["task:t"].roles[0].carried_from.org == "org:a"


def test_every_query_takes_as_of_in_its_scope(net):
    on = {"as_of": "2025-09-01"}
    assert net.roles_of("task:t", scope=on)["org"].tolist() == ["org:hp", "org:hp", "org:s1", "org:s2"]
    raci = net.raci(scope=on)
    assert raci["org"].tolist() == ["org:hp", "org:s1", "org:s2"]
    assert raci["org_name"].tolist() == ["Ban thành phố", "Sở S1", "Sở S2"]
    assert net.portfolio("org:hp", scope=danvan.Scope(as_of="2025-09-01", roles=["lead"]))["role"].tolist() == ["lead"]
    pairs = net.top_pairs(3, scope=on)
    assert len(pairs) > 0
    assert pairs["a"].tolist() == net.as_of("2025-09-01").top_pairs(3)["a"].tolist()
    assert set(pairs["a"]) | set(pairs["b"]) <= {"org:hp", "org:s1", "org:s2"}
    g = net.to_networkx("organizations", scope=on)
    assert set(g.nodes) == {"org:hp", "org:s1", "org:s2"}
    # Without a date nothing moves.
    assert net.roles_of("task:t")["org"].tolist() == ["org:a", "org:b", "org:huyen", "org:s"]


def test_succession_lists_carried_and_orphaned_roles(net):
    f = net.succession("2025-09-01")
    assert len(f) == 5
    huyen = f[f.original_org == "org:huyen"].iloc[0]
    assert huyen.orphaned and pd.isna(huyen.org) and pd.isna(huyen.org_name) and huyen.event == "event:huyen"
    a = f[f.original_org == "org:a"].iloc[0]
    assert (a.org, a.org_name, a.inherited, a.event) == ("org:hp", "Ban thành phố", True, "event:thanh-pho")
    before = net.succession("2023-09-16")
    assert not before.inherited.any() and not before.orphaned.any()
    assert before.org.tolist() == ["org:a", "org:b", "org:huyen", "org:s"]


def test_as_of_before_everything_is_empty():
    net = Net.loads("""{"danvan": "1",
      "organizations": [{"id": "org:a", "name": "A", "valid_from": "2008-04"}],
      "tasks": [{"id": "task:t", "name": "T", "valid_from": "2010", "roles": [{"org": "org:a", "role": "lead"}]}]}""")
    early = net.as_of("1990-01-01")
    assert len(early.organizations) == 0 and len(early.tasks) == 0 and len(early.roles) == 0
    assert len(early.roles()) == 0
    assert len(net.as_of("2011").roles) == 1


@pytest.mark.parametrize("day", [
    "2025-09-01", danvan.Date("2025-09-01"), datetime.date(2025, 9, 1), datetime.datetime(2025, 9, 1, 13, 30),
    np.datetime64("2025-09-01"), np.datetime64("2025-09-01T08:00"), pd.Timestamp("2025-09-01 08:00"),
])
def test_dates_as_people_give_them(net, day):
    assert net.as_of(day)._core is net.as_of("2025-09-01")._core
    assert net.roles_of("task:t", scope={"as_of": day})["org"].tolist()[0] == "org:hp"


def test_dates_people_get_wrong_are_explained(net):
    with pytest.raises(ValueError, match=r"as_of: '30/09/2023' is not a date: .*did you mean 2023-09-30\?"):
        net.as_of("30/09/2023")
    with pytest.raises(ValueError, match=r"did you mean 2023-09\?"):
        net.roles_of("task:t", scope={"as_of": "09/2023"})
    with pytest.raises(ValueError, match="as_of: '2025-13-01' is not a date"):
        net.as_of("2025-13-01")
    with pytest.raises(TypeError, match="as_of: expected a danvan.Date, an ISO 8601 string"):
        net.as_of(2025)
    with pytest.raises(ValueError, match="NaT"):
        net.as_of(np.datetime64("NaT"))


def test_role_dates_names_over_time_and_warnings():
    net = Net.loads("""{"danvan": "1",
      "organizations": [{"id": "org:a", "name": "Ban Dân vận", "names": [{"name": "Ban Dân vận cũ", "valid_to": "2019-12-31"}]},
                        {"id": "org:b", "name": "Ban B"}],
      "tasks": [{"id": "task:t", "name": "T", "period": {"start": "2020", "end": "2022"},
                 "roles": [{"org": "org:a", "role": "lead"},
                           {"org": "org:b", "role": "coordinate", "valid_from": "2021-06", "valid_to": "2023"}]}]}""")
    b = net.tasks["task:t"].roles[1]
    assert (str(b.valid_from), str(b.valid_to)) == ("2021-06", "2023")
    assert net.roles()["valid_from_precision"].astype(str).tolist() == ["nan", "month"]
    assert len(net.as_of("2020-01-01").roles) == 1 and len(net.as_of("2021-07-01").roles) == 2
    [warning] = net.warnings
    assert (warning.path, warning.rule) == ("/tasks/0/roles/1/valid_to", "role-outside-period")
    a = net.organizations["org:a"]
    assert a.names == (danvan.DatedName("Ban Dân vận cũ", None, danvan.Date("2019-12-31")),)
    assert a.name_on("2018") == "Ban Dân vận cũ" and a.name_on("2024") == "Ban Dân vận"
    assert net.as_of("2018-05-01").organizations["org:a"].name == "Ban Dân vận cũ"
    assert net.find("ban dan van cu")[0].entity.id == "org:a"  # former names are found too


# ---- Hải Dương: which 2023 responsibilities pass to which successor by 2025-09-01 -------------
# SPEC section 2: from 2025-03-01 the Propaganda and the Mass Mobilization Commissions became one
# commission, and the Departments of Natural Resources and Environment and of Agriculture and Rural
# Development became the Department of Agriculture and Environment; on 2025-07-01 the province
# merged into Hải Phòng city.


@pytest.fixture(scope="module")
def haiduong():
    if not HAIDUONG.exists():
        pytest.skip("data/haiduong-2023.json is not there yet")
    return Net.load(HAIDUONG)


def test_haiduong_successors(haiduong):
    assert haiduong.successor("org:ban-dan-van-tinh-uy", "2025-04-01") == ("org:ban-tuyen-giao-va-dan-van-tinh-uy",)
    assert haiduong.successor("org:ban-dan-van-tinh-uy", "2025-09-01") == ("org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong",)
    for department in ("org:so-tai-nguyen-va-moi-truong", "org:so-nong-nghiep-va-phat-trien-nong-thon"):
        assert haiduong.successor(department, "2025-04-01") == ("org:so-nong-nghiep-va-moi-truong",)
        assert haiduong.successor(department, "2025-09-01") == ("org:so-nong-nghiep-va-moi-truong-hai-phong",)


def test_haiduong_nothing_is_carried_before_2025(haiduong):
    before = haiduong.as_of("2024-12-31").roles()
    assert len(before) > 70 and before.carried_from.isna().all()


def test_haiduong_2023_responsibilities_pass_to_successors(haiduong):
    own = haiduong.portfolio("org:ban-dan-van-tinh-uy")
    tasks_2023 = set(own["target"][own["target_kind"] == "task"])
    mid = haiduong.as_of("2025-03-15").roles()
    merged = mid[(mid.carried_from == "org:ban-dan-van-tinh-uy") & (mid.target_kind == "task")]
    assert set(merged.org) == {"org:ban-tuyen-giao-va-dan-van-tinh-uy"}
    assert set(merged.target) == tasks_2023
    assert set(merged.org_name) == {haiduong.organizations["org:ban-tuyen-giao-va-dan-van-tinh-uy"].name}
    roles = haiduong.as_of("2025-09-01").roles()
    commission = roles[roles.carried_from == "org:ban-dan-van-tinh-uy"]
    assert set(commission.org) == {"org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"}
    assert set(commission[commission.target_kind == "task"].target) == tasks_2023
    departments = roles[roles.carried_from.isin(["org:so-tai-nguyen-va-moi-truong", "org:so-nong-nghiep-va-phat-trien-nong-thon"])]
    assert set(departments.org) == {"org:so-nong-nghiep-va-moi-truong-hai-phong"}
    assert set(departments.target) == {"prog:chung-tay-bao-ve-moi-truong-2023-2025"}
    assert len(departments) == 2  # both former departments' signatures


def test_haiduong_queries_after_the_merger_name_hai_phong_bodies(haiduong):
    on = {"as_of": "2025-09-01"}
    pairs = haiduong.top_pairs(10, scope=on)
    assert len(pairs) > 0 and any("hai-phong" in p.a or "hai-phong" in p.b for p in pairs.itertuples())
    raci = haiduong.raci(scope={**on, "program": "prog:chuong-trinh-cong-tac-2023"})
    assert "org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong" in set(raci.org)
    assert "org:ban-dan-van-tinh-uy" not in set(raci.org)
    commission = raci[raci.org == "org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"]
    assert set(commission.carried_from) == {"org:ban-dan-van-tinh-uy"}  # the RACI says where each cell came from
    assert "carried_from" not in haiduong.raci(scope={"program": "prog:chuong-trinh-cong-tac-2023"})


def test_haiduong_coverage_after_the_merger(haiduong):
    found = haiduong.check(as_of="2025-09-01")
    # No organization holding a carried role is idle.
    idle = {v.entity for v in found.itertuples() if v.check == "organization-idle"}
    holders = set(haiduong.as_of("2025-09-01").roles().query("carried_from.notna()").org)
    assert holders and not (idle & holders)
    # The district bodies' roles are orphaned, each reported once (the default rule looks
    # at work still running; all of them with active_only off).
    rules = {"rules": [{"rule": "orphaned-role", "params": {"active_only": False}}]}
    orphans = list(haiduong.check(rules, as_of="2025-09-01").itertuples())
    later = haiduong.as_of("2025-09-01")
    gone_districts = {o.id for o in haiduong.organizations if o.level == "district" and o.id not in later}
    district_roles = sum(len(haiduong.organizations[d].roles) for d in gone_districts)
    district_orphans = [v for v in orphans if v.entity in gone_districts]
    assert district_roles > 0 and len(district_orphans) == district_roles
    assert len({(v.entity, v.evidence[1], v.message) for v in district_orphans}) == len(district_orphans)


def test_plots_and_exports_take_as_of_in_their_scope(haiduong):
    import matplotlib

    matplotlib.use("Agg")
    from danvan import plot

    ax = plot.overlap_heatmap(haiduong, top=8, weight="count", labels="id", scope={"as_of": "2025-09-01"}).axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels and all(label in haiduong.as_of("2025-09-01") for label in labels)
    assert any("hai-phong" in label for label in labels)
    ax = plot.coordination_graph(haiduong, scope={"as_of": "2025-09-01"}, labels=True).axes[0]
    shown = {t.get_text() for t in ax.texts}
    later_names = {n for o in haiduong.as_of("2025-09-01").organizations for n in (o.name, *o.aliases)}
    shown.discard("")

    def borne(label):  # a name or alias borne that day, maybe with words left out at the `…`
        head, _, tail = label.partition("…")
        return any(n.startswith(head.strip()) and n.endswith(tail.strip()) for n in later_names)

    assert shown and all(borne(label) for label in shown)


# ---- the same questions from the command line, checked against the library ----------------

CLI = pathlib.Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"


def _cli(*args):
    import json
    import subprocess

    if not CLI.exists():
        pytest.skip(f"the danvan program is not built at {CLI}")
    run = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def _rules(tmp_path, rule):
    import json

    path = tmp_path / f"{rule}.rules.json"
    path.write_text(json.dumps({"rules": [{"rule": rule, "params": {"active_only": False}}]}))
    return path


def test_cli_answers_as_the_library_does(haiduong, tmp_path):
    assert _cli("summary", "--format", "json", HAIDUONG, "--as-of", "2024-12-31")["as_of"]["carried_roles"] == 0
    # 2025-03-15: the commission's roles sit with the merged commission of Hải Dương.
    found = _cli("check", HAIDUONG, "--as-of", "2025-03-15", "--format", "json", "--rules", _rules(tmp_path, "inherited-role"))
    moved = [v for v in found["violations"] if v["entity"] == "org:ban-dan-van-tinh-uy"]
    mid = haiduong.as_of("2025-03-15").roles()
    expected = mid[mid.carried_from == "org:ban-dan-van-tinh-uy"]
    assert len(moved) == len(expected) > 0
    assert {v["evidence"][2] for v in moved} == set(expected.org) == {"org:ban-tuyen-giao-va-dan-van-tinh-uy"}
    # 2025-09-01: the top pairs are the library's, and name Hải Phòng bodies.
    pairs = _cli("overlap", HAIDUONG, "--as-of", "2025-09-01", "--top", "10", "--format", "json")["pairs"]
    assert [(p["a"], p["b"]) for p in pairs] == [(p.a, p.b) for p in haiduong.top_pairs(10, scope={"as_of": "2025-09-01"}).itertuples()]
    assert any("hai-phong" in p["a"] for p in pairs)
    # The roles left without a holder: one finding each.
    orphans = _cli("check", HAIDUONG, "--as-of", "2025-09-01", "--format", "json", "--rules", _rules(tmp_path, "orphaned-role"))
    frame = haiduong.succession("2025-09-01").query("orphaned")
    assert sorted(v["entity"] for v in orphans["violations"]) == sorted(frame.original_org)


def test_bad_time_data_is_reported_with_its_path():
    with pytest.raises(danvan.ValidationError) as info:
        Net.loads("""{"danvan": "1",
          "organizations": [{"id": "org:a", "name": "A", "valid_to": "2024-12-31"}, {"id": "org:b", "name": "B", "valid_from": "2026-01-01"}],
          "events": [{"id": "event:e", "name": "E", "kind": "rename", "date": "2025-01-01", "from": ["org:a"], "to": ["org:b"]}]}""")
    assert [(p.path, p.rule) for p in info.value.problems] == [("/events/0/to/0", "successor-starts-late")]
    with pytest.raises(danvan.ValidationError) as info:
        Net.loads("""{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],
          "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead", "valid_to": "09/2023"}]}]}""")
    [problem] = info.value.problems
    assert problem.path == "/tasks/0/roles/0/valid_to" and "did you mean 2023-09?" in problem.message


def test_check_as_of_a_day_names_the_entities_of_the_full_network():
    # Checked as of a day, the core counts positions in that day's network (org:a is
    # gone, org:c moved up): the table still names each entity by its own id and name.
    net = danvan.Network.loads('''{"danvan": "1",
      "organizations": [{"id": "org:a", "name": "A", "valid_to": "2025-02-28"}, {"id": "org:b", "name": "B"},
                        {"id": "org:c", "name": "C"}],
      "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]},
                {"id": "task:u", "name": "U", "roles": [{"org": "org:b", "role": "coordinate"}]}],
      "events": [{"id": "event:d", "name": "D", "kind": "dissolve", "date": "2025-03-01", "from": ["org:a"]}]}''')
    rules = {"rules": [{"rule": "orphaned-role", "params": {"active_only": False}}, {"rule": "organization-idle"}]}
    found = net.check(rules, as_of="2025-09-01")
    assert found[["rule", "entity", "entity_name"]].values.tolist() == [
        ["orphaned-role", "org:a", "A"], ["organization-idle", "org:c", "C"]]
    assert [e[0] for e in found.evidence] == found.entity.tolist()
