"""danvan's exceptions through Python: the class hierarchy, what each carries, the
messages (the C++ ones), and every file of tests/data/invalid/."""

from __future__ import annotations

import errno
import json
import os
import pickle
from pathlib import Path

import pytest

import danvan

HERE = Path(__file__).resolve().parent
from conftest import ROOT as SOURCE_DIR
INVALID = SOURCE_DIR / "tests" / "data" / "invalid"

# One file, seven kinds of semantic problem.
SEVERAL = {
    "danvan": "1",
    "areas": [
        {"id": "area:a", "name": "A", "level": "province", "parent": "area:b"},
        {"id": "area:b", "name": "B", "level": "district", "parent": "area:a"},
    ],
    "organizations": [
        {"id": "org:cong-an-tinh", "name": "Công an tỉnh", "kind": "police"},
        {"id": "org:cong-an-tinh", "name": "Công an tỉnh (lặp)", "kind": "police"},
        {"id": "ogr:mttq", "name": "MTTQ", "kind": "front"},
    ],
    "documents": [{"id": "doc:x", "name": "X", "date": "2023-02-30"}],
    "programs": [{"id": "prog:p", "name": "P", "period": {"start": "2025", "end": "2023"}}],
    "tasks": [
        {"id": "task:t", "name": "T", "roles": [
            {"org": "org:cong-an", "role": "lead"},
            {"org": "org:cong-an-tinh", "role": "advize"},
        ]}
    ],
}

# (path, rule, part of the message, suggestion) in document order.
SEVERAL_EXPECTED = [
    ("/areas/1/parent", "hierarchy-cycle", "area:a → area:b → area:a", ""),
    ("/organizations/1/id", "duplicate-id", "duplicate id `org:cong-an-tinh`", ""),
    ("/organizations/2/id", "wrong-id-prefix", "`ogr:mttq` is not a valid organization id", ""),
    ("/documents/0/date", "bad-date", "day 30 does not exist in 2023-02", ""),
    ("/programs/0/period/end", "ends-before-start", "the period ends (2023) before it starts (2025)", ""),
    ("/tasks/0/roles/0/org", "unknown-reference", "unknown organization `org:cong-an`", "org:cong-an-tinh"),
    ("/tasks/0/roles/1/role", "unknown-role", "unknown role `advize`; did you mean `advise`?", "advise"),
]


def several_text() -> str:
    return json.dumps(SEVERAL, ensure_ascii=False, indent=2)


# ---- the hierarchy -----------------------------------------------------------------


def test_exception_hierarchy():
    assert issubclass(danvan.Error, Exception)
    assert issubclass(danvan.ParseError, danvan.Error) and issubclass(danvan.ParseError, ValueError)
    assert issubclass(danvan.ValidationError, danvan.Error) and issubclass(danvan.ValidationError, ValueError)
    assert issubclass(danvan.NotFoundError, danvan.Error) and issubclass(danvan.NotFoundError, KeyError)
    assert issubclass(danvan.FileError, danvan.Error) and issubclass(danvan.FileError, OSError)
    assert not issubclass(danvan.ValidationError, KeyError)


# ---- syntax errors ---------------------------------------------------------------


def test_syntax_error_gives_line_and_column():
    text = '{"danvan": "1",\n  "meta": {"title": "x",}\n}'
    with pytest.raises(danvan.ParseError) as info:
        danvan.Network.loads(text, label="net.json")
    e = info.value
    assert (e.file, e.line, e.column) == ("net.json", 2, 25)
    assert e.problem.rule == "syntax" and e.problems == [e.problem]
    assert "expected string literal" in e.problem.message
    assert str(e) == str(e.problem) and str(e).startswith("net.json:2:25: invalid JSON")


def test_parse_errors_are_value_errors():
    for text in ["", "   ", "{", "[1, 2", "\x00\x01", '{"danvan": "1", "meta": tru}']:
        with pytest.raises(ValueError) as info:
            danvan.Network.loads(text)
        assert isinstance(info.value, danvan.ParseError), text
        assert info.value.line >= 1 and info.value.column >= 1, text


