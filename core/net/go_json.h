// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArrayView>
#include <QString>

namespace bindery::net {

// What Go's json.NewDecoder(body).Decode(&v) makes of a request body (events-spec.md §1.3): the
// first JSON value is read and whatever follows it is ignored; an empty or all-whitespace body is
// io.EOF (the payload is null); anything else is an error with Go's exact message, e.g.
// "invalid character 'x' looking for beginning of value" or "unexpected EOF".
struct FirstJsonValue {
    enum class Kind { Empty, Value, Error };
    Kind kind = Kind::Empty;
    qsizetype begin = 0; // the value's bytes are [begin, end)
    qsizetype end = 0;
    QString error;
};

FirstJsonValue scanFirstJsonValue(QByteArrayView body);

} // namespace bindery::net
