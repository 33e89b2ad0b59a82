// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/history_view.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace bindery::ui {

HistoryView::HistoryView(HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_filter(new HistoryFilterModel(this))
{
    setObjectName(QStringLiteral("historyView"));
    m_filter->setSourceModel(store->model());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search path, code, bindings, body…"));
    m_search->setClearButtonEnabled(true);
    m_show = new QComboBox(this);
    m_show->addItems({tr("All"), tr("Sent"), tr("Received"), tr("Errors")});
    m_limit = new QSpinBox(this);
    m_limit->setRange(10, 1'000'000);
    m_limit->setValue(store->limit());
    m_limit->setPrefix(tr("keep "));
    m_limit->setToolTip(tr("How many entries the workspace's history file keeps"));
    auto *replay = new QPushButton(tr("Replay"), this);
    auto *edit = new QPushButton(tr("Edit as event"), this);
    auto *clear = new QPushButton(tr("Clear"), this);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_show);
    bar->addWidget(m_limit);
    bar->addWidget(replay);
    bar->addWidget(edit);
    bar->addWidget(clear);
    layout->addLayout(bar);
    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    layout->addWidget(m_view, 1);
    m_view->setColumnWidth(0, 150);
    m_view->setColumnWidth(4, 140);

    connect(m_search, &QLineEdit::textChanged, m_filter, &HistoryFilterModel::setSearch);
    connect(m_show, &QComboBox::currentIndexChanged, this, [this](int i) { m_filter->setShow(HistoryFilterModel::Show(i)); });
    connect(m_limit, &QSpinBox::editingFinished, this, [this] { m_store->setLimit(m_limit->value()); });
    connect(replay, &QPushButton::clicked, this, [this] {
        const auto records = selectedRecords();
        if (!records.isEmpty())
            emit replayRequested(records);
    });
    connect(edit, &QPushButton::clicked, this, [this] {
        const auto records = selectedRecords();
        if (!records.isEmpty())
            emit editRequested(records.first());
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit editRequested(m_store->model()->row(m_filter->mapToSource(index).row()).record);
    });
    connect(clear, &QPushButton::clicked, m_store, &HistoryStore::clear);
}

void HistoryView::setSearch(const QString &text)
{
    m_search->setText(text);
}

QList<net::CaptureRecord> HistoryView::selectedRecords() const
{
    QList<net::CaptureRecord> records;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &i : rows)
        records << m_store->model()->row(m_filter->mapToSource(i).row()).record;
    return records;
}

} // namespace bindery::ui
