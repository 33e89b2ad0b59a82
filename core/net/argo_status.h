// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace bindery::net {

// The gRPC status codes that grpc-gateway maps to HTTP answers on Argo's events route and the
// REST subset (events-spec.md §1.8).
enum class GrpcCode : int {
    Ok = 0,
    InvalidArgument = 3,
    NotFound = 5,
    AlreadyExists = 6,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    Unauthenticated = 16,
    PermissionDenied = 7,
};

int httpStatusFor(GrpcCode code);

// The JSON error body grpc-gateway writes: {"code":N,"message":"..."} with Go's HTML-safe escaping.
QByteArray grpcErrorBody(GrpcCode code, const QString &message);

} // namespace bindery::net
