// The JSON format: every invalid file gives its precise error, nothing crashes,
// and load → save → load → save is byte-identical.
#include <danvan/builder.hpp>
#include <danvan/io/json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const fs::path source_dir = DANVAN_SOURCE_DIR;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A scratch folder removed at the end of the test.
struct scratch_dir {
  fs::path path = fs::temp_directory_path() / ("danvan-test-" + std::to_string(std::random_device{}()));
  scratch_dir() { fs::create_directories(path); }
  ~scratch_dir() { fs::remove_all(path); }
};

const char* small_network = R"({
  "danvan": "1",
  "meta": {"title": "Thử", "classification": "internal", "owner": "steward"},
  "roles": [{"name": "teach", "labels": ["giảng dạy"], "raci": "C"}],
  "areas": [{"id": "area:hd", "name": "Hải Dương", "level": "province", "code": "30"}],
  "organizations": [
    {"id": "org:tu", "name": "Tỉnh ủy", "kind": "party_committee", "level": "province", "area": "area:hd",
     "note_for_humans": "kept as extra", "extra": {"z": [1, 2.5, "ba"], "a": {"nested": true}}},
    {"id": "org:bdv", "name": "Ban Dân vận Tỉnh ủy", "aliases": ["Ban Dân vận Tỉnh uỷ"], "kind": "party_commission",
     "parent": "org:tu", "valid_to": "2025-02-28", "sources": [{"source": "src:bai", "span": [57, 88], "note": "tiêu đề"}]}
  ],
  "documents": [{"id": "doc:ct-21", "name": "Chỉ thị 21-CT/TW", "type": "CT", "number": "21", "issuer": "TW",
                 "date": "2018-01-20", "term": "XII", "reviews": [{"kind": "preliminary", "years": 5, "recurring": true}]}],
  "tasks": [{"id": "task:so-ket", "name": "Sơ kết 5 năm", "kind": "review", "implements": ["doc:ct-21"], "due": "2023",
             "status": "done", "roles": [{"org": "org:bdv", "role": "advise", "classification": "restricted"},
                                         {"org": "org:tu", "role": "teach", "weight": 3}]}],
  "sources": [{"id": "src:bai", "name": "Bài báo", "kind": "article", "date": "2023-09-16"}],
  "something_else": {"kept": "at the top"}
})";

}  // namespace

TEST(JsonRoundTrip, SecondSaveIsByteIdentical) {
  const auto net = danvan::loads(small_network);
  const std::string once = danvan::dumps(net);
  const std::string twice = danvan::dumps(danvan::loads(once));
  EXPECT_EQ(once, twice);
  EXPECT_EQ(once.back(), '\n');
}

TEST(JsonRoundTrip, KeepsUnknownFieldsInExtra) {
  const auto net = danvan::loads(small_network);
  const auto tu = net.organization("org:tu");
  const auto extra = nlohmann::json::parse(tu.extra());
  EXPECT_EQ(extra["note_for_humans"], "kept as extra");
  EXPECT_EQ(extra["z"][1], 2.5);
  EXPECT_EQ(extra["a"]["nested"], true);
  const auto role = *std::next(net.task("task:so-ket").roles().begin());
  EXPECT_EQ(nlohmann::json::parse(role.extra())["weight"], 3);
  EXPECT_EQ(nlohmann::json::parse(net.meta().extra)["owner"], "steward");
  EXPECT_EQ(nlohmann::json::parse(net.extra())["something_else"]["kept"], "at the top");
  // And they come back after a save, under "extra".
  const auto again = danvan::loads(danvan::dumps(net));
  EXPECT_EQ(nlohmann::json::parse(again.organization("org:tu").extra()), extra);
  EXPECT_EQ(nlohmann::json::parse(again.extra())["something_else"]["kept"], "at the top");
}

namespace {
// "path rule" of each problem of a text that must not load.
std::vector<std::string> problems_of(const char* text) {
  std::vector<std::string> found;
  try {
    (void)danvan::loads(text);
    ADD_FAILURE() << "loaded: " << text;
  } catch (const danvan::validation_error& e) {
    for (const auto& p : e.problems()) found.push_back(p.path + " " + p.rule);
  }
  return found;
}
}  // namespace

