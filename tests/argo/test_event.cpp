// SPDX-License-Identifier: Apache-2.0
#include "argo/event.h"
#include "argo/go_text.h"
#include "bindery_test.h"

using namespace bindery::argo;
using namespace Qt::Literals::StringLiterals;

namespace {

QString json(const bindery::expr::Value &v)
{
    std::string error;
    const auto text = gotext::marshal(v, &error);
    return text ? QString::fromStdString(*text) : QStringLiteral("ERROR ") + QString::fromStdString(error);
}

} // namespace

class TestEvent : public QObject
{
    Q_OBJECT
private slots:
    void body_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("payload"); // json.Marshal of the payload, or the error text
        QTest::addColumn<int>("status");
        QTest::newRow("empty") << QByteArray() << "null"_ba << 200;
        QTest::newRow("blank") << QByteArray(" \n\t") << "null"_ba << 200;
        QTest::newRow("null") << QByteArray("null") << "null"_ba << 200;
        QTest::newRow("object") << QByteArray("{\"b\":1,\"a\":[true,null,\"x\"]}") << "{\"a\":[true,null,\"x\"],\"b\":1}"_ba << 200;
        QTest::newRow("trailing bytes ignored") << QByteArray("{\"a\":1} xyz") << "{\"a\":1}"_ba << 200;
        QTest::newRow("number then garbage") << QByteArray("123abc") << "123"_ba << 200;
        QTest::newRow("duplicate keys: last wins") << QByteArray("{\"a\":1,\"a\":2}") << "{\"a\":2}"_ba << 200;
        QTest::newRow("float64") << QByteArray("12345678901234567890") << "12345678901234567000"_ba << 200;
        QTest::newRow("negative zero") << QByteArray("-0") << "-0"_ba << 200;
        QTest::newRow("lone surrogate") << QByteArray("\"a\\ud800b\"") << "\"a\xef\xbf\xbd" "b\""_ba << 200;
        QTest::newRow("surrogate pair") << QByteArray("\"\\ud83d\\udc4d\"") << "\"\xf0\x9f\x91\x8d\""_ba << 200;
        QTest::newRow("invalid utf8") << QByteArray("\"a\xff\"") << "\"a\xef\xbf\xbd\""_ba << 200;
        QTest::newRow("invalid start") << QByteArray("xyz") << "invalid character 'x' looking for beginning of value"_ba << 400;
        QTest::newRow("truncated") << QByteArray("{\"a\":") << "unexpected EOF"_ba << 400;
        QTest::newRow("after key") << QByteArray("{\"a\" 1}") << "invalid character '1' after object key"_ba << 400;
        QTest::newRow("after pair") << QByteArray("{\"a\":1 \"b\"}") << "invalid character '\"' after object key:value pair"_ba << 400;
        QTest::newRow("after element") << QByteArray("[1 2]") << "invalid character '2' after array element"_ba << 400;
        QTest::newRow("key string") << QByteArray("{1:2}") << "invalid character '1' looking for beginning of object key string"_ba << 400;
        QTest::newRow("literal") << QByteArray("tru!") << "invalid character '!' in literal true (expecting 'e')"_ba << 400;
        QTest::newRow("control char") << QByteArray("\"a\nb\"") << "invalid character '\\n' in string literal"_ba << 400;
        QTest::newRow("escape") << QByteArray("\"\\x\"") << "invalid character 'x' in string escape code"_ba << 400;
        QTest::newRow("decimal point") << QByteArray("1.x") << "invalid character 'x' after decimal point in numeric literal"_ba << 400;
        QTest::newRow("exponent") << QByteArray("1ex") << "invalid character 'x' in exponent of numeric literal"_ba << 400;
        QTest::newRow("lone minus") << QByteArray("-") << "unexpected EOF"_ba << 400;
        QTest::newRow("out of float64") << QByteArray("[1e400]")
                                        << "failed to create workflow template expression environment: json: cannot "
                                           "unmarshal number 1e400 into Go value of type float64"_ba
                                        << 500;
    }
    void body()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, payload);
        QFETCH(int, status);
        Event e{"argo", "d", {}, body.toStdString()};
        const Environment env = buildEnvironment(e, RequestContext{});
        QCOMPARE(env.httpStatus, status);
        if (status == 200)
            QCOMPARE(json(*env.payload()), QString::fromUtf8(payload));
        else
            QCOMPARE(QString::fromStdString(env.message), QString::fromUtf8(payload));
    }

    void deepNestingIsNotACrash()
    {
        Event e{"argo", "", {}, std::string(20000, '[')};
        const Environment env = buildEnvironment(e, RequestContext{});
        QCOMPARE(env.httpStatus, 400);
        QCOMPARE(QString::fromStdString(env.message), QStringLiteral("invalid character '[' exceeded max depth"));
        Event ok{"argo", "", {}, std::string(5000, '[') + std::string(5000, ']')};
        QCOMPARE(buildEnvironment(ok, RequestContext{}).httpStatus, 200);
    }

    void metadata_data()
    {
        QTest::addColumn<QList<QByteArray>>("headers"); // "Name: value" lines
        QTest::addColumn<QByteArray>("metadata");
        QTest::newRow("only x- names, lower-cased, lists")
            << QList<QByteArray>{"Content-Type: application/json", "X-Argo-E2E: true", "Authorization: Bearer t"}
            << "{\"x-argo-e2e\":[\"true\"],\"x-forwarded-for\":[\"127.0.0.1\"],\"x-forwarded-host\":[\"localhost:2746\"]}"_ba;
        QTest::newRow("repeated header keeps order")
            << QList<QByteArray>{"X-A: 1", "x-a: 2"}
            << "{\"x-a\":[\"1\",\"2\"],\"x-forwarded-for\":[\"127.0.0.1\"],\"x-forwarded-host\":[\"localhost:2746\"]}"_ba;
        QTest::newRow("client forwarded headers")
            << QList<QByteArray>{"X-Forwarded-For: 1.2.3.4", "X-Forwarded-Host: h"}
            << "{\"x-forwarded-for\":[\"1.2.3.4\",\"1.2.3.4, 127.0.0.1\"],\"x-forwarded-host\":[\"h\",\"h\"]}"_ba;
        QTest::newRow("host header") << QList<QByteArray>{"Host: argo.example.com:443"}
                                     << "{\"x-forwarded-for\":[\"127.0.0.1\"],\"x-forwarded-host\":[\"argo.example.com:443\"]}"_ba;
        QTest::newRow("binary header unpadded")
            << QList<QByteArray>{"X-Data-Bin: aGk"}
            << "{\"x-data-bin\":[\"hi\"],\"x-forwarded-for\":[\"127.0.0.1\"],\"x-forwarded-host\":[\"localhost:2746\"]}"_ba;
        QTest::newRow("bad binary header") << QList<QByteArray>{"X-Data-Bin: a*Gk"}
                                           << "400 invalid binary header X-Data-Bin: illegal base64 data at input byte 1"_ba;
        QTest::newRow("bad grpc timeout") << QList<QByteArray>{"Grpc-Timeout: soon"} << "400 invalid grpc-timeout: soon"_ba;
        QTest::newRow("good grpc timeout") << QList<QByteArray>{"Grpc-Timeout: 10S"}
                                           << "{\"x-forwarded-for\":[\"127.0.0.1\"],\"x-forwarded-host\":[\"localhost:2746\"]}"_ba;
        QTest::newRow("grpc refuses key") << QList<QByteArray>{"X-Bad!: 1"}
                                          << "500 header key \"x-bad!\" contains illegal characters not in [0-9a-z-_.]"_ba;
        QTest::newRow("grpc refuses value") << QList<QByteArray>{"X-Name: h\xc3\xa9"}
                                            << "500 header key \"x-name\" contains value with non-printable ASCII characters"_ba;
    }
    void metadata()
    {
        QFETCH(QList<QByteArray>, headers);
        QFETCH(QByteArray, metadata);
        Event e{"argo", "", {}, "{}"};
        for (const QByteArray &h : headers) {
            const auto colon = h.indexOf(':');
            e.headers.push_back(Header{h.left(colon).toStdString(), h.mid(colon + 1).trimmed().toStdString()});
        }
        const Environment env = buildEnvironment(e, RequestContext{});
        if (env.ok())
            QCOMPARE(json(*env.metadata()), QString::fromUtf8(metadata));
        else
            QCOMPARE(QString::number(env.httpStatus) + QLatin1Char(' ') + QString::fromStdString(env.message), QString::fromUtf8(metadata));
    }

    void environmentHasFourKeys()
    {
        Event e{"my-ns", "my-d", {}, "{\"foo\":\"bar\"}"};
        const Environment env = buildEnvironment(e, RequestContext{});
        QVERIFY(env.ok());
        QCOMPARE(json(env.value), QStringLiteral("{\"discriminator\":\"my-d\",\"metadata\":{\"x-forwarded-for\":[\"127.0.0.1\"],"
                                                 "\"x-forwarded-host\":[\"localhost:2746\"]},\"namespace\":\"my-ns\","
                                                 "\"payload\":{\"foo\":\"bar\"}}"));
    }

    void canonicalKeys_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("lower") << "x-argo-e2e"_ba << "X-Argo-E2e"_ba;
        QTest::newRow("mixed") << "CONTENT-type"_ba << "Content-Type"_ba;
        QTest::newRow("invalid stays") << "x foo"_ba << "x foo"_ba;
    }
    void canonicalKeys()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(QByteArray::fromStdString(canonicalHeaderKey(in.toStdString())), out);
    }
};

BINDERY_TEST_MAIN(TestEvent)
#include "test_event.moc"
