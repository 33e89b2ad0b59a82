// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QByteArrayView>

// Small helpers over a capture record's header list (names compare case-insensitively, as HTTP's).
namespace bindery::net {

// The first value of that header, or a null QByteArray when absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
bool hasHeader(const HeaderList &headers, QByteArrayView name);
// Replaces the first header of that name (dropping later ones) or appends it.
void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value);
void removeHeader(HeaderList &headers, QByteArrayView name);
// "/api/v1/events/{namespace}/{discriminator}"
QString eventPath(const CaptureRecord &record);
// Strict UTF-8 (no overlongs, no surrogates).
bool isUtf8(QByteArrayView bytes);

} // namespace bindery::net
