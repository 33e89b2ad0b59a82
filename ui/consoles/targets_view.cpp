// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/targets_view.h"

#include "ui/consoles/hosted_catalog.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

#include <memory>

namespace bindery::ui {

TargetsView::TargetsView(ServerProfiles *profiles, SecretStore *secrets, workspace::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("targetsView"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *left = new QVBoxLayout;
    m_list = new QListWidget(this);
    left->addWidget(m_list, 1);
    auto *add = new QPushButton(tr("New target"), this);
    auto *remove = new QPushButton(tr("Delete"), this);
    left->addWidget(add);
    left->addWidget(remove);
    layout->addLayout(left, 1);

    auto *right = new QVBoxLayout;
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("https://argo.example.com:2746"));
    m_ns = new QLineEdit(QStringLiteral("argo"), this);
    m_insecure = new QCheckBox(tr("Skip TLS verification (insecure)"), this);
    m_ca = new QLineEdit(this);
    m_ca->setPlaceholderText(tr("extra CA certificates (PEM file)"));
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("unchanged"));
    m_webhookSecret = new QLineEdit(this);
    m_webhookSecret->setEchoMode(QLineEdit::Password);
    m_webhookSecret->setPlaceholderText(tr("unchanged"));
    m_useKeychain = new QCheckBox(tr("Store secrets in the system keychain"), this);
    m_useKeychain->setChecked(true);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("URL"), m_url);
    form->addRow(tr("Namespace"), m_ns);
    form->addRow(QString(), m_insecure);
    form->addRow(tr("CA file"), m_ca);
    form->addRow(tr("Token"), m_token);
    form->addRow(tr("Webhook secret"), m_webhookSecret);
    form->addRow(QString(), m_useKeychain);
    right->addLayout(form);
    auto *buttons = new QHBoxLayout;
    auto *save = new QPushButton(tr("Save"), this);
    auto *test = new QPushButton(tr("Test connection"), this);
    auto *import = new QPushButton(tr("Import templates && bindings"), this);
    buttons->addWidget(save);
    buttons->addWidget(test);
    buttons->addWidget(import);
    buttons->addStretch(1);
    right->addLayout(buttons);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("targetsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(m_message);
    m_keepForSession = new QPushButton(tr("Keep for this session only"), this);
    m_keepForSession->hide();
    right->addWidget(m_keepForSession, 0, Qt::AlignLeft);
    right->addStretch(1);
    layout->addLayout(right, 3);

    auto refresh = [this] {
        const QString current = m_list->currentItem() ? m_list->currentItem()->text() : QString();
        // Repopulating must not reload the form (it may hold secrets being saved).
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        m_list->addItems(m_profiles->names());
        const auto found = m_list->findItems(current, Qt::MatchExactly);
        if (!found.isEmpty())
            m_list->setCurrentItem(found.first());
    };
    refresh();
    connect(m_profiles, &ServerProfiles::changed, this, refresh);
    connect(m_list, &QListWidget::currentTextChanged, this, &TargetsView::load);
    connect(add, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        load({});
        m_name->setFocus();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (!m_list->currentItem())
            return;
        const QString name = m_list->currentItem()->text();
        m_profiles->remove(name);
        for (const QString &key : {SecretStore::tokenKey(name), SecretStore::webhookSecretKey(name)})
            m_secrets->remove(key, [this](bool ok, const QString &error) {
                if (!ok)
                    say(tr("Could not remove the secret from the keychain: %1").arg(error), true);
            });
    });
    connect(save, &QPushButton::clicked, this, &TargetsView::saveCurrent);
    connect(test, &QPushButton::clicked, this, &TargetsView::testConnection);
    connect(import, &QPushButton::clicked, this, &TargetsView::importFromServer);
    connect(m_keepForSession, &QPushButton::clicked, this, [this] {
        for (auto it = m_unstored.begin(); it != m_unstored.end(); ++it)
            m_secrets->keepForSession(it.key(), it.value());
        m_unstored.clear();
        m_keepForSession->hide();
        m_useKeychain->setChecked(false);
        say(tr("Secrets kept in memory for this session; they are gone when Bindery quits."));
    });
}

void TargetsView::load(const QString &name)
{
    const ServerProfile p = m_profiles->find(name).value_or(ServerProfile{});
    m_name->setText(p.name);
    m_url->setText(p.url.toString());
    m_ns->setText(p.ns);
    m_insecure->setChecked(p.insecure);
    m_ca->setText(p.caFile);
    m_token->clear();
    m_webhookSecret->clear();
}

ServerProfile TargetsView::formProfile() const
{
    ServerProfile p;
    p.name = m_name->text().trimmed();
    p.url = QUrl(m_url->text().trimmed());
    p.ns = m_ns->text().trimmed();
    p.insecure = m_insecure->isChecked();
    p.caFile = m_ca->text().trimmed();
    return p;
}