TEST(JsonRoundTrip, AKeyTwiceInExtraIsAnError) {
  // `extra` is kept verbatim: keeping one of two values would lose the other on save.
  const char* text = R"({"danvan": "1", "note": 1, "meta": {"extra": {"a": {"b": [0, {"c": 1, "c": 2}]}}},
    "extra": {"note": 2, "x/y": {"k": 1, "k": 1}},
    "tasks": [{"id": "task:t", "name": "T", "website": {"u": 1, "u": 2}}]})";
  EXPECT_EQ(problems_of(text), (std::vector<std::string>{"/meta/extra/a/b/1/c duplicate-field",
                                                         "/tasks/0/website/u duplicate-field",
                                                         "/extra/x~1y/k duplicate-field", "/note duplicate-field"}));
}

TEST(JsonRoundTrip, RolesOfTwoKeysAreReadLikeAnyOther) {
  // `{"org": ..., "role": ...}` in either order is a plain role; any other object of two
  // keys (a key twice, a wrong type, a typo) is checked like a role with more fields.
  const char* text = R"({"danvan": "1", "organizations": [{"id": "org:a", "name": "A", "kind": "party_committee"}],
    "tasks": [{"id": "task:t", "name": "T", "extra": {"a": 1}, "extra": {"b": 2}, "roles": [
      {"org": "org:a", "org": "org:a"}, {"role": "lead", "org": 5}, {"org": "org:a", "rol": "lead"},
      {"role": "lead", "org": "org:a"}]}]})";
  EXPECT_EQ(problems_of(text), (std::vector<std::string>{
                                  "/tasks/0/extra duplicate-field", "/tasks/0/roles/0/org duplicate-field",
                                  "/tasks/0/roles/0/role missing-field", "/tasks/0/roles/1/org wrong-type",
                                  "/tasks/0/roles/1/org missing-field", "/tasks/0/roles/2/rol unknown-field",
                                  "/tasks/0/roles/2/role missing-field"}));
  const auto net = danvan::loads(R"({"danvan": "1", "organizations": [{"id": "org:a", "name": "A", "kind": "party_committee"}],
    "tasks": [{"id": "task:t", "name": "T", "roles": [{"role": "lead", "org": "org:a"}, {"org": "org:a", "role": "advise"}]}]})");
  const auto roles = net.task("task:t").roles();
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ((*roles.begin()).role_name(), "lead");
  EXPECT_EQ((*std::next(roles.begin())).role_name(), "advise");
  EXPECT_EQ((*std::next(roles.begin())).org().id(), "org:a");
}

TEST(JsonRoundTrip, KeepsEveryModelField) {
  const auto net = danvan::loads(danvan::dumps(danvan::loads(small_network)));
  EXPECT_EQ(net.meta().classification, danvan::classification::internal);
  const auto bdv = net.organization("org:bdv");
  EXPECT_EQ(bdv.aliases(), std::vector<std::string_view>{"Ban Dân vận Tỉnh uỷ"});
  EXPECT_EQ(bdv.valid_to(), danvan::date(2025, 2, 28));
  EXPECT_EQ(bdv.classification(), danvan::classification::internal);  // the file's default
  const auto ev = bdv.sources();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(net.id_of(danvan::entity_kind::source, ev[0].source), "src:bai");
  EXPECT_EQ(ev[0].begin, 57u);
  EXPECT_EQ(ev[0].end, 88u);
  EXPECT_EQ(ev[0].note, "tiêu đề");
  const auto doc = net.document("doc:ct-21");
  EXPECT_EQ(doc.term(), "XII");
  ASSERT_EQ(doc.reviews().size(), 1u);
  EXPECT_EQ(doc.reviews()[0], (danvan::review_obligation{danvan::review_kind::preliminary, 5, true}));
  const auto task = net.task("task:so-ket");
  EXPECT_EQ(task.due(), danvan::date(2023));
  EXPECT_EQ(task.due().precision(), danvan::precision::year);
  EXPECT_EQ(task.status(), danvan::task_status::done);
  EXPECT_EQ((*task.roles().begin()).classification(), danvan::classification::restricted);
  EXPECT_EQ(net.vocabulary().declared().at(0).labels, std::vector<std::string>{"giảng dạy"});
}

