#include "domain/identity.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

const Date kToday{2024, 6, 15};

BOOST_AUTO_TEST_SUITE(identity)

BOOST_AUTO_TEST_CASE(names_fold_width_spaces_and_variant_kanji) {
  struct Case {
    std::string input;
    std::string normalised;
  };
  const std::vector<Case> cases = {
      {"山田", "山田"},
      {" 山田 ", "山田"},
      {"山\u3000田", "山田"},
      {"\t山田\n", "山田"},
      {"ｻﾄｳ", "サトウ"},  // half-width katakana names widen
      {"ＳＭＩＴＨ", "SMITH"},
      {"John Smith", "JohnSmith"},
      // The variant kanji of names.
      {"髙橋", "高橋"},
      {"山﨑", "山崎"},
      {"山𥔎", "山崎"},
      {"齋藤", "斎藤"},
      {"齊藤", "斎藤"},
      {"斉藤", "斎藤"},
      {"斎藤", "斎藤"},
      {"渡邊", "渡辺"},
      {"渡邉", "渡辺"},
      {"濵田", "浜田"},
      {"澤田", "沢田"},
      {"櫻井", "桜井"},
      {"廣瀬", "広瀬"},
      {"國分", "国分"},
      {"髙﨑\u3000廣", "高崎広"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("name \"" << c.input << "\"") {
      std::string out;
      Status s = NormalizeName(c.input, &out);
      BOOST_TEST(s.ok(), s.ToString());
      BOOST_TEST(out == c.normalised);
    }
  }
}

// Found by tests/fuzz/identity_fuzz (corpus file "combining"): removing the
// space that NFKC leaves before a combining mark used to leave the mark
// uncomposed, so the result was not NFKC and normalised again to another
// string; a name typed with the spacing dakuten then missed the account.
BOOST_AUTO_TEST_CASE(names_compose_marks_left_by_removed_spaces) {
  struct Case {
    std::string input;
    std::string normalised;
  };
  const std::vector<Case> cases = {
      {"か゛とう", "がとう"},          // U+309B: NFKC gives U+0020 U+3099
      {"e ́", "é"},          // a space, then U+0301
      {"ハ゜ク", "パク"},  // the spacing handakuten U+309C
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("name \"" << c.input << "\"") {
      std::string once, twice;
      BOOST_TEST(NormalizeName(c.input, &once).ok());
      BOOST_TEST(once == c.normalised);
      BOOST_TEST(NormalizeName(once, &twice).ok());
      BOOST_TEST(twice == once);
    }
  }
}

// Found by tests/fuzz/identity_fuzz (corpus file "regress-nfkc-expansion"):
// NFKC made a short input longer than an input may be, so the result was
// refused when normalised again. A result over the cap is refused at once.
BOOST_AUTO_TEST_CASE(results_longer_than_an_input_may_be_are_refused) {
  std::string names, readings;
  for (int i = 0; i < 40; ++i) names += "\uFDFA";    // 3 bytes, NFKC ~33
  for (int i = 0; i < 100; ++i) readings += "\u3300";  // ㌀ → アパート
  BOOST_TEST(names.size() < 1024);
  BOOST_TEST(readings.size() < 1024);
  std::string out = "untouched";
  Status s = NormalizeName(names, &out);
  BOOST_TEST((s.code() == Status::Code::kInvalidInput));
  BOOST_TEST(out == "untouched");
  s = NormalizeReading(readings, &out);
  BOOST_TEST((s.code() == Status::Code::kInvalidInput));
  BOOST_TEST(out == "untouched");
  // Just under the cap: accepted, and the result normalises to itself.
  std::string reading, twice;
  BOOST_TEST(NormalizeReading(readings.substr(0, 3 * 85), &reading).ok());
  BOOST_TEST(reading.size() == 85 * 12);
  BOOST_TEST(NormalizeReading(reading, &twice).ok());
  BOOST_TEST(twice == reading);
}

BOOST_AUTO_TEST_CASE(names_reject_empty_broken_and_control_input) {
  const std::vector<std::string> cases = {
      "",
      "   ",
      "\u3000\u3000",
      "山田\xff",
      "\xe5\xb1",  // truncated 山
      "\xc0\xae",  // overlong
      std::string("山\0田", 7),
      "山\x07田",
      std::string(2000, 'a'),
  };
  for (const std::string& input : cases) {
    BOOST_TEST_CONTEXT("name \"" << input << "\"") {
      std::string out = "untouched";
      Status s = NormalizeName(input, &out);
      BOOST_TEST(!s.ok());
      BOOST_TEST((s.code() == Status::Code::kInvalidInput));
      BOOST_TEST(out == "untouched");
    }
  }
}

BOOST_AUTO_TEST_CASE(readings_in_any_kana_equal_hiragana) {
  struct Case {
    std::string input;
    std::string normalised;
  };
  const std::vector<Case> cases = {
      {"やまだ", "やまだ"},
      {"ヤマダ", "やまだ"},
      {"ﾔﾏﾀﾞ", "やまだ"},  // half-width, voiced mark composed by NFKC
      {"ｻｲﾄｳ", "さいとう"},
      {"ﾊﾟﾊﾟ", "ぱぱ"},
      {" やま だ ", "やまだ"},
      {"やま\u3000だ", "やまだ"},
      {"ヤマ　ﾀﾞ", "やまだ"},
      {"ジョン・スミス", "じょんすみす"},
      {"ｼﾞｮﾝ･ｽﾐｽ", "じょんすみす"},
      {"ルーシー", "るーしー"},  // ー kept, not spelt as the vowel
      {"るーしー", "るーしー"},
      {"ﾙｰｼｰ", "るーしー"},
      {"ヴィクター", "ゔぃくたー"},
      {"ささゝき", "ささゝき"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("reading \"" << c.input << "\"") {
      std::string out;
      Status s = NormalizeReading(c.input, &out);
      BOOST_TEST(s.ok(), s.ToString());
      BOOST_TEST(out == c.normalised);
    }
  }
}

BOOST_AUTO_TEST_CASE(readings_reject_anything_but_kana) {
  const std::vector<std::string> cases = {
      "",        "  ",         "山田",     "yamada",       "やまだ1",
      "やま-だ", "やまだ\xff", "\xe3\x81", "やま\nだ\x01",
  };
  for (const std::string& input : cases) {
    BOOST_TEST_CONTEXT("reading \"" << input << "\"") {
      std::string out = "untouched";
      Status s = NormalizeReading(input, &out);
      BOOST_TEST(!s.ok());
      BOOST_TEST((s.code() == Status::Code::kInvalidInput));
      BOOST_TEST(out == "untouched");
    }
  }
}

BOOST_AUTO_TEST_CASE(gender_takes_the_two_form_values) {
  struct Case {
    std::string value;
    bool ok;
    Gender gender;
  };
  const std::vector<Case> cases = {
      {"male", true, Gender::kMale},     {"female", true, Gender::kFemale},
      {"", false, Gender::kMale},        {"Male", false, Gender::kMale},
      {"男性", false, Gender::kMale},    {"other", false, Gender::kMale},
      {"female ", false, Gender::kMale},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("value \"" << c.value << "\"") {
      Gender gender = Gender::kMale;
      BOOST_TEST(ParseGender(c.value, &gender) == c.ok);
      if (c.ok) BOOST_TEST((gender == c.gender));
    }
  }
}

BOOST_AUTO_TEST_CASE(birth_dates_accept_the_common_spellings) {
  struct Case {
    std::string input;
    Date date;
  };
  const std::vector<Case> cases = {
      {"1980/04/01", {1980, 4, 1}},
      {"1980-04-01", {1980, 4, 1}},
      {"19800401", {1980, 4, 1}},
      {"1980/4/1", {1980, 4, 1}},
      {"1980-4-1", {1980, 4, 1}},
      {"1980/12/31", {1980, 12, 31}},
      {"１９８０／０４／０１", {1980, 4, 1}},
      {"１９８０－４－１", {1980, 4, 1}},
      {"１９８００４０１", {1980, 4, 1}},
      {" 1980/04/01\u3000", {1980, 4, 1}},
      {"2000/02/29", {2000, 2, 29}},  // divisible by 400: leap
      {"2024/02/29", {2024, 2, 29}},
      {"1900/01/01", {1900, 1, 1}},
      {"2024/06/15", {2024, 6, 15}},  // today
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("date \"" << c.input << "\"") {
      Date date;
      Status s = ParseBirthDate(c.input, kToday, &date);
      BOOST_TEST(s.ok(), s.ToString());
      BOOST_TEST(FormatDate(date) == FormatDate(c.date));
    }
  }
}

BOOST_AUTO_TEST_CASE(birth_dates_reject_impossible_future_and_odd_input) {
  const std::vector<std::string> cases = {
      "",           "   ",
      "2023/02/29",  // not a leap year
      "1900/02/29",  // divisible by 100: not a leap year
      "1980/13/01", "1980/00/10",   "1980/04/31",
      "1980/04/00", "19801301",
      "2024/06/16",  // tomorrow
      "2100/01/01", "1899/12/31",   "0000/01/01",
      "80/04/01",   "1980/04",      "1980/04/01/02",
      "1980/04-01",  // mixed separators
      "1980.04.01", "1980/004/01",  "1980/+4/01",
      "198004011",  "1980年4月1日", "1980/04/01\xff",
      "abcd/ef/gh",
  };
  for (const std::string& input : cases) {
    BOOST_TEST_CONTEXT("date \"" << input << "\"") {
      Date date{1, 2, 3};
      Status s = ParseBirthDate(input, kToday, &date);
      BOOST_TEST(!s.ok());
      BOOST_TEST((s.code() == Status::Code::kInvalidInput));
      BOOST_TEST(FormatDate(date) == "0001-02-03");  // untouched
    }
  }
}

BOOST_AUTO_TEST_CASE(birth_date_errors_tell_mistyped_from_future) {
  struct Case {
    std::string input;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"1980/04/01", ""},
      {"2024/06/15", ""},  // today
      {"", "birth_date_format"},
      {"1980/13/01", "birth_date_format"},
      {"2024/06/16", "birth_date_future"},
      {"2100/01/01", "birth_date_future"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("date \"" << c.input << "\"") {
      Date date{1, 2, 3};
      BOOST_TEST(BirthDateError(c.input, kToday, &date) == c.error);
      if (c.error.empty()) {
        BOOST_TEST(FormatDate(date) != "0001-02-03");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(format_date_writes_sql_dates) {
  BOOST_TEST(FormatDate({1980, 4, 1}) == "1980-04-01");
  BOOST_TEST(FormatDate({2024, 12, 31}) == "2024-12-31");
}

IdentityQuery Normalised(const std::string& family, const std::string& given,
                         const std::string& family_reading,
                         const std::string& given_reading, Gender gender,
                         const std::string& birth_date) {
  IdentityQuery q;
  BOOST_REQUIRE(NormalizeName(family, &q.family_name).ok());
  BOOST_REQUIRE(NormalizeName(given, &q.given_name).ok());
  BOOST_REQUIRE(NormalizeReading(family_reading, &q.family_reading).ok());
  BOOST_REQUIRE(NormalizeReading(given_reading, &q.given_reading).ok());
  q.gender = gender;
  BOOST_REQUIRE(ParseBirthDate(birth_date, kToday, &q.birth_date).ok());
  return q;
}

BOOST_AUTO_TEST_CASE(identity_matches_only_when_every_field_does) {
  const IdentityQuery account = Normalised("髙橋", "太郎", "たかはし", "たろう",
                                           Gender::kMale, "1980-04-01");
  struct Case {
    const char* name;
    IdentityQuery query;
    bool matches;
    const char* differs;  // the fields CompareIdentities names
  };
  const std::vector<Case> cases = {
      {"same spelling",
       Normalised("高橋", "太郎", "たかはし", "たろう", Gender::kMale,
                  "1980/04/01"),
       true, ""},
      {"variants, width and katakana",
       Normalised(" 髙橋 ", "太郎", "ﾀｶﾊｼ", "タロウ", Gender::kMale,
                  "１９８０/4/1"),
       true, ""},
      {"other family name",
       Normalised("高田", "太郎", "たかはし", "たろう", Gender::kMale,
                  "1980/04/01"),
       false, "name"},
      {"other given name",
       Normalised("高橋", "次郎", "たかはし", "たろう", Gender::kMale,
                  "1980/04/01"),
       false, "name"},
      {"other family reading",
       Normalised("高橋", "太郎", "たかばし", "たろう", Gender::kMale,
                  "1980/04/01"),
       false, "reading"},
      {"other given reading",
       Normalised("高橋", "太郎", "たかはし", "たろ", Gender::kMale,
                  "1980/04/01"),
       false, "reading"},
      {"other gender",
       Normalised("高橋", "太郎", "たかはし", "たろう", Gender::kFemale,
                  "1980/04/01"),
       false, "gender"},
      {"other birth date",
       Normalised("高橋", "太郎", "たかはし", "たろう", Gender::kMale,
                  "1980/04/02"),
       false, "birth_date"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      BOOST_TEST(IdentityMatches(c.query, account) == c.matches);
      const IdentityDifference d = CompareIdentities(c.query, account);
      std::string differs;
      if (d.name) differs += "name";
      if (d.reading) differs += "reading";
      if (d.gender) differs += "gender";
      if (d.birth_date) differs += "birth_date";
      BOOST_TEST(differs == c.differs);
      BOOST_TEST(d.any() == !c.matches);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
