// SPDX-License-Identifier: Apache-2.0
#include "argo/event.h"

#include "argo/json_decode.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace bindery::argo {

namespace {

bool isTokenChar(unsigned char c)
{
    // RFC 7230 tchar, as net/textproto's validHeaderFieldByte.
    if (c >= 0x80)
        return false;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Go's base64 decoding as grpc-gateway's decodeBinHeader uses it: StdEncoding (padded) when the
// length is a multiple of 4, RawStdEncoding otherwise. Returns false with the failing byte index.
bool decodeBase64(std::string_view in, bool padded, std::string &out, std::size_t &badIndex)
{
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t i = 0;
    std::size_t quantum = 0; // characters of the current 4-char group
    for (; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '\r' || c == '\n')
            continue;
        if (c == '=') {
            // Padding: only allowed when padded, after 2 or 3 characters of a group.
            if (!padded || quantum < 2) {
                badIndex = i;
                return false;
            }
            std::size_t j = i;
            std::size_t need = 4 - quantum;
            while (need > 0 && j < in.size()) {
                if (in[j] == '\r' || in[j] == '\n') {
                    ++j;
                    continue;
                }
                if (in[j] != '=') {
                    badIndex = j;
                    return false;
                }
                ++j;
                --need;
            }
            if (need > 0) {
                badIndex = in.size();
                return false;
            }
            while (j < in.size() && (in[j] == '\r' || in[j] == '\n'))
                ++j;
            if (j < in.size()) {
                badIndex = j;
                return false;
            }
            return true; // trailing partial bits are discarded
        }
        const int v = value(c);
        if (v < 0) {
            badIndex = i;
            return false;
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        quantum = (quantum + 1) % 4;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    if (quantum == 1) {
        badIndex = in.size() - 1;
        return false;
    }
    if (padded && quantum != 0) {
        badIndex = in.size();
        return false;
    }
    return true;
}

// grpc-go's timeoutDecode as used by the gateway: at least 2 chars, a unit in HMSmun, and
// strconv.ParseInt(s[:n-1], 10, 64) of the rest.
bool validGrpcTimeout(std::string_view s)
{
    if (s.size() < 2 || std::string_view("HMSmun").find(s.back()) == std::string_view::npos)
        return false;
    std::string_view digits = s.substr(0, s.size() - 1);
    if (digits[0] == '+')
        digits.remove_prefix(1);
    if (digits.empty() || digits[0] == '+')
        return false;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, 10);
    return ec == std::errc() && p == digits.data() + digits.size();
}

// Strings as json.Marshal writes them: invalid UTF-8 bytes become U+FFFD.
std::string toValidUtf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        }
        bool ok = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (cc & 0x3F);
        }
        if (ok) {
            const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
            ok = !overlong && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        }
        if (ok) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

Environment failure(int httpStatus, int grpcCode, std::string message)
{
    Environment env;
    env.httpStatus = httpStatus;
    env.grpcCode = grpcCode;
    env.message = std::move(message);
    return env;
}

struct Pair {
    std::string key; // lower-cased
    std::string value;
};

// The gRPC metadata pairs the gateway sends, or an error environment.
std::optional<Environment> gatewayPairs(const Event &event, const RequestContext &context, std::vector<Pair> &pairs)
{
    std::string host = context.host;
    std::vector<std::pair<std::string, const std::string *>> headers; // canonical key, value
    for (const Header &h : event.headers) {
        std::string key = canonicalHeaderKey(h.name);
        if (key == "Host") {
            host = h.value; // net/http moves Host into req.Host
            continue;
        }
        headers.emplace_back(std::move(key), &h.value);
    }
    auto firstValue = [&](std::string_view key) -> std::string {
        for (const auto &[k, v] : headers)
            if (k == key)
                return *v;
        return {};
    };
    if (const std::string tm = firstValue("Grpc-Timeout"); !tm.empty() && !validGrpcTimeout(tm))
        return failure(400, 3, "invalid grpc-timeout: " + tm);

    static constexpr std::string_view blocked[] = {"Content-Length", "Connection", "Keep-Alive",
                                                   "Proxy-Connection", "Transfer-Encoding", "Upgrade"};
    for (const auto &[key, value] : headers) {
        if (key == "Authorization")
            pairs.push_back(Pair{"authorization", *value});
        if (std::find(std::begin(blocked), std::end(blocked), key) != std::end(blocked))
            continue;
        if (key.size() >= 4 && key.ends_with("-Bin")) {
            std::string decoded;
            std::size_t bad = 0;
            if (!decodeBase64(*value, value->size() % 4 == 0, decoded, bad))
                return failure(400, 3,
                               "invalid binary header " + key + ": illegal base64 data at input byte " +
                                   std::to_string(bad));
            pairs.push_back(Pair{lower(key), std::move(decoded)});
            continue;
        }
        pairs.push_back(Pair{lower(key), *value});
    }
    if (const std::string fwdHost = firstValue("X-Forwarded-Host"); !fwdHost.empty())
        pairs.push_back(Pair{"x-forwarded-host", fwdHost});
    else if (!host.empty())
        pairs.push_back(Pair{"x-forwarded-host", host});
    if (!context.clientAddress.empty()) {
        const std::string fwd = firstValue("X-Forwarded-For");
        pairs.push_back(Pair{"x-forwarded-for", fwd.empty() ? context.clientAddress : fwd + ", " + context.clientAddress});
    }
    return std::nullopt;
}

