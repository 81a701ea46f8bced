"""danvan.Network through Python: loading, collections, entities, roles in both
directions, dates, round trips and atomic saving."""

from __future__ import annotations

import copy
import datetime
import doctest
import errno
import gc
import json
import os
import pickle
import threading
import time
import weakref
from pathlib import Path

import pytest

import danvan

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "data" / "core_network.json"
from conftest import ROOT as SOURCE_DIR
KINDS = ("areas", "topics", "organizations", "documents", "programs", "tasks", "events", "sources")


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def net() -> danvan.Network:
    return danvan.Network.load(FIXTURE)


# ---- loading and counting ------------------------------------------------------


def test_load_counts_match_the_file(net, raw):
    for kind in KINDS:
        assert len(getattr(net, kind)) == len(raw[kind]), kind
    roles = sum(len(e.get("roles", [])) for kind in ("programs", "tasks") for e in raw[kind])
    assert len(net.roles) == roles == 8
    assert len(net) == sum(len(raw[k]) for k in KINDS) == 20


def test_load_accepts_str_and_pathlike_and_loads_accepts_bytes(raw):
    a = danvan.Network.load(str(FIXTURE))
    b = danvan.Network.load(FIXTURE)
    c = danvan.Network.loads(FIXTURE.read_bytes())
    d = danvan.loads(FIXTURE.read_text(encoding="utf-8"))
    assert a.dumps() == b.dumps() == c.dumps() == d.dumps()


def test_summary_counts_and_date_range(net):
    s = net.summary()
    assert s["counts"] == {
        "areas": 3, "topics": 3, "organizations": 6, "documents": 2, "programs": 1,
        "tasks": 3, "events": 1, "sources": 1, "roles": 8,
    }
    assert s["entities"] == 20
    # valid_from 2008-04 is the earliest date, the program's end 2025 the latest.
    assert s["date_range"] == {"start": "2008-04", "end": "2025"}
    assert s["title"] == "Mạng lưới thử nghiệm"
    json.dumps(s)  # JSON-ready
    r = net.date_range()
    assert isinstance(r, danvan.Period) and r == danvan.Period("2008-04", "2025")


def test_repr_says_what_it_is(net):
    text = repr(net)
    assert text.startswith("<danvan.Network 6 organizations, 2 documents, 1 program, 3 tasks, 8 roles")
    assert repr(danvan.Network()) == "<danvan.Network empty>"
    assert repr(net.organizations) == "<danvan organizations: 6>"


def test_empty_network():
    empty = danvan.Network()
    assert len(empty) == 0 and list(empty) == [] and len(empty.roles) == 0
    assert empty.date_range() is None
    assert danvan.Network.loads(empty.dumps()).dumps() == empty.dumps()


def test_meta_extra_vocabulary_memory(net):
    assert net.meta == danvan.Meta("Mạng lưới thử nghiệm", "A small invented network for the Python tests of the core.",
                                   "vi", "public", {"fixture": True})
    assert net.extra == {"x_local_note": "kept at the top level"}
    names = [r.name for r in net.vocabulary]
    assert names[:3] == ["lead", "advise", "direct"] and names[-1] == "teach"
    teach = net.vocabulary[-1]
    assert (teach.raci, teach.labels, teach.core) == ("C", ("giảng dạy",), False)
    assert all(r.core for r in net.vocabulary[:-1])
    assert net.memory_bytes() > 0


# ---- collections ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_iteration_order_is_file_order(net, raw, kind):
    expected = [e["id"] for e in raw[kind]]
    coll = getattr(net, kind)
    assert [e.id for e in coll] == expected
    assert coll.ids() == expected
    assert [coll[i].id for i in range(len(coll))] == expected
    assert [e.position for e in coll] == list(range(len(expected)))


