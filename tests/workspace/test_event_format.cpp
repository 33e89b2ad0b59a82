// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "workspace/event_document.h"
#include "workspace/manifest_outline.h"
#include "workspace/workspace_index.h"
#include "workspace_fixture.h"

using namespace bindery::workspace;

class TestEventFormat : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("notes");
        QTest::addColumn<QString>("headerValue");
        QTest::newRow("empty") << QString() << QString() << QStringLiteral("x");
        QTest::newRow("one line, no newline") << QStringLiteral("{\"a\": 1}") << QStringLiteral("n") << QStringLiteral("v");
        QTest::newRow("trailing newline") << QStringLiteral("{\"a\": 1}\n") << QString() << QStringLiteral("push");
        QTest::newRow("two trailing newlines") << QStringLiteral("x\n\n") << QString() << QStringLiteral("1");
        QTest::newRow("leading spaces") << QStringLiteral("  indented\nnot\n") << QString() << QStringLiteral("true");
        QTest::newRow("leading empty lines") << QStringLiteral("\n\nlate") << QString() << QStringLiteral("");
        QTest::newRow("only newlines") << QStringLiteral("\n\n") << QString() << QStringLiteral("a, b");
        QTest::newRow("CRLF") << QStringLiteral("a\r\nb\r\n") << QString() << QStringLiteral("{x}");
        QTest::newRow("tabs") << QStringLiteral("\tx\ty\n") << QString() << QStringLiteral("- dash");
        QTest::newRow("control char") << QStringLiteral("a\u0001b") << QString() << QStringLiteral("#hash");
        QTest::newRow("yaml-looking") << QStringLiteral("key: value\n- item\n# c\n---\n") << QStringLiteral("a: b")
                                      << QStringLiteral("'q'");
        QTest::newRow("unicode") << QStringLiteral("héllo → 世界\n") << QStringLiteral("multi\nline notes\n")
                                 << QStringLiteral("ünï");
        QTest::newRow("whitespace-only first line") << QStringLiteral("   \nx") << QString() << QStringLiteral(" pad ");
        QTest::newRow("spaces at end of lines") << QStringLiteral("a  \nb \n") << QString() << QStringLiteral("null");
    }
    void roundTrip()
    {
        QFETCH(QString, body);
        QFETCH(QString, notes);
        QFETCH(QString, headerValue);
        EventDocument e;
        e.name = QStringLiteral("push: main");
        e.notes = notes;
        e.namespaceName = QStringLiteral("argo");
        e.discriminator = QString(); // the empty discriminator is a real route
        e.headers = {{QStringLiteral("X-GitHub-Event"), headerValue}, {QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
        e.body = body;
        const QByteArray yaml = EventFormat::serialize(e);
        const EventFormat::Result r = EventFormat::parse(yaml);
        QVERIFY2(r.event, qPrintable(r.error.toString() + QStringLiteral("\n") + QString::fromUtf8(yaml)));
        QCOMPARE(r.event->body, e.body);
        QCOMPARE(r.event->notes, e.notes);
        QCOMPARE(r.event->headers, e.headers);
        QCOMPARE(*r.event, e);
        // Serializing is deterministic, so saving an unchanged event does not rewrite the file.
        QCOMPARE(EventFormat::serialize(*r.event), yaml);
    }

    void bodyIsALiteralBlockWhenPossible()
    {
        EventDocument e;
        e.name = QStringLiteral("n");
        e.body = QStringLiteral("{\n  \"a\": 1\n}\n");
        const QByteArray yaml = EventFormat::serialize(e);
        QVERIFY2(yaml.endsWith("body: |\n  {\n    \"a\": 1\n  }\n"), yaml.constData());
    }

    void exampleEventsParse()
    {
        const QDir events(QDir(bindery::test::exampleWorkspaceSource()).filePath(QStringLiteral("events")));
        const QStringList files = events.entryList({QStringLiteral("*.yaml")}, QDir::Files);
        QVERIFY(files.size() >= 5);
        for (const QString &f : files) {
            const EventFormat::Result r = EventFormat::parse(bindery::test::readFile(events.filePath(f)));
            QVERIFY2(r.event, qPrintable(f + QStringLiteral(": ") + r.error.toString()));
            QVERIFY(!r.event->name.isEmpty());
            QCOMPARE(r.event->namespaceName, QStringLiteral("argo"));
        }
    }

    void defaultsFillMissingKeys()
    {
        const EventFormat::Result r = EventFormat::parse("discriminator: d\n", QStringLiteral("file-name"), QStringLiteral("ns"));
        QVERIFY(r.event);
        QCOMPARE(r.event->name, QStringLiteral("file-name"));
        QCOMPARE(r.event->namespaceName, QStringLiteral("ns"));
        QVERIFY(r.event->headers.isEmpty());
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << QByteArray("name: a\nbody: [unclosed\n") << 3 << 1 << QStringLiteral("end of sequence");
        QTest::newRow("not a map") << QByteArray("- a\n- b\n") << 1 << 1 << QStringLiteral("must be a mapping");
        QTest::newRow("unknown key") << QByteArray("name: a\nbodyy: x\n") << 2 << 1 << QStringLiteral("unknown key \"bodyy\"");
        QTest::newRow("headers not a list") << QByteArray("name: a\nheaders: {a: b}\n") << 2 << 10
                                            << QStringLiteral("headers must be a list");
        QTest::newRow("header without name") << QByteArray("headers:\n  - {value: b}\n") << 2 << 5
                                             << QStringLiteral("{name, value}");
        QTest::newRow("header unknown field") << QByteArray("headers:\n  - {name: a, valu: b}\n") << 2 << 15
                                              << QStringLiteral("unknown header field");
        QTest::newRow("body is a map") << QByteArray("name: a\nbody:\n  a: 1\n") << 3 << 3 << QStringLiteral("body must be text");
        QTest::newRow("tab indentation") << QByteArray("name: a\nbody: |\n\tx\n") << 3 << 1 << QString();
    }
    void badFiles()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const EventFormat::Result r = EventFormat::parse(yaml);
        QVERIFY(!r.event);
        QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
        QCOMPARE(r.error.line, line);
        QCOMPARE(r.error.column, column);
    }

    void manifestOutline()
    {
        const ManifestOutline o = ManifestOutline::parse("# c\napiVersion: v1\nkind: WorkflowTemplate\nmetadata:\n  name: a\n"
                                                         "---\n---\nkind: WorkflowEventBinding\nmetadata: {name: b}\n"
                                                         "---\nmetadata: {name: c}\n");
        QCOMPARE(o.objects.size(), 3);
        QCOMPARE(o.objects[0], (ManifestObject{QStringLiteral("WorkflowTemplate"), QStringLiteral("a"), 2}));
        QCOMPARE(o.objects[1], (ManifestObject{QStringLiteral("WorkflowEventBinding"), QStringLiteral("b"), 8}));
        QCOMPARE(o.problems.size(), 1);
        QCOMPARE(o.problems[0].line, 11);
        const ManifestOutline bad = ManifestOutline::parse("kind: A\nmetadata:\n  name: [x\n");
        QCOMPARE(bad.problems.size(), 1);
        QVERIFY(bad.problems[0].line >= 3);
    }

    void index_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("errorLine");
        QTest::addColumn<QString>("events");
        QTest::newRow("example") << bindery::test::readFile(QDir(bindery::test::exampleWorkspaceSource())
                                                                .filePath(QStringLiteral("bindery-workspace.yaml")))
                                 << 0 << QStringLiteral("events");
        QTest::newRow("new") << WorkspaceIndex::newIndexText(QStringLiteral("x: y")) << 0 << QStringLiteral("events");
        QTest::newRow("custom folder") << QByteArray("version: 1\nevents: samples/\n") << 0 << QStringLiteral("samples");
        QTest::newRow("escaping folder") << QByteArray("version: 1\nevents: ../elsewhere\n") << 2 << QStringLiteral("events");
        QTest::newRow("absolute folder") << QByteArray("version: 1\nevents: /etc\n") << 2 << QStringLiteral("events");
        QTest::newRow("future version") << QByteArray("version: 7\n") << 1 << QStringLiteral("events");
        QTest::newRow("unknown key") << QByteArray("version: 1\nprofil: v4.1\n") << 2 << QStringLiteral("events");
    }
    void index()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, errorLine);
        QFETCH(QString, events);
        Diagnostic error;
        const WorkspaceIndex index = WorkspaceIndex::parse(yaml, &error);
        QCOMPARE(error.line, errorLine);
        QCOMPARE(error.message.isEmpty(), errorLine == 0);
        QCOMPARE(index.eventsDir, events);
    }
};

BINDERY_TEST_MAIN(TestEventFormat)
#include "test_event_format.moc"
