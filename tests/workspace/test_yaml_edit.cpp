// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "workspace/yaml_edit.h"

#include <yaml-cpp/yaml.h>

using namespace bindery::workspace;

namespace {

const char *const kBinding = "# a comment that must stay\n"
                             "apiVersion: argoproj.io/v1alpha1\n"
                             "kind: WorkflowEventBinding\n"
                             "metadata:\n"
                             "  name: demo # trailing comment\n"
                             "spec:\n"
                             "  event:\n"
                             "    selector: payload.a == \"x\"\n"
                             "  submit:\n"
                             "    workflowTemplateRef:\n"
                             "      name: tmpl\n"
                             "    arguments:\n"
                             "      parameters:\n"
                             "        - name: a\n"
                             "          valueFrom:\n"
                             "            event: payload.a\n"
                             "        # about b\n"
                             "        - name: b\n"
                             "          valueFrom: {event: 'payload.b'}\n";

QByteArray bindingWith(const char *from, const char *to)
{
    QByteArray text(kBinding);
    Q_ASSERT(text.contains(from));
    return text.replace(from, to);
}

} // namespace

class TestYamlEdit : public QObject
{
    Q_OBJECT

private slots:
    void edits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray b(kBinding);
        QTest::newRow("set plain scalar keeps the comment")
            << b << "set" << "metadata.name" << "renamed" << bindingWith("name: demo #", "name: renamed #");
        QTest::newRow("set selector quotes what needs quoting")
            << b << "set" << "spec.event.selector" << "payload.b: 1" << bindingWith("payload.a == \"x\"\n", "'payload.b: 1'\n");
        QTest::newRow("set to a bool-looking string quotes it")
            << b << "set" << "metadata.name" << "true" << bindingWith("name: demo #", "name: 'true' #");
        QTest::newRow("set multi-line value writes a literal block")
            << b << "set" << "spec.event.selector" << "a\n&& b"
            << bindingWith("selector: payload.a == \"x\"\n", "selector: |-\n      a\n      && b\n");
        QTest::newRow("flow value keeps its quotes")
            << b << "set" << "spec.submit.arguments.parameters.[name=b].valueFrom.event" << "payload.c"
            << bindingWith("{event: 'payload.b'}", "{event: 'payload.c'}");
        QTest::newRow("item value")
            << b << "set" << "spec.submit.arguments.parameters.[name=a].valueFrom.event" << "payload.z"
            << bindingWith("event: payload.a\n", "event: payload.z\n");
        QTest::newRow("new key in existing mapping")
            << b << "set" << "metadata.namespace" << "team" << bindingWith("# trailing comment\n", "# trailing comment\n  namespace: team\n");
        QTest::newRow("new nested mapping")
            << b << "set" << "spec.submit.metadata.generateName" << "\"run-\""
            << QByteArray(kBinding).append("    metadata:\n      generateName: '\"run-\"'\n");
        QTest::newRow("new item appended after the last")
            << b << "set" << "spec.submit.arguments.parameters.[name=c].valueFrom.event" << "payload.c"
            << QByteArray(kBinding).append("        - name: c\n          valueFrom:\n            event: payload.c\n");
        QTest::newRow("new key in a flow mapping")
            << b << "set" << "spec.submit.arguments.parameters.[name=b].valueFrom.default" << "x"
            << bindingWith("{event: 'payload.b'}", "{event: 'payload.b', default: x}");
        QTest::newRow("raw bool")
            << b << "raw" << "spec.submit.workflowTemplateRef.clusterScope" << "true"
            << bindingWith("      name: tmpl\n", "      name: tmpl\n      clusterScope: true\n");
        QTest::newRow("remove item keeps the other item's comment")
            << b << "remove" << "spec.submit.arguments.parameters.[name=a]" << ""
            << bindingWith("        - name: a\n          valueFrom:\n            event: payload.a\n", "");
        QTest::newRow("remove the last item removes the emptied collections")
            << bindingWith("        - name: a\n          valueFrom:\n            event: payload.a\n        # about b\n", "")
            << "remove" << "spec.submit.arguments.parameters.[name=b]" << ""
            << bindingWith("    arguments:\n      parameters:\n        - name: a\n          valueFrom:\n            event: payload.a\n"
                           "        # about b\n        - name: b\n          valueFrom: {event: 'payload.b'}\n", "");
        QTest::newRow("remove key")
            << b << "remove" << "spec.submit.workflowTemplateRef.name" << "" << bindingWith("    workflowTemplateRef:\n      name: tmpl\n", "");
        QTest::newRow("rename key")
            << b << "rename" << "metadata.name" << "generateName" << bindingWith("  name: demo", "  generateName: demo");
        QTest::newRow("fill an empty value")
            << QByteArray("metadata:\n  name:\nspec: {}\n") << "set" << "metadata.name" << "x" << QByteArray("metadata:\n  name: x\nspec: {}\n");
        QTest::newRow("replace an explicit null")
            << QByteArray("metadata:\n  name: ~ # later\n") << "set" << "metadata.name" << "x" << QByteArray("metadata:\n  name: x # later\n");
        QTest::newRow("children under an empty key")
            << QByteArray("metadata: # meta\nspec: {}\n") << "set" << "metadata.labels.app" << "web"
            << QByteArray("metadata: # meta\n  labels:\n    app: web\nspec: {}\n");
        QTest::newRow("sequence at the key's indentation")
            << QByteArray("parameters:\n- name: a\nnext: 1\n") << "set" << "parameters.[name=b]" << ""
            << QByteArray("parameters:\n- name: a\n- name: b\nnext: 1\n");
        QTest::newRow("second document only")
            << QByteArray("a: 1\n---\na: 2\n") << "set@1" << "a" << "3" << QByteArray("a: 1\n---\na: '3'\n");
        QTest::newRow("no final newline")
            << QByteArray("a:\n  b: 1") << "set" << "a.c" << "x" << QByteArray("a:\n  b: 1\n  c: x\n");
        QTest::newRow("multi-line plain scalar replaced whole")
            << QByteArray("a: one\n  two\nb: 1\n") << "set" << "a" << "x" << QByteArray("a: x\nb: 1\n");
        QTest::newRow("block scalar replaced whole, comment after kept")
            << QByteArray("a: |\n  one\n  two\n# c\nb: 1\n") << "set" << "a" << "x\ny" << QByteArray("a: |-\n  x\n  y\n# c\nb: 1\n");
        QTest::newRow("utf-8 before the span")
            << QByteArray("n: \"h\xc3\xa9\"\na: b\n") << "set" << "a" << "c" << QByteArray("n: \"h\xc3\xa9\"\na: c\n");
        QTest::newRow("remove flow entry")
            << QByteArray("v: {a: 1, b: 2}\n") << "remove" << "v.a" << "" << QByteArray("v: {b: 2}\n");
        QTest::newRow("remove last flow entry")
            << QByteArray("v: {a: 1, b: 2}\n") << "remove" << "v.b" << "" << QByteArray("v: {a: 1}\n");
        QTest::newRow("same value: no change") << b << "set" << "metadata.name" << "demo" << b;
    }

    void edits()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, operation);
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        const int document = operation.contains(u'@') ? operation.section(u'@', 1).toInt() : 0;
        YamlEdit edit(input, document);
        QVERIFY2(edit.ok(), qPrintable(edit.error()));
        const QStringList p = path.split(u'.');
        bool done = false;
        const QString op = operation.section(u'@', 0, 0);
        if (op == u"set")
            done = edit.setScalar(p, value);
        else if (op == u"raw")
            done = edit.setRaw(p, value.toUtf8());
        else if (op == u"remove")
            done = edit.remove(p);
        else if (op == u"rename")
            done = edit.renameKey(p, value);
        QVERIFY2(done, qPrintable(edit.error()));
        QCOMPARE(edit.text(), expected);
        // What was written reads back as the value (for set).
        if (op == u"set") {
            const auto docs = YAML::LoadAll(edit.text().toStdString());
            YAML::Node n(docs.at(std::size_t(document)));
            for (const QString &e : p) {
                if (e.startsWith(u'[')) {
                    const QString name = e.mid(6, e.size() - 7);
                    YAML::Node found;
                    for (std::size_t i = 0; i < n.size(); ++i)
                        if (QString::fromStdString(n[i]["name"].Scalar()) == name)
                            found.reset(n[i]);
                    n.reset(found);
                } else {
                    n.reset(n[e.toStdString()]);
                }
            }
            if (!value.isEmpty())
                QCOMPARE(QString::fromStdString(n.Scalar()), value);
        }
    }

    void refusesWhatItCannotDo_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("path");
        QTest::newRow("value where a mapping is") << QByteArray(kBinding) << "metadata";
        QTest::newRow("child of a scalar") << QByteArray(kBinding) << "metadata.name.x";
        QTest::newRow("item of a mapping") << QByteArray(kBinding) << "metadata.[name=x]";
    }

    void refusesWhatItCannotDo()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, path);
        YamlEdit edit(input);
        QVERIFY(!edit.setScalar(path.split(u'.'), QStringLiteral("v")));
        QVERIFY(!edit.error().isEmpty());
        QCOMPARE(edit.text(), input);
    }

    void badYamlSaysWhere()
    {
        YamlEdit edit(QByteArray("a: [1, 2\nb: 3\n"));
        QVERIFY(!edit.ok());
        QVERIFY2(edit.error().contains(u':'), qPrintable(edit.error()));
        QVERIFY(!edit.setScalar({QStringLiteral("b")}, QStringLiteral("4")));
    }

    void readsScalars()
    {
        const YamlEdit edit{QByteArray(kBinding)};
        QCOMPARE(edit.scalar({QStringLiteral("kind")}), std::optional<QString>(QStringLiteral("WorkflowEventBinding")));
        QCOMPARE(edit.scalar(QString::fromUtf8("spec.submit.arguments.parameters.[name=b].valueFrom.event").split(u'.')),
                 std::optional<QString>(QStringLiteral("payload.b")));
        QVERIFY(!edit.scalar({QStringLiteral("metadata")})); // a mapping
        QVERIFY(!edit.scalar({QStringLiteral("nope")}));
    }

    void documentAtLine()
    {
        const QByteArray text("a: 1\n---\n# c\nb: 2\n---\nc: 3\n");
        QCOMPARE(YamlEdit::documentAt(text, 1), 0);
        QCOMPARE(YamlEdit::documentAt(text, 4), 1);
        QCOMPARE(YamlEdit::documentAt(text, 6), 2);
        QCOMPARE(YamlEdit(text).documentCount(), 3);
    }

    void diffEditIsMinimal_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("length");
        QTest::newRow("middle") << QByteArray("abcXdef") << QByteArray("abcYYdef") << 3 << 1;
        QTest::newRow("insert at end") << QByteArray("abc") << QByteArray("abcd") << 3 << 0;
        QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << 3 << 0;
        QTest::newRow("repeated chars") << QByteArray("aaa") << QByteArray("aa") << 2 << 1;
        QTest::newRow("utf-8 kept whole") << QByteArray("x\xc3\xa9y") << QByteArray("x\xc3\xa8y") << 1 << 2;
    }

    void diffEditIsMinimal()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(int, offset);
        QFETCH(int, length);
        const TextEdit e = diffEdit(before, after);
        QCOMPARE(e.offset, offset);
        QCOMPARE(e.length, length);
        QCOMPARE(applyEdit(before, e), after);
    }
};

BINDERY_TEST_MAIN(TestYamlEdit)
#include "test_yaml_edit.moc"
