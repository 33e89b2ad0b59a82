// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QList>
#include <QString>
#include <QStringList>

// Export of captured events as runnable curl commands, HAR 1.2 and capture lines, redacted by
// default: secrets must not leave the machine in a bug report by accident.
namespace bindery::net {

struct RedactionOptions {
    bool enabled = true;
    // Header names redacted besides the built-in secret patterns (Authorization, Cookie,
    // X-Hub-Signature*, X-Gitlab-Token, X-Hook-UUID, *-Signature*, *-Token, X-Api-Key...).
    QList<QByteArray> extraHeaders;
    // Body JSON paths ("$.a.b", "a[0]['c d']", "$.items[*].secret") whose values are replaced.
    QStringList jsonPaths;
    QByteArray replacement = "REDACTED";
};

// True for the headers redaction hides by default.
bool isSecretHeader(QByteArrayView name);

// The record with secrets replaced. Bodies keep their bytes except the replaced values. Problems
// (a malformed path, a body that is not JSON while paths were asked) go to *warnings.
CaptureRecord redactRecord(const CaptureRecord &record, const RedactionOptions &options,
                           QStringList *warnings = nullptr);

// POSIX shell quoting: '...' when possible, $'...' for control bytes or non-UTF-8 bytes.
// NUL bytes cannot be in an argument: callers must not pass them (see exportCurl).
QByteArray shellQuote(QByteArrayView word);

// A runnable curl command (POSIX sh, bash, zsh) that posts the event to baseUrl + its own path.
// Bodies with control or non-UTF-8 bytes are piped in with printf.
QByteArray exportCurl(const CaptureRecord &record, const QString &baseUrl,
                      const RedactionOptions &redaction = {});
// A HAR 1.2 document with one POST entry per event (response filled from outcome.status if any).
QByteArray exportHar(const QList<CaptureRecord> &records, const QString &baseUrl,
                     const RedactionOptions &redaction = {});
// Capture NDJSON, one line per event, each ending with '\n'.
QByteArray exportCaptureLines(const QList<CaptureRecord> &records, const RedactionOptions &redaction = {});

} // namespace bindery::net
