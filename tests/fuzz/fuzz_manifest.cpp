// SPDX-License-Identifier: Apache-2.0
// Manifest loading and linting on arbitrary bytes: never a crash, a hang or a leak.
#include "argo/catalog.h"
#include "argo/lint.h"
#include "argo/manifest.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const bindery::argo::ManifestSet set = bindery::argo::loadManifests(text, "fuzz.yaml");
    const auto catalog = bindery::argo::Catalog::fromManifests(set);
    (void)catalog.bindings("argo");
    (void)bindery::argo::lint(set);
    return 0;
}