def test_lookup_by_id_and_position(net):
    orgs = net.organizations
    o = orgs["org:mttq"]
    assert isinstance(o, danvan.Organization)
    assert o.name == "Ủy ban MTTQ tỉnh"
    assert orgs[2] == o and orgs[-4] == o
    assert [x.id for x in orgs[1:3]] == ["org:ban-dan-van", "org:mttq"]
    assert net["org:mttq"] == o and net["task:so-ket"] == net.tasks[1]
    assert isinstance(net["area:huyen-b"], danvan.Area)
    assert orgs.get("org:nobody") is None and net.get("nothing") is None
    assert orgs.index("org:mttq") == 2 and orgs.index(o) == 2


def test_membership(net):
    other = danvan.Network.load(FIXTURE)
    assert "org:mttq" in net.organizations
    assert "org:khong-co" not in net.organizations
    assert "task:so-ket" not in net.organizations  # right id, wrong kind
    assert net.organizations[0] in net.organizations
    assert net.tasks[0] not in net.organizations
    assert other.organizations[0] not in net.organizations  # another network
    assert "topic:ton-giao" in net and "topic:x" not in net and "x" not in net
    assert net.roles[0] in net.roles and other.roles[0] not in net.roles
    assert net.roles[0] in net


def test_lookup_errors(net):
    with pytest.raises(danvan.NotFoundError) as info:
        net.organizations["org:ban-dan-vn"]
    assert isinstance(info.value, KeyError)
    assert info.value.id == "org:ban-dan-vn"
    assert info.value.suggestions[0] == "org:ban-dan-van"
    assert "did you mean `org:ban-dan-van`" in str(info.value)
    with pytest.raises(KeyError):
        net["prog:khong"]
    with pytest.raises(danvan.NotFoundError, match="kind prefix"):
        net["ban-dan-van"]
    with pytest.raises(IndexError):
        net.organizations[6]
    with pytest.raises(IndexError):
        net.organizations[-7]
    with pytest.raises(IndexError):
        net.roles[8]
    with pytest.raises(TypeError):
        net.organizations[1.5]
    with pytest.raises(TypeError):
        net.roles["lead"]
    with pytest.raises(TypeError):
        net[3]


def test_network_iterates_every_entity(net):
    ids = [e.id for e in net]
    assert len(ids) == len(net) == len(set(ids))
    assert ids[0] == "area:tinh" and ids[-1] == "src:bao"


# ---- entities ------------------------------------------------------------------


def test_organization_attributes(net):
    o = net.organizations["org:ban-dan-van"]
    assert o.entity_kind == "organization"
    assert (o.kind, o.level) == ("party_commission", "province")
    assert o.name_en == "Mass Mobilization Commission"
    assert o.aliases == ("BDVTU", "Ban Dân vận")
    assert o.area == net.areas["area:tinh"]
    assert o.parent == net.organizations["org:tinh-uy"] and o.parent.parent is None
    assert o.valid_from == danvan.Date("2008-04") and o.valid_from.precision == "month"
    assert str(o.valid_to) == "2025-02-28"
    assert o.valid_on("2008") and o.valid_on(danvan.Date(2024, 12, 31)) and not o.valid_on("2025-03")
    assert o.valid_on(datetime.date(2010, 1, 1))
    # `extra` keeps the file's `extra` object and every unknown field.
    assert o.extra == {"phone": "0220 000", "hotline": "1022"}
    assert o.extra is not o.extra  # a fresh dict each time: the network stays immutable
    mttq = net.organizations["org:mttq"]
    assert mttq.name_en == "" and mttq.aliases == () and mttq.area is None and mttq.valid_from is None
    assert mttq.extra == {} and mttq.sources == ()


def test_classification_inherited_or_stated(net):
    assert net.organizations["org:mttq"].classification == "public"
    assert not net.organizations["org:mttq"].classification_stated
    ca = net.organizations["org:cong-an-tinh"]
    assert ca.classification == "internal" and ca.classification_stated


