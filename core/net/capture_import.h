// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"
#include "net/shell_words.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace bindery::net {

// The formats `bindery-cli import --format` accepts.
enum class CaptureFormat { Auto, Curl, Har, Http, Ndjson, GitHub, GitLab };

QString captureFormatName(
    CaptureFormat format); // "auto", "curl", "har", "http", "ndjson", "github", "gitlab"
std::optional<CaptureFormat> captureFormatFromName(QStringView name);
// Looks at the content only (never the file name). Returns Auto when nothing fits.
CaptureFormat detectCaptureFormat(QByteArrayView data);

struct ImportOptions {
    QString sourceName; // shown in positions ("file.har:12:3"); may be empty
    QString baseDir; // where `curl --data-binary @file` paths are resolved (the input's folder)
    QString defaultPath; // "/api/v1/events/{ns}/{d}" for inputs that carry no URL (GitLab payloads)
    QDateTime defaultTime; // time of events whose format has none; invalid = now
    qint64 maxReferencedFileBytes = 64 * 1024 * 1024; // limit for @file bodies
    // Called now and then with (done, total) in input bytes or items; returning false cancels.
    std::function<bool(qint64 done, qint64 total)> progress;
};

// Something that was not imported (or a whole input that could not be read), with where it is.
struct ImportIssue {
    QString source;
    int line = 0; // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    qint64 byteOffset = -1; // when line/column do not apply
    QString item; // e.g. "entries[3]", "command 2"
    QString reason;
    QString toString() const; // "source:line:col: item: reason"
};

struct ImportResult {
    CaptureFormat format = CaptureFormat::Auto; // the format used (detected when Auto was asked)
    QList<CaptureRecord> records;
    QList<ImportIssue> skipped; // items not imported, each with the reason
    bool unreadable = false; // the input as a whole could not be parsed (then skipped has the error)
    bool cancelled = false; // the progress callback asked to stop; records hold what was read
};

ImportResult importCapture(QByteArrayView data, CaptureFormat format, const ImportOptions &options = {});
// Reads the file; sourceName and baseDir default to the file's name and folder.
ImportResult importCaptureFile(const QString &path, CaptureFormat format, ImportOptions options = {});

// "/api/v1/events/{ns}/{d}" (decoded path; query ignored) -> namespace and discriminator, as
// grpc-gateway matches it (exactly five components; the discriminator may be empty).
struct EventRoute {
    QString ns;
    QString discriminator;
};
std::optional<EventRoute> eventRouteFromPath(QStringView decodedPath, QString *why = nullptr);
// Accepts absolute URLs, scheme-less "host:port/path" and bare paths.
std::optional<EventRoute> eventRouteFromUrl(const QString &url, QString *why = nullptr);

} // namespace bindery::net
