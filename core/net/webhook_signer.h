// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// Re-signing of captured webhooks, so that an edited payload still passes the endpoint's webhook
// check (events-spec.md §1.6): GitHub's HMAC signatures and GitLab's shared token.
namespace bindery::net {

// "sha256=<hex HMAC-SHA256(secret, body)>", the X-Hub-Signature-256 value.
QByteArray githubSignature256(QByteArrayView secret, QByteArrayView body);
// "sha1=<hex HMAC-SHA1(secret, body)>", the legacy X-Hub-Signature value.
QByteArray githubSignature1(QByteArrayView secret, QByteArrayView body);

struct ResignOptions {
    std::optional<QByteArray> githubSecret; // sets X-Hub-Signature-256 and X-Hub-Signature
    std::optional<QByteArray> gitlabToken;  // sets X-Gitlab-Token
    // By default only events that look like the provider's (its event header or an existing
    // signature/token header) are re-signed; with this, every event gets the headers.
    bool addToAll = false;
};

// Re-signs in place; returns the names of the headers written (empty: the event was left alone).
QList<QByteArray> resignRecord(CaptureRecord &record, const ResignOptions &options);

} // namespace bindery::net
