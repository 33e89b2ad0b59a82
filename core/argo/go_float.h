// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal: strconv.FormatFloat(f, 'g', -1, 32), the form sigs.k8s.io/yaml gives a YAML float
// decoded into a Go string field.

#include <string>

namespace bindery::argo {

std::string formatGoFloat32(double f);

} // namespace bindery::argo
