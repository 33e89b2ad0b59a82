// SPDX-License-Identifier: Apache-2.0
#include "ui/headers_model.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace bindery::ui {

HeadersModel::HeadersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HeadersModel::resetData(const QList<workspace::EventHeader> &headers)
{
    if (headers == m_headers)
        return;
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

void HeadersModel::appendHeader(const workspace::EventHeader &header)
{
    beginInsertRows({}, int(m_headers.size()), int(m_headers.size()));
    m_headers.append(header);
    endInsertRows();
    emit headersEdited();
}

void HeadersModel::removeHeader(int row)
{
    if (row < 0 || row >= m_headers.size())
        return;
    beginRemoveRows({}, row, row);
    m_headers.removeAt(row);
    endRemoveRows();
    emit headersEdited();
}

int HeadersModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_headers.size()); }
int HeadersModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const workspace::EventHeader &h = m_headers.at(index.row());
    // Argo passes only x- headers to the selector, under their lower-cased names (events-spec.md).
    const bool reaches = h.name.startsWith(QStringLiteral("x-"), Qt::CaseInsensitive);
    switch (index.column()) {
    case Name:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return h.name;
        break;
    case Value:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return h.value;
        break;
    case ReachesSelector:
        if (role == Qt::DisplayRole)
            return reaches ? QStringLiteral("metadata[\"%1\"]").arg(h.name.toLower()) : tr("— (not an x- header)");
        if (role == Qt::ForegroundRole && !reaches)
            return QBrush(QGuiApplication::palette().color(QPalette::PlaceholderText));
        break;
    }
    if (role == Qt::ToolTipRole)
        return reaches ? tr("The selector sees this header as metadata[\"%1\"], a list of strings").arg(h.name.toLower())
                       : tr("Only x- headers reach the selector; this one does not");
    return {};
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case Value: return tr("Value");
    case ReachesSelector: return tr("Selector sees");
    default: return {};
    }
}

Qt::ItemFlags HeadersModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() != ReachesSelector)
        f |= Qt::ItemIsEditable;
    return f;
}

bool HeadersModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() == ReachesSelector)
        return false;
    workspace::EventHeader &h = m_headers[index.row()];
    QString &field = index.column() == Name ? h.name : h.value;
    const QString text = value.toString();
    if (field == text)
        return true;
    if (index.column() == Name && text.trimmed().isEmpty())
        return false; // a header needs a name
    field = text;
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    emit headersEdited();
    return true;
}

} // namespace bindery::ui
