// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/event_document.h"

#include <QAbstractTableModel>

namespace bindery::ui {

// The headers of an event as an editable table (name, value, and whether the selector sees it).
class HeadersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Value, ReachesSelector, ColumnCount };

    explicit HeadersModel(QObject *parent = nullptr);

    void resetData(const QList<workspace::EventHeader> &headers);
    const QList<workspace::EventHeader> &headers() const { return m_headers; }
    void appendHeader(const workspace::EventHeader &header);
    void removeHeader(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    // The user edited, added or removed a header (not resetData()).
    void headersEdited();

private:
    QList<workspace::EventHeader> m_headers;
};

} // namespace bindery::ui
