// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "workspace/workspace_locator.h"

#include <QTemporaryDir>

using bindery::workspace::WorkspaceLocator;

class TestWorkspaceLocator : public QObject
{
    Q_OBJECT
private slots:
    void folderWithoutIndexIsNoWorkspace()
    {
        QTemporaryDir dir;
        QVERIFY(!WorkspaceLocator::isWorkspace(dir.path()));
        QFile index(QDir(dir.path()).filePath(WorkspaceLocator::indexFileName()));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("version: 1\n");
        index.close();
        QVERIFY(WorkspaceLocator::isWorkspace(dir.path()));
    }
    void findsTheExampleInTheBuildTree()
    {
        const QString found = WorkspaceLocator::exampleWorkspace(bindery::test::binaryDir() + QStringLiteral("/bin"));
        QVERIFY2(!found.isEmpty(), "the example workspace should be found from the build tree");
        QVERIFY(WorkspaceLocator::isWorkspace(found));
    }
};

BINDERY_TEST_MAIN(TestWorkspaceLocator)
#include "test_workspace_locator.moc"
