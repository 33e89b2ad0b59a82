// SPDX-License-Identifier: Apache-2.0
// encoding/json compatibility: Marshal / MarshalIndent output and Unmarshal / Decoder errors are
// Go 1.19's real outputs.
#include "bindery_test.h"
#include "expr/go_json.h"
#include "expr/go_time.h"
#include "expr/value.h"

#include <QFile>

#include <cmath>
#include <limits>

using namespace bindery::expr;

namespace {

QByteArray q(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

Value mapOf(std::initializer_list<std::pair<const char *, Value>> xs)
{
    std::vector<MapEntry> e;
    for (const auto &[k, v] : xs)
        e.push_back({Value::string(k), v});
    return Value::map(std::move(e));
}

} // namespace

Q_DECLARE_METATYPE(Value)

class TestGoJson : public QObject
{
    Q_OBJECT
private slots:
    void marshal_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("null") << Value() << QByteArray("null");
        QTest::newRow("true") << Value::boolean(true) << QByteArray("true");
        QTest::newRow("int") << Value::integer(-42) << QByteArray("-42");
        QTest::newRow("uint64 max") << Value::integer(-1, IntType::Uint64) << QByteArray("18446744073709551615");
        QTest::newRow("float integral") << Value::number(1.0) << QByteArray("1");
        QTest::newRow("float 2.5") << Value::number(2.5) << QByteArray("2.5");
        QTest::newRow("float 1e-7 cleaned") << Value::number(1e-7) << QByteArray("1e-7");
        QTest::newRow("float 1.5e-7") << Value::number(1.5e-7) << QByteArray("1.5e-7");
        QTest::newRow("float 1e-6 fixed") << Value::number(1e-6) << QByteArray("0.000001");
        QTest::newRow("float 1e20 fixed") << Value::number(1e20) << QByteArray("100000000000000000000");
        QTest::newRow("float 1e21 exp") << Value::number(1e21) << QByteArray("1e+21");
        QTest::newRow("float 1e300") << Value::number(1e300) << QByteArray("1e+300");
        QTest::newRow("float 1e-300") << Value::number(1e-300) << QByteArray("1e-300");
        QTest::newRow("float maxint") << Value::number(9223372036854775807.0) << QByteArray("9223372036854776000");
        QTest::newRow("float 2^53+1") << Value::number(9007199254740993.0) << QByteArray("9007199254740992");
        QTest::newRow("float -0") << Value::number(-0.0) << QByteArray("-0");
        QTest::newRow("float 123456789") << Value::number(123456789.0) << QByteArray("123456789");
        QTest::newRow("html escaped") << Value::string("a<b>&") << QByteArray("\"a\\u003cb\\u003e\\u0026\"");
        QTest::newRow("short escapes") << Value::string("\"\\\n\r\t/") << QByteArray("\"\\\"\\\\\\n\\r\\t/\"");
        QTest::newRow("controls as u00XX") << Value::string(std::string_view("\x01\b\f\x1f\0", 5))
                                           << QByteArray("\"\\u0001\\u0008\\u000c\\u001f\\u0000\"");
        QTest::newRow("del kept") << Value::string("\x7f") << QByteArray("\"\x7f\"");
        QTest::newRow("utf8 kept") << Value::string("h\xC3\xA9llo \xE2\x9C\x93")
                                   << QByteArray("\"h\xC3\xA9llo \xE2\x9C\x93\"");
        QTest::newRow("line separators") << Value::string("\xE2\x80\xA8\xE2\x80\xA9")
                                         << QByteArray("\"\\u2028\\u2029\"");
        QTest::newRow("invalid utf8") << Value::string("a\xFF" "b\xC3") << QByteArray("\"a\\ufffdb\\ufffd\"");
        // Long strings take the eight-bytes-at-a-time path: specials at every offset.
        QTest::newRow("long html") << Value::string("0123456789abcdef<ghij>klmnopq&")
                                   << QByteArray("\"0123456789abcdef\\u003cghij\\u003eklmnopq\\u0026\"");
        QTest::newRow("long quote backslash") << Value::string("abcdefgh\"ijklmnop\\qrstuvwxyz")
                                              << QByteArray("\"abcdefgh\\\"ijklmnop\\\\qrstuvwxyz\"");
        QTest::newRow("long control") << Value::string("abcdefghijklmno\x01pqrstuvw\nxyz")
                                      << QByteArray("\"abcdefghijklmno\\u0001pqrstuvw\\nxyz\"");
        QTest::newRow("long utf8") << Value::string("abcdefghijklmnop\xC3\xA9\xE2\x9C\x93 qrstuvwx\xE2\x80\xA8yz\xFF" "end")
                                   << QByteArray("\"abcdefghijklmnop\xC3\xA9\xE2\x9C\x93 qrstuvwx\\u2028yz\\ufffdend\"");
        QTest::newRow("bytes base64") << Value::bytes("hello") << QByteArray("\"aGVsbG8=\"");
        QTest::newRow("bytes binary") << Value::bytes(std::string_view("\0\xFF", 2)) << QByteArray("\"AP8=\"");
        QTest::newRow("bytes empty") << Value::bytes("") << QByteArray("\"\"");
        QTest::newRow("duration") << Value::duration(5400000000000) << QByteArray("5400000000000");
        TimeValue t;
        t.unixSeconds = 1714557600;
        QTest::newRow("time utc") << Value::time(t) << QByteArray("\"2024-05-01T10:00:00Z\"");
        t.nanos = 500000000;
        QTest::newRow("time nanos trimmed") << Value::time(t) << QByteArray("\"2024-05-01T10:00:00.5Z\"");
        t.nanos = 123456789;
        t.zone = TimeZone::fixed("", 2 * 3600);
        QTest::newRow("time offset") << Value::time(t) << QByteArray("\"2024-05-01T12:00:00.123456789+02:00\"");
        QTest::newRow("empty array") << Value::array({}) << QByteArray("[]");
        QTest::newRow("empty map") << Value::map({}) << QByteArray("{}");
        QTest::newRow("sorted keys")
            << mapOf({{"b", mapOf({{"c", Value::array({Value::integer(10), Value::number(20)})}})},
                      {"a", Value::integer(1)},
                      {"A", Value()}})
            << QByteArray("{\"A\":null,\"a\":1,\"b\":{\"c\":[10,20]}}");
        QTest::newRow("key escaped") << mapOf({{"<k>", Value::boolean(false)}})
                                     << QByteArray("{\"\\u003ck\\u003e\":false}");
        QTest::newRow("pairs") << Value::array({Value::array({Value::string("a"), Value::integer(1)}, ArrayType::Pair)},
                                               ArrayType::Pairs)
                               << QByteArray("[[\"a\",1]]");
    }
    void marshal()
    {
        QFETCH(Value, value);
        QFETCH(QByteArray, expected);
        const auto r = go::marshal(value);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(q(r.text), expected);
    }

