// SHA-256 as sources record it: the FIPS 180-4 examples, the lengths where
// padding spills into another block, and the hash a draft records for the
// bytes it was given (not for their decoded text).
#include <danvan/network.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>

#include <gtest/gtest.h>

#include <string>

namespace dt = danvan::text;

namespace {

TEST(Sha256, Fips180Examples) {
  EXPECT_EQ(dt::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(dt::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(dt::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(dt::sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(dt::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, LengthsAroundTheBlockSize) {
  // 55 bytes still fit the length in their block, 56 do not; 64 fill one exactly.
  EXPECT_EQ(dt::sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(dt::sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(dt::sha256_hex(std::string(63, 'a')), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  EXPECT_EQ(dt::sha256_hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(dt::sha256_hex(std::string(65, 'a')), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
  EXPECT_EQ(dt::sha256_hex(std::string(119, 'a')), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  EXPECT_EQ(dt::sha256_hex(std::string(120, 'a')), "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST(Sha256, EveryByteValue) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  EXPECT_EQ(dt::sha256_hex(bytes), "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

TEST(Sha256, ADraftRecordsTheHashOfTheBytesGiven) {
  // Entities, tags and ill-formed UTF-8 are hashed as written, not as read.
  const std::string text = "<p>Ban D&acirc;n v\xe1\xba\xadn \xff</p>";
  const auto g = dt::gazetteer::load(std::string(DANVAN_SOURCE_DIR) + "/data/gazetteer");
  dt::extract_options o;
  o.gazetteer = &g;
  const auto d = dt::extract(text, o);
  EXPECT_EQ(d.sha256(), "ec03592375373388bdb7a2a0cd0251d77835ef22cbb40da1fb6ac66ebf4412d1");
  ASSERT_EQ(d.network().sources().size(), 1u);
  EXPECT_EQ(d.network().sources()[0].sha256(), d.sha256());
}

}  // namespace
