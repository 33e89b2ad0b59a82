// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "argo/lint.h"
#include "workspace/diagnostic.h"

#include <QByteArray>

#include <optional>

namespace bindery::workspace {

// The one-click fix of a lint finding in `fileText` (the manifest the finding points into), as one
// edit of that text; nullopt when the rule's fix needs a choice only the user can make (a value to
// compare with, a name) or when the text no longer matches the finding.
//
// Mechanical fixes: header-case (lower-case the name), header-compared-to-string (compare with a
// one-element list), govaluate-regex (`=~` → `matches`), funcmap-function (asInt/asFloat →
// int/float), unguarded-payload-path (`?.` on every step), parameter-value-ignored (`value: v` →
// valueFrom.event: the string literal of v), fixed-workflow-name (name → generateName "<name>-"),
// invalid-k8s-name (lower-case, when that makes it valid), missing-template (add or drop
// clusterScope when the other scope has the template), missing-template-parameter (supply it from
// the payload key of the same name).
// `parsed` is fileText already loaded (evaluation loads each file once for all its findings).
std::optional<Diagnostic::Fix> lintFix(const QByteArray &fileText, const argo::LintFinding &finding,
                                       const argo::ManifestSet *parsed = nullptr);
// Whether lintFix() can ever fix findings of `rule` (cheap; no parsing).
bool hasMechanicalFix(std::string_view rule);

// Applies `fix` to `text`; false (text unchanged) when the text there is no longer what the fix expects.
bool applyFix(QByteArray &text, const Diagnostic::Fix &fix);

} // namespace bindery::workspace
