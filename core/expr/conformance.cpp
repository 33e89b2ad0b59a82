// SPDX-License-Identifier: Apache-2.0
#include "expr/conformance.h"

#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_time.h"

#include <cmath>

namespace bindery::expr {

ConformanceRecord parseConformanceRecord(std::string_view line)
{
    ConformanceRecord r;
    go::DecodeResult d = go::unmarshal(line);
    if (!d.ok) {
        r.inputError = "invalid JSON line: " + d.error;
        return r;
    }
    if (!d.value.isMap()) {
        r.inputError = "a record must be a JSON object";
        return r;
    }
    const Value *e = d.value.find("expr");
    if (!e || !e->isString()) {
        r.inputError = "record without a string \"expr\"";
        return r;
    }
    r.expr.assign(e->asString());
    const Value *env = d.value.find("env");
    r.env = env && env->isMap() ? *env : Value::map({});
    if (const Value *m = d.value.find("mode"); m && m->isString()) {
        if (m->asString() == "funcmap")
            r.funcmap = true;
        else if (m->asString() != "argo")
            r.inputError = "unknown mode " + std::string(m->asString());
    }
    return r;
}

namespace {

// Rewrites a result into what json.Marshal can print the way the oracle does.
Value jsonable(const Value &v)
{
    switch (v.kind()) {
    case Kind::Float: {
        const double d = v.asFloat();
        if (std::isnan(d))
            return Value::string("NaN");
        if (std::isinf(d))
            return Value::string(d > 0 ? "+Inf" : "-Inf");
        return v;
    }
    case Kind::Array: {
        std::vector<Value> items;
        for (const Value &e : v.asArray())
            items.push_back(jsonable(e));
        return Value::array(std::move(items));
    }
    case Kind::Map:
    case Kind::AnyMap: {
        std::vector<MapEntry> entries;
        for (const MapEntry &e : v.asMap())
            entries.push_back(MapEntry{e.key.isString() ? e.key : Value::string(go::formatValue(e.key)),
                                       jsonable(e.value)});
        return Value::map(std::move(entries));
    }
    case Kind::Duration: return Value::integer(v.asInt(), IntType::Int64);
    case Kind::Function:
    case Kind::Location: return Value::string(go::formatValue(v));
    default: return v;
    }
}

void appendJsonQuoted(std::string &out, std::string_view s)
{
    go::appendJsonString(out, s, false);
}

} // namespace

bool hasNonFinite(const Value &v)
{
    switch (v.kind()) {
    case Kind::Float: return !std::isfinite(v.asFloat());
    case Kind::Array:
        for (const Value &e : v.asArray())
            if (hasNonFinite(e))
                return true;
        return false;
    case Kind::Map:
    case Kind::AnyMap:
        for (const MapEntry &e : v.asMap())
            if (hasNonFinite(e.value))
                return true;
        return false;
    default: return false;
    }
}

std::string resultValueJson(const Value &v)
{
    // json.Marshal fails on a nested NaN/Inf; the oracle then has no value (null).
    if (!v.isFloat() && hasNonFinite(v))
        return "null";
    go::MarshalResult m = go::marshal(jsonable(v));
    if (m.ok)
        return m.text;
    std::string out;
    appendJsonQuoted(out, go::formatValue(v));
    return out;
}

std::string runConformanceRecord(const ConformanceRecord &record)
{
    std::string out;
    auto error = [&](const std::string &msg) {
        out = "{\"ok\": false, \"error\": ";
        appendJsonQuoted(out, msg);
        out += "}";
        return out;
    };
    if (!record.inputError.empty())
        return error(record.inputError);
    Value env = record.env;
    CompileResult c = compile(record.expr, env);
    if (!c.ok())
        return error(c.error().format());
    RunResult r = c.program()->run(env);
    if (!r.ok())
        return error(r.error().format());
    out = "{\"ok\": true, \"value\": " + resultValueJson(r.value()) + "}";
    return out;
}

} // namespace bindery::expr
