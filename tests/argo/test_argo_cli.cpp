// SPDX-License-Identifier: Apache-2.0
// bindery-cli dispatch and lint through the real binary, on files written to a temporary folder.
#include "bindery_test.h"
#include "cli_runner.h"

#include <QTemporaryDir>

using bindery::test::runCli;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kTemplate = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: tmpl}\n"
                             "spec:\n  arguments:\n    parameters: [{name: msg}]\n"_ba;
const QByteArray kBinding = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b}\n"
                            "spec:\n  event:\n    selector: metadata[\"X-Kind\"] == \"push\"\n  submit:\n"
                            "    workflowTemplateRef: {name: tmpl}\n    arguments:\n      parameters:\n"
                            "      - name: msg\n        valueFrom:\n          event: payload.message\n"_ba;
const QByteArray kGoodBinding = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: good}\n"
                                "spec:\n  event:\n    selector: metadata[\"x-kind\"] == [\"push\"]\n  submit:\n"
                                "    workflowTemplateRef: {name: tmpl}\n    arguments:\n      parameters:\n"
                                "      - name: msg\n        valueFrom:\n          event: payload?.message\n"_ba;

} // namespace

class TestArgoCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString write(const QString &name, const QByteArray &content)
    {
        QFile f(dir_.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return f.fileName();
    }

private slots:
    void dispatchForPeople()
    {
        const QString tmpl = write(u"t.yaml"_s, kTemplate);
        const QString binding = write(u"b.yaml"_s, kGoodBinding);
        const QString payload = write(u"p.json"_s, "{\"message\": \"<hi>\"}"_ba);
        auto r = runCli({u"dispatch"_s, u"-f"_s, tmpl, u"-f"_s, binding, u"--namespace"_s, u"argo"_s, u"-H"_s,
                         u"X-Kind: push"_s, u"--payload"_s, payload});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("# HTTP 200 {}"), r.out.constData());
        QVERIFY2(r.out.contains("generateName: \"tmpl-\""), r.out.constData());
        QVERIFY2(r.out.contains("value: \"<hi>\""), r.out.constData());
        r = runCli({u"dispatch"_s, u"-f"_s, tmpl, u"-f"_s, binding, u"-n"_s, u"argo"_s, u"-o"_s, u"json"_s, u"--payload"_s, u"-"_s},
                   "{\"message\": 1}"_ba);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\"status\":200"), r.out.constData());
        QVERIFY2(r.out.contains("\"workflows\":[]"), r.out.constData()); // no X-Kind header: no match
    }

    void dispatchFailureExitsOne()
    {
        const QString binding = write(u"bad.yaml"_s, "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\n"
                                                    "metadata: {name: bad}\nspec: {event: {selector: 'payload.a.b'}}\n"_ba);
        const auto r = runCli({u"dispatch"_s, u"-f"_s, binding, u"-n"_s, u"argo"_s}, {});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("# HTTP 500"), r.out.constData());
        // Empty body: payload is nil, so the selector does not even compile (events-spec.md §8.2).
        QVERIFY2(r.out.contains("type nil has no field a (1:9)"), r.out.constData());
    }

    void dispatchJsonl()
    {
        const QByteArray line = "{\"id\":\"x\",\"namespace\":\"argo\",\"discriminator\":\"\",\"body\":\"{oops\",\"manifests\":\"\"}\n"_ba;
        const auto r = runCli({u"dispatch"_s, u"--jsonl"_s}, line + line);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 2);
        QVERIFY2(r.out.startsWith("{\"id\":\"x\",\"status\":400,\"body\":{\"code\":3,"), r.out.constData());
        QCOMPARE(runCli({u"dispatch"_s, u"--jsonl"_s}, "not json\n"_ba).exitCode, 2);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("dispatch without files") << QStringList{u"dispatch"_s, u"-n"_s, u"argo"_s};
        QTest::newRow("dispatch bad option") << QStringList{u"dispatch"_s, u"--frob"_s};
        QTest::newRow("dispatch bad header") << QStringList{u"dispatch"_s, u"-H"_s, u"nocolon"_s};
        QTest::newRow("lint without files") << QStringList{u"lint"_s};
        QTest::newRow("lint unreadable") << QStringList{u"lint"_s, u"/nonexistent/x.yaml"_s};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void help()
    {
        for (const QString &cmd : {u"dispatch"_s, u"lint"_s}) {
            const auto r = runCli({cmd, u"--help"_s});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.startsWith(QByteArray("Usage: bindery-cli " + cmd.toUtf8())));
        }
    }

    void lintFindings()
    {
        const QString tmpl = write(u"t.yaml"_s, kTemplate);
        const QString binding = write(u"lb.yaml"_s, kBinding);
        auto r = runCli({u"lint"_s, tmpl, binding});
        QCOMPARE(r.exitCode, 1);
        // header-case and header-compared-to-string on the selector (line 6).
        QVERIFY2(r.out.contains(QByteArray(binding.toUtf8() + ":6:24: warning: header names in metadata are lower-case")), r.out.constData());
        QVERIFY2(r.out.contains(QByteArray(binding.toUtf8() + ":6:15: warning: metadata[\"X-Kind\"] is a list of strings")), r.out.constData());
        QVERIFY2(r.out.contains("fix: metadata[\"x-kind\"]"), r.out.constData());
        r = runCli({u"lint"_s, u"-o"_s, u"json"_s, tmpl, binding});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("{\"rule\":\"header-compared-to-string\",\"severity\":\"warning\",\"file\":"), r.out.constData());
        r = runCli({u"lint"_s, tmpl, write(u"good.yaml"_s, kGoodBinding)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
    }

    void lintExplain()
    {
        const QString tmpl = write(u"t.yaml"_s, kTemplate);
        const QString binding = write(u"good.yaml"_s, kGoodBinding);
        const auto r = runCli({u"lint"_s, tmpl, binding, u"--explain"_s, u"-"_s, u"-H"_s, u"X-Kind: push"_s}, "{}"_ba);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("binding good:"), r.out.constData());
        QVERIFY2(r.out.contains("result: true"), r.out.constData());
    }
};

BINDERY_TEST_MAIN(TestArgoCli)
#include "test_argo_cli.moc"
