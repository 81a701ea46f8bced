"""Responsibility queries from Python: lead_of and its batch form, roles_of with
roll-up, portfolio, the RACI matrix, the accountability chain; DataFrames with
categorical id columns and a name beside each; errors with their types and messages; and the
answers on the Hải Dương network (issue 5, point 7), read by hand from the seed."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

import danvan
from danvan import _core
from danvan._responsibility import ChainLink, ResponsibilityMixin

from conftest import ROOT
HAIDUONG = ROOT / "data" / "haiduong-2023.json"

# danvan.Network gains ResponsibilityMixin in its bases; until then a subclass does.
Net = danvan.Network if issubclass(danvan.Network, ResponsibilityMixin) else type("Net", (ResponsibilityMixin, danvan.Network), {})

FIXTURE = """{
  "danvan": "1",
  "organizations": [
    {"id": "org:tinh-uy", "name": "Tỉnh ủy", "kind": "party_committee", "level": "province"},
    {"id": "org:btv", "name": "Ban Thường vụ", "kind": "party_committee", "parent": "org:tinh-uy"},
    {"id": "org:ban-dan-van", "name": "Ban Dân vận", "kind": "party_commission", "parent": "org:tinh-uy"},
    {"id": "org:phong-a", "name": "Phòng A", "kind": "other", "parent": "org:ban-dan-van"},
    {"id": "org:mttq", "name": "MTTQ", "kind": "front"},
    {"id": "org:cong-an", "name": "Công an", "kind": "police", "classification": "restricted"}],
  "documents": [
    {"id": "doc:ct-21", "name": "Chỉ thị 21", "type": "CT", "date": "2018-01-20"},
    {"id": "doc:kl-1", "name": "Kết luận 1", "continues": ["doc:ct-21"]},
    {"id": "doc:kh-1", "name": "Kế hoạch 1", "implements": ["doc:kl-1"]}],
  "programs": [
    {"id": "prog:p", "name": "Chương trình", "implements": ["doc:kh-1"],
     "roles": [{"org": "org:mttq", "role": "sign"}, {"org": "org:ban-dan-van", "role": "sign"}]}],
  "tasks": [
    {"id": "task:so-ket", "name": "Sơ kết", "kind": "review", "implements": ["doc:ct-21"],
     "roles": [{"org": "org:ban-dan-van", "role": "advise"}, {"org": "org:tinh-uy", "role": "direct"}]},
    {"id": "task:a", "name": "A", "program": "prog:p",
     "roles": [{"org": "org:phong-a", "role": "lead"}, {"org": "org:mttq", "role": "coordinate"},
               {"org": "org:cong-an", "role": "coordinate"}]},
    {"id": "task:b", "name": "B", "program": "prog:p",
     "roles": [{"org": "org:ban-dan-van", "role": "lead"}, {"org": "org:mttq", "role": "lead"}]},
    {"id": "task:c", "name": "C", "roles": [{"org": "org:mttq", "role": "inform"}]},
    {"id": "task:d", "name": "D",
     "roles": [{"org": "org:ban-dan-van", "role": "lead"}, {"org": "org:ban-dan-van", "role": "advise"},
               {"org": "org:btv", "role": "direct"}]}]
}"""


@pytest.fixture(scope="module")
def net():
    return Net.loads(FIXTURE, label="<fixture>")


# ---- lead_of -----------------------------------------------------------------------------


def test_lead_of_single_none_and_several(net):
    assert net.lead_of("task:so-ket") == "org:ban-dan-van"
    assert net.lead_of("task:d") == "org:ban-dan-van"  # one organization, two R roles
    assert net.lead_of("task:b") is None  # two organizations
    assert net.lead_of("task:c") is None  # none


def test_lead_of_alternating_networks_and_bad_arguments():
    # The compiled look-up remembers the last network: alternating two must not mix them up.
    text = '{"danvan": "1", "organizations": [{"id": "org:%s", "name": "X"}], ' \
           '"tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:%s", "role": "lead"}]}]}'
    a, b = Net.loads(text % ("a", "a")), Net.loads(text % ("b", "b"))
    assert [a.lead_of("task:t"), b.lead_of("task:t"), a.lead_of("task:t")] == ["org:a", "org:b", "org:a"]
    del a
    assert b.lead_of("task:t") == "org:b"
    with pytest.raises(TypeError):
        _core.lead_of(b._core, 42)
    with pytest.raises(TypeError):
        _core.lead_of("not a network", "task:t")
    with pytest.raises(TypeError):
        _core.lead_of(b._core)


def test_lead_of_unknown_task_names_the_nearest(net):
    with pytest.raises(KeyError) as info:
        net.lead_of("task:so-ke")
    assert isinstance(info.value, danvan.NotFoundError)
    assert info.value.id == "task:so-ke"
    assert info.value.suggestions[0] == "task:so-ket"
    assert "did you mean `task:so-ket`" in str(info.value)


def test_lead_of_many_positions_and_ids(net):
    positions = np.arange(len(net.tasks))
    leads = net.lead_of_many(positions)
    assert leads.dtype == np.int64 and leads.shape == (5,)
    org = {o.id: o.position for o in net.organizations}
    assert leads.tolist() == [org["org:ban-dan-van"], org["org:phong-a"], -2, -1, org["org:ban-dan-van"]]
    assert (_core.NO_LEAD, _core.SEVERAL_LEADS) == (-1, -2)
    # Ids, a list of ints and other integer dtypes give the same.
    assert net.lead_of_many(net.tasks.ids()).tolist() == leads.tolist()
    assert net.lead_of_many([0, 1, 2, 3, 4]).tolist() == leads.tolist()
    assert net.lead_of_many(positions.astype(np.uint32)).tolist() == leads.tolist()
    # Agrees with the single form everywhere.
    ids = net.organizations.ids()
    for task, lead in zip(net.tasks.ids(), leads):
        assert net.lead_of(task) == (ids[lead] if lead >= 0 else None)
    assert net.lead_of_many([], "R").shape == (0,)
    assert net.lead_of_many(positions, "A").tolist() == [org["org:tinh-uy"], -1, -1, -1, org["org:btv"]]


def test_lead_of_many_bad_input(net):
    with pytest.raises(IndexError, match=r"tasks\[1\]: task position 99 out of range \(5 in the network\)"):
        net.lead_of_many(np.array([0, 99]))
    with pytest.raises(IndexError, match="-1"):
        net.lead_of_many([-1])
    with pytest.raises(ValueError, match="one-dimensional"):
        net.lead_of_many(np.zeros((2, 2), dtype=np.int64))
    with pytest.raises(ValueError, match="letter: `X` is not one of R, A, C, I"):
        net.lead_of_many([0], "X")
    with pytest.raises(danvan.NotFoundError, match="task:zz"):
        net.lead_of_many(["task:a", "task:zz"])
    with pytest.raises(TypeError, match="not one string"):
        net.lead_of_many("task:a")


# ---- roles_of ----------------------------------------------------------------------------


ROLE_COLUMNS = ["org", "org_name", "role", "raci", "target_kind", "target", "target_name", "path",
                "program", "program_name", "document", "document_name"]


def test_roles_of_task_is_a_dataframe_with_named_categorical_ids(net):
    t = net.roles_of("task:so-ket")
    assert isinstance(t, pd.DataFrame)
    assert len(t) == 2
    assert list(t.columns) == ROLE_COLUMNS
    for col in ("org", "role", "raci", "target_kind", "target", "path", "program", "document"):
        assert isinstance(t[col].dtype, pd.CategoricalDtype), col
    for col in ("org_name", "target_name", "program_name", "document_name"):
        assert t[col].dtype == object, col
    # Categories: only the ids that occur, in position order.
    assert list(t["org"].cat.categories) == ["org:tinh-uy", "org:ban-dan-van"]
    assert list(t["target"].cat.categories) == ["task:so-ket"]
    assert t[["org", "role", "raci"]].astype(str).values.tolist() == [
        ["org:ban-dan-van", "advise", "R"], ["org:tinh-uy", "direct", "A"]]
    # Each <col>_name holds the entity's name; missing ids are NaN and their names None.
    assert t["org_name"].tolist() == [net[o].name for o in t["org"]] == ["Ban Dân vận", "Tỉnh ủy"]
    assert t["target_name"].tolist() == ["Sơ kết", "Sơ kết"]
    assert t["program"].isna().all() and t["document"].isna().all()
    assert t["program_name"].isna().all() and t["document_name"].isna().all() and len(t) == 2
    assert [r.role for r in t.itertuples()] == ["advise", "direct"]


def test_roles_of_program_rolls_up_its_tasks(net):
    t = net.roles_of("prog:p")
    assert t["target"].tolist() == ["prog:p", "prog:p", "task:a", "task:a", "task:a", "task:b", "task:b"]
    assert t["path"].tolist() == ["own"] * 2 + ["program_task"] * 5
    assert t["program"].isna().tolist() == [True, True] + [False] * 5
    assert t["program"].tolist()[2:] == ["prog:p"] * 5
    assert t["program_name"].fillna("").tolist() == ["", ""] + ["Chương trình"] * 5
    assert t["target_name"].tolist() == ["Chương trình"] * 2 + ["A"] * 3 + ["B"] * 2
    assert len(net.roles_of("prog:p", rollup=False)) == 2


def test_roles_of_document_through_implements_and_continues(net):
    t = net.roles_of("doc:ct-21")
    assert len(t) == 9
    first, last = t.iloc[0], t.iloc[-1]
    assert first["target"] == "prog:p" and first["document"] == "doc:kh-1" and first["path"] == "implements"
    assert first["document_name"] == "Kế hoạch 1"
    assert last["target"] == "task:so-ket" and last["document"] == "doc:ct-21"
    assert last["document_name"] == "Chỉ thị 21"
    assert len(net.roles_of("doc:kl-1")) == 7
    assert len(net.roles_of("doc:ct-21", rollup=False)) == 0


def test_roles_of_scope_as_dict_or_scope(net):
    leads = net.roles_of("prog:p", scope={"roles": ["lead"]})
    assert leads["org"].tolist() == ["org:phong-a", "org:ban-dan-van", "org:mttq"]
    internal = net.roles_of("task:a", scope=_core.Scope(ceiling="internal"))
    assert "org:cong-an" not in internal["org"].tolist() and len(internal) == 2
    with pytest.raises(TypeError, match="scope: expected"):
        net.roles_of("task:a", scope=42)
    with pytest.raises(danvan.Error, match="unknown role `leed`"):
        net.roles_of("task:a", scope={"roles": ["leed"]})


def test_roles_of_errors(net):
    with pytest.raises(danvan.NotFoundError) as info:
        net.roles_of("prog:q")
    assert info.value.suggestions == ["prog:p"]
    with pytest.raises(danvan.Error, match="is an organization: ask for its portfolio instead"):
        net.roles_of("org:mttq")
    with pytest.raises(danvan.NotFoundError, match="unknown id `nothing`"):
        net.roles_of("nothing")


# ---- portfolio, raci, chain ----------------------------------------------------------------


def test_portfolio_with_and_without_subunits(net):
    own = net.portfolio("org:ban-dan-van")
    assert list(zip(own["role"], own["target"])) == [
        ("sign", "prog:p"), ("advise", "task:so-ket"), ("lead", "task:b"), ("lead", "task:d"), ("advise", "task:d")]
    assert set(own["org"]) == {"org:ban-dan-van"}
    assert list(own.columns) == ROLE_COLUMNS
    assert set(own["org_name"]) == {"Ban Dân vận"}
    everything = net.portfolio("org:ban-dan-van", include_subunits=True)
    assert len(everything) == 6 and everything["org"].iloc[-1] == "org:phong-a"
    assert everything["org_name"].iloc[-1] == "Phòng A"
    by_role = everything.groupby("role", observed=True).size().to_dict()
    assert by_role == {"advise": 2, "lead": 3, "sign": 1}
    with pytest.raises(danvan.NotFoundError, match="org:ban-dan-van"):
        net.portfolio("org:ban-dan-vn")


def test_raci_matrix_cells_and_pivot(net):
    m = net.raci()
    assert isinstance(m, pd.DataFrame) and len(m) == 10
    assert list(m.columns) == ["task", "task_name", "org", "org_name", "raci"]
    assert isinstance(m["task"].dtype, pd.CategoricalDtype) and isinstance(m["org"].dtype, pd.CategoricalDtype)
    assert m["task_name"].tolist() == [net[t].name for t in m["task"]]
    assert m["org_name"].tolist() == [net[o].name for o in m["org"]]
    assert set(m["raci"]) <= {"R", "A", "C", "I", "RA", "RC", "RI", "AC", "AI", "CI"}
    frame = m.astype({"task": str, "org": str})
    cell = frame.set_index(["task", "org"])["raci"]
    assert cell[("task:d", "org:ban-dan-van")] == "R"  # lead and advise: one R
    assert cell[("task:d", "org:btv")] == "A"
    assert cell[("task:c", "org:mttq")] == "I"
    matrix = frame.pivot(index="org", columns="task", values="raci")
    assert matrix.shape == (6, 5)
    # The wide form is that pivot, tasks x organizations in file order, "" where empty.
    wide = net.raci(wide=True, names="id")
    assert list(wide.index) == list(net.tasks.ids())
    assert list(wide.columns) == list(net.organizations.ids())
    assert wide.loc["task:d", "org:ban-dan-van"] == "R" and wide.loc["task:c", "org:mttq"] == "I"
    assert wide.loc["task:c", "org:btv"] == ""
    assert wide.replace("", np.nan).T.reindex(index=matrix.index, columns=matrix.columns).equals(matrix)
    assert net.raci(wide=True).loc["D", "Ban Thường vụ"] == "A"  # short labels by default
    assert len(net.raci(scope={"ceiling": "internal"})) == 9


def test_accountability_chain(net):
    chain = net.accountability_chain("task:d")
    assert chain == [
        ChainLink("org:ban-dan-van", "responsible", "lead", "task:d"),
        ChainLink("org:btv", "accountable", "direct", "task:d"),
        ChainLink("org:tinh-uy", "parent"),
    ]
    assert [(c.org, c.link) for c in net.accountability_chain("task:a")] == [
        ("org:phong-a", "responsible"), ("org:ban-dan-van", "parent"), ("org:tinh-uy", "parent")]
    assert net.accountability_chain("task:c") == []
    with pytest.raises(danvan.NotFoundError):
        net.accountability_chain("task:x")


# ---- the Hải Dương network ---------------------------------------------------------------------
# "Ban Dân vận Tỉnh ủy đã chủ động, tích cực tham mưu cho cấp ủy tiến hành sơ kết, tổng kết ...
# sơ kết 5 năm thực hiện Chỉ thị số 21-CT/TW ...; tổng kết 10 năm thực hiện Quyết định số
# 218-QĐ/TW": the commission advises, the Provincial Party Committee (cấp ủy) directs.


@pytest.fixture(scope="module")
def haiduong():
    if not HAIDUONG.exists():
        pytest.skip("data/haiduong-2023.json is not there yet")
    return Net.load(HAIDUONG)


def _review_of(net, doc):
    reviews = [t.id for t in net.tasks if t.kind == "review" and doc in [d.id for d in t.implements]]
    assert reviews, f"no review task implements {doc}"
    return reviews[0]


@pytest.mark.parametrize("doc", ["doc:ct-21-tw", "doc:qd-218-tw"])
def test_haiduong_reviews_advised_by_the_commission_directed_by_the_committee(haiduong, doc):
    task = _review_of(haiduong, doc)
    t = haiduong.roles_of(task)
    roles = dict(zip(t["role"], t["org"]))
    assert roles["advise"] == "org:ban-dan-van-tinh-uy"
    assert roles["direct"] == "org:tinh-uy"
    assert haiduong.lead_of(task) == "org:ban-dan-van-tinh-uy"
    chain = haiduong.accountability_chain(task)
    assert [c.link for c in chain[:2]] == ["responsible", "accountable"]


def test_haiduong_environment_programme_signatories(haiduong):
    t = haiduong.roles_of("prog:chung-tay-bao-ve-moi-truong-2023-2025", rollup=False)
    signers = {org for org, role in zip(t["org"], t["role"]) if role == "sign"}
    assert signers == {"org:ban-dan-van-tinh-uy", "org:uy-ban-mttq-tinh", "org:cac-to-chuc-chinh-tri-xa-hoi-tinh",
                       "org:so-tai-nguyen-va-moi-truong", "org:so-khoa-hoc-va-cong-nghe",
                       "org:so-nong-nghiep-va-phat-trien-nong-thon"}


def test_haiduong_what_the_commission_carries_in_2023(haiduong):
    p = haiduong.portfolio("org:ban-dan-van-tinh-uy", scope={"window": ("2023", "2023")})
    assert isinstance(p, pd.DataFrame)
    carried = set(zip(p["role"], p["target"]))
    assert ("sign", "prog:chung-tay-bao-ve-moi-truong-2023-2025") in carried
    assert ("guide", "prog:dan-van-kheo-2023-2025") in carried
    assert ("advise", _review_of(haiduong, "doc:ct-21-tw")) in carried
    inspections = [t.id for t in haiduong.tasks if t.kind == "inspection" and "doc:qc-03-tu" in [d.id for d in t.implements]]
    assert any(("lead", t) in carried for t in inspections)  # "chủ trì ... kiểm tra ... Quy chế số 03-QC/TU"
    by_role = p.groupby("role", observed=True).size()
    assert by_role["advise"] >= 8  # three plans, four reviews, the dialogue, briefings...
    assert len(p) >= 20
    # lead_of_many over every task equals the single form.
    leads = haiduong.lead_of_many(np.arange(len(haiduong.tasks)))
    ids = haiduong.organizations.ids()
    assert [ids[x] if x >= 0 else None for x in leads] == [haiduong.lead_of(t) for t in haiduong.tasks.ids()]


# ---- the briefing table: net.responsibility() ------------------------------------------------


@pytest.mark.parametrize("day", [None, "2025-09-01"])
def test_responsibility_is_the_pivot_of_the_roles(day):
    shipped = danvan.Network.load(ROOT / "data" / "haiduong-2023.json")
    net = shipped if day is None else shipped.as_of(day)
    table = shipped.responsibility(scope=None if day is None else {"as_of": day}, names="id")
    assert list(table.index) == list(net.programs()["id"]) + list(net.tasks()["id"])
    roles = net.roles()
    for column, by in [("lead", "role"), ("coordinate", "role"), ("R", "raci"), ("A", "raci")]:
        for item in table.index:
            want = roles[(roles["target"] == item) & (roles[by] == column)]["org"].tolist()
            got = table.loc[item, column].split("; ") if table.loc[item, column] else []
            assert got == list(dict.fromkeys(want)), (item, column)
    tasks = net.tasks().set_index("id")
    for task in tasks.index:
        assert table.loc[task, "status"] == tasks.loc[task, "status"]
        program = tasks.loc[task, "program"]
        assert table.loc[task, "program"] == ("" if pd.isna(program) else program)
    # no NaN or None among the text cells: one blank for none
    text = table.drop(columns=["kind", "start", "end", "due"])
    assert all(isinstance(v, str) for v in text.to_numpy().ravel())


def test_responsibility_names_short_labels_and_honours_the_ceiling():
    net = danvan.Network.loads('''{"danvan": "1",
      "organizations": [{"id": "org:u", "name": "Ủy ban nhân dân tỉnh", "aliases": ["UBND tỉnh"]},
                        {"id": "org:s", "name": "SECRET", "classification": "restricted"}],
      "documents": [{"id": "doc:d", "name": "Chỉ thị 21"}],
      "tasks": [{"id": "task:t", "name": "T", "due": "2023-09", "implements": ["doc:d"],
                 "roles": [{"org": "org:u", "role": "lead"}, {"org": "org:s", "role": "lead"}]}]}''')
    assert net.responsibility().loc["task:t", "lead"] == "UBND tỉnh; SECRET"
    assert net.responsibility(names="name").loc["task:t", "lead"] == "Ủy ban nhân dân tỉnh; SECRET"
    public = net.responsibility(scope={"ceiling": "public"})
    assert "SECRET" not in public.to_csv() and public.loc["task:t", "lead"] == "UBND tỉnh"
    row = public.loc["task:t"]
    assert row["directive"] == "doc:d" and row["directive_name"] == "Chỉ thị 21"
    assert str(row["due"].date()) == "2023-09-30"  # a month's deadline is its last day
    with pytest.raises(danvan.ArgumentError, match="topics"):
        net.responsibility(scope={"topics": ["topic:x"]})
    with pytest.raises(danvan.ArgumentError, match="names"):
        net.responsibility(names="alias")