def test_empty_text_is_a_parse_error_at_1_1():
    with pytest.raises(danvan.ParseError, match="empty") as info:
        danvan.Network.loads("")
    assert (info.value.line, info.value.column) == (1, 1)


def test_column_counts_characters_not_bytes():
    # "Tỉnh ủy" has multi-byte characters before the error on the same line.
    text = '{"danvan": "1", "meta": {"title": "Tỉnh ủy" "x"}}'
    with pytest.raises(danvan.ParseError) as info:
        danvan.Network.loads(text)
    assert info.value.line == 1
    # The core points where the comma is missing, right after "Tỉnh ủy"
    # (character 44; counted in bytes it would be 48).
    assert info.value.column == text.index(' "x"') + 1 == 44
    assert len(text[: info.value.column].encode()) == 48
    assert "missing comma before the next member of the object" in info.value.problem.message


def test_numbers_beyond_64_bits_are_parse_errors():
    # Once a bare RuntimeError (std::bad_cast) for a double's overflow, and no place for a big integer.
    for text, column in [("1e400", 1), ('{"danvan": "1", "extra": {"n": 18446744073709551616}}', 32)]:
        with pytest.raises(danvan.ParseError) as info:
            danvan.Network.loads(text, label="n.json")
        e = info.value
        assert (e.file, e.line, e.column, e.problem.rule) == ("n.json", 1, column, "number-out-of-range"), str(e)
        assert str(e).startswith(f"n.json:1:{column}: number out of range: `")


def test_a_byte_order_mark_is_skipped():
    net = danvan.Network.loads('\ufeff{"danvan": "1", "meta": {"title": "BOM"}}')
    assert net.meta.title == "BOM" and not net.dumps().startswith("\ufeff")
    with pytest.raises(danvan.ParseError) as info:
        danvan.Network.loads("\ufeff{,}")
    assert (info.value.line, info.value.column) == (1, 2)


def test_a_pipe_is_read_to_its_end(tmp_path):
    # /dev/stdin, <(...): files without a size; once "read failed".
    read, write = os.pipe()
    with os.fdopen(write, "w", encoding="utf-8") as out:
        out.write('{"danvan": "1", "meta": {"title": "pipe"}}')
    try:
        assert danvan.Network.load(f"/dev/fd/{read}").meta.title == "pipe"
    finally:
        os.close(read)


def test_parse_error_names_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"danvan": "1",\n\n  "tasks": [,]}', encoding="utf-8")
    with pytest.raises(danvan.ParseError) as info:
        danvan.Network.load(bad)
    assert (info.value.file, info.value.line) == (str(bad), 3)
    assert str(info.value).startswith(f"{bad}:3:")


# ---- text and names Python has but UTF-8 and file systems do not ----------------------


def test_a_lone_surrogate_in_the_text_is_a_parse_error_at_its_place():
    # Once "TypeError: incompatible function arguments".
    with pytest.raises(danvan.ParseError) as info:
        danvan.Network.loads('{"danvan": "1",\n "meta": {"title": "T\ud800"}}', label="s.json")
    e = info.value
    assert (e.file, e.line, e.column) == ("s.json", 2, 22), str(e)
    assert "UTF-8" in e.problem.message


def test_a_lone_surrogate_in_a_label_or_an_id_asked_for():
    with pytest.raises(danvan.ParseError) as info:
        danvan.Network.loads("{", label="net\udc80.json")
    assert info.value.file == "net\\udc80.json"
    net = danvan.Network.loads('{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}]}')
    assert "org:\ud800" not in net and "org:\ud800" not in net.organizations
    assert net.organizations.get("org:\ud800") is None
    with pytest.raises(danvan.NotFoundError):
        net.organizations["org:\ud800"]
    with pytest.raises(danvan.NotFoundError):
        net["org:\ud800"]


