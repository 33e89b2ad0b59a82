// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// A byte-level view of JSON text: where values begin and end, without building a tree. Captures
// need it because a payload must keep its bytes (key order, number literals, spacing) for webhook
// signatures to stay valid, which QJsonDocument (sorted keys, doubles) would not preserve.
namespace bindery::net::capturejson {

struct Span {
    qsizetype begin = 0;
    qsizetype end = 0; // one past the last byte
};

struct Member {
    QString key; // unescaped
    Span value;
};

qsizetype skipWhitespace(QByteArrayView text, qsizetype pos);
// The end of the value starting at `pos` (after whitespace), or nullopt when malformed. Iterative:
// deep nesting cannot overflow the stack.
std::optional<Span> valueAt(QByteArrayView text, qsizetype pos);
// Members of the object whose '{' is at span.begin, or nullopt when span is not an object.
std::optional<QList<Member>> members(QByteArrayView text, Span object);
std::optional<QList<Span>> elements(QByteArrayView text, Span array);
// The member `key` of an object span, or nullopt.
std::optional<Span> member(QByteArrayView text, Span object, QStringView key);
// The JSON text without insignificant whitespace, bytes of strings untouched.
QByteArray minify(QByteArrayView json);

// Paths like `$.a.b[0]['c d'][*].*`; `$` optional. Returns the spans of every value that matches.
// Returns nullopt and sets *error when the path is malformed.
std::optional<QList<Span>> select(QByteArrayView text, QStringView path, QString *error = nullptr);

// 1-based line and column of a byte offset.
struct LineColumn {
    int line = 1;
    int column = 1;
};
LineColumn lineColumnAt(QByteArrayView text, qsizetype offset);

} // namespace bindery::net::capturejson
