// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bindery::net {

// The three (four) Kubernetes calls an event makes in Argo, which RBAC allows or forbids, and the
// template writes of the REST API (POST/PUT /api/v1/workflow-templates/...).
enum class Permission : unsigned {
    ListBindings = 1,
    GetTemplates = 2,
    GetClusterTemplates = 4,
    CreateWorkflows = 8,
    CreateTemplates = 16,
    UpdateTemplates = 32,
    All = 63,
};

// Who a request acts as.
struct Identity {
    QString serviceAccount;
    QJsonObject claims; // sub, email, preferred_username... (creator labels)
    QStringList namespaces{QStringLiteral("*")};
    unsigned permissions = static_cast<unsigned>(Permission::All);
    bool anonymous = true;

    bool can(Permission p, const QString &ns) const;
    // The Kubernetes user name RBAC messages show.
    QString userName(const QString &ns) const;
    // Kubernetes' Forbidden message, as Argo passes it on, e.g.
    // `workfloweventbindings.argoproj.io is forbidden: User "..." cannot list resource ...`.
    QString forbiddenMessage(const QString &verb, const QString &resource, const QString &ns,
                             const QString &name = {}) const;
};

// The tokens file (DESIGN.md "The hosted endpoint"). Tokens are compared in constant time: the
// presented token's SHA-256 is compared with every entry's, all bytes, without early exit.
class TokenAuth
{
public:
    static std::optional<TokenAuth> fromYaml(const QByteArray &yaml, QString *error);
    static std::optional<TokenAuth> load(const QString &path, QString *error);

    // The identity for an Authorization header value ("Bearer <token>"); nullopt when unknown.
    std::optional<Identity> authenticate(QByteArrayView authorization) const;
    // The identity of a service account (a webhook that verified acts as it).
    std::optional<Identity> forServiceAccount(const QString &name) const;
    int size() const { return static_cast<int>(m_entries.size()); }

private:
    struct Entry {
        QByteArray tokenHash;
        Identity identity;
    };
    std::vector<Entry> m_entries;
};

} // namespace bindery::net
