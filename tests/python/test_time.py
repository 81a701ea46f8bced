"""Time and change from Python: successor() through reorganization events, the
as-of view with inherited and orphaned roles as tables, the empty view before
everything, and the 2025 reorganization of Hải Dương."""

from __future__ import annotations

import datetime
import os
import pathlib

import numpy as np
import pandas as pd
import pytest

import danvan
from danvan._responsibility import AsOfView, ResponsibilityMixin

ROOT = pathlib.Path(os.environ.get("DANVAN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
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


def test_successor_errors(net):
    with pytest.raises(danvan.NotFoundError) as info:
        net.successor("org:ab-", "2025")
    assert "org:ab" in info.value.suggestions
    with pytest.raises(ValueError, match="date: '2025-02-30' is not a date"):
        net.successor("org:a", "2025-02-30")
    with pytest.raises(TypeError, match="date: expected a danvan.Date"):
        net.successor("org:a", 2025)


def test_as_of_view_roles_table(net):
    view = net.as_of("2025-09-01")
    assert isinstance(view, AsOfView)
    assert str(view.date) == "2025-09-01"
    r = pd.DataFrame(view.roles)
    assert len(r) == len(view) == 5  # a, b, huyen (orphaned), s twice (split)
    a = r[r.original_org == "org:a"].iloc[0]
    assert (a.org, a.inherited, a.orphaned, a.event, a.role, a.raci) == ("org:hp", True, False, "event:thanh-pho", "lead", "R")
    huyen = r[r.original_org == "org:huyen"].iloc[0]
    assert huyen.org is None and huyen.orphaned and not huyen.inherited and huyen.event == "event:huyen"
    assert huyen.org_pos == -1
    assert r[r.original_org == "org:s"].org.tolist() == ["org:s1", "org:s2"]
    assert r.inherited.dtype == bool and r.role_pos.dtype == np.int64
    assert view.counts() == {"organizations": 3, "tasks": 1, "programs": 0, "roles": 5}
    assert view.organizations == ["org:hp", "org:s1", "org:s2"]
    assert view.exists("org:hp") and not view.exists("org:a")
    assert view.holders("org:a") == ("org:hp",) and view.moved_by("org:a") == "event:thanh-pho"
    assert view.moved_by("org:hp") is None
    held = view.portfolio("org:hp")
    assert held["original_org"].tolist() == ["org:a", "org:b"]
    assert view.roles_on("task:t").nrows == 5
    assert view.lead_of("task:t") == "org:hp"
    assert "2025-09-01: 3 organizations, 1 tasks, 0 programs, 5 roles" in repr(view)


def test_as_of_view_before_the_reorganization(net):
    view = net.as_of("2023-09-16")
    r = view.roles
    assert not r["inherited"].any() and not r["orphaned"].any()
    assert r["org"].tolist() == r["original_org"].tolist() == ["org:a", "org:b", "org:huyen", "org:s"]
    assert view.lead_of("task:t") == "org:a"


def test_as_of_before_everything_is_empty():
    net = Net.loads("""{"danvan": "1",
      "organizations": [{"id": "org:a", "name": "A", "valid_from": "2008-04"}],
      "tasks": [{"id": "task:t", "name": "T", "valid_from": "2010", "roles": [{"org": "org:a", "role": "lead"}]}]}""")
    view = net.as_of("1990-01-01")
    assert len(view) == 0 and view.roles.nrows == 0
    assert view.organizations == [] and view.tasks == []
    assert set(view.roles) >= {"org", "original_org", "inherited", "orphaned", "event"}
    assert len(net.as_of("2011")) == 1


def test_as_of_errors(net):
    with pytest.raises(ValueError, match="as_of: '2025-13-01' is not a date"):
        net.as_of("2025-13-01")
    view = net.as_of("2025")
    with pytest.raises(danvan.NotFoundError):
        view.holders("org:zz")
    with pytest.raises(ValueError, match="not a task or program id"):
        view.roles_on("org:a")
    with pytest.raises(ValueError, match="has no known id prefix"):
        view.exists("nothing")


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


def test_haiduong_2023_responsibilities_pass_to_successors(haiduong):
    in_2023 = haiduong.portfolio("org:ban-dan-van-tinh-uy", scope={"window": ("2023", "2023")})
    roles = pd.DataFrame(haiduong.as_of("2025-09-01").roles)
    commission = roles[roles.original_org == "org:ban-dan-van-tinh-uy"]
    assert set(commission.org) == {"org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"}
    assert commission.inherited.all()
    assert set(in_2023["role_pos"]) <= set(commission.role_pos)  # every 2023 responsibility passed on
    departments = roles[roles.original_org.isin(["org:so-tai-nguyen-va-moi-truong", "org:so-nong-nghiep-va-phat-trien-nong-thon"])]
    assert set(departments.org) == {"org:so-nong-nghiep-va-moi-truong-hai-phong"}
    assert set(departments.target) == {"prog:chung-tay-bao-ve-moi-truong-2023-2025"}
    # In between, after the first merger only.
    mid = pd.DataFrame(haiduong.as_of("2025-04-01").roles)
    assert set(mid[mid.original_org == "org:ban-dan-van-tinh-uy"].org) == {"org:ban-tuyen-giao-va-dan-van-tinh-uy"}
    # The district training centres were dissolved without successor: their roles are orphaned.
    orphans = roles[roles.orphaned]
    assert orphans.original_org.str.startswith("org:trung-tam-boi-duong-chinh-tri").any()
    assert orphans.org.isna().all()
