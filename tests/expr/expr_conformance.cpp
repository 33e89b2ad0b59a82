// SPDX-License-Identifier: Apache-2.0
// Conformance runner over ../shared/conformance/expr/*.jsonl: runs every record through the
// engine as `bindery-cli expr --jsonl` does and compares with the oracle's result: ok/error
// agreement, the value (numbers by value), and optionally the exact error text. Prints the counts
// and fails below the required agreement.
//
//   expr_conformance FILE [--errors=exact|okonly] [--min-percent=P] [--show=N] [--skip-ids=a,b]
#include "expr/conformance.h"
#include "expr/go_json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

using namespace bindery::expr;

bool jsonEqual(const Value &a, const Value &b)
{
    if (a.isNumber() && b.isNumber())
        return a.toDouble() == b.toDouble();
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Kind::Nil: return true;
    case Kind::Bool: return a.asBool() == b.asBool();
    case Kind::String: return a.asString() == b.asString();
    case Kind::Array: {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!jsonEqual(a.asArray()[i], b.asArray()[i]))
                return false;
        return true;
    }
    case Kind::Map: {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a.asMap()[i].key.asString() != b.asMap()[i].key.asString()
                || !jsonEqual(a.asMap()[i].value, b.asMap()[i].value))
                return false;
        return true;
    }
    default: return false;
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: expr_conformance FILE [--errors=exact|okonly] [--min-percent=P] [--show=N]\n");
        return 2;
    }
    bool exactErrors = true;
    double minPercent = 100.0;
    int show = 20;
    std::set<std::string> skipIds;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--errors=okonly")
            exactErrors = false;
        else if (a.rfind("--min-percent=", 0) == 0)
            minPercent = std::atof(a.c_str() + 14);
        else if (a.rfind("--show=", 0) == 0)
            show = std::atoi(a.c_str() + 7);
        else if (a.rfind("--skip-ids=", 0) == 0) {
            std::stringstream ss(a.substr(11));
            std::string id;
            while (std::getline(ss, id, ','))
                skipIds.insert(id);
        }
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 77;
    }
    std::size_t total = 0, passed = 0, skipped = 0, okMismatch = 0, valueMismatch = 0, errorMismatch = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        go::DecodeResult golden = go::unmarshal(line);
        if (!golden.ok || !golden.value.isMap())
            continue;
        const Value *idv = golden.value.find("id");
        const std::string id = idv && idv->isString() ? std::string(idv->asString()) : std::to_string(total + 1);
        if (skipIds.count(id)) {
            ++skipped;
            continue;
        }
        ++total;
        const Value *result = golden.value.find("result");
        const ConformanceRecord rec = parseConformanceRecord(line);
        const std::string outLine = runConformanceRecord(rec);
        go::DecodeResult got = go::unmarshal(outLine);
        const Value *wantOk = result ? result->find("ok") : nullptr;
        const Value *gotOk = got.value.find("ok");
        std::string why;
        if (!wantOk || !gotOk || wantOk->asBool() != gotOk->asBool()) {
            why = "ok mismatch";
            ++okMismatch;
        } else if (wantOk->asBool()) {
            Value want = result->find("value") ? *result->find("value") : Value();
            const Value *repr = result->find("repr");
            if (want.isNil() && repr && repr->isString()
                && (repr->asString() == "NaN" || repr->asString() == "+Inf" || repr->asString() == "-Inf"))
                want = *repr;
            const Value *gv = got.value.find("value");
            if (!gv || !jsonEqual(want, *gv)) {
                why = "value";
                ++valueMismatch;
            }
        } else if (exactErrors) {
            const Value *we = result->find("error");
            const Value *ge = got.value.find("error");
            if (!we || !ge || we->asString() != ge->asString()) {
                why = "error text";
                ++errorMismatch;
            }
        }
        if (why.empty()) {
            ++passed;
        } else if (show-- > 0) {
            std::printf("%s %s: %s\n   want %s\n   got  %s\n", id.c_str(), why.c_str(), rec.expr.c_str(),
                        result ? go::marshal(*result).text.substr(0, 300).c_str() : "?", outLine.substr(0, 300).c_str());
        }
    }
    const double percent = total ? 100.0 * double(passed) / double(total) : 0.0;
    std::printf("%s: %zu/%zu passed (%.2f%%; required %.2f%%); ok mismatches %zu, value mismatches %zu, "
                "error-text mismatches %zu, skipped %zu\n",
                argv[1], passed, total, percent, minPercent, okMismatch, valueMismatch, errorMismatch, skipped);
    return percent + 1e-9 >= minPercent ? 0 : 1;
}