    void marshalErrors_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("NaN") << Value::number(std::nan("")) << QByteArray("json: unsupported value: NaN");
        QTest::newRow("+Inf") << Value::number(std::numeric_limits<double>::infinity())
                              << QByteArray("json: unsupported value: +Inf");
        QTest::newRow("-Inf nested") << Value::array({Value::integer(1),
                                                      mapOf({{"x", Value::number(-std::numeric_limits<double>::infinity())}})})
                                     << QByteArray("json: unsupported value: -Inf");
        QTest::newRow("interface-keyed map") << Value::anyMap({{Value::integer(1), Value::integer(2)}})
                                             << QByteArray("json: unsupported type: map[interface {}]interface {}");
        TimeValue t;
        t.unixSeconds = 253402300800; // 10000-01-01
        QTest::newRow("year 10000") << Value::time(t)
                                    << QByteArray("json: error calling MarshalJSON for type time.Time: "
                                                  "Time.MarshalJSON: year outside of range [0,9999]");
    }
    void marshalErrors()
    {
        QFETCH(Value, value);
        QFETCH(QByteArray, error);
        const auto r = go::marshal(value);
        QVERIFY(!r.ok);
        QCOMPARE(q(r.error), error);
        const auto ri = go::marshalIndent(value, "", "  ");
        QVERIFY(!ri.ok);
        QCOMPARE(q(ri.error), error);
    }

    void marshalIndent_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("indent");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("toJSON map") << mapOf({{"foo", Value::integer(1)}, {"bar", Value::integer(2)}}) << QByteArray()
                                    << QByteArray("  ") << QByteArray("{\n  \"bar\": 2,\n  \"foo\": 1\n}");
        QTest::newRow("scalar") << Value::string("a<b>&") << QByteArray() << QByteArray("  ")
                                << QByteArray("\"a\\u003cb\\u003e\\u0026\"");
        QTest::newRow("empty containers stay compact")
            << mapOf({{"a", Value::array({})}, {"b", Value::map({})}}) << QByteArray() << QByteArray("  ")
            << QByteArray("{\n  \"a\": [],\n  \"b\": {}\n}");
        QTest::newRow("nested")
            << Value::array({Value::integer(1), mapOf({{"d", Value()}})}) << QByteArray() << QByteArray("  ")
            << QByteArray("[\n  1,\n  {\n    \"d\": null\n  }\n]");
        QTest::newRow("prefix and tab") << Value::array({Value::boolean(true)}) << QByteArray(">")
                                        << QByteArray("\t") << QByteArray("[\n>\ttrue\n>]");
    }
    void marshalIndent()
    {
        QFETCH(Value, value);
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, indent);
        QFETCH(QByteArray, expected);
        const auto r = go::marshalIndent(value, sv(prefix), sv(indent));
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(q(r.text), expected);
    }

    // Successful decodes, checked by re-encoding (numbers are float64, keys sorted).
    void decode_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("object") << QByteArray(" {\"b\": [1, 2.5, \"x\", true, null], \"a\": {}} ")
                                << QByteArray("{\"a\":{},\"b\":[1,2.5,\"x\",true,null]}");
        QTest::newRow("duplicate key last wins") << QByteArray("{\"a\":1,\"a\":2}") << QByteArray("{\"a\":2}");
        QTest::newRow("escapes") << QByteArray("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"")
                                 << QByteArray("\"\\\"\\\\/\\u0008\\u000c\\n\\r\\t\xC3\xA9\"");
        QTest::newRow("surrogate pair") << QByteArray("\"\\ud83d\\ude00\"") << QByteArray("\"\xF0\x9F\x98\x80\"");
        QTest::newRow("lone surrogate") << QByteArray("\"\\ud800\"") << QByteArray("\"\xEF\xBF\xBD\"");
        QTest::newRow("surrogate then letter") << QByteArray("\"\\ud800\\u0041\"") << QByteArray("\"\xEF\xBF\xBD" "A\"");
        QTest::newRow("invalid utf8 replaced") << QByteArray("\"a\xFF" "b\"") << QByteArray("\"a\xEF\xBF\xBD" "b\"");
        QTest::newRow("long strings with escapes")
            << QByteArray("[\"abcdefghijklmnopqrstu\\n\", \"abcdefghijklmnop\xC3\xA9qrstuvw\", \"0123456789\\u0041bcdefgh\"]")
            << QByteArray("[\"abcdefghijklmnopqrstu\\n\",\"abcdefghijklmnop\xC3\xA9qrstuvw\",\"0123456789Abcdefgh\"]");
        QTest::newRow("big int is float") << QByteArray("9007199254740993") << QByteArray("9007199254740992");
        QTest::newRow("exponent") << QByteArray("-1.5E+3") << QByteArray("-1500");
        QTest::newRow("underflow is zero") << QByteArray("1e-400") << QByteArray("0");
        QTest::newRow("negative zero") << QByteArray("-0") << QByteArray("-0");
        QTest::newRow("nested deep") << QByteArray("[[[[{\"a\":[[]]}]]]]") << QByteArray("[[[[{\"a\":[[]]}]]]]");
    }
    void decode()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        for (const bool decoder : {false, true}) {
            const auto r = decoder ? go::decodeFirst(sv(input)) : go::unmarshal(sv(input));
            QVERIFY2(r.ok, r.error.c_str());
            const auto m = go::marshal(r.value);
            QVERIFY(m.ok);
            QCOMPARE(q(m.text), expected);
        }
    }

    void numbersAreFloat64()
    {
        const auto r = go::unmarshal("[1, {\"n\": 2}]");
        QVERIFY(r.ok);
        QCOMPARE(r.value.asArray()[0].kind(), Kind::Float);
        QCOMPARE(r.value.asArray()[1].find("n")->kind(), Kind::Float);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("unmarshalError");
        QTest::addColumn<QByteArray>("decoderError"); // empty: the decoder succeeds
        QTest::addColumn<int>("offset");
        QTest::newRow("empty") << QByteArray("") << QByteArray("unexpected end of JSON input") << QByteArray("EOF") << 0;
        QTest::newRow("spaces") << QByteArray(" \n\t") << QByteArray("unexpected end of JSON input") << QByteArray("EOF")
                                << 3;
        QTest::newRow("bad start") << QByteArray("x") << QByteArray("invalid character 'x' looking for beginning of value")
                                   << QByteArray("invalid character 'x' looking for beginning of value") << 1;
        QTest::newRow("single quote") << QByteArray(" 'a'")
                                      << QByteArray("invalid character '\\'' looking for beginning of value")
                                      << QByteArray("invalid character '\\'' looking for beginning of value") << 2;
        QTest::newRow("high byte") << QByteArray("\xFF")
                                   << QByteArray("invalid character '\xC3\xBF' looking for beginning of value")
                                   << QByteArray("invalid character '\xC3\xBF' looking for beginning of value") << 1;
        QTest::newRow("control byte") << QByteArray("\x01")
                                      << QByteArray("invalid character '\\x01' looking for beginning of value")
                                      << QByteArray("invalid character '\\x01' looking for beginning of value") << 1;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << QByteArray("invalid character '1' after object key")
                                       << QByteArray("invalid character '1' after object key") << 6;
        QTest::newRow("missing comma in object")
            << QByteArray("{\"a\":1 \"b\"}") << QByteArray("invalid character '\"' after object key:value pair")
            << QByteArray("invalid character '\"' after object key:value pair") << 8;
        QTest::newRow("missing comma in array") << QByteArray("[1 2]")
                                                << QByteArray("invalid character '2' after array element")
                                                << QByteArray("invalid character '2' after array element") << 4;
        QTest::newRow("number key") << QByteArray("{1}")
                                    << QByteArray("invalid character '1' looking for beginning of object key string")
                                    << QByteArray("invalid character '1' looking for beginning of object key string") << 2;
        QTest::newRow("trailing comma object")
            << QByteArray("{\"a\":1,}") << QByteArray("invalid character '}' looking for beginning of object key string")
            << QByteArray("invalid character '}' looking for beginning of object key string") << 8;
        QTest::newRow("trailing comma array") << QByteArray("[1,]")
                                              << QByteArray("invalid character ']' looking for beginning of value")
                                              << QByteArray("invalid character ']' looking for beginning of value") << 4;
        QTest::newRow("newline in string") << QByteArray("\"a\nb\"")
                                           << QByteArray("invalid character '\\n' in string literal")
                                           << QByteArray("invalid character '\\n' in string literal") << 3;
        QTest::newRow("bad escape") << QByteArray("\"\\x\"") << QByteArray("invalid character 'x' in string escape code")
                                    << QByteArray("invalid character 'x' in string escape code") << 3;
        QTest::newRow("bad unicode escape")
            << QByteArray("\"\\u12G4\"") << QByteArray("invalid character 'G' in \\u hexadecimal character escape")
            << QByteArray("invalid character 'G' in \\u hexadecimal character escape") << 6;
        QTest::newRow("lone minus") << QByteArray("-") << QByteArray("unexpected end of JSON input")
                                    << QByteArray("unexpected EOF") << 1;
        QTest::newRow("minus letter") << QByteArray("-a") << QByteArray("invalid character 'a' in numeric literal")
                                      << QByteArray("invalid character 'a' in numeric literal") << 2;
        QTest::newRow("dot at end") << QByteArray("1.") << QByteArray("unexpected end of JSON input")
                                    << QByteArray("unexpected EOF") << 2;
        QTest::newRow("dot letter") << QByteArray("1.a")
                                    << QByteArray("invalid character 'a' after decimal point in numeric literal")
                                    << QByteArray("invalid character 'a' after decimal point in numeric literal") << 3;
        QTest::newRow("exponent letter") << QByteArray("[1ea]")
                                         << QByteArray("invalid character 'a' in exponent of numeric literal")
                                         << QByteArray("invalid character 'a' in exponent of numeric literal") << 4;
        QTest::newRow("truncated true") << QByteArray("tru") << QByteArray("unexpected end of JSON input")
                                        << QByteArray("unexpected EOF") << 3;
        QTest::newRow("bad true") << QByteArray("trux") << QByteArray("invalid character 'x' in literal true (expecting 'e')")
                                  << QByteArray("invalid character 'x' in literal true (expecting 'e')") << 4;
        QTest::newRow("bad null") << QByteArray("nul1") << QByteArray("invalid character '1' in literal null (expecting 'l')")
                                  << QByteArray("invalid character '1' in literal null (expecting 'l')") << 4;
        QTest::newRow("bad false") << QByteArray("fxlse")
                                   << QByteArray("invalid character 'x' in literal false (expecting 'a')")
                                   << QByteArray("invalid character 'x' in literal false (expecting 'a')") << 2;
        QTest::newRow("two values") << QByteArray("1 2") << QByteArray("invalid character '2' after top-level value")
                                    << QByteArray() << 3;
        QTest::newRow("leading zero") << QByteArray("01") << QByteArray("invalid character '1' after top-level value")
                                      << QByteArray() << 2;
        QTest::newRow("garbage after object") << QByteArray("{\"a\":1}xyz")
                                              << QByteArray("invalid character 'x' after top-level value") << QByteArray()
                                              << 8;
        QTest::newRow("unterminated object") << QByteArray("{\"a\":1") << QByteArray("unexpected end of JSON input")
                                             << QByteArray("unexpected EOF") << 6;
        QTest::newRow("control in long string") << QByteArray("\"abcdefghijklmnopq\trs\"")
                                                << QByteArray("invalid character '\\t' in string literal")
                                                << QByteArray("invalid character '\\t' in string literal") << 19;
        QTest::newRow("unterminated string") << QByteArray("\"abc") << QByteArray("unexpected end of JSON input")
                                             << QByteArray("unexpected EOF") << 4;
        QTest::newRow("overflow") << QByteArray("1e400")
                                  << QByteArray("json: cannot unmarshal number 1e400 into Go value of type float64")
                                  << QByteArray("json: cannot unmarshal number 1e400 into Go value of type float64") << 5;
        QTest::newRow("syntax error wins over overflow")
            << QByteArray("[1e400, x]") << QByteArray("invalid character 'x' looking for beginning of value")
            << QByteArray("invalid character 'x' looking for beginning of value") << 9;
        QTest::newRow("fromJSON 5e2482")
            << QByteArray("5e2482") << QByteArray("json: cannot unmarshal number 5e2482 into Go value of type float64")
            << QByteArray("json: cannot unmarshal number 5e2482 into Go value of type float64") << 6;
    }
    void errors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, unmarshalError);
        QFETCH(QByteArray, decoderError);
        QFETCH(int, offset);
        const auto u = go::unmarshal(sv(input));
        QVERIFY(!u.ok);
        QCOMPARE(q(u.error), unmarshalError);
        QCOMPARE(static_cast<int>(u.offset), offset);
        const auto d = go::decodeFirst(sv(input));
        if (decoderError.isEmpty()) {
            QVERIFY2(d.ok, d.error.c_str());
        } else {
            QVERIFY(!d.ok);
            QCOMPARE(q(d.error), decoderError);
        }
    }

    void decoderStopsAfterFirstValue()
    {
        const auto r = go::decodeFirst("{\"a\":[1]} {\"b\":2}");
        QVERIFY(r.ok);
        QCOMPARE(r.consumed, std::size_t(9));
        QCOMPARE(q(go::marshal(r.value).text), QByteArray("{\"a\":[1]}"));
    }

    void maxDepth()
    {
        const std::string deep(10001, '[');
        const auto r = go::unmarshal(deep);
        QVERIFY(!r.ok);
        QCOMPARE(q(r.error), QByteArray("invalid character '[' exceeded max depth"));
        QCOMPARE(r.offset, std::size_t(10001));
        const std::string ok = std::string(10000, '[') + std::string(10000, ']');
        QVERIFY(go::unmarshal(ok).ok);
    }

    void objectKeysSortedLastDuplicateWins_data()
    {
        // Small objects are sorted in place, objects of more than 24 keys through a key index:
        // both keep encoding/json's rule that the last of duplicate keys wins.
        QTest::addColumn<int>("keys");
        QTest::newRow("small") << 5;
        QTest::newRow("limit") << 24;
        QTest::newRow("large") << 25;
        QTest::newRow("very large") << 300;
    }
    void objectKeysSortedLastDuplicateWins()
    {
        QFETCH(int, keys);
        // Keys in descending order, each twice: first with 0, then with its number.
        std::string json = "{";
        for (int pass = 0; pass < 2; ++pass)
            for (int i = keys - 1; i >= 0; --i) {
                if (json.size() > 1)
                    json += ',';
                json += "\"k" + std::to_string(1000 + i) + "\":" + (pass ? std::to_string(i) : std::string("0"));
            }
        json += '}';
        const auto r = go::unmarshal(json);
        QVERIFY2(r.ok, r.error.c_str());
        const auto entries = r.value.asMap();
        QCOMPARE(entries.size(), std::size_t(keys));
        for (int i = 0; i < keys; ++i) {
            QCOMPARE(q(std::string(entries[std::size_t(i)].key.asString())), q("k" + std::to_string(1000 + i)));
            QCOMPARE(entries[std::size_t(i)].value.asFloat(), double(i));
        }
        const Value *v = r.value.find("k" + std::to_string(1000 + keys - 1));
        QVERIFY(v);
        QCOMPARE(v->asFloat(), double(keys - 1));
    }

    void stringsOutliveTheirDocument()
    {
        // Decoded strings share blocks; a block lives as long as any string in it.
        Value kept;
        Value key;
        {
            std::string json = "{\"a\":[";
            for (int i = 0; i < 2000; ++i)
                json += (i ? ",\"" : "\"") + std::string("value-") + std::to_string(i) + "\"";
            json += "]}";
            auto r = go::unmarshal(json);
            QVERIFY(r.ok);
            kept = r.value.find("a")->asArray()[1234];
            key = r.value.asMap()[0].key;
        } // the document, the parser and every other string are gone
        QCOMPARE(q(std::string(kept.asString())), QByteArray("value-1234"));
        QCOMPARE(q(std::string(key.asString())), QByteArray("a"));
    }

    void stringArena()
    {
        std::vector<Value> strings;
        {
            StringArena arena(256);
            for (int i = 0; i < 100; ++i)
                strings.push_back(arena.string("s" + std::to_string(i)));
            strings.push_back(arena.string(std::string(1000, 'x'))); // too long for a block: its own
            strings.push_back(arena.string(""));
        }
        for (int i = 0; i < 100; ++i)
            QCOMPARE(q(std::string(strings[std::size_t(i)].asString())), q("s" + std::to_string(i)));
        QCOMPARE(strings[100].size(), std::size_t(1000));
        QVERIFY(strings[101].isString() && strings[101].asString().empty());
        QVERIFY(equal(strings[5], Value::string("s5")));
        strings.erase(strings.begin(), strings.begin() + 50); // release some, keep others
        QCOMPARE(q(std::string(strings[0].asString())), QByteArray("s50"));
    }

    void arrayAndMapFromScratch()
    {
        std::vector<Value> items{Value::integer(1), Value::string("two")};
        const Value a = Value::arrayFrom(items, ArrayType::Any);
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(q(std::string(a.asArray()[1].asString())), QByteArray("two"));
        std::vector<MapEntry> entries{{Value::string("b"), Value::integer(1)},
                                      {Value::string("a"), Value::integer(2)},
                                      {Value::string("b"), Value::integer(3)}};
        const Value m = Value::mapFrom(entries);
        QCOMPARE(q(go::marshal(m).text), QByteArray("{\"a\":2,\"b\":3}"));
    }

    void githubPayloadRoundTrip()
    {
        BINDERY_REQUIRE_SHARED("argo/testdata/github-webhook-payload.json");
        QFile f(bindery::test::sharedFile(QStringLiteral("argo/testdata/github-webhook-payload.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        const auto r = go::decodeFirst(sv(data));
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.value.isMap());
        const auto m = go::marshal(r.value);
        QVERIFY(m.ok);
        const auto again = go::unmarshal(m.text);
        QVERIFY(again.ok);
        QVERIFY(deepEqual(r.value, again.value));
        QCOMPARE(q(go::marshal(again.value).text), q(m.text));
    }
};

BINDERY_TEST_MAIN(TestGoJson)
#include "test_go_json.moc"