TEST(JsonRoundTrip, ShippedDataFilesRoundTrip) {
  std::size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(source_dir / "data")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    const auto once = danvan::dumps(danvan::load(entry.path()));
    EXPECT_EQ(once, danvan::dumps(danvan::loads(once)));
    ++seen;
  }
  EXPECT_GE(seen, 1u) << "no data/*.json file found";
}

TEST(JsonSave, IsAtomicAndKeepsTheOldFileOnError) {
  scratch_dir dir;
  const auto file = dir.path / "net.json";
  const auto net = danvan::loads(small_network);
  danvan::save(net, file);
  const std::string saved = read_text(file);
  EXPECT_EQ(saved, danvan::dumps(net));
  EXPECT_EQ(danvan::dumps(danvan::load(file)), saved);

  // A folder that cannot be written: the save fails, the old file stays whole.
  fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
  const bool root = ::geteuid() == 0;  // root writes anyway; check the error path below instead
  if (!root) {
    EXPECT_THROW(danvan::save(danvan::loads(R"({"danvan": "1"})"), file), danvan::io_error);
    EXPECT_EQ(read_text(file), saved);
  }
  fs::permissions(dir.path, fs::perms::owner_all);

  EXPECT_THROW(danvan::save(net, dir.path / "missing-folder" / "net.json"), danvan::io_error);
  // No temporary file is left behind by the failed or the good saves.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) {
    ++files;
    EXPECT_EQ(e.path().filename(), "net.json");
  }
  EXPECT_EQ(files, 1u);
}

TEST(JsonSave, WritesTheTargetOfASymbolicLink) {
  scratch_dir dir;
  fs::create_directories(dir.path / "real");
  const auto target = dir.path / "real" / "net.json";
  {
    std::ofstream(target) << R"({"danvan": "1"})";
  }
  fs::create_symlink("real/net.json", dir.path / "link.json");  // relative, as `ln -s` makes them
  const auto net = danvan::loads(small_network);
  danvan::save(net, dir.path / "link.json");
  EXPECT_TRUE(fs::is_symlink(dir.path / "link.json"));
  EXPECT_EQ(read_text(target), danvan::dumps(net));
  // A link to a file not there yet: the file is made where it points.
  fs::create_symlink(dir.path / "real" / "new.json", dir.path / "dangling.json");
  danvan::save(net, dir.path / "dangling.json");
  EXPECT_TRUE(fs::is_symlink(dir.path / "dangling.json"));
  EXPECT_EQ(read_text(dir.path / "real" / "new.json"), danvan::dumps(net));
  // A loop of links is an io_error, not a hang.
  fs::create_symlink("loop-b.json", dir.path / "loop-a.json");
  fs::create_symlink("loop-a.json", dir.path / "loop-b.json");
  try {
    danvan::save(net, dir.path / "loop-a.json");
    FAIL();
  } catch (const danvan::io_error& e) {
    EXPECT_EQ(e.code(), std::errc::too_many_symbolic_link_levels);
  }
}

TEST(JsonSave, RemovesTheTemporaryFilesOfKilledSaves) {
  scratch_dir dir;
  char host_name[256] = {};
  ::gethostname(host_name, sizeof host_name - 1);
  std::string host;
  for (const char* c = host_name; *c && host.size() < 32; ++c)
    if (std::isalnum(static_cast<unsigned char>(*c))) host += *c;
  const pid_t gone = ::fork();  // a process that has ended: its pid is free
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  const auto hours_ago = fs::file_time_type::clock::now() - std::chrono::hours(2);
  auto make = [&](const std::string& name, bool old) {
    std::ofstream(dir.path / name) << "partial";
    if (old) fs::last_write_time(dir.path / name, hours_ago);
  };
  make(".net.json.tmp-" + host + "-" + std::to_string(gone) + "-0badf00d", false);  // its writer is gone
  make(".net.json.tmp-0123456789abcdef", true);                                     // an older danvan's, old
  make(".net.json.tmp-elsewhere-1-0badf00d", true);                                 // another host's, old
  const std::vector<std::string> kept{
      ".net.json.tmp-" + host + "-" + std::to_string(::getpid()) + "-0badf00d",  // a save going on
      ".net.json.tmp-elsewhere-1-0badf00d2",                                       // not one of ours
      ".net.json.tmp-0123456789abcdef0",
      ".net.json.tmp-fedcba9876543210",  // recent: its save may go on
      ".other.json.tmp-0123456789abcdef"};
  for (const auto& name : kept) make(name, name.find("other") != std::string::npos || name.ends_with("2"));
  danvan::save(danvan::loads(small_network), dir.path / "net.json");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir.path)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  std::vector<std::string> want = kept;
  want.push_back("net.json");
  std::sort(want.begin(), want.end());
  EXPECT_EQ(left, want);
}

