#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <gtest/gtest.h>

#include "json/field_reader.hpp"
#include "json/parse.hpp"

namespace sala::json {
namespace {

using std::string_view_literals::operator""sv;

constexpr ParseLimits kRoomy{16, 64 * 1024 * 1024};

template <class T>
std::string code_of(const Result<T>& r) {
  return r ? std::string("ok") : std::string(r.error().wire_code());
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string nested_objects(std::size_t depth) {
  return repeat("{\"a\":", depth - 1) + "{}" + repeat("}", depth - 1);
}

std::string many_keys(std::size_t n, bool repeat_first_at_end) {
  std::string out = "{";
  for (std::size_t i = 0; i < n; ++i) out += "\"k" + std::to_string(i) + "\":0,";
  out += repeat_first_at_end ? "\"k0\":1}" : "\"end\":1}";
  return out;
}

boost::json::object parsed(std::string_view body) {
  auto r = parse_object(body);
  EXPECT_TRUE(r) << body << ": " << code_of(r);
  return r ? *r : boost::json::object();
}

struct Case {
  std::string body;
  std::string code;
};

TEST(JsonTest, AcceptsStrictObjects) {
  for (std::string_view ok : {
           R"({})"sv,
           R"( {"text":"hi"} )"sv,
           "\t\r\n{\"a\" : 1 }\n"sv,
           R"({"a":{"b":[1,2,{"c":null}],"d":true,"e":false,"f":-1.5e3}})"sv,
           R"({"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]})"sv,
           R"({"text":"\u00e9 \ud83d\ude00 \"q\" \\ \/ \n"})"sv,
           R"({"a":1e308,"b":1e-999999,"c":-9223372036854775808,"d":18446744073709551615})"sv,
           "{\"text\":\"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\"}"sv,
       }) {
    EXPECT_EQ(code_of(parse_object(ok)), "ok") << ok;
  }
  auto object = parsed(R"({"text":"e\u0301","n":42})");
  EXPECT_EQ(object.at("text").as_string(), "e\xCC\x81");
  EXPECT_EQ(object.at("n").as_int64(), 42);
}

TEST(JsonTest, RejectsWhatRfc8259Rejects) {
  const std::vector<Case> cases = {
      {"", "invalid_json"},
      {"   ", "invalid_json"},
      {"{", "invalid_json"},
      {R"({"a":1)", "invalid_json"},
      {R"({"a":1}x)", "invalid_json"},
      {R"({"a":1}{})", "invalid_json"},
      {R"({"a":1},)", "invalid_json"},
      {R"({"a":1} null)", "invalid_json"},
      {"\xEF\xBB\xBF{}", "invalid_json"},
      {R"({/*c*/"a":1})", "invalid_json"},
      {"{\"a\":1 // c\n}", "invalid_json"},
      {R"({"a":1,})", "invalid_json"},
      {R"({"a":[1,]})", "invalid_json"},
      {R"({'a':1})", "invalid_json"},
      {R"({a:1})", "invalid_json"},
      {R"({"a":NaN})", "invalid_json"},
      {R"({"a":Infinity})", "invalid_json"},
      {R"({"a":-Infinity})", "invalid_json"},
      {R"({"a":0x10})", "invalid_json"},
      {R"({"a":01})", "invalid_json"},
      {R"({"a":+1})", "invalid_json"},
      {R"({"a":.5})", "invalid_json"},
      {R"({"a":1.})", "invalid_json"},
      {R"({"a":"\x41"})", "invalid_json"},
      {"{\"a\":\"tab\there\"}", "invalid_json"},
      {"{\"a\":\"line\nbreak\"}", "invalid_json"},
      {std::string("{\"a\":\"nul\0\"}", 12), "invalid_json"},
      {R"([])", "invalid_json"},
      {R"([{"a":1}])", "invalid_json"},
      {R"("text")", "invalid_json"},
      {R"(1)", "invalid_json"},
      {R"(null)", "invalid_json"},
      {R"(true)", "invalid_json"},
  };
  for (const auto& c : cases) {
    auto r = parse_object(c.body);
    EXPECT_EQ(code_of(r), c.code) << c.body;
    if (!r) {
      EXPECT_EQ(r.error().code, Errc::invalid_argument) << c.body;
    }
  }
}

TEST(JsonTest, RejectsNumbersThatDoNotFit) {
  auto inf = parse_object(R"({"a":1e999999})");
  ASSERT_FALSE(inf);
  EXPECT_NE(inf.error().message.find("out of range"), std::string::npos);
  for (std::string_view bad : {R"({"a":1e999999})"sv, R"({"a":-1e999999})"sv, R"({"a":1e309})"sv,
                               R"({"a":{"b":[1e400]}})"sv, R"({"a":1e2147483648})"sv,
                               R"({"a":123456789012345678901234567890e300})"sv}) {
    EXPECT_EQ(code_of(parse_object(bad)), "invalid_json") << bad;
  }
}

