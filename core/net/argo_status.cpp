// SPDX-License-Identifier: Apache-2.0
#include "net/argo_status.h"

namespace bindery::net {

int httpStatusFor(GrpcCode code)
{
    switch (code) {
    case GrpcCode::Ok: return 200;
    case GrpcCode::InvalidArgument: return 400;
    case GrpcCode::Unauthenticated: return 401;
    case GrpcCode::PermissionDenied: return 403;
    case GrpcCode::NotFound: return 404;
    case GrpcCode::AlreadyExists: return 409;
    case GrpcCode::Internal: return 500;
    case GrpcCode::Unimplemented: return 501;
    case GrpcCode::Unavailable: return 503;
    }
    return 500;
}

QByteArray grpcErrorBody(GrpcCode code, const QString &message)
{
    // Go's encoding/json escapes <, > and & (and U+2028/2029) even inside strings.
    QByteArray out = "{\"code\":" + QByteArray::number(static_cast<int>(code)) + ",\"message\":\"";
    const QByteArray utf8 = message.toUtf8();
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
            } else if (c == 0xE2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0x80
                       && (static_cast<unsigned char>(utf8[i + 2]) == 0xA8
                           || static_cast<unsigned char>(utf8[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(utf8[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += "\"}";
    return out;
}

} // namespace bindery::net
