// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QVariant>

#include <functional>
#include <vector>

namespace bindery::ui {

// A read-only table over immutable rows. Views get rows in batches (append() from the traffic
// signals, reset() with a whole snapshot); the oldest rows go when `limit` is exceeded, so a long
// session cannot grow without bound.
template <typename Row>
class RecordTableModel : public QAbstractTableModel
{
public:
    struct Column {
        QString title;
        std::function<QVariant(const Row &, int role)> data;
    };

    explicit RecordTableModel(std::vector<Column> columns, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_columns(std::move(columns))
    {
    }

    void setLimit(int limit)
    {
        m_limit = limit < 1 ? 1 : limit;
        trim();
    }
    int limit() const { return m_limit; }

    void reset(QList<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        if (m_rows.size() > m_limit)
            m_rows.remove(0, m_rows.size() - m_limit);
        endResetModel();
    }

    void append(const QList<Row> &rows)
    {
        if (rows.isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(rows.size()) - 1);
        m_rows.append(rows);
        endInsertRows();
        trim();
    }
    void append(const Row &row) { append(QList<Row>{row}); }

    void clear() { reset({}); }

    void replace(int index, Row row)
    {
        m_rows[index] = std::move(row);
        emit dataChanged(this->index(index, 0), this->index(index, columnCount() - 1));
    }

    const Row &row(int index) const { return m_rows.at(index); }
    const QList<Row> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_columns.size()); }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        return m_columns[size_t(index.column())].data(m_rows.at(index.row()), role);
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < int(m_columns.size()))
            return m_columns[size_t(section)].title;
        return QAbstractTableModel::headerData(section, orientation, role);
    }

private:
    void trim()
    {
        if (m_rows.size() <= m_limit)
            return;
        const int extra = int(m_rows.size()) - m_limit;
        beginRemoveRows({}, 0, extra - 1);
        m_rows.remove(0, extra);
        endRemoveRows();
    }

    std::vector<Column> m_columns;
    QList<Row> m_rows;
    int m_limit = 10'000;
};

} // namespace bindery::ui
