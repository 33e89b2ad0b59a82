// SPDX-License-Identifier: Apache-2.0
// Every capture importer, the shell tokenizer, the JSON path selector, redaction and export on
// arbitrary bytes: no crash, no hang, no sanitizer report. The first byte picks the format.
#include "net/capture_export.h"
#include "net/capture_import.h"
#include "net/capture_json.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace bindery::net;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const CaptureFormat formats[] = {CaptureFormat::Auto, CaptureFormat::Curl, CaptureFormat::Har,
                                            CaptureFormat::Http, CaptureFormat::Ndjson, CaptureFormat::GitHub,
                                            CaptureFormat::GitLab};
    const CaptureFormat format = formats[data[0] % 7];
    const QByteArray input(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));

    ImportOptions options;
    options.baseDir = QStringLiteral("/nonexistent-fuzz-dir");
    options.defaultPath = QStringLiteral("/api/v1/events/argo/fuzz");
    options.maxReferencedFileBytes = 1024; // @/dev/zero and friends stay small
    const ImportResult result = importCapture(input, format, options);
    for (const ImportIssue &issue : result.skipped)
        (void)issue.toString();

    RedactionOptions redaction;
    redaction.jsonPaths = {QStringLiteral("$.a[*].b"), QStringLiteral("*"), QStringLiteral("$['x'][0]")};
    for (qsizetype i = 0; i < result.records.size() && i < 4; ++i) {
        const CaptureRecord &r = result.records[i];
        (void)exportCurl(r, QStringLiteral("http://127.0.0.1:2746"), redaction);
        (void)r.toNdjsonLine();
    }
    if (!result.records.isEmpty())
        (void)exportHar(result.records.mid(0, 4), {}, redaction);

    // The lower layers directly, with the input as both text and path.
    (void)splitShellCommands(input, data[0] & 1);
    const qsizetype cut = input.size() / 2;
    (void)capturejson::select(input.mid(cut), QString::fromUtf8(input.left(std::min<qsizetype>(cut, 64))));
    (void)capturejson::minify(input);
    return 0;
}