def test_evidence(net):
    (e,) = net.organizations["org:ban-dan-van"].sources
    assert isinstance(e, danvan.Evidence)
    assert e.source == net.sources["src:bao"] and e.source_id == "src:bao"
    assert (e.begin, e.end, e.span, e.note) == (10, 35, (10, 35), "tên ban")
    (r,) = net.tasks["task:doi-thoai"].roles[0].sources
    assert (r.source_id, r.span, r.note) == ("src:bao", (120, 160), "")


def test_area_topic_source_attributes(net):
    a = net.areas["area:huyen-a"]
    assert (a.level, a.code, a.parent.id) == ("district", "301", "area:tinh")
    assert net.areas["area:huyen-b"].code == ""
    t = net.topics["topic:ton-giao"]
    assert (t.name_en, t.parent.id) == ("Religion", "topic:dan-van")
    s = net.sources["src:bao"]
    assert (s.kind, s.title, str(s.date), s.url) == ("article", "Công tác dân vận năm 2023", "2023-10-05",
                                                     "https://example.org/bai-bao")
    assert s.sha256 == "0" * 64 and s.document is None


def test_document_attributes(net):
    d = net.documents["doc:kh-12"]
    assert (d.type, d.number, d.issuer, d.term) == ("KH", "12", "BDVTU", "")
    assert d.issued_by.id == "org:ban-dan-van"
    assert d.date == danvan.Date(2023, 3) and d.date.precision == "month"
    assert d.implements == (net.documents["doc:ct-49"],)
    assert [x.id for x in d.topics] == ["topic:moi-truong"]
    assert [x.id for x in d.areas] == ["area:huyen-a", "area:huyen-b"]
    assert d.continues == d.amends == d.replaces == ()
    ct = net.documents["doc:ct-49"]
    assert ct.title == "Về tăng cường công tác dân vận" and ct.term == "XI"
    assert ct.reviews == (danvan.ReviewObligation("preliminary", 5, True), danvan.ReviewObligation("final", 10, False))


def test_program_task_event_attributes(net):
    p = net.programs["prog:moi-truong"]
    assert p.kind == "joint_program"
    assert p.period == danvan.Period("2023", "2025") and str(p.period) == "2023/2025"
    assert [x.id for x in p.implements] == ["doc:kh-12"]
    t = net.tasks["task:doi-thoai"]
    assert (t.kind, t.status, t.program) == ("dialogue", "done", p)
    assert str(t.due) == "2023-09" and t.period is None
    assert [x.id for x in t.topics] == ["topic:ton-giao"]
    tap = net.tasks["task:tap-huan"]
    assert tap.status == "planned" and tap.program is None and tap.due is None and tap.roles == ()
    assert tap.period == danvan.Period("2023-05-01", "2023-05-03")
    assert net.tasks["task:so-ket"].implements == (net.documents["doc:ct-49"],)
    ev = net.events["event:hop-nhat"]
    assert (ev.kind, str(ev.date), ev.approximate) == ("merge", "2025-03-01", False)
    assert [o.id for o in ev.from_] == ["org:ban-dan-van", "org:ban-tuyen-giao"]
    assert [o.id for o in ev.to] == ["org:ban-tgdv"]


def test_entities_are_read_only(net):
    o = net.organizations[0]
    with pytest.raises(AttributeError):
        o.name = "x"
    with pytest.raises(AttributeError):
        o.color = "red"


# ---- roles in both directions --------------------------------------------------


def test_task_to_roles_to_organizations(net):
    roles = net.tasks["task:doi-thoai"].roles
    assert [(r.org.id, r.role, r.raci) for r in roles] == [
        ("org:ban-dan-van", "lead", "R"),
        ("org:mttq", "coordinate", "C"),
        ("org:cong-an-tinh", "teach", "C"),  # declared by the file
    ]
    assert all(r.target == net.tasks["task:doi-thoai"] and r.target_kind == "task" for r in roles)
    assert roles[0].extra == {"confidence": 0.9}
    assert roles[2].classification == "restricted" and roles[2].classification_stated
    assert roles[1].classification == "public" and not roles[1].classification_stated