TEST(JsonTest, RejectsDuplicateKeysAtAnyDepth) {
  for (std::string_view bad : {
           R"({"text":"a","text":"b"})"sv,
           R"({"text":"a","t\u0065xt":"b"})"sv,
           R"({"a":{"x":1,"x":1}})"sv,
           R"({"a":[{"x":1},{"y":1,"y":2}]})"sv,
           R"({"":1,"":2})"sv,
       }) {
    EXPECT_EQ(code_of(parse_object(bad)), "duplicate_key") << bad;
  }
}

TEST(JsonTest, RejectsBadTextInsideStrings) {
  std::vector<Case> cases = {
      {R"({"a":"\uD800"})", "invalid_json"},
      {R"({"a":"\uDC00"})", "invalid_json"},
      {R"({"a":"\uD800\u0041"})", "invalid_json"},
      {R"({"a":"\uD800x"})", "invalid_json"},
      {R"({"\uD800":1})", "invalid_json"},
      {R"({"a":"\u0000"})", "invalid_json"},
      {R"({"a":"x\u0000y"})", "invalid_json"},
      {R"({"\u0000":1})", "invalid_json"},
      {R"({"a":["\u0000"]})", "invalid_json"},
      {R"({"a":"\uFFFF"})", "invalid_utf8"},
      {R"({"a":"\uFDD0"})", "invalid_utf8"},
      {R"({"a":"\uD83F\uDFFF"})", "invalid_utf8"},
  };
  for (std::string_view bytes : {"\xC0\xAF"sv, "\xE0\x80\xAF"sv, "\xED\xA0\x80"sv, "\xF5"sv,
                                 "\xFF"sv, "\xE2\x82"sv, "\xEF\xBF\xBF"sv, "\xF4\x90\x80\x80"sv}) {
    cases.push_back({"{\"a\":\"" + std::string(bytes) + "\"}", "invalid_utf8"});
    cases.push_back({"{\"" + std::string(bytes) + "\":1}", "invalid_utf8"});
    cases.push_back({"{\"a\":1}" + std::string(bytes), "invalid_utf8"});
  }
  for (const auto& c : cases) {
    auto r = parse_object(c.body);
    EXPECT_EQ(code_of(r), c.code) << c.body;
    if (!r) {
      EXPECT_EQ(r.error().code, Errc::invalid_argument) << c.body;
    }
  }
}

TEST(JsonTest, LimitsDepth) {
  EXPECT_EQ(code_of(parse_object(nested_objects(16))), "ok");
  EXPECT_EQ(code_of(parse_object(nested_objects(17))), "invalid_json");
  EXPECT_EQ(code_of(parse_object(R"({"a":[[[]]]})", {3, 1024})), "invalid_json");
  EXPECT_EQ(code_of(parse_object(R"({"a":[[]]})", {3, 1024})), "ok");
}

TEST(JsonTest, DepthBombsFailFast) {
  const std::size_t deep = 100000;
  const std::vector<std::string> bombs = {
      repeat("[", deep) + repeat("]", deep),
      "{\"a\":" + repeat("[", deep) + repeat("]", deep) + "}",
      nested_objects(deep),
      repeat("{\"a\":", deep),  // never closed
  };
  for (const auto& bomb : bombs) {
    const auto start = std::chrono::steady_clock::now();
    auto r = parse_object(bomb, kRoomy);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(code_of(r), "invalid_json") << bomb.substr(0, 16);
    EXPECT_LT(elapsed, std::chrono::seconds(1));
  }
  auto r = parse_object(nested_objects(deep), kRoomy);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("deeper than 16"), std::string::npos);
  // A careless limit must not turn the parser's recursion into a stack overflow.
  auto careless = parse_object(bombs[1], {deep * 2, 64 * 1024 * 1024});
  EXPECT_EQ(code_of(careless), "invalid_json");
}

TEST(JsonTest, LimitsSize) {
  const std::string big = "{\"text\":\"" + repeat("a", 65536) + "\"}";
  auto r = parse_object(big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::too_large);
  EXPECT_EQ(std::string(r.error().wire_code()), "request_too_large");
  const std::string exact = "{\"t\":\"" + repeat("a", 65536 - 8) + "\"}";
  EXPECT_EQ(exact.size(), 65536u);
  EXPECT_EQ(code_of(parse_object(exact)), "ok");
  EXPECT_EQ(code_of(parse_object("{\"text\":\"" + std::string(50 * 1024 * 1024, 'a') + "\"}")),
            "request_too_large");
}

