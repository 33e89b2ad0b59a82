// SPDX-License-Identifier: Apache-2.0
#include "net/token_auth.h"

#include <QCryptographicHash>
#include <QFile>

#include <yaml-cpp/yaml.h>

namespace bindery::net {

namespace {

QString yamlError(const YAML::Exception &e)
{
    return QStringLiteral("line %1, column %2: %3")
        .arg(e.mark.line + 1)
        .arg(e.mark.column + 1)
        .arg(QString::fromStdString(e.msg));
}

QString at(const YAML::Node &n)
{
    return QStringLiteral("line %1, column %2").arg(n.Mark().line + 1).arg(n.Mark().column + 1);
}

} // namespace

bool Identity::can(Permission p, const QString &ns) const
{
    if (!(permissions & static_cast<unsigned>(p)))
        return false;
    if (p == Permission::GetClusterTemplates)
        return true; // cluster-scoped: a ClusterRole, not a namespace
    return namespaces.contains(QStringLiteral("*")) || namespaces.contains(ns);
}

QString Identity::userName(const QString &ns) const
{
    const QString sub = claims.value(QStringLiteral("sub")).toString();
    if (sub.startsWith(QStringLiteral("system:serviceaccount:")))
        return sub;
    return QStringLiteral("system:serviceaccount:%1:%2").arg(ns, serviceAccount.isEmpty() ? QStringLiteral("default") : serviceAccount);
}

QString Identity::forbiddenMessage(const QString &verb, const QString &resource, const QString &ns,
                                   const QString &name) const
{
    const QString object = name.isEmpty() ? QStringLiteral("%1.argoproj.io").arg(resource)
                                          : QStringLiteral("%1.argoproj.io \"%2\"").arg(resource, name);
    QString msg = QStringLiteral("%1 is forbidden: User \"%2\" cannot %3 resource \"%4\" in API group \"argoproj.io\"")
                      .arg(object, userName(ns), verb, resource);
    if (resource == QStringLiteral("clusterworkflowtemplates"))
        msg += QStringLiteral(" at the cluster scope");
    else
        msg += QStringLiteral(" in the namespace \"%1\"").arg(ns);
    return msg;
}

std::optional<TokenAuth> TokenAuth::fromYaml(const QByteArray &yaml, QString *error)
{
    auto fail = [error](const QString &m) -> std::optional<TokenAuth> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    TokenAuth auth;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        const YAML::Node tokens = root["tokens"];
        if (!root.IsMap() || !tokens || !tokens.IsSequence())
            return fail(QStringLiteral("line 1: expected a mapping with a \"tokens\" list"));
        for (const auto &t : tokens) {
            if (!t.IsMap() || !t["token"] || !t["token"].IsScalar() || t["token"].as<std::string>().empty())
                return fail(at(t) + QStringLiteral(": each entry needs a non-empty \"token\""));
            Entry e;
            e.tokenHash = QCryptographicHash::hash(QByteArray::fromStdString(t["token"].as<std::string>()),
                                                   QCryptographicHash::Sha256);
            e.identity.anonymous = false;
            if (t["serviceAccount"])
                e.identity.serviceAccount = QString::fromStdString(t["serviceAccount"].as<std::string>());
            if (const auto claims = t["claims"]) {
                if (!claims.IsMap())
                    return fail(at(claims) + QStringLiteral(": \"claims\" must be a mapping"));
                for (const auto &kv : claims)
                    e.identity.claims.insert(QString::fromStdString(kv.first.as<std::string>()),
                                             QString::fromStdString(kv.second.as<std::string>()));
            }
            if (const auto ns = t["namespaces"]) {
                if (!ns.IsSequence())
                    return fail(at(ns) + QStringLiteral(": \"namespaces\" must be a list"));
                e.identity.namespaces.clear();
                for (const auto &n : ns)
                    e.identity.namespaces.append(QString::fromStdString(n.as<std::string>()));
            }
            if (const auto can = t["can"]) {
                if (!can.IsSequence())
                    return fail(at(can) + QStringLiteral(": \"can\" must be a list"));
                e.identity.permissions = 0;
                for (const auto &c : can) {
                    const std::string s = c.as<std::string>();
                    if (s == "listBindings") e.identity.permissions |= unsigned(Permission::ListBindings);
                    else if (s == "getTemplates") e.identity.permissions |= unsigned(Permission::GetTemplates);
                    else if (s == "getClusterTemplates") e.identity.permissions |= unsigned(Permission::GetClusterTemplates);
                    else if (s == "createWorkflows") e.identity.permissions |= unsigned(Permission::CreateWorkflows);
                    else if (s == "createTemplates") e.identity.permissions |= unsigned(Permission::CreateTemplates);
                    else if (s == "updateTemplates") e.identity.permissions |= unsigned(Permission::UpdateTemplates);
                    else
                        return fail(at(c) + QStringLiteral(": unknown permission \"%1\" (listBindings, getTemplates, "
                                                           "getClusterTemplates, createWorkflows, createTemplates, "
                                                           "updateTemplates)")
                                                .arg(QString::fromStdString(s)));
                }
            }
            auth.m_entries.push_back(std::move(e));
        }
    } catch (const YAML::Exception &e) {
        return fail(yamlError(e));
    }
    return auth;
}

std::optional<TokenAuth> TokenAuth::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QString inner;
    auto auth = fromYaml(f.readAll(), &inner);
    if (!auth && error)
        *error = QStringLiteral("%1: %2").arg(path, inner);
    return auth;
}

std::optional<Identity> TokenAuth::authenticate(QByteArrayView authorization) const
{
    // Argo's client mode takes "Bearer <token>"; anything else is not a token it can use.
    constexpr QByteArrayView prefix("Bearer ");
    if (!authorization.startsWith(prefix))
        return std::nullopt;
    const QByteArray presented = QCryptographicHash::hash(authorization.sliced(prefix.size()), QCryptographicHash::Sha256);
    const Entry *found = nullptr;
    for (const Entry &e : m_entries) {
        unsigned char diff = 0;
        for (qsizetype i = 0; i < presented.size(); ++i)
            diff |= static_cast<unsigned char>(presented[i] ^ e.tokenHash[i]);
        // Select without branching on secret data beyond the final flag; scan every entry.
        if (diff == 0 && !found)
            found = &e;
    }
    if (!found)
        return std::nullopt;
    return found->identity;
}

std::optional<Identity> TokenAuth::forServiceAccount(const QString &name) const
{
    for (const Entry &e : m_entries) {
        if (e.identity.serviceAccount == name)
            return e.identity;
    }
    return std::nullopt;
}

} // namespace bindery::net
