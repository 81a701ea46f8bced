"""The CSV tables (``Network.to_csv``, ``danvan.from_csv``, ``danvan export --format csv``,
``danvan import``): lossless round trips, text cells as pandas reads them, and errors
that name the table, line and column."""

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import danvan
from conftest import ROOT

SHIPPED = ROOT / "data" / "haiduong-2023.json"


@pytest.fixture(scope="module")
def shipped():
    return danvan.Network.load(SHIPPED)


def _cli() -> str:
    binary = Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"
    if not binary.is_file():
        pytest.skip(f"no danvan program at {binary}")
    return str(binary)


@pytest.mark.parametrize("day", [None, "2025-09-01"], ids=["as-shipped", "after-the-reorganization"])
def test_round_trip_is_byte_identical(tmp_path, shipped, day):
    net = shipped if day is None else shipped.as_of(day)
    net.to_csv(tmp_path / "t")
    assert danvan.from_csv(tmp_path / "t").dumps() == net.dumps()


def test_tables_read_in_pandas_as_text_match_the_network(tmp_path, shipped):
    shipped.to_csv(tmp_path / "t")
    read = lambda name: pd.read_csv(tmp_path / "t" / name, dtype=str, keep_default_na=False)
    areas = read("areas.csv").set_index("id")
    assert len(areas) == len(shipped.areas)
    for area in shipped.areas:
        assert areas.loc[area.id, "code"] == (area.code or "")  # codes stay text: no 30.0, no lost zero
        assert areas.loc[area.id, "name"] == area.name
    roles = read("roles.csv")
    assert len(roles) == len(shipped.roles())
    # a role row per role, in the order of each target's roles
    for target, group in roles.groupby("target", sort=False):
        item = shipped.tasks[target] if target.startswith("task:") else shipped.programs[target]
        assert group["org"].tolist() == [r.org.id for r in item.roles]
    tasks = read("tasks.csv").set_index("id")
    for task in shipped.tasks:
        topics = tasks.loc[task.id, "topics"]
        assert (topics.split(";") if topics else []) == [t.id for t in task.topics]
    evidence = read("evidence.csv")
    assert len(evidence) == len(shipped.evidence())


def test_a_persons_edit_is_read_and_checked(tmp_path, shipped):
    folder = tmp_path / "t"
    shipped.to_csv(folder)
    orgs = pd.read_csv(folder / "organizations.csv", dtype=str, keep_default_na=False)
    orgs.loc[0, "aliases"] = "Tên gọi mới ; TGM"  # spaces around `;` are a person's, not the name's
    orgs.to_csv(folder / "organizations.csv", index=False)
    net = danvan.from_csv(folder)
    assert net.organizations[orgs.loc[0, "id"]].aliases == ("Tên gọi mới", "TGM")
    orgs.loc[1, "kind"] = "polise"
    orgs.to_csv(folder / "organizations.csv", index=False)
    with pytest.raises(danvan.ValidationError) as e:
        danvan.from_csv(folder)
    p = e.value.problems[0]
    assert p.file == str(folder / "organizations.csv")
    assert (p.line, p.column) == (3, list(orgs.columns).index("kind") + 1)
    assert "`polise`" in p.message and p.suggestion == "police"


def test_export_and_import_commands_round_trip(tmp_path):
    cli = _cli()
    folder, out = tmp_path / "tables", tmp_path / "back.json"
    r = subprocess.run([cli, "export", str(SHIPPED), "--format", "csv", "-o", str(folder)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([cli, "import", str(folder), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == danvan.Network.load(SHIPPED).dumps()
    # An existing output is refused without --force, and left as it was.
    r = subprocess.run([cli, "export", str(SHIPPED), "--format", "csv", "-o", str(folder)], capture_output=True, text=True)
    assert r.returncode == 2 and "--force" in r.stderr
    r = subprocess.run([cli, "import", str(folder), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 2 and "--force" in r.stderr


def test_import_names_the_table_line_and_column_and_writes_nothing(tmp_path):
    cli = _cli()
    folder = tmp_path / "tables"
    danvan.Network.load(SHIPPED).to_csv(folder)
    lines = (folder / "roles.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",sign", ",chủ trì ký", 1)
    (folder / "roles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "back.json"
    r = subprocess.run([cli, "import", str(folder), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 1
    assert f"{folder / 'roles.csv'}:3:3: column `role`" in r.stderr
    assert "nothing written" in r.stderr and not out.exists()


def test_missing_column_and_hashtag_row_are_refused(tmp_path, shipped):
    folder = tmp_path / "t"
    shipped.to_csv(folder)
    (folder / "tasks.csv").write_text("name,status\nT,done\n", encoding="utf-8")
    with pytest.raises(danvan.ValidationError, match=r"tasks\.csv:1: no `id` column"):
        danvan.from_csv(folder)
    (folder / "tasks.csv").write_text("id,name\n#activity+code,#activity+name\n", encoding="utf-8")
    with pytest.raises(danvan.ValidationError, match=r"tasks\.csv:2: a row of HXL hashtags"):
        danvan.from_csv(folder)


def test_to_csv_replaces_only_its_own_tables(tmp_path, shipped):
    folder = tmp_path / "t"
    shipped.to_csv(folder)
    shipped.redact("public").to_csv(folder)  # replace=True by default: its own tables
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(danvan.FileError, match="not a danvan table"):
        shipped.to_csv(folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(danvan.FileError, match="exists"):
        shipped.to_csv(folder / "..", replace=False)