TEST(JsonTest, ManyKeys) {
  EXPECT_EQ(code_of(parse_object(many_keys(100000, false))), "request_too_large");
  const auto start = std::chrono::steady_clock::now();
  auto unique = parse_object(many_keys(100000, false), kRoomy);
  ASSERT_TRUE(unique);
  EXPECT_EQ(unique->size(), 100001u);
  EXPECT_EQ(code_of(parse_object(many_keys(100000, true), kRoomy)), "duplicate_key");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(FieldReaderTest, ReadsTypedFields) {
  auto object = parsed(
      R"({"text":"hi","name":null,"parent_id":42,"notify":true,"meta":{"k":1},"zero":-0})");
  FieldReader reader(object);
  EXPECT_EQ(*reader.required_string("text"), "hi");
  EXPECT_EQ(*reader.optional_string("name"), std::nullopt);
  EXPECT_EQ(*reader.optional_string("email"), std::nullopt);
  EXPECT_EQ(*reader.optional_int("parent_id", 1, 100), 42);
  EXPECT_EQ(*reader.required_int("parent_id", 1, 100), 42);
  EXPECT_EQ(*reader.optional_int("limit", 1, 100), std::nullopt);
  EXPECT_EQ(*reader.optional_bool("notify"), true);
  EXPECT_EQ(*reader.optional_bool("absent"), std::nullopt);
  auto meta = reader.optional_object("meta");
  ASSERT_TRUE(meta);
  ASSERT_NE(*meta, nullptr);
  EXPECT_EQ((*meta)->size(), 1u);
  EXPECT_EQ(*reader.optional_object("other"), nullptr);
  EXPECT_EQ(*reader.optional_int("zero", -1, 1), 0);
  EXPECT_TRUE(reader.finish());
}

TEST(FieldReaderTest, RequiredFields) {
  auto object = parsed(R"({"text":null})");
  FieldReader reader(object);
  auto text = reader.required_string("text");
  ASSERT_FALSE(text);
  EXPECT_EQ(std::string(text.error().wire_code()), "text_required");
  EXPECT_EQ(text.error().code, Errc::unprocessable);
  EXPECT_EQ(code_of(reader.required_int("parent_id", 1, 10)), "parent_id_required");
  EXPECT_TRUE(reader.finish());
}

TEST(FieldReaderTest, RejectsWrongTypes) {
  auto object = parsed(R"({"s":1,"b":"true","o":[],"i":"1"})");
  FieldReader reader(object);
  auto s = reader.required_string("s");
  ASSERT_FALSE(s);
  EXPECT_EQ(std::string(s.error().wire_code()), "invalid_field");
  EXPECT_EQ(s.error().code, Errc::invalid_argument);
  EXPECT_EQ(s.error().message, "field 's' must be a string");
  EXPECT_EQ(code_of(reader.optional_string("s")), "invalid_field");
  EXPECT_EQ(code_of(reader.optional_bool("b")), "invalid_field");
  EXPECT_EQ(code_of(reader.optional_object("o")), "invalid_field");
  EXPECT_EQ(code_of(reader.optional_int("i", 0, 10)), "invalid_field");
}

TEST(FieldReaderTest, IntegersOnlyAndInRange) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  const std::vector<std::pair<std::string, bool>> cases = {
      {"1", true},
      {"9223372036854775807", true},
      {"-9223372036854775808", true},
      {"1.0", false},
      {"1e3", false},
      {"1E0", false},
      {"\"1\"", false},
      {"true", false},
      {"[1]", false},
      {"9223372036854775808", false},
      {"18446744073709551615", false},
      {"123456789012345678901234567890", false},
  };
  for (const auto& [text, ok] : cases) {
    auto object = parsed("{\"id\":" + text + "}");
    FieldReader reader(object);
    auto r = reader.optional_int("id", kMin, kMax);
    EXPECT_EQ(static_cast<bool>(r), ok) << text;
    if (!r) {
      EXPECT_EQ(std::string(r.error().wire_code()), "invalid_field") << text;
    }
  }
  auto object = parsed(R"({"low":0,"high":101,"minus_zero":-0})");
  FieldReader reader(object);
  EXPECT_EQ(code_of(reader.optional_int("low", 1, 100)), "invalid_field");
  EXPECT_EQ(code_of(reader.required_int("minus_zero", 1, 100)), "invalid_field");
  EXPECT_EQ(code_of(reader.required_int("high", 1, 100)), "invalid_field");
}

TEST(FieldReaderTest, FinishRejectsFieldsNobodyAskedFor) {
  auto object = parsed(
      R"({"text":"hi","approved":true,"score":9999,"pinned":true,"author_id":1,"created":0})");
  FieldReader reader(object);
  EXPECT_TRUE(reader.required_string("text"));
  auto r = reader.finish();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::unprocessable);
  EXPECT_EQ(std::string(r.error().wire_code()), "unknown_field");
  EXPECT_EQ(r.error().message, "unknown field 'approved'");
}

TEST(FieldReaderTest, FinishDoesNotEchoHostileKeys) {
  for (std::string_view body : {R"({"<script>\n":1})"sv, R"({"it's":1})"sv}) {
    auto object = parsed(body);
    FieldReader reader(object);
    auto r = reader.finish();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "unknown field");
  }
  auto object = parsed("{\"" + repeat("k", 65) + "\":1}");
  FieldReader reader(object);
  auto r = reader.finish();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "unknown field");
}

}  // namespace
}  // namespace sala::json
