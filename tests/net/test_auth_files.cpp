// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/token_auth.h"
#include "net/webhook_verifier.h"

using namespace bindery::net;

class TestAuthFiles : public QObject
{
    Q_OBJECT
private slots:
    void tokens()
    {
        QString error;
        const auto auth = TokenAuth::fromYaml("tokens:\n"
                                              "  - token: \"s3cr3t\"\n"
                                              "    serviceAccount: demo\n"
                                              "    claims: {sub: \"demo\", email: \"demo@example.com\"}\n"
                                              "    namespaces: [\"argo\"]\n"
                                              "    can: [listBindings, createWorkflows]\n"
                                              "  - token: \"s3cr3u\"\n"
                                              "    serviceAccount: other\n",
                                              &error);
        QVERIFY2(auth, qPrintable(error));
        QCOMPARE(auth->size(), 2);
        const auto demo = auth->authenticate("Bearer s3cr3t");
        QVERIFY(demo);
        QCOMPARE(demo->serviceAccount, QStringLiteral("demo"));
        QVERIFY(demo->can(Permission::ListBindings, QStringLiteral("argo")));
        QVERIFY(!demo->can(Permission::ListBindings, QStringLiteral("prod")));
        QVERIFY(!demo->can(Permission::GetTemplates, QStringLiteral("argo")));
        QCOMPARE(auth->authenticate("Bearer s3cr3u")->serviceAccount, QStringLiteral("other"));
        QVERIFY(auth->authenticate("Bearer s3cr3u")->can(Permission::All, QStringLiteral("any"))); // defaults: all four, "*"
        QVERIFY(!auth->authenticate("Bearer s3cr3"));
        QVERIFY(!auth->authenticate("s3cr3t")); // not a bearer token
        QVERIFY(!auth->authenticate("Basic s3cr3t"));
        QVERIFY(auth->forServiceAccount(QStringLiteral("other")));
        QVERIFY(!auth->forServiceAccount(QStringLiteral("nobody")));
    }
    void tokenErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not yaml") << QByteArray("tokens: [") << QStringLiteral("line 1");
        QTest::newRow("no tokens list") << QByteArray("foo: 1") << QStringLiteral("\"tokens\" list");
        QTest::newRow("empty token") << QByteArray("tokens:\n  - token: \"\"\n") << QStringLiteral("line 2, column 5: each entry needs a non-empty \"token\"");
        QTest::newRow("unknown permission") << QByteArray("tokens:\n  - token: a\n    can: [deleteEverything]\n")
                                            << QStringLiteral("line 3, column 11: unknown permission \"deleteEverything\"");
    }
    void tokenErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!TokenAuth::fromYaml(yaml, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }
    void clientErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not a mapping") << QByteArray("- a") << QStringLiteral("namespace");
        QTest::newRow("unknown type") << QByteArray("argo:\n  sa:\n    type: svn\n") << QStringLiteral("line 3, column 11: client \"sa\": unknown type \"svn\"");
        QTest::newRow("no type") << QByteArray("argo:\n  sa:\n    secret: x\n") << QStringLiteral("expected {type, secret}");
    }
    void clientErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!WebhookVerifier::fromYaml(yaml, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }
    // Argo's interceptor_test vectors (events-spec.md §4.3), body {} and secret "sh!".
    void providers_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("headers"); // "Name: value" lines
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("matches");
        const QByteArray sig = "926ceeb8dcd67d5979fd7d726e3905af6d220f7fd6b2d8cce946906f7cf35963";
        const int gh = int(WebhookVerifier::Type::GitHub), gl = int(WebhookVerifier::Type::GitLab),
                  bb = int(WebhookVerifier::Type::Bitbucket), bbs = int(WebhookVerifier::Type::BitbucketServer);
        QTest::newRow("github") << gh << QByteArray("sh!") << "X-Github-Event: push\nX-Hub-Signature-256: sha256=" + sig << QByteArray("{}") << true;
        QTest::newRow("github no prefix") << gh << QByteArray("sh!") << "X-Github-Event: push\nX-Hub-Signature-256: " + sig << QByteArray("{}") << true;
        QTest::newRow("github uppercase hex") << gh << QByteArray("sh!") << "X-Github-Event: push\nX-Hub-Signature-256: sha256=" + sig.toUpper() << QByteArray("{}") << false;
        QTest::newRow("github no signature") << gh << QByteArray("sh!") << QByteArray("X-Github-Event: push") << QByteArray("{}") << false;
        QTest::newRow("github empty secret skips check") << gh << QByteArray() << QByteArray("X-Github-Event: push") << QByteArray("{}") << true;
        QTest::newRow("github empty body") << gh << QByteArray() << QByteArray("X-Github-Event: push") << QByteArray() << false;
        QTest::newRow("github form body") << gh << QByteArray() << QByteArray("X-Github-Event: push") << QByteArray("payload=%7B%7D") << false;
        QTest::newRow("github trailing garbage") << gh << QByteArray() << QByteArray("X-Github-Event: push") << QByteArray("{} x") << false;
        QTest::newRow("gitlab") << gl << QByteArray("sh!") << QByteArray("X-Gitlab-Event: Push Hook\nX-Gitlab-Token: sh!") << QByteArray("{}") << true;
        QTest::newRow("gitlab deployment hook") << gl << QByteArray("sh!") << QByteArray("X-Gitlab-Event: Deployment Hook\nX-Gitlab-Token: sh!") << QByteArray("{}") << false;
        QTest::newRow("gitlab empty secret needs empty token") << gl << QByteArray() << QByteArray("X-Gitlab-Event: Push Hook\nX-Gitlab-Token: x") << QByteArray("{}") << false;
        QTest::newRow("bitbucket") << bb << QByteArray("sh!") << QByteArray("X-Event-Key: repo:push\nX-Hook-UUID: sh!") << QByteArray("{}") << true;
        QTest::newRow("bitbucket wrong uuid") << bb << QByteArray("sh!") << QByteArray("X-Event-Key: repo:push\nX-Hook-UUID: no") << QByteArray("{}") << false;
        QTest::newRow("bitbucket server") << bbs << QByteArray("sh!") << "X-Event-Key: pr:modified\nX-Hub-Signature: 0000000" + sig << QByteArray("{}") << true;
        QTest::newRow("bitbucket server ping") << bbs << QByteArray("sh!") << "X-Event-Key: diagnostics:ping\nX-Hub-Signature: sha256=" + sig << QByteArray("{}") << false;
        QTest::newRow("bitbucket server short header") << bbs << QByteArray("sh!") << QByteArray("X-Event-Key: pr:modified\nX-Hub-Signature: abc") << QByteArray("{}") << false;
    }
    void providers()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, body);
        QFETCH(bool, matches);
        HttpRequest request;
        request.method = "POST";
        request.body = body;
        for (const QByteArray &line : headers.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            request.headers.append({line.left(colon), line.mid(colon + 2)});
        }
        const WebhookVerifier::Client client{QStringLiteral("sa"), static_cast<WebhookVerifier::Type>(type), secret};
        QCOMPARE(WebhookVerifier::matches(client, request), matches);
        request.method = "PUT";
        QVERIFY(!WebhookVerifier::matches(client, request));
    }
};

BINDERY_TEST_MAIN(TestAuthFiles)
#include "test_auth_files.moc"
