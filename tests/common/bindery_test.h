// SPDX-License-Identifier: Apache-2.0
// Helpers shared by Bindery's Qt Test suites.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>

namespace bindery::test {

// The shared reference folder (conformance vectors, specs); may be absent in a lone clone.
inline QString sharedDir()
{
    const QByteArray env = qgetenv("BINDERY_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(BINDERY_SHARED_DIR) : QString::fromLocal8Bit(env);
}

inline QString sharedFile(const QString &relative)
{
    return QDir(sharedDir()).filePath(relative);
}

inline bool hasShared(const QString &relative)
{
    return QFile::exists(sharedFile(relative));
}

inline QString testSourceDir()
{
    return QStringLiteral(BINDERY_TEST_SOURCE_DIR);
}

inline QString binaryDir()
{
    return QStringLiteral(BINDERY_BINARY_DIR);
}

} // namespace bindery::test

// QSKIP with the reason when a test needs a ../shared file that this clone lacks.
#define BINDERY_REQUIRE_SHARED(relative)                                                            \
    do {                                                                                           \
        if (!bindery::test::hasShared(QStringLiteral(relative)))                                   \
            QSKIP(qPrintable(QStringLiteral("../shared/" relative                                  \
                                            " is absent: this clone has no shared reference folder"))); \
    } while (false)

// Like QTEST_MAIN, but widget tests default to the offscreen platform when none is set.
#define BINDERY_TEST_MAIN(TestObject)                                                              \
    QTEST_MAIN_WRAPPER(TestObject,                                                                 \
                       if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))                         \
                           qputenv("QT_QPA_PLATFORM", "offscreen");                                \
                       QTEST_MAIN_SETUP())
