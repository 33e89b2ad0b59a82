// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"
#include "net/replay_engine.h"
#include "workspace/workspace_snapshot.h"

#include <QJsonObject>
#include <QList>

#include <memory>
#include <optional>

namespace bindery::argo {
class Dispatcher;
}

namespace bindery::ui {

// The workspace's manifests as the hosted endpoint serves them: a dispatcher for the dispatch step
// and the objects for the REST subset. Built from one snapshot; immutable.
struct HostedCatalog {
    quint64 revision = 0;
    std::shared_ptr<const argo::Dispatcher> dispatcher;
    QList<QJsonObject> templates, clusterTemplates, bindings;
    int manifestErrors = 0;
    static HostedCatalog fromSnapshot(const workspace::WorkspaceSnapshot &snapshot);
};

// A workspace event as it would be POSTed.
net::CaptureRecord recordFromEvent(const workspace::EventDocument &event);
workspace::EventDocument eventFromRecord(const net::CaptureRecord &record, const QString &name);

// What the local dispatcher predicts for `record` (the predicted side of predicted-vs-actual).
net::ReplayPrediction predict(const argo::Dispatcher &dispatcher, const net::CaptureRecord &record);

// A JSON object as block YAML (for showing Workflows; keys in the object's order).
QString toYamlText(const QJsonObject &object);

} // namespace bindery::ui
