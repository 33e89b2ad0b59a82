// SPDX-License-Identifier: Apache-2.0
// A tiny workspace for the console tests: one template, one binding that fires on
// {"action": "push"}, and events written as files.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace bindery::test {

inline const QByteArray kPushManifests = "apiVersion: argoproj.io/v1alpha1\n"
                                         "kind: WorkflowTemplate\n"
                                         "metadata:\n"
                                         "  name: build\n"
                                         "spec:\n"
                                         "  entrypoint: main\n"
                                         "  templates:\n"
                                         "    - name: main\n"
                                         "      container:\n"
                                         "        image: alpine\n"
                                         "---\n"
                                         "apiVersion: argoproj.io/v1alpha1\n"
                                         "kind: WorkflowEventBinding\n"
                                         "metadata:\n"
                                         "  name: on-push\n"
                                         "spec:\n"
                                         "  event:\n"
                                         "    selector: payload.action == \"push\"\n"
                                         "  submit:\n"
                                         "    workflowTemplateRef:\n"
                                         "      name: build\n";

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace bindery::test
