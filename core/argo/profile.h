// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::argo {

// The Argo behaviour being simulated. Later defaults (sync/async dispatch, queue size, workers)
// follow the profile so that a workspace can say which Argo it targets.
struct Profile {
    std::string id;           // stable key stored in workspaces: "v4.1", "docs-async"
    std::string displayName;  // shown to people
    bool asyncDispatch = false;
    int queueSize = 16;
    int workers = 4;
};

// Argo v4.1.2: synchronous dispatch by default (events-spec.md §0.8).
const Profile &argoV41();
// The behaviour the older Argo docs describe: asynchronous dispatch with a queue of 64.
const Profile &docsAsync();

const std::vector<Profile> &allProfiles();
const Profile &defaultProfile();
std::optional<Profile> profileById(std::string_view id);

} // namespace bindery::argo
