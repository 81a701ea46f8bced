"""The evidence of data/haiduong-2023.json against the seed article it cites.

Reads the article from $DANVAN_SEEDS_DIR (default: <repo>/../shared/seeds) and checks
that the source entry's SHA-256 is the file's, that every span lies inside the text,
and that the spanned text mentions what it supports. Uses only json, hashlib,
unicodedata (and re); not the danvan module.

How text is compared: both sides are folded to a search key: NFD, combining marks
removed (so `uỷ`/`ủy`, `khoá`/`khóa` meet), `đ` read as `d`, lower case, no-break
spaces as spaces; common abbreviations are expanded (UBND, MTTQ, CHQS, BTV, QCDC,
CT-XH, TN&MT, NN&PTNT, KH&CN).

- an organization: one of its spans names it (name, alias, or abbreviation); a
  political training centre is named by the generic "Trung tâm Bồi dưỡng chính trị"
  plus its locality;
- a document: one of its spans holds its reference `NN-TYPE/ISSUER`, and the spans
  name its issuing body, its date (d/m/yyyy) and its term (khóa) when it has them;
- a role: across the role's spans, the organization is named (or referred to by one
  of the CONTEXT phrases below, e.g. "cấp ủy" for the Provincial Party Committee,
  "Ban đã" for the commission that is the subject of the passage) and a cue of the
  role appears (CUES below, compared without spaces so that the article's split
  words such as "T ham mưu" still count). A role the article implies without its
  role word carries extra.inferred = true; it still has to name the organization;
- an area, topic or program: one of its spans names it (name or alias).
"""

import collections
import hashlib
import json
import re
import unicodedata

import pytest

from conftest import ROOT
DATA = ROOT / "data" / "haiduong-2023.json"
SRC = "src:baohaiduong-2023-09-16"
COLLECTIONS = ("areas", "topics", "organizations", "documents", "programs", "tasks", "events", "sources")

# role -> phrases that state it (Vietnamese labels of the vocabulary and their usual verbs)
CUES = {
    "lead": ["chủ trì"],
    "advise": ["tham mưu", "đề xuất"],
    "direct": ["chỉ đạo", "lãnh đạo"],
    "coordinate": ["phối hợp"],
    "guide": ["hướng dẫn"],
    "sign": ["ký kết"],
    "participate": ["tham gia"],
    "host": ["đăng cai", "nơi tổ chức"],
    "inform": ["báo cáo"],
    "subject": ["đối thoại", "kiểm tra"],
    "teach": ["giảng dạy"],
}
# org -> phrases by which the article refers to it without its name
CONTEXT = {
    "org:tinh-uy": ["cấp ủy"],
    "org:ubnd-tinh": ["chính quyền"],
    "org:ban-dan-van-tinh-uy": ["Ban đã", "Ban cũng", "của Ban"],
}
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "mttq": "mat tran to quoc", "chqs": "chi huy quan su", "btv": "ban thuong vu",
    "qcdc": "quy che dan chu", "ct xh": "chinh tri xa hoi", "tn mt": "tai nguyen va moi truong",
    "nn ptnt": "nong nghiep va phat trien nong thon", "kh cn": "khoa hoc va cong nghe",
}
TRAINING_CENTRE = "Trung tâm Bồi dưỡng chính trị"

# What the article states, counted by hand from it.
ARTICLE_DOCUMENTS = {"44-KL/TW", "43-CT/TW", "58-KL/TW", "54-KL/TW", "99-QĐ/TW", "21-CT/TW", "218-QĐ/TW",
                     "25-NQ/TW", "43-KL/TW", "29-CT/TU", "03-QC/TU", "09-NQ/TW"}
ARTICLE_REVIEWS = {("21-CT/TW", "preliminary", 5), ("218-QĐ/TW", "final", 10), ("25-NQ/TW", "final", 10),
                   ("43-KL/TW", "preliminary", 5), ("29-CT/TU", "preliminary", 5), ("09-NQ/TW", "final", 20)}
ARTICLE_CONTINUES = {("44-KL/TW", "43-CT/TW"), ("54-KL/TW", "99-QĐ/TW"), ("43-KL/TW", "25-NQ/TW")}
DISTRICT_CODES = {"288": "Thành phố Hải Dương", "290": "Chí Linh", "291": "Nam Sách", "292": "Kinh Môn",
                  "293": "Kim Thành", "294": "Thanh Hà", "295": "Cẩm Giàng", "296": "Bình Giang",
                  "297": "Gia Lộc", "298": "Tứ Kỳ", "299": "Ninh Giang", "300": "Thanh Miện"}
