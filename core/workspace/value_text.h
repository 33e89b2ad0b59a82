// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expr/value.h"

#include <QString>

namespace bindery::workspace {

// A short, readable rendering of a value for views (explanation, environment tree): strings quoted,
// lists and maps in JSON-like form, cut at `maxLength` characters with an ellipsis. Not Argo's
// parameter encoding: the dispatcher computes that.
QString valueText(const expr::Value &value, int maxLength = 200);
// "string", "float64", "map", ... as the environment tree shows types.
QString valueTypeName(const expr::Value &value);

} // namespace bindery::workspace
