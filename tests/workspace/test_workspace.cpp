// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "workspace/workspace.h"
#include "workspace_fixture.h"

#include <QSignalSpy>

using namespace bindery::workspace;
using bindery::test::readFile;
using bindery::test::writeFile;

class TestWorkspace : public QObject
{
    Q_OBJECT

    // A writable copy of the example workspace.
    QString copyExample(const QTemporaryDir &dir)
    {
        const QString root = dir.filePath(QStringLiteral("ws"));
        if (!bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), root))
            return {};
        return root;
    }

private slots:
    void opensTheExample()
    {
        Workspace ws;
        QString error;
        QVERIFY2(ws.open(bindery::test::exampleWorkspaceSource(), &error), qPrintable(error));
        const WorkspaceSnapshot s = ws.snapshot();
        QCOMPARE(s.index().namespaceName, QStringLiteral("argo"));
        QVERIFY(s.events().size() >= 5);
        QVERIFY(s.manifests().size() >= 2);
        QVERIFY2(s.problems().isEmpty(), qPrintable(s.problems().value(0).toString()));
        for (const auto &e : s.events())
            QVERIFY(e->event);
        QVERIFY(!ws.isModified());
        QVERIFY(!s.hasUnsavedChanges());
        const auto hello = s.file(QStringLiteral("events/hello-world.yaml"));
        QVERIFY(hello && hello->event);
        QCOMPARE(hello->event->discriminator, QStringLiteral("event-consumer"));
    }

    void refusesPlainFolders()
    {
        QTemporaryDir dir;
        Workspace ws;
        QString error;
        QVERIFY(!ws.open(dir.path(), &error));
        QVERIFY(error.contains(QStringLiteral("not a Bindery workspace")));
        QVERIFY(!ws.isOpen());
    }

    void editSaveReopenRoundTrip()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        QVERIFY(!root.isEmpty());
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        QSignalSpy modified(&ws, &Workspace::modificationChanged);
        const QString path = QStringLiteral("events/hello-world.yaml");
        EventDocument e = *ws.snapshot().file(path)->event;
        e.body = QStringLiteral("{\"appellation\": \"Bindery\"}\n");
        e.headers.append({QStringLiteral("X-Trace"), QStringLiteral("1")});
        QVERIFY(ws.setEvent(path, e));
        QCOMPARE(modified.count(), 1);
        QVERIFY(ws.isModified(path));
        QCOMPARE(ws.modifiedFiles(), QStringList{path});
        // Not on disk until saved.
        QVERIFY(!readFile(QDir(root).filePath(path)).contains("Bindery"));
        const QString created = ws.createEvent({QStringLiteral("New event!"), {}, QStringLiteral("argo"), QStringLiteral("d"), {}, QStringLiteral("{}")});
        QCOMPARE(created, QStringLiteral("events/new-event.yaml"));
        QVERIFY(ws.save(&error));
        QVERIFY(!ws.isModified());
        QCOMPARE(modified.count(), 2);

        Workspace again;
        QVERIFY(again.open(root, &error));
        QCOMPARE(*again.snapshot().file(path)->event, e);
        QVERIFY(again.snapshot().file(created));
        QCOMPARE(again.text(path), ws.text(path));
        QVERIFY(!QFileInfo::exists(QDir(root).filePath(Workspace::autosaveFolderName())));
    }

    void rejectsPathsOutsideItsFolders_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("event") << QStringLiteral("events/a.yaml") << true;
        QTest::newRow("manifest yml") << QStringLiteral("manifests/a.yml") << true;
        QTest::newRow("test") << QStringLiteral("tests/a.yaml") << true;
        QTest::newRow("index") << QStringLiteral("bindery-workspace.yaml") << true;
        QTest::newRow("escape") << QStringLiteral("events/../../a.yaml") << false;
        QTest::newRow("absolute") << QStringLiteral("/tmp/a.yaml") << false;
        QTest::newRow("root file") << QStringLiteral("a.yaml") << false;
        QTest::newRow("not yaml") << QStringLiteral("events/a.json") << false;
        QTest::newRow("nested") << QStringLiteral("events/x/a.yaml") << false;
        QTest::newRow("autosave") << QStringLiteral(".bindery-autosave/events/a.yaml") << false;
    }
    void rejectsPathsOutsideItsFolders()
    {
        QFETCH(QString, path);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        Workspace ws;
        QString error;
        QVERIFY(Workspace::create(dir.path(), QStringLiteral("t"), &error));
        QVERIFY(ws.open(dir.path(), &error));
        QCOMPARE(ws.setText(path, "name: x\n"), accepted);
    }

    void badFilesAreProblemsWithPositions()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(Workspace::create(dir.path(), QStringLiteral("t"), &error));
        writeFile(dir.filePath(QStringLiteral("events/bad.yaml")), "name: a\nheaders:\n  - {name: x, valu: 1}\n");
        writeFile(dir.filePath(QStringLiteral("manifests/bad.yaml")), "kind: WorkflowTemplate\nmetadata: {name: [\n");
        Workspace ws;
        QVERIFY(ws.open(dir.path(), &error));
        const QList<Diagnostic> problems = ws.snapshot().problems();
        QCOMPARE(problems.size(), 2);
        // In path order: manifests, then events.
        QCOMPARE(problems[1].file, QStringLiteral("events/bad.yaml"));
        QCOMPARE(problems[1].line, 3);
        QCOMPARE(problems[1].column, 15);
        QVERIFY(problems[1].toString().startsWith(QStringLiteral("events/bad.yaml:3:15: unknown header field")));
        QCOMPARE(problems[0].file, QStringLiteral("manifests/bad.yaml"));
        QVERIFY(problems[0].line >= 2);
        // A bad file is still listed (so that the user can fix it).
        QVERIFY(ws.snapshot().file(QStringLiteral("events/bad.yaml")));
    }

    void externalChangeOfAnUneditedFileIsTakenSilently()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        QSignalSpy replaced(&ws, &Workspace::textReplaced);
        QSignalSpy conflicts(&ws, &Workspace::externalConflict);
        const QString path = QStringLiteral("events/ping.yaml");
        const QByteArray changed = readFile(QDir(root).filePath(path)).replace("ping", "pong");
        writeFile(QDir(root).filePath(path), changed);
        QVERIFY(replaced.wait(5000));
        QCOMPARE(replaced.first().first().toString(), path);
        QCOMPARE(ws.text(path), changed);
        QVERIFY(!ws.isModified());
        QCOMPARE(conflicts.count(), 0);
        QCOMPARE(ws.snapshot().file(path)->event->headers.last().value, QStringLiteral("pong"));
    }

    void externalChangeOfAnEditedFileAsks_data()
    {
        QTest::addColumn<bool>("keepMine");
        QTest::newRow("keep mine") << true;
        QTest::newRow("take theirs") << false;
    }
    void externalChangeOfAnEditedFileAsks()
    {
        QFETCH(bool, keepMine);
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        const QString path = QStringLiteral("events/ping.yaml");
        const QByteArray mine = ws.text(path) + "# mine\n";
        const QByteArray theirs = ws.text(path) + "# theirs\n";
        QVERIFY(ws.setText(path, mine));
        QSignalSpy conflicts(&ws, &Workspace::externalConflict);
        writeFile(QDir(root).filePath(path), theirs);
        QVERIFY(conflicts.wait(5000));
        // Nothing is lost while the question is open.
        QCOMPARE(ws.text(path), mine);
        QCOMPARE(ws.diskText(path), theirs);
        QCOMPARE(ws.conflicts(), QStringList{path});
        if (keepMine) {
            ws.keepLocalEdits(path);
            QVERIFY(ws.isModified(path));
            QVERIFY(ws.save(&error));
            QCOMPARE(readFile(QDir(root).filePath(path)), mine);
        } else {
            ws.reloadFromDisk(path);
            QCOMPARE(ws.text(path), theirs);
            QVERIFY(!ws.isModified());
        }
        QVERIFY(ws.conflicts().isEmpty());
    }

    void externalAdditionsAndDeletions()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        const qsizetype before = ws.snapshot().events().size();
        QSignalSpy changed(&ws, &Workspace::snapshotChanged);
        writeFile(QDir(root).filePath(QStringLiteral("events/zz-new.yaml")), "name: new\ndiscriminator: d\n");
        QTRY_VERIFY_WITH_TIMEOUT(ws.snapshot().file(QStringLiteral("events/zz-new.yaml")), 5000);
        QCOMPARE(ws.snapshot().events().size(), before + 1);

        // Deleted elsewhere while edited here: the edits stay, as a new unsaved file, and we are told.
        const QString edited = QStringLiteral("events/ping.yaml");
        QVERIFY(ws.setText(edited, ws.text(edited) + "# edit\n"));
        QSignalSpy conflicts(&ws, &Workspace::externalConflict);
        QVERIFY(QFile::remove(QDir(root).filePath(edited)));
        QVERIFY(QFile::remove(QDir(root).filePath(QStringLiteral("events/hello-world.yaml"))));
        QTRY_VERIFY_WITH_TIMEOUT(!ws.snapshot().file(QStringLiteral("events/hello-world.yaml")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(conflicts.count(), 1, 5000);
        QVERIFY(ws.snapshot().file(edited));
        QVERIFY(ws.isModified(edited));
        QVERIFY(ws.save(&error));
        QVERIFY(readFile(QDir(root).filePath(edited)).endsWith("# edit\n"));
    }

    void ourOwnSavesAreNotExternalChanges()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        QSignalSpy replaced(&ws, &Workspace::textReplaced);
        QSignalSpy conflicts(&ws, &Workspace::externalConflict);
        const QString path = QStringLiteral("events/ping.yaml");
        QVERIFY(ws.setText(path, ws.text(path) + "# 1\n"));
        QVERIFY(ws.save(&error));
        // Then an external change: if our own save had been mistaken for one, it would show first.
        writeFile(QDir(root).filePath(path), "name: external\n");
        QVERIFY(replaced.wait(5000));
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(conflicts.count(), 0);
        QCOMPARE(ws.snapshot().file(path)->event->name, QStringLiteral("external"));
    }

    void unsavedEditsSurviveACrash()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        const QString path = QStringLiteral("manifests/event-consumer.yaml");
        QByteArray edited;
        QString created;
        QString error;
        {
            Workspace ws;
            QVERIFY(ws.open(root, &error));
            edited = ws.text(path).replace("payload.appellation != \"\"", "payload.appellation == \"x\"");
            QVERIFY(ws.setText(path, edited));
            created = ws.createEvent({QStringLiteral("fresh"), {}, QStringLiteral("argo"), {}, {}, {}});
            QVERIFY(ws.writeAutosave()); // what the timer does while the user types
            // A crash: the process ends without saving; simulate it by dropping the folder state.
            QVERIFY(QFileInfo::exists(QDir(root).filePath(Workspace::autosaveFolderName() + QStringLiteral("/") + path)));
            ws.close();
        }
        Workspace ws;
        QVERIFY(ws.open(root, &error));
        QCOMPARE(ws.recoverableFiles(), (QStringList{created, path}));
        QVERIFY(!ws.isModified());
        QSignalSpy replaced(&ws, &Workspace::textReplaced);
        ws.recoverAutosave();
        QCOMPARE(replaced.count(), 2);
        QCOMPARE(ws.text(path), edited);
        QVERIFY(ws.isModified(path));
        QVERIFY(ws.contains(created));
        QVERIFY(ws.save(&error));
        QVERIFY(!QFileInfo::exists(QDir(root).filePath(Workspace::autosaveFolderName())));
    }

    void autosaveRunsAfterQuietTime()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        ws.setAutosaveInterval(10);
        const QString path = QStringLiteral("events/ping.yaml");
        QVERIFY(ws.setText(path, "name: typed\n"));
        const QString copy = QDir(root).filePath(Workspace::autosaveFolderName() + QStringLiteral("/") + path);
        QTRY_COMPARE_WITH_TIMEOUT(readFile(copy), QByteArray("name: typed\n"), 5000);
        ws.revert(path);
        QVERIFY(!QFileInfo::exists(copy));
        QCOMPARE(ws.snapshot().file(path)->event->name, QStringLiteral("GitHub ping"));
    }

    void saveAsMovesTheWorkspace()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        const QString path = QStringLiteral("events/ping.yaml");
        QVERIFY(ws.setText(path, "name: moved\n"));
        const QString target = dir.filePath(QStringLiteral("copy"));
        QVERIFY2(ws.saveAs(target, &error), qPrintable(error));
        QCOMPARE(ws.rootPath(), QDir(target).canonicalPath());
        QVERIFY(!ws.isModified());
        QCOMPARE(readFile(QDir(target).filePath(path)), QByteArray("name: moved\n"));
        QVERIFY(readFile(QDir(root).filePath(path)).contains("GitHub ping")); // the original is untouched
        Workspace original;
        QVERIFY(original.open(root, &error));
        QCOMPARE(ws.files(), original.files());
        // Refuses to overwrite another workspace.
        QVERIFY(!ws.saveAs(root, &error));
        QVERIFY(error.contains(QStringLiteral("already holds")));
    }

    void snapshotsAreImmutable()
    {
        QTemporaryDir dir;
        const QString root = copyExample(dir);
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        const WorkspaceSnapshot before = ws.snapshot();
        const QString path = QStringLiteral("events/ping.yaml");
        QVERIFY(ws.setText(path, "name: changed\n"));
        const WorkspaceSnapshot after = ws.snapshot();
        QVERIFY(after.revision() > before.revision());
        QCOMPARE(before.file(path)->event->name, QStringLiteral("GitHub ping"));
        QCOMPARE(after.file(path)->event->name, QStringLiteral("changed"));
        QVERIFY(!before.isModified(path));
        QVERIFY(after.isModified(path));
        // Untouched files are shared, not copied.
        QCOMPARE(before.file(QStringLiteral("events/hello-world.yaml")).get(),
                 after.file(QStringLiteral("events/hello-world.yaml")).get());
    }
};

BINDERY_TEST_MAIN(TestWorkspace)
#include "test_workspace.moc"