TRAINING_LOCALITIES = {"288", "293", "296", "290", "292", "298"}
ENVIRONMENT_SIGNATORIES = {"org:ban-dan-van-tinh-uy", "org:uy-ban-mttq-tinh", "org:cac-to-chuc-chinh-tri-xa-hoi-tinh",
                           "org:so-tai-nguyen-va-moi-truong", "org:so-khoa-hoc-va-cong-nghe",
                           "org:so-nong-nghiep-va-phat-trien-nong-thon"}


# ---- text keys ----

def fold(text):
    text = unicodedata.normalize("NFD", text.replace("\u00a0", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "d").replace("\u0110", "d").replace("\u00d0", "d").lower()


def words(text):
    """Folded words separated by single spaces, abbreviations expanded, padded with spaces."""
    key = " " + re.sub(r"[^0-9a-z]+", " ", fold(text)).strip() + " "
    for short, long in ABBREVIATIONS.items():
        key = key.replace(f" {short} ", f" {long} ")
    return key


def compact(text):
    """Folded text without any whitespace: for cues and document references."""
    return re.sub(r"\s+", "", fold(text))


def mentions(span_text, phrase):
    return words(phrase) in words(span_text)


def test_folding_handles_tone_placement_case_and_abbreviations():
    assert words("Ban Dân vận Tỉnh uỷ") == words("BAN DÂN VẬN TỈNH ỦY")
    assert words("khoá XII") == words("khóa XII")
    assert mentions("Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh")
    assert mentions("các tổ chức chính trị- xã hội tỉnh", "các tổ chức chính trị - xã hội tỉnh")
    assert not mentions("Ban Dân vận Tỉnh ủy", "Ban đã")
    assert compact("T ham mưu") == compact("tham mưu")
    assert compact("99-QĐ/TW") == "99-qd/tw"


# ---- fixtures ----

@pytest.fixture(scope="module")
def raw(seed_bytes):
    return seed_bytes


@pytest.fixture(scope="module")
def text(raw):
    return raw.decode("utf-8")


@pytest.fixture(scope="module")
def net():
    with open(DATA, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def by_id(net):
    return {e["id"]: e for c in COLLECTIONS for e in net.get(c, [])}


def seed_evidence(evidence):
    return [e for e in evidence if e["source"] == SRC]


def spans(evidence, text):
    return [text[e["span"][0]:e["span"][1]] for e in seed_evidence(evidence)]


def every_evidence(net):
    """(owner label, evidence) for every evidence entry of the file."""
    for c in COLLECTIONS:
        for ent in net.get(c, []):
            for ev in ent.get("sources", []):
                yield ent["id"], ev
            for i, role in enumerate(ent.get("roles", [])):
                for ev in role.get("sources", []):
                    yield f"{ent['id']} role {i}", ev


def names_of(org, by_id):
    names = [org["name"], *org.get("aliases", [])]
    return names + CONTEXT.get(org["id"], [])


def named(org, found, by_id):
    """True when the texts `found` name the organization (see the module docstring)."""
    if org["kind"] == "training_center":
        area = by_id[org["area"]]
        return (any(mentions(s, TRAINING_CENTRE) for s in found) and
                any(mentions(s, n) for s in found for n in [area["name"], *area.get("aliases", [])]))
    return any(mentions(s, n) for s in found for n in names_of(org, by_id))


def ref(doc):
    return f"{doc['number']}-{doc['type']}/{doc['issuer']}"


# ---- the source ----

def test_source_entry_carries_the_seed_hash(net, raw, by_id):
    src = by_id[SRC]
    assert src["sha256"] == hashlib.sha256(raw).hexdigest()
    assert src["kind"] == "article" and src["date"] == "2023-09-16"


def test_source_title_is_the_headline(by_id, text):
    assert compact(by_id[SRC]["title"]) in compact(text)


def test_every_span_lies_inside_the_text_and_on_word_edges(net, text):
    n = 0
    for owner, ev in every_evidence(net):
        if "span" not in ev:
            continue
        assert ev["source"] == SRC, f"{owner}: a span into a source whose text is not in the repository"
        b, e = ev["span"]
        assert 0 <= b < e <= len(text), owner
        assert b == 0 or not text[b - 1].isalnum(), f"{owner}: span starts inside a word"
        assert e == len(text) or not text[e].isalnum(), f"{owner}: span ends inside a word"
        assert ev.get("note", "").strip(), f"{owner}: evidence without a note"
        n += 1
    assert n > 100


def test_evidence_into_the_article_always_has_a_span(net):
    missing = [owner for owner, ev in every_evidence(net) if ev["source"] == SRC and "span" not in ev]
    assert missing == []


def test_no_sentence_of_the_article_is_copied(net, text):
    """Free text (notes, descriptions, extra) never repeats 7 consecutive words of the
    article, and a task's name never repeats 12. Names of organizations, areas, topics,
    documents and programs, official document titles and the headline are names, not
    sentences, and are not checked; nor are ids and references."""
    def tokens(s):
        return re.sub(r"[^0-9a-z]+", " ", fold(s)).split()

    article = tokens(text)

    def grams(n):
        return {tuple(article[i:i + n]) for i in range(len(article) - n + 1)}

    def repeats(s, table, n):
        toks = tokens(s)
        return any(tuple(toks[i:i + n]) in table for i in range(len(toks) - n + 1))

    names_and_refs = {"id", "name", "aliases", "title", "org", "source", "issued_by", "program", "parent", "area",
                      "from", "to", "implements", "continues", "topics", "areas", "document", "role", "sha256", "url"}

    def free_text(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from free_text(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from free_text(v, key)
        elif isinstance(node, str) and key not in names_and_refs:
            yield node

    seven, twelve = grams(7), grams(12)
    copied = [s for s in free_text(net) if repeats(s, seven, 7)]
    copied += [t["name"] for t in net["tasks"] if repeats(t["name"], twelve, 12)]
    assert copied == []
    assert repeats(text[1100:1300], seven, 7), "the check itself must see a copied passage"


# ---- every entity and role cites something ----

def test_every_entity_cites_evidence_or_says_why_not(net):
    missing = []
    for c in COLLECTIONS:
        if c == "sources":
            continue
        for ent in net.get(c, []):
            if not ent.get("sources") and not str(ent.get("extra", {}).get("unsourced", "")).strip():
                missing.append(ent["id"])
    assert missing == []


def test_what_the_article_states_cites_the_article(net):
    for c in ("topics", "documents", "programs", "tasks"):
        for ent in net[c]:
            assert seed_evidence(ent.get("sources", [])), ent["id"]
    for c in ("programs", "tasks"):
        for ent in net[c]:
            for role in ent.get("roles", []):
                assert seed_evidence(role.get("sources", [])), f"{ent['id']} {role['org']}"


def test_unsourced_entities_are_only_the_implied_district_committees(net):
    unsourced = {e["id"] for c in COLLECTIONS for e in net.get(c, []) if "unsourced" in e.get("extra", {})}
    assert len(unsourced) == 6
    assert all(e["id"] in unsourced for e in net["organizations"]
               if e["kind"] == "party_committee" and e.get("level") == "district")


# ---- organizations ----

def test_organizations_spans_name_them(net, by_id, text):
    cited = 0
    for org in net["organizations"]:
        found = spans(org.get("sources", []), text)
        if not found:
            continue
        cited += 1
        assert named(org, found, by_id), org["id"]
    assert cited >= 30


def test_six_training_centres_in_the_localities_the_article_lists(net, by_id, text):
    centres = [o for o in net["organizations"] if o["kind"] == "training_center"]
    assert len(centres) == 6
    assert {by_id[o["area"]]["code"] for o in centres} == TRAINING_LOCALITIES
    start = text.index(TRAINING_CENTRE)
    sentence = text[start:text.index(".", start)]
    for code in TRAINING_LOCALITIES:
        assert mentions(sentence, DISTRICT_CODES[code])
    for code in set(DISTRICT_CODES) - TRAINING_LOCALITIES:
        assert not mentions(text, DISTRICT_CODES[code])


def test_organization_hierarchy_reaches_the_party_centre(by_id):
    node, chain = by_id["org:ban-dan-van-tinh-uy"], []
    while node.get("parent"):
        chain.append(node["parent"])
        node = by_id[node["parent"]]
    assert chain == ["org:tinh-uy", "org:ban-chap-hanh-trung-uong"]


# ---- documents ----

def test_the_twelve_documents_of_the_article(net, text):
    in_text = {f"{n}-{t}/{i}" for n, t, i in re.findall(r"(\d+)-(NQ|CT|KL|QĐ|QC)/(TW|TU)", text)}
    assert in_text == ARTICLE_DOCUMENTS
    in_data = [ref(d) for d in net["documents"]]
    assert len(in_data) == 12 and set(in_data) == ARTICLE_DOCUMENTS


def test_documents_spans_hold_reference_issuer_date_and_term(net, by_id, text):
    for doc in net["documents"]:
        found = spans(doc["sources"], text)
        assert any(compact(ref(doc)) in compact(s) for s in found), doc["id"]
        issuer = by_id[doc["issued_by"]]
        assert any(mentions(s, n) for s in found for n in names_of(issuer, by_id)), doc["id"]
        if len(doc.get("date", "")) == 10:
            y, m, d = (int(x) for x in doc["date"].split("-"))
            assert any(re.search(rf"(?<!\d)0?{d}/0?{m}/{y}(?!\d)", s) for s in found), doc["id"]
        if doc.get("term"):
            assert any(f"khoa{doc['term'].lower()}" in compact(s).replace("(", "") for s in found), doc["id"]


def test_document_relations_and_review_obligations(net, by_id):
    continues = {(ref(d), ref(by_id[c])) for d in net["documents"] for c in d.get("continues", [])}
    assert continues == ARTICLE_CONTINUES
    reviews = {(ref(d), r["kind"], r["years"]) for d in net["documents"] for r in d.get("reviews", [])}
    assert reviews == ARTICLE_REVIEWS


def test_every_review_obligation_has_a_review_task_whose_span_states_the_years(net, by_id, text):
    for doc in net["documents"]:
        for obligation in doc.get("reviews", []):
            tasks = [t for t in net["tasks"] if t["kind"] == "review" and doc["id"] in t.get("implements", [])]
            assert tasks, doc["id"]
            assert any(f"{obligation['years']}nam" in compact(s) and compact(ref(doc)) in compact(s)
                       for t in tasks for s in spans(t["sources"], text)), doc["id"]


def test_tasks_that_implement_documents_cite_their_reference(net, by_id, text):
    for task in net["tasks"]:
        if task["kind"] not in ("plan", "review", "inspection"):
            continue
        for doc_id in task.get("implements", []):
            assert any(compact(ref(by_id[doc_id])) in compact(s) for s in spans(task["sources"], text)), task["id"]


# ---- areas and topics ----

def test_province_and_its_twelve_district_level_units(net, by_id):
    province = by_id["area:hai-duong"]
    assert province["level"] == "province" and province["code"] == "30"
    districts = [a for a in net["areas"] if a.get("parent") == "area:hai-duong"]
    assert len(districts) == 12
    assert {a["code"]: a for a in districts}.keys() == DISTRICT_CODES.keys()
    for a in districts:
        assert a["level"] == "district"
        assert mentions(a["name"], DISTRICT_CODES[a["code"]])
        assert a["valid_to"] == "2025-06-30"
    assert province["valid_to"] == "2025-06-30"


def test_areas_and_topics_spans_name_them(net, text):
    for c in ("areas", "topics"):
        for ent in net[c]:
            found = spans(ent.get("sources", []), text)
            if c == "topics":
                assert found, ent["id"]
            if found:
                assert any(mentions(s, n) for s in found for n in [ent["name"], *ent.get("aliases", [])]), ent["id"]


# ---- programs and tasks ----

def test_programs_spans_name_them_and_their_period(net, text):
    for prog in net["programs"]:
        found = spans(prog["sources"], text)
        assert any(mentions(s, n) for s in found for n in [prog["name"], *prog.get("aliases", [])]), prog["id"]
        period = prog.get("period", {})
        for end in ("start", "end"):
            if end in period:
                assert any(period[end][:4] in s for s in found), prog["id"]


def test_environment_programme_and_its_six_signatories(by_id):
    prog = by_id["prog:chung-tay-bao-ve-moi-truong-2023-2025"]
    assert prog["kind"] == "joint_program" and prog["period"] == {"start": "2023", "end": "2025"}
    assert {r["org"] for r in prog["roles"]} == ENVIRONMENT_SIGNATORIES
    assert {r["role"] for r in prog["roles"]} == {"sign"}
    movement = by_id["prog:dan-van-kheo-2023-2025"]
    assert movement["kind"] == "movement" and movement["period"] == {"start": "2023", "end": "2025"}


def test_two_focus_tasks_for_the_end_of_2023(net):
    focus = sorted((t for t in net["tasks"] if "focus_task" in t.get("extra", {})), key=lambda t: t["extra"]["focus_task"])
    assert [t["extra"]["focus_task"] for t in focus] == [1, 2]
    for t in focus:
        assert t["status"] == "planned" and t["period"] == {"start": "2023-10", "end": "2023-12"}


def test_statuses_follow_the_article_date(net):
    """The article is of 2023-09-16: what it reports is done (or continuing), what it plans starts later."""
    statuses = collections.Counter(t["status"] for t in net["tasks"])
    assert statuses["done"] >= 15 and statuses["planned"] >= 6
    for t in net["tasks"]:
        start = t.get("period", {}).get("start") or t.get("due")
        if t["status"] == "done":
            assert t["period"]["end"] <= "2023-09", t["id"]
        if t["status"] == "planned":
            assert start >= "2023-10", t["id"]


def test_commemoration_is_due_on_the_tradition_day(by_id, text):
    task = by_id["task:ky-niem-93-nam-ngay-truyen-thong-cong-tac-dan-van"]
    assert task["due"] == "2023-10-15"
    assert any("15/10/2023" in s for s in spans(task["sources"], text))


def test_training_reaches_the_six_localities(by_id):
    task = by_id["task:boi-duong-nghiep-vu-dan-van-2023"]
    assert len(task["areas"]) == 6
    hosts = {r["org"] for r in task["roles"] if r["role"] == "host"}
    assert {by_id[h]["area"] for h in hosts} == set(task["areas"])
    assert [r["role"] for r in task["roles"] if r["org"] == "org:ban-dan-van-tinh-uy"] == ["teach"]


# ---- roles ----

def all_roles(net):
    for c in ("programs", "tasks"):
        for ent in net[c]:
            for role in ent.get("roles", []):
                yield ent, role


def test_every_role_names_its_organization_and_its_cue(net, by_id, text):
    checked = stated = 0
    for ent, role in all_roles(net):
        found = spans(role["sources"], text)
        org = by_id[role["org"]]
        assert named(org, found, by_id), (ent["id"], role["org"])
        inferred = role.get("extra", {}).get("inferred") is True
        has_cue = any(compact(c) in compact(s) for s in found for c in CUES[role["role"]])
        if not inferred:
            assert has_cue, (ent["id"], role["org"], role["role"])
            stated += 1
        checked += 1
    assert checked >= 70
    assert stated * 2 >= checked, "at least half of the roles should be stated in the article, not inferred"


def test_declared_role_teach(net):
    assert net["roles"] == [{"name": "teach", "labels": ["giảng dạy"], "raci": "C",
                             "description": net["roles"][0]["description"]}]


def test_core_cues_cover_the_vocabulary_used(net):
    used = {role["role"] for _, role in all_roles(net)}
    assert used <= CUES.keys()


# ---- the 2025 reorganization ----

def test_reorganization_events(net, by_id):
    events = net["events"]
    commission = [e for e in events if "org:ban-dan-van-tinh-uy" in e["from"]]
    assert len(commission) == 1
    assert commission[0]["kind"] == "merge" and commission[0]["date"] == "2025-03-01"
    assert set(commission[0]["from"]) == {"org:ban-tuyen-giao-tinh-uy", "org:ban-dan-van-tinh-uy"}
    assert by_id[commission[0]["to"][0]]["name"].startswith("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    department = [e for e in events if "org:so-tai-nguyen-va-moi-truong" in e["from"]][0]
    assert "org:so-nong-nghiep-va-phat-trien-nong-thon" in department["from"] and department["approximate"] is True
    for e in events:
        assert e["sources"], e["id"]
        for org_id in e["from"]:
            assert by_id[org_id]["valid_to"] < e["date"], (e["id"], org_id)
        for org_id in e.get("to", []):
            assert by_id[org_id]["valid_from"] == e["date"], (e["id"], org_id)


def test_nothing_of_hai_duong_outlives_the_province(net):
    hai_duong = {"area:hai-duong"} | {a["id"] for a in net["areas"] if a.get("parent") == "area:hai-duong"}
    ended = [o for o in net["organizations"] if o.get("area") in hai_duong]
    assert len(ended) >= 30
    for org in ended:
        assert org.get("valid_to", "9999") <= "2025-06-30", org["id"]


def test_resolution_202_source(by_id):
    src = by_id["src:nq-202-2025-qh15"]
    assert src["date"] == "2025-06-12" and "202/2025/QH15" in src["name"]
