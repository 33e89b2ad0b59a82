// SPDX-License-Identifier: Apache-2.0
#pragma once

// An event as it reaches `POST /api/v1/events/{namespace}/{discriminator}`, the request context
// around it, and the expression environment Argo v4.1.2 builds from both (events-spec.md §1.3,
// §1.4, §2.1): `{namespace, discriminator, metadata, payload}` after a JSON round trip.

#include "expr/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bindery::argo {

// One HTTP header line, as received (name in any case, value trimmed of surrounding blanks).
struct Header {
    std::string name;
    std::string value;
};

struct Event {
    std::string namespace_;
    std::string discriminator;
    std::vector<Header> headers; // in the order received; a `Host` header sets the request host
    std::string body;            // the exact request body bytes
};

// The bearer token's claims that Argo turns into creator labels (events-spec.md §2.5 f).
struct Claims {
    std::string subject;           // sub
    std::string email;             // email
    std::string preferredUsername; // preferred_username
};

// What the server knows about the request besides the event itself.
struct RequestContext {
    std::string clientAddress = "127.0.0.1"; // the client IP (RemoteAddr without the port)
    std::string host = "localhost:2746";     // req.Host when the event carries no Host header
    std::optional<Claims> claims;            // none: every creator label is removed
    std::string instanceId;                  // the server's instance ID; "" = none
};

// The outcome of building the environment: the env, or the HTTP error the gateway/server answers.
struct Environment {
    expr::Value value;     // map {discriminator, metadata, namespace, payload}; nil on error
    int httpStatus = 200;  // 200 when built; 400 (bad JSON, -Bin, Grpc-Timeout) or 500 otherwise
    int grpcCode = 0;      // 3 InvalidArgument, 13 Internal
    std::string message;   // the status message, e.g. "invalid character 'x' looking for ..."
    std::size_t errorOffset = 0; // byte offset of a JSON error in the body

    bool ok() const { return httpStatus == 200; }
    const expr::Value *payload() const { return value.find("payload"); }
    const expr::Value *metadata() const { return value.find("metadata"); }
};

// The `metadata` map Argo builds from the headers: canonicalised then lower-cased names, only `x-`
// names, each a list of strings in received order, plus the gateway's x-forwarded-host and
// x-forwarded-for. Fails (400/500 as Argo) on a bad `-Bin` value, a bad Grpc-Timeout or a header
// that gRPC refuses to carry.
Environment buildMetadata(const Event &event, const RequestContext &context);

// The whole environment: headers as above, then the body decoded as Go's json.Decoder reads the
// first value (trailing bytes ignored; empty or blank → nil; invalid → 400 code 3 with Go's text),
// every number a float64.
Environment buildEnvironment(const Event &event, const RequestContext &context);

// Decodes a JSON body as Argo does (first value, float64 numbers, last duplicate key wins, invalid
// UTF-8 and lone surrogates → U+FFFD). On failure returns nil and sets `error` (Go's text) and
// `errorOffset`. `isEmpty` is set when the body is empty or blank.
expr::Value decodePayload(std::string_view body, std::string *error, std::size_t *errorOffset = nullptr,
                          bool *isEmpty = nullptr);

// textproto.CanonicalMIMEHeaderKey.
std::string canonicalHeaderKey(std::string_view name);

} // namespace bindery::argo
