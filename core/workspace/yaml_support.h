// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the workspace's YAML readers and writers (private to core/workspace).
#pragma once

#include "workspace/diagnostic.h"

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

namespace bindery::workspace::yaml {

// A diagnostic at a yaml-cpp mark (0-based) converted to the 1-based convention.
Diagnostic at(const YAML::Mark &mark, const QString &message);
Diagnostic fromException(const YAML::Exception &e);

inline QString text(const YAML::Node &node) { return QString::fromStdString(node.Scalar()); }

// `key: value` for a scalar, picking plain, quoted or literal-block style so that reading it back
// gives exactly `value`. `indent` is the indentation of the key.
QByteArray scalarEntry(const QByteArray &key, const QString &value, int indent = 0);
// A scalar suitable for a flow context (`{name: <here>}`).
QByteArray flowScalar(const QString &value);

} // namespace bindery::workspace::yaml
