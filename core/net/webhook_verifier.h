// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/http_request_parser.h"

#include <QString>

#include <optional>
#include <vector>

namespace bindery::net {

// The webhook clients file: per namespace, the entries of that namespace's
// argo-workflows-webhook-clients secret (events-spec.md §1.6, DESIGN.md).
class WebhookVerifier
{
public:
    enum class Type { GitHub, GitLab, Bitbucket, BitbucketServer };
    struct Client {
        QString serviceAccount;
        Type type = Type::GitHub;
        QByteArray secret;
    };
    struct Result {
        enum class Kind {
            NoMatch,  // continue without Authorization (→ 401 when auth is on)
            Matched,  // act as serviceAccount
            Failure,  // 403 {"message": "failed to process webhook request"}
        };
        Kind kind = Kind::NoMatch;
        QString serviceAccount;
        QString reason; // for logs
    };

    static std::optional<WebhookVerifier> fromYaml(const QByteArray &yaml, QString *error);
    static std::optional<WebhookVerifier> load(const QString &path, QString *error);

    // Checks a POST on /api/v1/events/{ns}/... that has no Authorization header. Entries are tried
    // in file order (Argo's is Go map order, i.e. random); the first that verifies wins.
    Result verify(const QString &ns, const HttpRequest &request) const;

    static constexpr qint64 kMaxWebhookBody = 2 * 1024 * 1024;

    // One provider's check, as go-playground/webhooks v6.4.0 Parse decides it.
    static bool matches(const Client &client, const HttpRequest &request);

private:
    struct Namespace {
        QString name;
        std::vector<Client> clients;
    };
    std::vector<Namespace> m_namespaces;
};

} // namespace bindery::net
