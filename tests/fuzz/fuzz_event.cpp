// SPDX-License-Identifier: Apache-2.0
// Event decoding on arbitrary bytes: the first bytes choose headers, the rest is the body.
#include "argo/event.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bindery::argo;
    Event event;
    event.namespace_ = "argo";
    std::size_t i = 0;
    // Up to 3 headers: "name\nvalue\n" each, taken from the front while present.
    for (int h = 0; h < 3 && i < size && data[i] == 'H'; ++h) {
        ++i;
        std::string name;
        std::string value;
        while (i < size && data[i] != '\n')
            name += static_cast<char>(data[i++]);
        ++i;
        while (i < size && data[i] != '\n')
            value += static_cast<char>(data[i++]);
        ++i;
        event.headers.push_back(Header{name, value});
    }
    if (i < size)
        event.body.assign(reinterpret_cast<const char *>(data) + i, size - i);
    const Environment env = buildEnvironment(event, RequestContext{});
    (void)env.ok();
    return 0;
}
