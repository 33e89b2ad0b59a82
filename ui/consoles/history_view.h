// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/consoles/history_store.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace bindery::ui {

// Every post and received request, searchable and filterable; each can be replayed as it is or
// turned into a workspace event to edit first.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(HistoryStore *store, QWidget *parent = nullptr);
    HistoryFilterModel *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    void setSearch(const QString &text);
    QList<net::CaptureRecord> selectedRecords() const;

signals:
    void replayRequested(const QList<bindery::net::CaptureRecord> &records);
    void editRequested(const bindery::net::CaptureRecord &record);

private:
    HistoryStore *m_store;
    HistoryFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_show;
    QSpinBox *m_limit;
    QTableView *m_view;
};

} // namespace bindery::ui