def test_a_nul_in_a_label_leaves_the_message_whole():
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads('{"danvan": "1", "topics": [{"id": "x", "name": "X"}]}', label="a\0b.json")
    e = info.value
    assert e.problems[0].file == "a\0b.json"
    assert str(e) == str(e.problems[0]) and str(e).startswith("a\\u0000b.json:/topics/0/id: `x` is not a valid topic id")


def test_a_nul_in_a_file_name_is_a_file_error(tmp_path):
    net = danvan.Network.loads('{"danvan": "1"}')
    for call in (lambda p: danvan.Network.load(p), net.save, danvan.load_rules, danvan.load_gazetteer):
        with pytest.raises(danvan.FileError) as info:
            call(str(tmp_path / "net.json\0.bak"))
        assert info.value.errno == errno.EINVAL and "the file name contains a NUL character" in str(info.value)
        assert "\\u0000.bak" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    # What os.fsencode cannot take is refused as open() refuses it.
    with pytest.raises(UnicodeEncodeError):
        danvan.Network.load("net\ud800.json")
    with pytest.raises(TypeError, match="expected str, bytes or os.PathLike"):
        net.save(3)


# ---- validation errors -------------------------------------------------------------


def test_several_semantic_errors_are_reported_together():
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(several_text(), label="several.json")
    e = info.value
    got = [(p.path, p.rule) for p in e.problems]
    assert got == [(path, rule) for path, rule, _, _ in SEVERAL_EXPECTED]
    for p, (path, rule, message, suggestion) in zip(e.problems, SEVERAL_EXPECTED):
        assert isinstance(p, danvan.Problem)
        assert message in p.message, (path, p.message)
        assert p.suggestion == suggestion, path
        assert p.file == "several.json" and (p.line, p.column) == (0, 0)
    assert len({p.rule for p in e.problems}) >= 5
    assert e.total == len(e.problems) == 7


def test_validation_message_is_the_first_problem_and_how_many_more():
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(several_text(), label="several.json")
    e = info.value
    assert str(e) == f"{e.problems[0]} (and 6 more problems)"
    assert str(e.problems[0]) == (
        "several.json:/areas/1/parent: the area hierarchy has a cycle: area:a → area:b → area:a")


def test_validation_errors_are_caught_as_value_error():
    try:
        danvan.Network.loads(several_text())
    except ValueError as e:
        assert isinstance(e, danvan.ValidationError)
    else:  # pragma: no cover
        pytest.fail("no error")


def test_unsupported_version():
    doc = dict(SEVERAL, danvan="2")
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(json.dumps(doc))
    (p,) = info.value.problems  # the other problems are noise for another version
    assert (p.path, p.rule, p.suggestion) == ("/danvan", "unsupported-version", "1")
    assert 'unsupported format version "2"' in p.message
    assert str(info.value) == str(p)


def test_missing_version():
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads('{"organizations": []}')
    assert [(p.path, p.rule) for p in info.value.problems] == [("/danvan", "missing-field")]


def test_a_long_cycle_is_told_by_its_length_and_ends():
    # 100,000 organizations in one hierarchy cycle made a 1.3 MB message.
    n = 100_000
    doc = {"danvan": "1", "organizations": [{"id": f"org:{i}", "name": "Ban", "parent": f"org:{(i + 1) % n}"}
                                            for i in range(n)]}
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(json.dumps(doc))
    (p,) = info.value.problems
    assert p.message == ("the organization hierarchy has a cycle of 100000 organizations: "
                         "org:0 → org:1 → … → org:99999 → org:0")


def test_problem_cap_keeps_the_total():
    doc = {"danvan": "1", "topics": [{"id": f"bad{i}", "name": "x"} for i in range(10)]}
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(json.dumps(doc), max_problems=3)
    e = info.value
    assert len(e.problems) == 3 and e.total == 10
    assert [p.path for p in e.problems] == ["/topics/0/id", "/topics/1/id", "/topics/2/id"]
    assert str(e).endswith("(and 9 more problems)")


