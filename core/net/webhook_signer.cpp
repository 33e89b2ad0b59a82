// SPDX-License-Identifier: Apache-2.0
#include "net/webhook_signer.h"

#include "net/capture_headers.h"

#include <QMessageAuthenticationCode>

namespace bindery::net {

QByteArray githubSignature256(QByteArrayView secret, QByteArrayView body)
{
    return "sha256="
        + QMessageAuthenticationCode::hash(body.toByteArray(), secret.toByteArray(), QCryptographicHash::Sha256).toHex();
}

QByteArray githubSignature1(QByteArrayView secret, QByteArrayView body)
{
    return "sha1="
        + QMessageAuthenticationCode::hash(body.toByteArray(), secret.toByteArray(), QCryptographicHash::Sha1).toHex();
}

QList<QByteArray> resignRecord(CaptureRecord &record, const ResignOptions &options)
{
    QList<QByteArray> written;
    if (options.githubSecret) {
        const bool looksGitHub = hasHeader(record.headers, "X-GitHub-Event")
            || hasHeader(record.headers, "X-Hub-Signature-256") || hasHeader(record.headers, "X-Hub-Signature");
        if (looksGitHub || options.addToAll) {
            setHeader(record.headers, "X-Hub-Signature-256", githubSignature256(*options.githubSecret, record.body));
            written.append("X-Hub-Signature-256");
            // GitHub sends both; the SHA-1 one is kept in step so neither goes stale.
            setHeader(record.headers, "X-Hub-Signature", githubSignature1(*options.githubSecret, record.body));
            written.append("X-Hub-Signature");
        }
    }
    if (options.gitlabToken) {
        const bool looksGitLab = hasHeader(record.headers, "X-Gitlab-Event") || hasHeader(record.headers, "X-Gitlab-Token");
        if (looksGitLab || options.addToAll) {
            setHeader(record.headers, "X-Gitlab-Token", *options.gitlabToken);
            written.append("X-Gitlab-Token");
        }
    }
    return written;
}

} // namespace bindery::net
