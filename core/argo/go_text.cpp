// SPDX-License-Identifier: Apache-2.0
#include "argo/go_text.h"

#include "expr/go_format.h"
#include "expr/go_json.h"

// Argo's dispatch shows Go's formatting in its messages and parameters; the expression engine
// already reproduces it (expr/go_format.h, expr/go_json.h), so these are its names for argo.
namespace bindery::argo::gotext {

std::string formatFloat(double f, char fmt, int bitSize)
{
    return expr::go::formatFloat(f, fmt, -1, bitSize);
}

std::string quote(std::string_view s)
{
    return expr::go::quote(s);
}

std::string formatS(const expr::Value &v)
{
    return expr::go::formatValueS(v);
}

void appendJsonString(std::string &out, std::string_view s)
{
    expr::go::appendJsonString(out, s, true);
}

std::optional<std::string> marshal(const expr::Value &v, std::string *error)
{
    expr::go::MarshalResult r = expr::go::marshal(v);
    if (!r.ok) {
        if (error)
            *error = std::move(r.error);
        return std::nullopt;
    }
    return std::move(r.text);
}

} // namespace bindery::argo::gotext
