// SPDX-License-Identifier: Apache-2.0
// The real keychain path: QtKeychain against a Secret Service (gnome-keyring in a private D-Bus
// session, see tests/common/with_keyring.sh). Tokens typed into a target go to the keychain, never
// to the settings file, and are read back from it when Bindery sends to that target.
#include "bindery_test.h"
#include "push_workspace.h"
#include "ui/consoles/consoles_controller.h"
#include "ui/consoles/endpoint_console.h"
#include "ui/consoles/endpoint_host.h"
#include "ui/consoles/replay_console.h"
#include "ui/consoles/server_profiles.h"
#include "ui/consoles/targets_view.h"
#include "workspace/workspace.h"

#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bindery;
using namespace bindery::ui;
using bindery::test::kPushManifests;
using bindery::test::writeFile;

namespace {

const QByteArray kToken = "tok-from-the-keychain-7f3a";

// Runs a keychain job to completion; QtKeychain answers through the event loop.
struct Answer {
    bool done = false, ok = false;
    QByteArray secret;
    QString error;
};

Answer writeSecret(SecretStore &store, const QString &key, const QByteArray &secret)
{
    Answer a;
    store.write(key, secret, [&a](bool ok, const QString &error) { a = { true, ok, {}, error }; });
    if (!QTest::qWaitFor([&a] { return a.done; }, 30'000))
        a.error = QStringLiteral("the keychain did not answer within 30 s");
    return a;
}

Answer readSecret(SecretStore &store, const QString &key)
{
    Answer a;
    store.read(key, [&a](bool ok, const QByteArray &secret, const QString &error) {
        a = { true, ok, secret, error };
    });
    if (!QTest::qWaitFor([&a] { return a.done; }, 30'000))
        a.error = QStringLiteral("the keychain did not answer within 30 s");
    return a;
}

Answer removeSecret(SecretStore &store, const QString &key)
{
    Answer a;
    store.remove(key, [&a](bool ok, const QString &error) { a = { true, ok, {}, error }; });
    if (!QTest::qWaitFor([&a] { return a.done; }, 30'000))
        a.error = QStringLiteral("the keychain did not answer within 30 s");
    return a;
}

net::CaptureRecord pushRecord()
{
    net::CaptureRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.ns = QStringLiteral("argo");
    r.discriminator = QStringLiteral("demo");
    r.headers = { { "Content-Type", "application/json" } };
    r.body = "{\"action\": \"push\"}";
    return r;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SecretStore probe(QStringLiteral("BinderyTest"));
        const Answer a = writeSecret(probe, QStringLiteral("probe"), "x");
        if (a.ok) {
            removeSecret(probe, QStringLiteral("probe"));
            return;
        }
        // Under with_keyring.sh the keychain must work: a failure there is a real failure.
        if (qEnvironmentVariableIsSet("BINDERY_REQUIRE_KEYCHAIN"))
            QFAIL(qPrintable(QStringLiteral("no keychain although one was started: %1").arg(a.error)));
        QSKIP("no system keychain (Secret Service) here; run through tests/common/with_keyring.sh");
    }

    void secretsRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("token") << QByteArray("eyJhbGciOiJSUzI1NiJ9.e30.sig");
        QTest::newRow("bearer prefix kept as typed") << QByteArray("Bearer abc def");
        QTest::newRow("utf-8") << QByteArray("s\xc3\xa9\xc3\xa7r\xc3\xa8t \xe2\x9c\x93");
        QTest::newRow("binary bytes") << QByteArray("\x00\x01\xff\xfe\n\r", 6);
        QTest::newRow("8 KiB") << QByteArray(8192, 'k');
    }

    void secretsRoundTrip()
    {
        QFETCH(QByteArray, secret);
        const QString key = SecretStore::tokenKey(QStringLiteral("round-trip"));
        {
            SecretStore store(QStringLiteral("BinderyTest"));
            const Answer w = writeSecret(store, key, secret);
            QVERIFY2(w.ok, qPrintable(w.error));
        }
        // A fresh store (as after a restart) reads it from the keychain, not from memory.
        SecretStore again(QStringLiteral("BinderyTest"));
        QVERIFY(!again.sessionSecret(key));
        const Answer r = readSecret(again, key);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.secret, secret);
        QVERIFY(removeSecret(again, key).ok);
        const Answer gone = readSecret(again, key);
        QVERIFY(gone.ok); // a missing entry is not an error
        QVERIFY(gone.secret.isEmpty());
    }

    // The whole path a user takes: host an endpoint that requires a token, add a target for it,
    // type the token, save; Bindery then authenticates with the token it reads from the keychain,
    // and the token is nowhere in the settings file.
    void targetTokenLivesInTheKeychain()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("ws"));
        const QString tokens = dir.filePath(QStringLiteral("tokens.yaml"));
        workspace::Workspace ws;
        QString error;
        QVERIFY2(workspace::Workspace::create(root, QStringLiteral("keychain"), &error), qPrintable(error));
        QVERIFY(writeFile(root + QStringLiteral("/manifests/push.yaml"), kPushManifests));
        QVERIFY(writeFile(tokens,
            "tokens:\n  - token: \"" + kToken
                + "\"\n    serviceAccount: demo\n    namespaces: [\"argo\"]\n"));
        QVERIFY2(ws.open(root, &error), qPrintable(error));
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsolesController consoles(&ws, &settings);

        EndpointSettings s;
        s.port = 0;
        s.tokensFile = tokens;
        consoles.endpointConsole()->setSettings(s);
        QVERIFY(consoles.endpointConsole()->startHosting());

        ServerProfile p;
        p.name = QStringLiteral("secured");
        p.url = consoles.host()->url();
        p.ns = QStringLiteral("argo");
        QVERIFY2(consoles.profiles()->put(p, &error), qPrintable(error));
        ReplayConsole *replay = consoles.replayConsole();
        replay->setTargets(consoles.profiles()->names());
        replay->setCurrentTarget(p.name);

        // No token stored yet: the endpoint refuses the post. Without Authorization Argo tries the
        // webhook clients, and with none configured that is 403 (events-spec.md §1.6).
        QSignalSpy sent(replay, &ReplayConsole::eventSent);
        replay->send({ pushRecord() });
        QVERIFY(sent.wait(15'000));
        QCOMPARE(sent.takeFirst().first().value<HistoryEntry>().status, 403);

        TargetsView *targets = consoles.targetsView();
        targets->findChild<QListWidget *>()->setCurrentRow(0);
        QLineEdit *token = nullptr;
        for (QLineEdit *e : targets->findChildren<QLineEdit *>())
            if (e->echoMode() == QLineEdit::Password && !token)
                token = e; // the first password field is the token, the second the webhook secret
        QVERIFY(token);
        token->setText(QString::fromUtf8(kToken));
        targets->saveCurrent();
        QVERIFY(token->text().isEmpty()); // not left in the form either

        // The keychain has it (read by a separate store, so not from the controller's memory).
        SecretStore reader;
        QTRY_COMPARE_WITH_TIMEOUT(readSecret(reader, SecretStore::tokenKey(p.name)).secret, kToken, 30'000);
        QVERIFY(!consoles.secrets()->sessionSecret(SecretStore::tokenKey(p.name)));

        replay->send({ pushRecord() });
        QVERIFY(sent.wait(15'000));
        QCOMPARE(sent.takeFirst().first().value<HistoryEntry>().status, 200);

        settings.sync();
        QFile ini(settings.fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray stored = ini.readAll();
        QVERIFY(stored.contains("secured")); // the profile is there...
        QVERIFY(!stored.contains(kToken)); // ...its token is not

        QVERIFY(removeSecret(reader, SecretStore::tokenKey(p.name)).ok);
        consoles.endpointConsole()->stopHosting();
    }
};

BINDERY_TEST_MAIN(TestKeychain)
#include "test_keychain.moc"
