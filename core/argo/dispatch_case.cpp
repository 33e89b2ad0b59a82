// SPDX-License-Identifier: Apache-2.0
#include "argo/dispatch_case.h"

#include "argo/go_text.h"
#include "argo/json_decode.h"

namespace bindery::argo {

namespace {

// net/http trims leading and trailing blanks of header values.
std::string trimBlanks(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

bool addHeaderValues(std::vector<Header> &headers, const std::string &name, const expr::Value &v, std::string *error)
{
    if (v.isString()) {
        headers.push_back(Header{name, trimBlanks(v.asString())});
        return true;
    }
    if (v.isArray()) {
        for (const auto &e : v.asArray()) {
            if (!e.isString()) {
                *error = "headers: the values of " + name + " must be strings";
                return false;
            }
            headers.push_back(Header{name, trimBlanks(e.asString())});
        }
        return true;
    }
    *error = "headers: the value of " + name + " must be a string or a list of strings";
    return false;
}

std::string stringMember(const expr::Value &v, std::string_view key)
{
    const expr::Value *m = v.find(key);
    return m && m->isString() ? std::string(m->asString()) : std::string();
}

} // namespace

std::optional<DispatchCase> parseDispatchCase(std::string_view line, std::string *error)
{
    DispatchCase c;
    std::string localError;
    std::string &err = error ? *error : localError;
    bool ok = true;
    bool hasPayload = false;
    std::string_view payloadRaw;
    const bool object = forEachJsonMember(
        line,
        [&](const std::string &key, std::string_view raw) {
            if (!ok)
                return;
            const expr::Value v = decodeFirstJsonValue(raw).value;
            if (key == "id") {
                c.id = v.isString() ? std::string(v.asString()) : std::string(raw);
            } else if (key == "namespace") {
                c.event.namespace_ = v.isString() ? std::string(v.asString()) : std::string();
            } else if (key == "discriminator") {
                c.event.discriminator = v.isString() ? std::string(v.asString()) : std::string();
            } else if (key == "payload") {
                hasPayload = true;
                payloadRaw = raw;
            } else if (key == "body") {
                if (!v.isString()) {
                    err = "body must be a string";
                    ok = false;
                    return;
                }
                c.event.body = std::string(v.asString());
            } else if (key == "manifests") {
                c.manifests = v.isString() ? std::string(v.asString()) : std::string();
            } else if (key == "instanceID") {
                c.context.instanceId = v.isString() ? std::string(v.asString()) : std::string();
            } else if (key == "creator") {
                if (v.isMap()) {
                    c.context.claims = Claims{stringMember(v, "sub"), stringMember(v, "email"),
                                              stringMember(v, "preferred_username")};
                }
            } else if (key == "listOrder") {
                if (v.isString() && v.asString() == "manifest")
                    c.catalogOptions.listOrder = ListOrder::Manifest;
            } else if (key == "headers") {
                if (v.isArray()) {
                    for (const auto &pair : v.asArray()) {
                        const auto items = pair.isArray() ? pair.asArray() : std::span<const expr::Value>();
                        if (items.size() != 2 || !items[0].isString() || !items[1].isString()) {
                            err = "headers: each pair must be [name, value]";
                            ok = false;
                            return;
                        }
                        c.event.headers.push_back(Header{std::string(items[0].asString()), trimBlanks(items[1].asString())});
                    }
                } else if (v.isMap()) {
                    std::string herr;
                    forEachJsonMember(
                        raw,
                        [&](const std::string &name, std::string_view hraw) {
                            if (ok && !addHeaderValues(c.event.headers, name, decodeFirstJsonValue(hraw).value, &err))
                                ok = false;
                        },
                        &herr);
                } else if (!v.isNil()) {
                    err = "headers must be an object or a list of [name, value] pairs";
                    ok = false;
                }
            }
        },
        &err);
    if (!object || !ok)
        return std::nullopt;
    if (hasPayload)
        c.event.body = std::string(payloadRaw);
    c.catalogOptions.defaultNamespace = c.event.namespace_;
    return c;
}

std::string dispatchResultLine(const std::string &id, const DispatchResult &result)
{
    std::string out = "{\"id\":";
    gotext::appendJsonString(out, id);
    out += ",\"status\":" + std::to_string(result.httpStatus);
    out += ",\"body\":" + result.responseBody;
    out += ",\"rawBody\":";
    gotext::appendJsonString(out, result.responseBody);
    out += ",\"workflows\":[";
    for (std::size_t i = 0; i < result.workflows.size(); ++i) {
        if (i)
            out += ',';
        out += toJson(result.workflows[i]);
    }
    out += "],\"events\":[";
    for (std::size_t i = 0; i < result.events.size(); ++i) {
        const WarningEvent &e = result.events[i];
        if (i)
            out += ',';
        out += "{\"binding\":";
        gotext::appendJsonString(out, e.bindingName);
        out += ",\"type\":";
        gotext::appendJsonString(out, e.type);
        out += ",\"reason\":";
        gotext::appendJsonString(out, e.reason);
        out += ",\"message\":";
        gotext::appendJsonString(out, e.message);
        out += '}';
    }
    out += "]}";
    return out;
}

std::string runDispatchCase(const DispatchCase &c)
{
    const ManifestSet manifests = loadManifests(c.manifests, c.id);
    Dispatcher dispatcher(Catalog::fromManifests(manifests, c.catalogOptions));
    return dispatchResultLine(c.id, dispatcher.dispatch(c.event, c.context));
}

} // namespace bindery::argo