// grpc-go's metadata check on the client stream (internal/metadata.Validate).
std::optional<Environment> grpcValidate(const std::vector<Pair> &pairs)
{
    for (const Pair &p : pairs) {
        for (char c : p.key) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
                return failure(500, 13, "header key \"" + p.key + "\" contains illegal characters not in [0-9a-z-_.]");
        }
        if (p.key.ends_with("-bin"))
            continue;
        for (char c : p.value) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u > 0x7E)
                return failure(500, 13, "header key \"" + p.key + "\" contains value with non-printable ASCII characters");
        }
    }
    return std::nullopt;
}

expr::Value metadataValue(const std::vector<Pair> &pairs)
{
    // Group by key, values in order; only x- names (operation.go metaData).
    std::vector<std::pair<std::string, std::vector<expr::Value>>> groups;
    for (const Pair &p : pairs) {
        if (!p.key.starts_with("x-"))
            continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto &g) { return g.first == p.key; });
        if (it == groups.end()) {
            groups.emplace_back(p.key, std::vector<expr::Value>{});
            it = groups.end() - 1;
        }
        it->second.push_back(expr::Value::string(toValidUtf8(p.value)));
    }
    std::vector<expr::MapEntry> entries;
    entries.reserve(groups.size());
    for (auto &[key, values] : groups)
        entries.push_back(expr::MapEntry{expr::Value::string(key), expr::Value::array(std::move(values))});
    return expr::Value::map(std::move(entries));
}

} // namespace

std::string canonicalHeaderKey(std::string_view name)
{
    for (char c : name) {
        if (!isTokenChar(static_cast<unsigned char>(c)))
            return std::string(name); // textproto leaves invalid keys unchanged
    }
    std::string out(name);
    bool upper = true;
    for (char &c : out) {
        if (upper && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        upper = c == '-';
    }
    return out;
}

Environment buildMetadata(const Event &event, const RequestContext &context)
{
    std::vector<Pair> pairs;
    if (auto error = gatewayPairs(event, context, pairs))
        return *error;
    if (auto error = grpcValidate(pairs))
        return *error;
    Environment env;
    env.value = metadataValue(pairs);
    return env;
}

expr::Value decodePayload(std::string_view body, std::string *error, std::size_t *errorOffset, bool *isEmpty)
{
    JsonDecodeResult r = decodeFirstJsonValue(body);
    if (error)
        *error = r.syntaxError;
    if (errorOffset)
        *errorOffset = r.errorOffset;
    if (isEmpty)
        *isEmpty = r.empty;
    return std::move(r.value);
}

Environment buildEnvironment(const Event &event, const RequestContext &context)
{
    std::vector<Pair> pairs;
    if (auto error = gatewayPairs(event, context, pairs))
        return *error;
    JsonDecodeResult body = decodeFirstJsonValue(event.body);
    if (!body.syntaxError.empty()) {
        Environment env = failure(400, 3, body.syntaxError);
        env.errorOffset = body.errorOffset;
        return env;
    }
    if (auto error = grpcValidate(pairs))
        return *error;
    // Jsonify re-decodes the payload into Go values: a number beyond float64 fails there.
    if (!body.numberRangeError.empty())
        return failure(500, 13, "failed to create workflow template expression environment: " + body.numberRangeError);
    expr::Value payload = std::move(body.value);
    std::vector<expr::MapEntry> entries;
    entries.reserve(4);
    entries.push_back({expr::Value::string("discriminator"), expr::Value::string(toValidUtf8(event.discriminator))});
    entries.push_back({expr::Value::string("metadata"), metadataValue(pairs)});
    entries.push_back({expr::Value::string("namespace"), expr::Value::string(toValidUtf8(event.namespace_))});
    entries.push_back({expr::Value::string("payload"), std::move(payload)});
    Environment env;
    env.value = expr::Value::map(std::move(entries));
    return env;
}

} // namespace bindery::argo