TEST(JsonSave, AHugeStringIsWrittenWhole) {
  // The writer puts each entity into the output with its indentation (it used to indent
  // a dumped copy a character at a time: 25 s to save a 200 MB string that loads in
  // 3.3 s). Its speed is a benchmark's to measure; here, that nothing is lost.
  const std::string big(32 << 20, 'x');
  const std::string text = R"({"danvan": "1", "organizations": [{"id": "org:a", "name": ")" + big + "\"}]}";
  const auto out = danvan::dumps(danvan::loads(text));
  EXPECT_NE(out.find("\"name\": \"" + big + "\""), std::string::npos);
  EXPECT_EQ(danvan::dumps(danvan::loads(out)), out);
}

TEST(JsonLoad, ReadsPipesAndOtherFilesWithoutASize) {
  // /dev/stdin, <(...), a FIFO: read to their end, not by their (unknown) size.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string text = small_network;
  std::thread writer([&] {
    for (std::size_t done = 0; done < text.size();) {
      const auto n = ::write(fds[1], text.data() + done, std::min<std::size_t>(100, text.size() - done));
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  const auto net = danvan::load("/dev/fd/" + std::to_string(fds[0]));
  writer.join();
  ::close(fds[0]);
  EXPECT_EQ(danvan::dumps(net), danvan::dumps(danvan::loads(small_network)));
}

TEST(JsonLoad, AFileNameWithANulIsRefused) {
  // The system would read the name up to the NUL: another file, loaded or replaced.
  const fs::path name(std::string("data/example.json\0.bak", 22));
  for (int save = 0; save < 2; ++save) {
    try {
      if (save) danvan::save(danvan::loads(small_network), source_dir / name);
      else (void)danvan::load(source_dir / name);
      FAIL();
    } catch (const danvan::io_error& e) {
      EXPECT_EQ(e.code(), std::errc::invalid_argument);
      EXPECT_EQ(e.file(), (source_dir / name).string());
      // The whole message, with the NUL written out: what() is read as a C string.
      EXPECT_NE(std::string(e.what()).find("example.json\\u0000.bak: the file name contains a NUL character"), std::string::npos)
          << e.what();
    }
  }
}

TEST(JsonLoad, MissingFileIsAnIoError) {
  try {
    (void)danvan::load("/nonexistent/danvan.json");
    FAIL();
  } catch (const danvan::io_error& e) {
    EXPECT_EQ(e.file(), "/nonexistent/danvan.json");
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos);
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
  }
  try {
    (void)danvan::load(fs::temp_directory_path());
    FAIL();
  } catch (const danvan::io_error& e) {
    EXPECT_EQ(e.code(), std::errc::is_a_directory);
  }
  try {
    danvan::save(danvan::loads(R"({"danvan": "1"})"), "/nonexistent/folder/net.json");
    FAIL();
  } catch (const danvan::io_error& e) {
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
  }
}

// Each file of tests/data/invalid/ with the error expected.json names for it.
TEST(InvalidFiles, EachGivesItsPreciseError) {
  const auto dir = source_dir / "tests" / "data" / "invalid";
  const auto expected = nlohmann::json::parse(read_text(dir / "expected.json"));
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name == "expected.json") continue;
    SCOPED_TRACE(name);
    ASSERT_TRUE(expected.contains(name)) << "no expectation for " << name;
    const auto& want = expected[name];
    try {
      (void)danvan::load(entry.path());
      ADD_FAILURE() << "loaded without error";
    } catch (const danvan::parse_error& e) {
      EXPECT_EQ(want["error"], "parse") << e.what();
      EXPECT_EQ(e.where().line, want["line"].get<std::size_t>());
      EXPECT_EQ(e.where().column, want["column"].get<std::size_t>());
      EXPECT_NE(e.where().message.find(want["message"].get<std::string>()), std::string::npos) << e.what();
      EXPECT_EQ(e.where().file, entry.path().string());
    } catch (const danvan::validation_error& e) {
      EXPECT_EQ(want["error"], "validation") << e.what();
      const auto& problems = want["problems"];
      ASSERT_EQ(e.problems().size(), problems.size()) << e.what();
      for (std::size_t i = 0; i < problems.size(); ++i) {
        const auto& got = e.problems()[i];
        EXPECT_EQ(got.path, problems[i]["path"].get<std::string>());
        EXPECT_EQ(got.rule, problems[i]["rule"].get<std::string>());
        EXPECT_NE(got.message.find(problems[i]["message"].get<std::string>()), std::string::npos) << got.message;
        EXPECT_EQ(got.suggestion, problems[i].value("suggestion", std::string{}));
        EXPECT_EQ(got.file, entry.path().string());
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, expected.size());
}

TEST(HostileInput, DeepNestingIsRefusedWithoutRecursion) {
  const std::string deep = R"({"danvan": "1", "extra": )" + std::string(10000, '[') + std::string(10000, ']') + "}";
  try {
    (void)danvan::loads(deep);
    FAIL();
  } catch (const danvan::parse_error& e) {
    EXPECT_EQ(e.where().rule, "too-deep");
    // At the bracket that goes one level too deep: the top object is level 1.
    EXPECT_EQ(e.where().line, 1u);
    EXPECT_EQ(e.where().column, std::string(R"({"danvan": "1", "extra": )").size() + 64);
  }
  // Unbalanced, too: the limit is hit before the end is missed.
  EXPECT_THROW((void)danvan::loads(std::string(10000, '{')), danvan::parse_error);
}

namespace {

/// The parse error loads(text) throws; fails the test when it throws none.
danvan::problem parse_problem(std::string_view text) {
  try {
    (void)danvan::loads(text, "t.json");
  } catch (const danvan::parse_error& e) {
    return e.where();
  }
  ADD_FAILURE() << "no parse error for " << text;
  return {};
}

}  // namespace

TEST(ParseErrors, NumbersBeyondRangeHaveTheirPlace) {
  // nlohmann/json reports a double's overflow as out_of_range: once a std::bad_cast.
  auto p = parse_problem("1e400");
  EXPECT_EQ(p.rule, "number-out-of-range");
  EXPECT_EQ(p.file, "t.json");
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 1u);
  EXPECT_NE(p.message.find("number out of range: `1e400`"), std::string::npos) << p.message;
  // Integers beyond 64 bits are JSON, but simdjson does not take them.
  for (const char* big : {"18446744073709551616", "-9223372036854775809", "-1e400", "123456789012345678901234567890"}) {
    p = parse_problem(std::string("{\"danvan\": \"1\",\n \"extra\": {\"s\": \"1e400 in a string\", \"n\": ") + big + "}}");
    SCOPED_TRACE(big);
    EXPECT_EQ(p.rule, "number-out-of-range");
    EXPECT_EQ(p.line, 2u);
    EXPECT_EQ(p.column, 43u);
    EXPECT_NE(p.message.find(std::string("`") + big + "`"), std::string::npos) << p.message;
  }
  // The edges still load.
  const auto net = danvan::loads(R"({"danvan": "1", "extra": {"a": 18446744073709551615, "b": -9223372036854775808, "c": 1e-400, "d": 1.7e308}})");
  EXPECT_EQ(nlohmann::json::parse(net.extra())["a"], 18446744073709551615ull);
  // A number of a megabyte is not quoted whole.
  p = parse_problem("[" + std::string(1 << 20, '9') + "]");
  EXPECT_LT(p.message.size(), 300u);
}

TEST(ParseErrors, AByteOrderMarkIsSkipped) {
  const auto net = danvan::loads("\xEF\xBB\xBF{\"danvan\": \"1\", \"meta\": {\"title\": \"BOM\"}}");
  EXPECT_EQ(net.meta().title, "BOM");
  EXPECT_EQ(danvan::dumps(net).substr(0, 1), "{");  // and not written back
  // Columns count from after it; byte offsets are the file's.
  const auto p = parse_problem("\xEF\xBB\xBF{,}");
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 2u);
  EXPECT_NE(p.message.find("(byte 4)"), std::string::npos) << p.message;
  EXPECT_EQ(parse_problem("\xEF\xBB\xBF").message, "the file is empty; a danvan file is a JSON object");
}

