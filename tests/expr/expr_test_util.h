// SPDX-License-Identifier: Apache-2.0
// Helpers of the engine's test suites: evaluate a source against a JSON environment the way
// Argo does and get a printable outcome.
#pragma once

#include "expr/conformance.h"
#include "expr/go_json.h"
#include "expr/program.h"

#include <QByteArray>
#include <QString>

#include <string>

namespace bindery::expr::test {

// The environment Argo builds: {namespace, discriminator, metadata, payload}, numbers float64.
inline Value env(const std::string &payloadJson = "{}", const std::string &metadataJson = "{}")
{
    const std::string text = "{\"namespace\": \"argo\", \"discriminator\": \"disc\", \"metadata\": " + metadataJson
                             + ", \"payload\": " + payloadJson + "}";
    go::DecodeResult d = go::unmarshal(text);
    return d.ok ? d.value : Value();
}

inline Value json(const std::string &text)
{
    go::DecodeResult d = go::unmarshal(text);
    return d.ok ? d.value : Value();
}

// "value JSON" on success, "ERR: <expr's error text>" on failure.
inline QByteArray outcome(const std::string &source, const Value &environment)
{
    CompileResult c = compile(source, environment);
    if (!c.ok())
        return QByteArray("ERR: ") + QByteArray::fromStdString(c.error().format());
    RunResult r = c.program()->run(environment);
    if (!r.ok())
        return QByteArray("ERR: ") + QByteArray::fromStdString(r.error().format());
    return QByteArray::fromStdString(resultValueJson(r.value()));
}

// Only the first line of an error (the message and position).
inline QByteArray firstLine(const QByteArray &s)
{
    const auto nl = s.indexOf('\n');
    return nl < 0 ? s : s.left(nl);
}

} // namespace bindery::expr::test
