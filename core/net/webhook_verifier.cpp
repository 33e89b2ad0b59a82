// SPDX-License-Identifier: Apache-2.0
#include "net/webhook_verifier.h"

#include "net/go_json.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMessageAuthenticationCode>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

namespace bindery::net {

namespace {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray hmacHex(const QByteArray &secret, const QByteArray &body)
{
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

template <size_t N>
bool oneOf(const QByteArray &value, const std::array<const char *, N> &allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&](const char *a) { return value == a; });
}

// Every parser ends by json.Unmarshal-ing the whole body into its typed payload struct: the body
// must be non-empty and exactly one JSON object (or null), with only whitespace after it.
bool unmarshalsIntoStruct(const QByteArray &body)
{
    if (body.isEmpty())
        return false;
    const FirstJsonValue v = scanFirstJsonValue(body);
    if (v.kind != FirstJsonValue::Kind::Value)
        return false;
    for (qsizetype i = v.end; i < body.size(); ++i) {
        const char c = body[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    const char first = body[v.begin];
    return first == '{' || first == 'n';
}

constexpr std::array<const char *, 47> kGitHubEvents{
    "check_run", "check_suite", "code_scanning_alert", "commit_comment", "create", "delete", "dependabot_alert",
    "deploy_key", "deployment", "deployment_status", "fork", "github_app_authorization", "gollum", "installation",
    "installation_repositories", "integration_installation", "integration_installation_repositories",
    "issue_comment", "issues", "label", "member", "membership", "milestone", "meta", "organization", "org_block",
    "page_build", "ping", "project_card", "project_column", "project", "public", "pull_request",
    "pull_request_review", "pull_request_review_comment", "push", "release", "repository",
    "repository_vulnerability_alert", "security_advisory", "status", "team", "team_add", "watch",
    "workflow_dispatch", "workflow_job", "workflow_run"};
constexpr std::array<const char *, 11> kGitLabEvents{
    "Push Hook", "Tag Push Hook", "Issue Hook", "Confidential Issue Hook", "Note Hook", "Merge Request Hook",
    "Wiki Page Hook", "Pipeline Hook", "Build Hook", "Job Hook", "System Hook"};
constexpr std::array<const char *, 18> kBitbucketEvents{
    "repo:push", "repo:fork", "repo:updated", "repo:commit_comment_created", "repo:commit_status_created",
    "repo:commit_status_updated", "issue:created", "issue:updated", "issue:comment_created",
    "pullrequest:created", "pullrequest:updated", "pullrequest:approved", "pullrequest:unapproved",
    "pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:comment_created",
    "pullrequest:comment_updated", "pullrequest:comment_deleted"};
constexpr std::array<const char *, 19> kBitbucketServerEvents{
    "repo:refs_changed", "repo:modified", "repo:forked", "repo:comment:added", "repo:comment:edited",
    "repo:comment:deleted", "pr:opened", "pr:from_ref_updated", "pr:modified", "pr:merged", "pr:declined",
    "pr:deleted", "pr:reviewer:updated", "pr:reviewer:approved", "pr:reviewer:unapproved",
    "pr:reviewer:needs_work", "pr:comment:added", "pr:comment:edited", "pr:comment:deleted"};

} // namespace

bool WebhookVerifier::matches(const Client &client, const HttpRequest &request)
{
    if (request.method != "POST")
        return false;
    switch (client.type) {
    case Type::GitHub: {
        if (!oneOf(request.header("X-GitHub-Event"), kGitHubEvents))
            return false;
        if (!client.secret.isEmpty()) {
            QByteArray signature = request.header("X-Hub-Signature-256");
            if (signature.isEmpty())
                return false;
            if (signature.startsWith("sha256="))
                signature = signature.mid(7);
            if (!constantTimeEquals(signature, hmacHex(client.secret, request.body)))
                return false;
        }
        break;
    }
    case Type::GitLab: {
        // Checked before the event header, and always: an empty secret wants an empty token.
        const QByteArray token = request.header("X-Gitlab-Token");
        if (!constantTimeEquals(QCryptographicHash::hash(token, QCryptographicHash::Sha512),
                                QCryptographicHash::hash(client.secret, QCryptographicHash::Sha512)))
            return false;
        if (!oneOf(request.header("X-Gitlab-Event"), kGitLabEvents))
            return false;
        break;
    }
    case Type::Bitbucket: {
        if (!client.secret.isEmpty() && request.header("X-Hook-UUID") != client.secret)
            return false;
        if (!oneOf(request.header("X-Event-Key"), kBitbucketEvents))
            return false;
        break;
    }
    case Type::BitbucketServer: {
        if (!oneOf(request.header("X-Event-Key"), kBitbucketServerEvents))
            return false;
        if (!client.secret.isEmpty()) {
            const QByteArray signature = request.header("X-Hub-Signature");
            // Go drops the first 7 bytes unconditionally (and panics on shorter headers).
            if (signature.size() < 7 || !constantTimeEquals(signature.mid(7), hmacHex(client.secret, request.body)))
                return false;
        }
        break;
    }
    }
    return unmarshalsIntoStruct(request.body);
}

WebhookVerifier::Result WebhookVerifier::verify(const QString &ns, const HttpRequest &request) const
{
    const auto it = std::find_if(m_namespaces.begin(), m_namespaces.end(), [&](const Namespace &n) { return n.name == ns; });
    if (it == m_namespaces.end())
        return {Result::Kind::Failure, {}, QStringLiteral("no webhook clients for namespace \"%1\"").arg(ns)};
    if (request.body.size() > kMaxWebhookBody)
        return {Result::Kind::Failure, {}, QStringLiteral("webhook request body exceeds maximum size of 2MB")};
    for (const Client &c : it->clients) {
        if (matches(c, request))
            return {Result::Kind::Matched, c.serviceAccount, {}};
    }
    return {Result::Kind::NoMatch, {}, QStringLiteral("no webhook client verified the request")};
}

std::optional<WebhookVerifier> WebhookVerifier::fromYaml(const QByteArray &yaml, QString *error)
{
    auto fail = [error](const YAML::Mark &m, const QString &msg) -> std::optional<WebhookVerifier> {
        if (error)
            *error = QStringLiteral("line %1, column %2: %3").arg(m.line + 1).arg(m.column + 1).arg(msg);
        return std::nullopt;
    };
    WebhookVerifier v;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap())
            return fail(root.Mark(), QStringLiteral("expected a mapping of namespace → clients"));
        for (const auto &nsEntry : root) {
            Namespace ns;
            ns.name = QString::fromStdString(nsEntry.first.as<std::string>());
            if (!nsEntry.second.IsMap())
                return fail(nsEntry.second.Mark(), QStringLiteral("namespace \"%1\": expected a mapping of service account → {type, secret}").arg(ns.name));
            for (const auto &clientEntry : nsEntry.second) {
                Client c;
                c.serviceAccount = QString::fromStdString(clientEntry.first.as<std::string>());
                const YAML::Node body = clientEntry.second;
                if (!body.IsMap() || !body["type"])
                    return fail(body.Mark(), QStringLiteral("client \"%1\": expected {type, secret}").arg(c.serviceAccount));
                const std::string type = body["type"].as<std::string>();
                if (type == "github") c.type = Type::GitHub;
                else if (type == "gitlab") c.type = Type::GitLab;
                else if (type == "bitbucket") c.type = Type::Bitbucket;
                else if (type == "bitbucketserver") c.type = Type::BitbucketServer;
                else
                    return fail(body["type"].Mark(), QStringLiteral("client \"%1\": unknown type \"%2\" (github, gitlab, bitbucket, bitbucketserver)")
                                                         .arg(c.serviceAccount, QString::fromStdString(type)));
                if (body["secret"])
                    c.secret = QByteArray::fromStdString(body["secret"].as<std::string>());
                ns.clients.push_back(std::move(c));
            }
            v.m_namespaces.push_back(std::move(ns));
        }
    } catch (const YAML::Exception &e) {
        return fail(e.mark, QString::fromStdString(e.msg));
    }
    return v;
}

std::optional<WebhookVerifier> WebhookVerifier::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QString inner;
    auto v = fromYaml(f.readAll(), &inner);
    if (!v && error)
        *error = QStringLiteral("%1: %2").arg(path, inner);
    return v;
}

} // namespace bindery::net
