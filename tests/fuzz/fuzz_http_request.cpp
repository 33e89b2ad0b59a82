// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as the input of one connection. The first byte picks how the
// input is split into reads (pipelining and partial reads); every request parsed has its body run
// through the Go JSON first-value scanner and the webhook checks, as the endpoint would.
#include "net/capture_record.h"
#include "net/go_json.h"
#include "net/http_request_parser.h"
#include "net/webhook_verifier.h"

#include <cstddef>
#include <cstdint>

using namespace bindery::net;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t step = 1 + data[0] % 64;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    const qsizetype total = static_cast<qsizetype>(size - 1);
    HttpRequestParser parser(HttpLimits{4096, 2048});
    static const WebhookVerifier::Client clients[] = {
        {QStringLiteral("gh"), WebhookVerifier::Type::GitHub, QByteArrayLiteral("sh!")},
        {QStringLiteral("gl"), WebhookVerifier::Type::GitLab, QByteArrayLiteral("sh!")},
        {QStringLiteral("bb"), WebhookVerifier::Type::Bitbucket, QByteArrayLiteral("sh!")},
        {QStringLiteral("bbs"), WebhookVerifier::Type::BitbucketServer, QByteArrayLiteral("sh!")},
    };
    QByteArray pending;
    for (qsizetype at = 0; at < total;) {
        const qsizetype n = std::min<qsizetype>(static_cast<qsizetype>(step), total - at);
        pending.append(bytes + at, n);
        at += n;
        for (;;) {
            qsizetype used = 0;
            const auto status = parser.feed(pending.constData(), pending.size(), &used);
            if (used < 0 || used > pending.size())
                __builtin_trap();
            pending.remove(0, used);
            if (status == HttpRequestParser::Status::Error)
                return 0;
            if (status == HttpRequestParser::Status::NeedMore)
                break;
            const HttpRequest request = parser.takeRequest();
            const FirstJsonValue v = scanFirstJsonValue(request.body);
            if (v.kind == FirstJsonValue::Kind::Value && (v.begin < 0 || v.end > request.body.size() || v.begin >= v.end))
                __builtin_trap();
            for (const auto &c : clients)
                (void)WebhookVerifier::matches(c, request);
            CaptureRecord record;
            record.ns = QString::fromUtf8(request.path);
            record.headers = request.headers;
            record.body = request.body;
            const auto back = CaptureRecord::fromNdjsonLine(record.toNdjsonLine());
            if (!back || back->body != record.body)
                __builtin_trap();
        }
    }
    return 0;
}
