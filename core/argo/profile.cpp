// SPDX-License-Identifier: Apache-2.0
#include "argo/profile.h"

namespace bindery::argo {

const std::vector<Profile> &allProfiles()
{
    static const std::vector<Profile> profiles{
        {"v4.1", "Argo Workflows v4.1 (sync dispatch)", false, 16, 4},
        {"docs-async", "Argo docs (async dispatch, queue 64)", true, 64, 4},
    };
    return profiles;
}

const Profile &argoV41() { return allProfiles()[0]; }
const Profile &docsAsync() { return allProfiles()[1]; }
const Profile &defaultProfile() { return argoV41(); }

std::optional<Profile> profileById(std::string_view id)
{
    for (const auto &p : allProfiles()) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

} // namespace bindery::argo