void TargetsView::say(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
    m_message->setText(text);
    emit message(text);
}

QString TargetsView::messageText() const
{
    return m_message->text();
}

void TargetsView::storeSecret(const QString &key, const QByteArray &secret)
{
    if (!m_useKeychain->isChecked()) {
        m_secrets->keepForSession(key, secret);
        return;
    }
    m_secrets->write(key, secret, [this, key, secret](bool ok, const QString &error) {
        if (ok)
            return;
        m_unstored.insert(key, secret);
        say(SecretStore::unavailableMessage(error), true);
        m_keepForSession->show();
    });
}

void TargetsView::saveCurrent()
{
    const ServerProfile p = formProfile();
    const QByteArray token = m_token->text().toUtf8(), webhookSecret = m_webhookSecret->text().toUtf8();
    QString error;
    if (!m_profiles->put(p, &error)) {
        say(error, true);
        return;
    }
    say(tr("Saved %1").arg(p.name));
    if (!token.isEmpty())
        storeSecret(SecretStore::tokenKey(p.name), token);
    if (!webhookSecret.isEmpty())
        storeSecret(SecretStore::webhookSecretKey(p.name), webhookSecret);
    m_token->clear();
    m_webhookSecret->clear();
}

void TargetsView::resolve(const QString &name,
                          std::function<void(std::optional<ServerProfile>, QByteArray, QByteArray, QString)> done)
{
    const auto profile = m_profiles->find(name);
    if (!profile) {
        done(std::nullopt, {}, {}, tr("No target named %1").arg(name));
        return;
    }
    m_secrets->read(SecretStore::tokenKey(name), [this, profile, name, done](bool ok, QByteArray token, QString error) {
        if (!ok) // no keychain: continue without a stored token (the server may allow anonymous access)
            token.clear();
        m_secrets->read(SecretStore::webhookSecretKey(name), [profile, token, done, ok, error](bool ok2, QByteArray secret, QString) {
            done(profile, token, ok2 ? secret : QByteArray(), ok ? QString() : error);
        });
    });
}

void TargetsView::testConnection()
{
    const ServerProfile p = formProfile();
    say(tr("Connecting to %1…").arg(p.url.toString()));
    auto run = [this, p](QByteArray token) {
        auto *client = new net::ArgoClient(this);
        client->setOptions(p.connection(token));
        client->setNamespace(p.ns);
        net::ArgoCall *call = client->listWorkflowEventBindings();
        connect(call, &net::ArgoCall::finished, this, [this, call, client, p] {
            const net::ArgoResult &r = call->result();
            if (r.ok())
                say(tr("Connected to %1: %2 bindings in namespace %3 (%4 ms)")
                        .arg(p.url.toString()).arg(call->items().size()).arg(p.ns).arg(double(r.latencyUs) / 1000.0, 0, 'f', 0));
            else
                say(tr("%1: %2").arg(net::netErrorKindName(r.error), r.message), true);
            call->deleteLater();
            client->deleteLater();
        });
    };
    if (!m_token->text().isEmpty())
        run(m_token->text().toUtf8());
    else
        m_secrets->read(SecretStore::tokenKey(p.name), [run](bool, QByteArray token, QString) { run(token); });
}

void TargetsView::importFromServer()
{
    const ServerProfile p = formProfile();
    if (!m_workspace || !m_workspace->isOpen()) {
        say(tr("Open a workspace first"), true);
        return;
    }
    m_secrets->read(SecretStore::tokenKey(p.name), [this, p](bool, QByteArray token, QString) {
        if (!m_token->text().isEmpty())
            token = m_token->text().toUtf8();
        auto *client = new net::ArgoClient(this);
        client->setOptions(p.connection(token));
        client->setNamespace(p.ns);
        auto pending = std::make_shared<int>(2);
        auto imported = std::make_shared<int>(0);
        auto errors = std::make_shared<QStringList>();
        for (net::ArgoCall *call : {client->listWorkflowTemplates(), client->listWorkflowEventBindings()}) {
            connect(call, &net::ArgoCall::finished, this, [this, call, client, pending, imported, errors] {
                if (call->result().ok()) {
                    for (const QJsonObject &item : call->items()) {
                        const QString name = item.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
                        m_workspace->createManifest(name.isEmpty() ? QStringLiteral("imported") : name, toYamlText(item).toUtf8());
                        ++*imported;
                    }
                } else {
                    *errors << call->result().message;
                }
                call->deleteLater();
                if (--*pending == 0) {
                    client->deleteLater();
                    say(errors->isEmpty() ? tr("Imported %1 manifests (unsaved: review and save them)").arg(*imported)
                                          : tr("Imported %1 manifests; errors: %2").arg(*imported).arg(errors->join(QStringLiteral("; "))),
                        !errors->isEmpty());
                }
            });
        }
    });
}

} // namespace bindery::ui