TEST(ParseErrors, IllFormedUtf8IsReportedWhereItsSequenceStarts) {
  // A lead byte followed by no continuation: the character starts at the lead (column 4).
  auto p = parse_problem("[\"T\xC3(\"]");
  EXPECT_EQ(p.column, 4u);
  p = parse_problem("[\"\xE1\xBB(\"]");  // two bytes of three
  EXPECT_EQ(p.column, 3u);
  // A stray continuation byte after a whole character is its own column.
  p = parse_problem("[\"\xC3\xA9\xA9\"]");
  EXPECT_EQ(p.column, 4u);
  p = parse_problem("[\"\xFF\"]");
  EXPECT_EQ(p.column, 3u);
  EXPECT_NE(p.message.find("UTF-8"), std::string::npos) << p.message;
}

TEST(ParseErrors, AMissingCommaIsReportedWhereItGoes) {
  // Right after the value that needs it, even when the next one is on another line.
  auto p = parse_problem("{\"danvan\": \"1\",\n  \"meta\": {\"title\": \"Tỉnh ủy\"}\n  \"tasks\": []}");
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 31u);
  EXPECT_EQ(p.message, "invalid JSON: missing comma before the next member of the object (byte 50)");
  p = parse_problem("[1 true]");
  EXPECT_EQ(p.column, 3u);
  EXPECT_NE(p.message.find("next element of the array"), std::string::npos);
  // Other unexpected tokens are reported at their start.
  p = parse_problem("{\"danvan\" \"1\"}");
  EXPECT_EQ(p.column, 11u);
  EXPECT_NE(p.message.find("unexpected string literal; expected ':'"), std::string::npos) << p.message;
}