def test_program_roles(net):
    roles = net.programs[0].roles
    assert [(r.org.id, r.role) for r in roles] == [
        ("org:ban-dan-van", "lead"), ("org:mttq", "sign"), ("org:cong-an-tinh", "sign")]
    assert all(isinstance(r.target, danvan.Program) and r.target_kind == "program" for r in roles)


def test_organization_to_roles_to_tasks_and_programs(net):
    held = net.organizations["org:ban-dan-van"].roles
    assert [(r.target.id, r.role) for r in held] == [
        ("prog:moi-truong", "lead"), ("task:doi-thoai", "lead"), ("task:so-ket", "advise")]
    assert net.organizations["org:ban-tgdv"].roles == ()
    # Both directions see the same role objects.
    for org in net.organizations:
        for r in org.roles:
            assert r.org == org
            assert r in r.target.roles


def test_roles_collection(net):
    assert [r.position for r in net.roles] == list(range(8))
    assert net.roles[-1].org.id == "org:tinh-uy"
    assert len(net.roles[2:5]) == 3
    assert sum(len(o.roles) for o in net.organizations) == len(net.roles)


# ---- identity and lifetime -----------------------------------------------------


def test_equality_and_hash_by_network_kind_position(net):
    a = net.organizations["org:mttq"]
    b = net.organizations[2]
    assert a == b and hash(a) == hash(b) and a is not b
    assert len({a, b, net.organizations[0]}) == 2
    other = danvan.Network.load(FIXTURE)
    assert other.organizations[2] != a
    assert net.areas[0] != net.topics[0]  # same position, different kind
    assert net.roles[0] == net.programs[0].roles[0] and hash(net.roles[0]) == hash(net.programs[0].roles[0])
    assert net.areas[0] != "area:tinh"


def test_entities_keep_their_network_alive():
    local = danvan.Network.load(FIXTURE)
    ref = weakref.ref(local)
    task = local.tasks["task:doi-thoai"]
    role = task.roles[0]
    coll = local.organizations
    del local
    gc.collect()
    assert ref() is None  # the Python wrapper is gone, the C++ network is not
    assert task.name == "Đối thoại với chức sắc tôn giáo"
    assert role.org.name == "Ban Dân vận Tỉnh ủy"
    assert coll["org:mttq"].kind == "front"


# ---- dates and periods ---------------------------------------------------------


def test_date_precision_and_text():
    for text, precision, fields in [("2023", "year", (2023, None, None)), ("2023-09", "month", (2023, 9, None)),
                                    ("2024-02-29", "day", (2024, 2, 29))]:
        d = danvan.Date(text)
        assert str(d) == text and d.precision == precision and (d.year, d.month, d.day) == fields
        assert repr(d) == f"Date('{text}')"
        assert pickle.loads(pickle.dumps(d)) == d and copy.copy(d) == d
    assert danvan.Date(2023, 9) == danvan.Date("2023-09")
    assert danvan.Date(datetime.date(2023, 9, 16)) == danvan.Date("2023-09-16")
    assert danvan.Date.parse("2023-13") is None and danvan.Date.parse("2023-1") is None
    assert danvan.Date("2023").first_day() == datetime.date(2023, 1, 1)
    assert danvan.Date("2024-02").last_day() == datetime.date(2024, 2, 29)
    assert danvan.Date("2024-02-29").plus_years(1) == danvan.Date("2025-02-28")


def test_date_rejects_impossible_dates_with_a_reason():
    with pytest.raises(ValueError, match="day 30 does not exist in 2023-02"):
        danvan.Date("2023-02-30")
    with pytest.raises(ValueError, match="month"):
        danvan.Date("2023-13")
    with pytest.raises(ValueError, match="YYYY"):
        danvan.Date("16/09/2023")
    with pytest.raises(ValueError):
        danvan.Date(2023, 2, 30)
    with pytest.raises(TypeError):
        danvan.Date(None)