def test_a_failed_load_leaves_nothing_behind():
    # The same Network class still loads good text afterwards, and an error
    # carries no partial network.
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(several_text())
    assert not hasattr(info.value, "network")
    assert len(danvan.Network.loads('{"danvan": "1"}')) == 0


# ---- other errors ------------------------------------------------------------------


def test_not_found_error_is_a_key_error_with_suggestions():
    net = danvan.Network.loads(json.dumps({
        "danvan": "1",
        "organizations": [{"id": "org:cong-an-tinh", "name": "Công an tỉnh"},
                          {"id": "org:cong-an-huyen", "name": "Công an huyện"}]}))
    with pytest.raises(KeyError) as info:
        net.organizations["org:cong-an"]
    e = info.value
    assert isinstance(e, danvan.NotFoundError) and isinstance(e, danvan.Error)
    assert e.id == "org:cong-an"
    assert set(e.suggestions) == {"org:cong-an-tinh", "org:cong-an-huyen"}
    # Readable, not the quoted repr a KeyError would print.
    assert str(e).startswith("unknown id `org:cong-an`; did you mean `")
    with pytest.raises(danvan.NotFoundError) as none:
        net.tasks["task:x"]
    assert none.value.suggestions == [] and str(none.value) == "unknown id `task:x`"


