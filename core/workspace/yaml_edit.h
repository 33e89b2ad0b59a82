// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace bindery::workspace {

// One replacement in a UTF-8 text: `length` bytes at byte `offset` become `text`. Byte offsets are
// what QScintilla positions count, so an edit applies to an editor's document as it is.
struct TextEdit {
    int offset = 0;
    int length = 0;
    QByteArray text;
    bool isNull() const { return length == 0 && text.isEmpty(); }
    bool operator==(const TextEdit &) const = default;
};

QByteArray applyEdit(const QByteArray &text, const TextEdit &edit);
// The smallest single edit that turns `before` into `after` (their common prefix and suffix stay).
TextEdit diffEdit(const QByteArray &before, const QByteArray &after);

// Edits one document of a YAML text the way a person would: only the spans an operation touches
// change, so comments, key order, quoting and indentation elsewhere stay as the user wrote them.
// (Re-emitting the tree would lose all of that, and the user's undo history with it.)
//
// A path is a list of mapping keys; an element "[name=x]" picks the item of a sequence whose `name`
// is x (Argo's parameter lists). Operations create what is missing on the way (`setScalar` on
// spec.submit.metadata.generateName adds `metadata:` when there is none). Block and flow styles
// are both understood; new entries follow the surrounding style and indentation.
class YamlEdit
{
public:
    explicit YamlEdit(QByteArray text, int document = 0);

    bool ok() const { return m_error.isEmpty(); }
    // Why the text does not parse or why the last operation could not be done ("line:col: ...").
    QString error() const { return m_error; }
    const QByteArray &text() const { return m_text; }
    int document() const { return m_document; }
    int documentCount() const { return int(m_documentLines.size()); }
    // The 0-based index of the document that holds 1-based `line` (0 when the text does not parse).
    static int documentAt(const QByteArray &text, int line);

    bool contains(const QStringList &path) const;
    // The scalar at `path` (nullopt when absent or not a scalar).
    std::optional<QString> scalar(const QStringList &path) const;
    // Sets a string value, written as plain, quoted or literal block so that Kubernetes reads back
    // exactly `value` (an existing scalar keeps its quoting style when it can).
    bool setScalar(const QStringList &path, const QString &value);
    // Sets a value written verbatim (a bool, a number: `clusterScope: true`).
    bool setRaw(const QStringList &path, const QByteArray &plain);
    // Removes a mapping entry or sequence item; a collection left empty goes with it.
    bool remove(const QStringList &path);
    // Renames the key at `path` (the value stays).
    bool renameKey(const QStringList &path, const QString &newKey);

private:
    struct Located;
    bool parse();
    std::optional<Located> locate(const QStringList &path) const;
    bool set(const QStringList &path, const QString &value, bool raw);
    std::pair<int, int> nullValueSpan(const Located &at) const;
    bool replace(int offset, int length, const QByteArray &with);
    bool fail(const QString &message);

    QByteArray m_text;
    int m_document = 0;
    std::vector<int> m_documentLines;
    QString m_error;
};

} // namespace bindery::workspace