def test_date_comparisons_respect_precision():
    y, m, d = danvan.Date("2023"), danvan.Date("2023-06"), danvan.Date("2023-06-30")
    assert y != danvan.Date("2023-01")  # identity, not calendar
    assert sorted([d, m, y]) == [y, m, d]  # by first day, coarser first
    assert not y.surely_before(d) and not y.surely_after(d)
    assert danvan.Date("2022").surely_before("2023-01-01")
    assert d.surely_after("2023-06-29") and not m.surely_after("2023-06-29")
    assert len({danvan.Date("2023"), danvan.Date(2023)}) == 1
    assert (y == "2023") is False


def test_period():
    p = danvan.Period("2023", "2025")
    assert (p.start, p.end, p.well_formed, p.empty) == (danvan.Date(2023), danvan.Date(2025), True, False)
    assert p.overlaps("2025-12-31") and not p.overlaps("2026")
    assert p.overlaps(danvan.Period("2025-06", None)) and not p.overlaps(danvan.Period(None, "2022"))
    assert not danvan.Period("2025", "2023").well_formed
    open_end = danvan.Period(start="2023-05")
    assert open_end.end is None and str(open_end) == "2023-05/.." and repr(open_end) == "Period('2023-05', None)"
    assert danvan.Period().empty
    assert pickle.loads(pickle.dumps(p)) == p and hash(p) == hash(danvan.Period("2023", "2025"))
    with pytest.raises(ValueError, match="2023-02-30"):
        danvan.Period("2023-02-30", None)


# ---- round trips and saving ------------------------------------------------------


def test_round_trip_is_byte_identical(net):
    first = net.dumps()
    second = danvan.Network.loads(first).dumps()
    assert second == first
    assert danvan.Network.loads(second).dumps() == second
    data = json.loads(first)
    # Unknown fields come back (in `extra`), including the top-level one.
    org = next(o for o in data["organizations"] if o["id"] == "org:ban-dan-van")
    assert org["extra"] == {"hotline": "1022", "phone": "0220 000"}
    assert data["extra"] == {"x_local_note": "kept at the top level"}
    assert first.endswith("}\n")


def test_shipped_example_round_trips():
    example = SOURCE_DIR / "data" / "example.json"
    if not example.exists():
        pytest.skip("data/example.json is not there")
    a = danvan.Network.load(example)
    text = a.dumps()
    assert danvan.Network.loads(text).dumps() == text
    assert len(a) > 0


def test_pickle_network(net):
    back = pickle.loads(pickle.dumps(net))
    assert back.dumps() == net.dumps() and back is not net