def test_file_error(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(OSError) as info:
        danvan.Network.load(missing)
    e = info.value
    assert isinstance(e, danvan.FileError) and isinstance(e, danvan.Error)
    assert e.filename == e.file == str(missing)
    assert str(e) == f"{missing}: No such file or directory"


def test_file_error_with_an_undecodable_name(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.json"  # Latin-1 bytes, not UTF-8
    with pytest.raises(danvan.FileError) as info:
        danvan.Network.load(name)
    assert os.fsencode(info.value.filename) == name  # as os.fsdecode() gives it
    assert "caf\\xe9.json: No such file or directory" in str(info.value)


def test_problem_text_matches_the_core():
    p = danvan.Problem(file="f.json", path="/tasks/1/due", rule="bad-date", message="bad")
    assert str(p) == "f.json:/tasks/1/due: bad"
    assert str(danvan.Problem(line=3, column=4, message="m")) == "<input>:3:4: m"
    assert p == danvan.Problem("f.json", "/tasks/1/due", 0, 0, "bad-date", "bad", "")
    with pytest.raises(AttributeError):
        p.path = "/x"  # frozen


def test_exceptions_pickle_with_their_details():
    with pytest.raises(danvan.ValidationError) as info:
        danvan.Network.loads(several_text())
    back = pickle.loads(pickle.dumps(info.value))
    assert back.problems == info.value.problems and back.total == 7 and str(back) == str(info.value)
    nf = pickle.loads(pickle.dumps(danvan.NotFoundError("unknown id `x`", "x", ["y"])))
    assert (nf.id, nf.suggestions, str(nf)) == ("x", ["y"], "unknown id `x`")
    fe = pickle.loads(pickle.dumps(danvan.FileError("f: gone", "f")))
    assert (fe.filename, str(fe)) == ("f", "f: gone")
    with pytest.raises(FileNotFoundError) as info:
        danvan.Network.load("/no/such/dir/net.json")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is type(info.value) and isinstance(again, danvan.FileError)
    assert (again.errno, again.filename, str(again)) == (errno.ENOENT, "/no/such/dir/net.json", str(info.value))
    pe = pickle.loads(pickle.dumps(danvan.ParseError("m", danvan.Problem(line=2, column=3))))
    assert (pe.line, pe.column) == (2, 3)


# ---- tests/data/invalid --------------------------------------------------------------


def _invalid_cases():
    expected_file = INVALID / "expected.json"
    if not expected_file.exists():
        return []
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    return sorted(expected.items())


@pytest.mark.parametrize("name,want", _invalid_cases() or [pytest.param(None, None, marks=pytest.mark.skip(
    reason="tests/data/invalid/expected.json is not there"))])
def test_invalid_file(name, want):
    path = INVALID / name
    with pytest.raises(danvan.Error) as info:
        danvan.Network.load(path)
    e = info.value
    assert isinstance(e, ValueError)
    if want["error"] == "parse":
        assert isinstance(e, danvan.ParseError), str(e)
        assert (e.line, e.column) == (want["line"], want["column"]), str(e)
        assert want["message"] in e.problem.message
        assert e.file == str(path)
    else:
        assert isinstance(e, danvan.ValidationError), str(e)
        assert [(p.path, p.rule) for p in e.problems] == [(w["path"], w["rule"]) for w in want["problems"]], str(e)
        for p, w in zip(e.problems, want["problems"]):
            assert w["message"] in p.message, p.message
            assert p.suggestion == w.get("suggestion", ""), p.path
            assert p.file == str(path)


def test_every_invalid_file_has_an_expectation():
    if not (INVALID / "expected.json").exists():
        pytest.skip("tests/data/invalid/expected.json is not there")
    names = {p.name for p in INVALID.iterdir() if p.name != "expected.json"}
    assert names == {name for name, _ in _invalid_cases()}


# ---- a missing extension -------------------------------------------------------------


def test_missing_extension_gives_a_build_hint(tmp_path):
    import shutil
    import subprocess
    import sys

    package = Path(danvan.__file__).resolve().parent
    copy = tmp_path / "danvan"
    copy.mkdir()
    for source in package.glob("*.py"):
        shutil.copy(source, copy / source.name)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    run = subprocess.run([sys.executable, "-c", "import danvan"], env=env, capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert run.returncode != 0
    assert "ImportError" in run.stderr and "Did you build the extension?" in run.stderr
    assert "no compiled module _core" in run.stderr


# ---- arguments: danvan.ArgumentError naming the argument, never a signature dump ------------


@pytest.fixture(scope="module")
def shipped():
    return danvan.Network.load(Path(__file__).resolve().parents[2] / "data" / "haiduong-2023.json")


@pytest.mark.parametrize("call,names", [
    (lambda n: n.raci(scope={"ceilng": "public"}), ["scope", "`ceilng`", "`ceiling`", "as_of"]),
    (lambda n: n.raci(scope=3), ["scope", "danvan.Scope", "found int"]),
    (lambda n: n.portfolio(123), ["org", "expected str", "found int 123"]),
    (lambda n: n.lead_of(5), ["task", "expected str", "found int"]),
    (lambda n: n.check(as_of=5), ["as_of", "ISO 8601"]),
    (lambda n: n.roles(max_classification=3), ["expected str", "found int"]),
    (lambda n: n.projection(on="task"), ["on", "`task`", "tasks, programs"]),
])
def test_a_bad_argument_is_an_argument_error_that_names_it(shipped, call, names):
    with pytest.raises(danvan.ArgumentError) as e:
        call(shipped)
    message = str(e.value)
    assert all(n in message for n in names), message
    assert "incompatible function arguments" not in message and "Invoked with" not in message
    # both standard exceptions of a bad argument catch it
    assert isinstance(e.value, ValueError) and isinstance(e.value, TypeError) and isinstance(e.value, danvan.Error)


def test_every_core_function_is_guarded():
    from danvan import _core
    functions = [getattr(_core, n) for n in dir(_core) if not n.startswith("_") and callable(getattr(_core, n))
                 and not isinstance(getattr(_core, n), type)]
    assert functions and all(hasattr(f, "__wrapped__") for f in functions)


def test_import_loads_neither_ipython_nor_matplotlib_nor_pandas():
    import subprocess
    import sys
    code = "import sys, danvan; print(sorted(m for m in ('IPython', 'matplotlib', 'pandas') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
