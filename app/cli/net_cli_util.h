// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the networked subcommands (post, replay).
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

namespace bindery::cli {

inline QString argText(std::string_view a)
{
    return QString::fromLocal8Bit(a.data(), static_cast<qsizetype>(a.size()));
}

inline void printErr(const QString &s)
{
    const QByteArray b = s.toLocal8Bit();
    std::fprintf(stderr, "%s\n", b.constData());
}

// The value after option args[i], advancing i; prints the usage error when missing.
inline std::optional<QString> optionValue(const char *command, const std::vector<std::string_view> &args, size_t &i)
{
    if (i + 1 >= args.size()) {
        std::fprintf(stderr, "bindery-cli %s: %.*s needs a value\n", command, static_cast<int>(args[i].size()),
                     args[i].data());
        return std::nullopt;
    }
    ++i;
    return argText(args[i]);
}

} // namespace bindery::cli