TEST(HostileInput, AGigabyteOfSpacesEndsInAParseError) {
  scratch_dir dir;
  const auto file = dir.path / "spaces.json";
  {
    std::ofstream out(file, std::ios::binary);
    const std::string block(1 << 20, ' ');
    for (int i = 0; i < 1024; ++i) out.write(block.data(), static_cast<std::streamsize>(block.size()));
  }
  try {
    (void)danvan::load(file);
    FAIL();
  } catch (const danvan::parse_error& e) {
    EXPECT_EQ(e.where().line, 1u);
    EXPECT_EQ(e.where().column, (1u << 30) + 1);
    EXPECT_NE(e.where().message.find("unexpected end of input"), std::string::npos);
  }
}

TEST(HostileInput, RandomMutationsNeverEscapeAsAnythingButDanvanErrors) {
  const std::string base = small_network;
  std::mt19937 rng(20230916);
  std::size_t loaded = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng() % s.size();
      switch (rng() % 3) {
        case 0: s[at] = static_cast<char>(rng() % 256); break;
        case 1: s.erase(at, 1 + rng() % 8); break;
        default: s.insert(at, 1, "{}[]\",:0-e\\"[rng() % 11]); break;
      }
    }
    try {
      (void)danvan::loads(s);
      ++loaded;
    } catch (const danvan::error&) {
      ++rejected;
    }  // anything else fails the test by escaping
  }
  EXPECT_GT(rejected, 0u);
  EXPECT_EQ(loaded + rejected, 3000u);
}

