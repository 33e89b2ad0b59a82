// SPDX-License-Identifier: Apache-2.0
// Fuzzes the Go-compatibility layer with arbitrary bytes: JSON decoding (both modes) and the
// re-encoding round trip, Go's %v/%s formatting, durations, time layouts and jsonpath queries.
// Invariants: no crash or hang; a decoded document re-encodes and decodes to an equal value.
#include "expr/funcmap.h"
#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_time.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace bindery::expr;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);

    for (const auto &r : {go::unmarshal(input), go::decodeFirst(input)}) {
        if (!r.ok) {
            if (r.error.empty() || r.offset > size)
                std::abort();
            continue;
        }
        (void)go::formatValue(r.value);
        (void)go::formatValueS(r.value);
        const auto m = go::marshal(r.value);
        if (!m.ok)
            std::abort(); // decoded JSON always re-encodes
        const auto again = go::unmarshal(m.text);
        if (!again.ok || !deepEqual(again.value, r.value))
            std::abort();
        const auto indented = go::marshalIndent(r.value, " ", "\t");
        const auto fromIndented = go::unmarshal(indented.text);
        if (!indented.ok || !fromIndented.ok || !deepEqual(fromIndented.value, r.value))
            std::abort();
    }

    (void)go::parseDuration(input);
    (void)go::exprDate(input);
    // First line: layout; rest: value.
    const auto nl = input.find('\n');
    if (nl != std::string_view::npos) {
        const auto layout = input.substr(0, nl), value = input.substr(nl + 1);
        const auto t = go::parse(layout, value);
        if (t.ok)
            (void)go::format(t.time, layout);
        (void)go::formatFloat(static_cast<double>(size) / 7.0, layout.empty() ? 'g' : layout[0], static_cast<int>(size % 40) - 1,
                              size % 2 ? 64 : 32);
    }
    static const Value doc = go::unmarshal(R"({"a":{"b":[1,2,{"c":"x"}]},"items":[{"n":1},{"n":2}]})").value;
    (void)jsonPathGet(input, doc);
    return 0;
}
