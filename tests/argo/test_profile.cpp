// SPDX-License-Identifier: Apache-2.0
#include "argo/profile.h"
#include "bindery_test.h"

class TestProfile : public QObject
{
    Q_OBJECT
private slots:
    void defaultsFollowArgoV41()
    {
        // Argo v4.1.2 dispatches synchronously; its async queue holds 16 with 4 workers.
        const auto &p = bindery::argo::defaultProfile();
        QCOMPARE(QString::fromStdString(p.id), QStringLiteral("v4.1"));
        QVERIFY(!p.asyncDispatch);
        QCOMPARE(p.queueSize, 16);
        QCOMPARE(p.workers, 4);
    }
    void docsProfileIsAsyncWithQueue64()
    {
        const auto p = bindery::argo::profileById("docs-async");
        QVERIFY(p.has_value());
        QVERIFY(p->asyncDispatch);
        QCOMPARE(p->queueSize, 64);
    }
    void unknownProfile()
    {
        QVERIFY(!bindery::argo::profileById("v9").has_value());
    }
};

BINDERY_TEST_MAIN(TestProfile)
#include "test_profile.moc"