TEST(ValidationErrors, MessagesAreOneLineAndShort) {
  // A label or an id with control characters: the message shows them escaped, whole.
  const std::string label("net\0.json", 9);
  try {
    (void)danvan::loads(R"({"danvan": "1", "organizations": [{"id": "org:a\u0007\n", "name": "A"}]})", label);
    FAIL();
  } catch (const danvan::validation_error& e) {
    EXPECT_EQ(e.problems()[0].file, label);  // the data as they are
    const std::string what = e.what();
    EXPECT_EQ(what.find('\0'), std::string::npos);
    EXPECT_EQ(what.rfind("net\\u0000.json:/organizations/0/id: `org:a\\u0007\\u000a` is not a valid organization id", 0), 0u)
        << what;
    EXPECT_EQ(what, e.problems()[0].to_string());
  }
  // An id of a megabyte is not quoted whole.
  const std::string id = "org:" + std::string(1 << 20, 'x');
  try {
    (void)danvan::loads(R"({"danvan": "1", "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": ")" + id +
                        R"(", "role": "lead"}]}]})");
    FAIL();
  } catch (const danvan::validation_error& e) {
    const auto& m = e.problems()[0].message;
    EXPECT_LT(m.size(), 1100u);
    EXPECT_EQ(m.rfind("unknown organization `org:xxx", 0), 0u);
    EXPECT_NE(m.find(" bytes left out) … "), std::string::npos) << m.substr(0, 100);
    EXPECT_LT(std::string(e.what()).size(), 1200u);
  }
}

TEST(ValidationErrors, AreCappedAndCounted) {
  std::string text = R"({"danvan": "1", "tasks": [)";
  for (int i = 0; i < 500; ++i) text += std::string(i ? "," : "") + R"({"id": "task:)" + std::to_string(i) + R"(", "name": "x", "program": "prog:none"})";
  text += "]}";
  try {
    (void)danvan::loads(text, "<many>", {.max_problems = 10});
    FAIL();
  } catch (const danvan::validation_error& e) {
    EXPECT_EQ(e.problems().size(), 10u);
    EXPECT_EQ(e.total(), 500u);
    EXPECT_EQ(e.problems().front().path, "/tasks/0/program");
    EXPECT_EQ(e.problems().back().path, "/tasks/9/program");
  }
}

// A file is read in batches of elements (about a megabyte each), never whole; anything
// unusual is read again whole. Both ways must give the same network, or the same error.

/// load(file) against loads(text) of the same bytes: the same saved text, or the same
/// error. True when the text loaded.
bool expect_streamed_read_agrees(const std::string& text, const fs::path& file) {
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  std::string streamed, whole;
  try {
    streamed = danvan::dumps(danvan::load(file));
  } catch (const danvan::error& e) {
    streamed = std::string("error: ") + e.what();
  }
  try {
    whole = danvan::dumps(danvan::loads(text, file.string()));
  } catch (const danvan::error& e) {
    whole = std::string("error: ") + e.what();
  }
  EXPECT_EQ(streamed, whole);
  return !whole.starts_with("error: ");
}

/// A network of `tasks` tasks (about 170 bytes each) with every kind of field a batch
/// may cut through: escapes, extra objects, sources, carried roles, dated roles.
std::string many_tasks(int tasks) {
  std::string t = R"({"danvan": "1", "meta": {"title": "Nhiều \"việc\" \\ lô", "owner": "x"},)"
                  "\n" R"("organizations": [)";
  for (int i = 0; i < 50; ++i)
    t += std::string(i ? ",\n" : "") + R"({"id": "org:o)" + std::to_string(i) + R"(", "name": "Ban \\\"số\" )" +
         std::to_string(i) + R"(", "kind": "other"})";
  t += "],\n" R"("roles": [{"name": "teach", "labels": ["giảng dạy"], "raci": "C"}], "tasks": [)";
  for (int i = 0; i < tasks; ++i) {
    const auto n = std::to_string(i), o = std::to_string(i % 50), p = std::to_string((i * 7 + 3) % 50);
    t += std::string(i ? ",\n  " : "\n  ") + R"({"id": "task:t)" + n + R"(", "name": "Việc \\ [)" + n +
         R"(] {\"x\"}", "kind": "training", "roles": [{"org": "org:o)" + o + R"(", "role": "lead"}, {"org": "org:o)" + p +
         R"(", "role": ")" + (i % 3 ? "teach" : "advise") + "\"" +
         (i % 5 ? std::string() : R"(, "valid_from": "2023-01", "carried_from": {"org": "org:o1", "date": "2023"})") +
         "}]" + (i % 4 ? std::string() : R"(, "note": {"a": [1, "]}"]})") +
         (i % 6 ? std::string() : R"(, "sources": [{"source": "src:s", "span": [1, 2]}])") + "}";
  }
  t += "],\n" R"("sources": [{"id": "src:s", "name": "S", "kind": "article"}], "extra": {"z": "]"}})"
       "\n";
  return t;
}

