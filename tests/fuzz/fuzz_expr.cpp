// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: parse + check + run of an expression against a JSON environment.
// Input: the expression, a newline, then the JSON environment (an object; anything else falls
// back to a small Argo-shaped environment). Budgets are lowered so that every input ends quickly.
#include "expr/conformance.h"
#include "expr/funcmap.h"
#include "expr/go_json.h"
#include "expr/program.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace bindery::expr;

namespace {

const Value &defaultEnv()
{
    static const Value env = go::unmarshal(
                                 "{\"namespace\": \"argo\", \"discriminator\": \"d\", \"metadata\": {\"x-a\": [\"1\"]}, "
                                 "\"payload\": {\"s\": \"héllo\", \"n\": 1.5, \"i\": 2, \"b\": true, \"nul\": null, "
                                 "\"list\": [1, \"a\", null, [2]], \"obj\": {\"k\": \"v\"}, "
                                 "\"items\": [{\"id\": 1, \"ok\": true}, {\"id\": 2, \"ok\": false}]}}")
                                 .value;
    return env;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const std::size_t nl = input.find('\n');
    const std::string_view source = input.substr(0, nl);
    Value env = defaultEnv();
    if (nl != std::string_view::npos) {
        go::DecodeResult d = go::unmarshal(input.substr(nl + 1));
        if (d.ok && d.value.isMap())
            env = d.value;
    }
    if (!source.empty() && source[0] == '\x01')
        env = makeArgoFuncMapEnv(env);
    CompileResult c = compile(source, env);
    if (!c.ok()) {
        (void)c.error().format();
        return 0;
    }
    RunOptions options;
    options.memoryBudget = 100000;
    options.stepBudget = 200000;
    RunResult r = c.program()->run(env, options);
    if (r.ok())
        (void)resultValueJson(r.value());
    else
        (void)r.error().format();
    Trace trace;
    options.trace = &trace;
    RunResult traced = c.program()->run(env, options);
    if (traced.ok() != r.ok())
        __builtin_trap(); // tracing must not change the outcome
    return 0;
}