def test_save_then_load(net, tmp_path):
    target = tmp_path / "out.json"
    net.save(target)
    assert target.read_text(encoding="utf-8") == net.dumps()
    again = danvan.Network.load(target)
    assert again.dumps() == net.dumps()
    # Replacing an existing file.
    danvan.Network().save(str(target))
    assert len(danvan.Network.load(target)) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_save_through_a_symbolic_link_writes_its_target(net, tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "net.json"
    target.write_text('{"danvan": "1"}', encoding="utf-8")
    link = tmp_path / "net.json"
    link.symlink_to("real/net.json")
    net.save(link)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == net.dumps()


def test_save_removes_what_a_killed_save_left(net, tmp_path):
    stale = tmp_path / ".out.json.tmp-0123456789abcdef"  # an older danvan's name, two hours old
    stale.write_text("partial")
    os.utime(stale, (stale.stat().st_atime - 7200, stale.stat().st_mtime - 7200))
    net.save(tmp_path / "out.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_save_into_missing_directory_raises_file_error(net, tmp_path):
    target = tmp_path / "missing" / "out.json"
    with pytest.raises(danvan.FileError) as info:
        net.save(target)
    assert isinstance(info.value, OSError) and isinstance(info.value, danvan.Error)
    assert isinstance(info.value, FileNotFoundError) and info.value.errno == errno.ENOENT
    assert info.value.filename == str(target)
    assert str(target) in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_failed_save_leaves_no_temporary_file(net, tmp_path):
    # Renaming over a directory fails after the temporary file has been written.
    target = tmp_path / "a-directory"
    target.mkdir()
    (target / "inside.txt").write_text("old")
    with pytest.raises(danvan.FileError, match="rename"):
        net.save(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-directory"]
    assert (target / "inside.txt").read_text() == "old"


def test_load_missing_file_raises_file_error(tmp_path):
    with pytest.raises(danvan.FileError) as info:
        danvan.Network.load(tmp_path / "nope.json")
    assert isinstance(info.value, FileNotFoundError) and info.value.errno == errno.ENOENT
    assert info.value.strerror == os.strerror(errno.ENOENT)
    assert info.value.filename == str(tmp_path / "nope.json")
    with pytest.raises(danvan.FileError, match="directory") as info:
        danvan.Network.load(tmp_path)
    assert isinstance(info.value, IsADirectoryError) and info.value.errno == errno.EISDIR


def test_file_errors_are_the_standard_oserror_subclass_of_their_errno(tmp_path):
    not_a_folder = tmp_path / "plain.txt"
    not_a_folder.write_text("x")
    with pytest.raises(NotADirectoryError) as info:  # runs as root too
        danvan.Network.load(not_a_folder / "net.json")
    assert isinstance(info.value, danvan.FileError) and info.value.errno == errno.ENOTDIR
    if os.geteuid() != 0:  # root reads every file
        locked = tmp_path / "locked.json"
        locked.write_text('{"danvan": "1"}')
        locked.chmod(0)
        with pytest.raises(PermissionError) as info:
            danvan.Network.load(locked)
        assert isinstance(info.value, danvan.FileError) and info.value.errno == errno.EACCES


def test_concurrent_loads_from_threads():
    text = FIXTURE.read_text(encoding="utf-8")
    expected = danvan.Network.loads(text).dumps()
    results, errors = [], []

    def work():
        try:
            for _ in range(20):
                results.append(danvan.Network.loads(text).dumps())
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 80 and all(r == expected for r in results)


def _longest_pause_while(work) -> tuple:
    """Runs `work` in another thread; returns (longest pause this thread saw, duration of work)."""
    started, took = threading.Event(), []

    def run():
        started.set()
        t0 = time.perf_counter()
        work()
        took.append(time.perf_counter() - t0)

    thread = threading.Thread(target=run)
    thread.start()
    started.wait()
    last, gap = time.perf_counter(), 0.0
    while thread.is_alive():
        now = time.perf_counter()
        gap, last = max(gap, now - last), now
    thread.join()
    return gap, took[0]


@pytest.mark.parametrize("call", ["loads", "dumps"])
def test_heavy_calls_release_the_gil(call):
    # While another thread is inside the C++ call, this thread keeps running: the
    # longest pause it sees is far shorter than the call. Holding the GIL would
    # stall it for the whole call. Three tries absorb a busy machine's noise.
    text = json.dumps({"danvan": "1", "topics": [{"id": f"topic:t{i}", "name": f"Chủ đề {i}"} for i in range(50000)]})
    big = danvan.Network.loads(text)
    work = {"loads": lambda: danvan.Network.loads(text), "dumps": big.dumps}[call]
    seen = []
    for _ in range(3):
        gap, took = _longest_pause_while(work)
        seen.append((gap, took))
        if gap < took / 2:
            break
    else:
        pytest.fail(f"this thread stalled during {call}: (pause, call) = {seen}")


# ---- the docstring examples run ----------------------------------------------------


@pytest.mark.parametrize("module", ["danvan", "danvan._network", "danvan._errors"])
def test_docstring_examples(module):
    import importlib

    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("name", ["Date", "Period"])
def test_bound_docstring_examples(name):
    # Only the classes this part of the bindings defines; other areas test their own.
    obj = getattr(danvan, name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = doctest.DocTestFinder().find(obj, name, globs={"danvan": danvan})
    for t in tests:
        runner.run(t)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert result.attempted > 0