TEST(JsonLoad, StreamedAndWholeReadsAgreeOnEveryShippedAndInvalidFile) {
  scratch_dir dir;
  std::size_t files = 0;
  for (const auto& folder : {source_dir / "data", source_dir / "tests" / "data" / "invalid"})
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".json" || entry.path().filename() == "expected.json") continue;
      SCOPED_TRACE(entry.path().string());
      expect_streamed_read_agrees(read_text(entry.path()), dir.path / entry.path().filename());
      ++files;
    }
  EXPECT_GT(files, 20u);
}

TEST(JsonLoad, AFileOfManyBatchesReadsAsTheWholeText) {
  scratch_dir dir;
  const std::string text = many_tasks(20000);
  ASSERT_GT(text.size(), std::size_t{3} << 20);  // several batches
  const auto file = dir.path / "many.json";
  expect_streamed_read_agrees(text, file);
  const auto net = danvan::load(file);
  EXPECT_EQ(net.tasks().size(), 20000u);
  EXPECT_EQ(net.roles().size(), 40000u);
  EXPECT_EQ(net.tasks()[19999].id(), "task:t19999");
  // Read again whole when unusual: an escaped key, a byte order mark, a collection twice.
  std::string escaped = text;
  escaped.replace(escaped.find("\"tasks\""), 7, R"("t\u0061sks")");
  expect_streamed_read_agrees(escaped, dir.path / "escaped.json");
  EXPECT_EQ(danvan::load(dir.path / "escaped.json").tasks().size(), 20000u);
  expect_streamed_read_agrees("\xEF\xBB\xBF" + text, dir.path / "bom.json");
  std::string twice = text;
  twice.insert(twice.rfind("\"extra\""), R"("tasks": [], )");
  expect_streamed_read_agrees(twice, dir.path / "twice.json");
}

TEST(JsonLoad, AProblemInALaterBatchIsReportedAsInTheWholeRead) {
  scratch_dir dir;
  std::string text = many_tasks(20000);
  text.replace(text.rfind("org:o"), 5, "org:x");  // in the last task
  const std::string kind = R"("kind": "training")";
  text.replace(text.find(kind), kind.size(), R"("kind": "trainign")");
  const auto file = dir.path / "late.json";
  expect_streamed_read_agrees(text, file);
  try {
    (void)danvan::load(file);
    FAIL();
  } catch (const danvan::validation_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].path, "/tasks/0/kind");
    EXPECT_EQ(e.problems()[1].path, "/tasks/19999/roles/1/org");
  }
}

TEST(HostileInput, RandomMutationsOfALargeFileReadAsTheWholeText) {
  scratch_dir dir;
  const std::string base = many_tasks(7000);  // two batches
  std::mt19937 rng(20251201);
  int loaded = 0;
  for (int i = 0; i < 60; ++i) {
    std::string s = base;
    const std::size_t at = rng() % s.size();
    switch (rng() % 3) {
      case 0: s[at] = "{}[]\",:\\ x"[rng() % 10]; break;
      case 1: s.erase(at, 1 + rng() % 4); break;
      default: s.insert(at, 1, "{}[]\",:\\"[rng() % 8]); break;
    }
    SCOPED_TRACE("mutation " + std::to_string(i) + " at byte " + std::to_string(at));
    loaded += expect_streamed_read_agrees(s, dir.path / "mutated.json");
  }
  // Both ways are taken: mutations inside strings load, the others are errors.
  EXPECT_GT(loaded, 0);
  EXPECT_LT(loaded, 60);
}
