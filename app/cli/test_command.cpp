// SPDX-License-Identifier: Apache-2.0
// bindery-cli test: runs a workspace's binding test suites (tests/*.yaml), prints a readable diff
// for each failure, writes JUnit XML on request, and can freeze today's outcomes (--update).
#include "cli/command.h"
#include "workspace/binding_tests.h"
#include "workspace/workspace.h"
#include "workspace/workspace_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <cstdio>
#include <memory>
#include <vector>

namespace bindery::cli {

namespace {

const char kHelp[] =
    "Usage: bindery-cli test [WORKSPACE | TESTFILE...] [--filter PATTERN] [--junit FILE] [--update]\n"
    "\n"
    "Runs binding test suites: each case posts an event (a workspace event or an inline one) to the\n"
    "simulated Argo v4.1 dispatcher and checks which bindings fire, the Workflows they produce, the\n"
    "Warning events and the HTTP outcome. With no argument, the workspace containing the current\n"
    "directory is used. A test file outside any workspace names its manifests with `manifests:`.\n"
    "\n"
    "Options:\n"
    "  --filter PATTERN  run only cases whose \"FILE::NAME\" contains PATTERN (or matches it, with * ?)\n"
    "  --junit FILE      write JUnit XML for CI systems\n"
    "  --update          write the actual outcomes as the new expectations (review them in git)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 all passed, 1 a case failed, 2 usage error or a malformed test file.\n";

void err(const QString &s)
{
    std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData());
}

void out(const QString &s)
{
    std::fprintf(stdout, "%s\n", s.toLocal8Bit().constData());
}

// The workspace folder containing `path` (a file or folder), or "".
QString workspaceRootOf(const QString &path)
{
    QDir dir(QFileInfo(path).isDir() ? path : QFileInfo(path).absolutePath());
    while (true) {
        if (workspace::WorkspaceLocator::isWorkspace(dir.absolutePath()))
            return dir.absolutePath();
        if (!dir.cdUp())
            return {};
    }
}

bool matchesFilter(const QString &filter, const QString &id)
{
    if (filter.isEmpty())
        return true;
    if (filter.contains(QLatin1Char('*')) || filter.contains(QLatin1Char('?'))) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
            filter, QRegularExpression::UnanchoredWildcardConversion));
        return re.match(id).hasMatch();
    }
    return id.contains(filter);
}

// One group of suites that share a catalog and events: a workspace, or a lone test file.
struct Group {
    std::unique_ptr<workspace::BindingTestRunner> runner;
    QString root; // suite paths are relative to it
    QList<workspace::BindingTestSuite> suites;
};

bool readFile(const QString &path, QByteArray *data)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    *data = f.readAll();
    return true;
}

} // namespace

int runTestCommand(const std::vector<std::string_view> &args)
{
    int argc = 1;
    char name[] = "bindery-cli";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    QStringList inputs;
    QString filter, junit;
    bool update = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](QString *target) {
            if (i + 1 >= args.size()) {
                err(QStringLiteral("bindery-cli test: %1 needs a value").arg(QString::fromUtf8(a.data(), a.size())));
                return false;
            }
            *target = QString::fromUtf8(args[i + 1].data(), args[i + 1].size());
            ++i;
            return true;
        };
        if (a == "-h" || a == "--help") {
            std::fputs(kHelp, stdout);
            return ExitOk;
        } else if (a == "--filter") {
            if (!value(&filter))
                return ExitUsage;
        } else if (a == "--junit") {
            if (!value(&junit))
                return ExitUsage;
        } else if (a == "--update") {
            update = true;
        } else if (a.size() > 1 && a[0] == '-') {
            err(QStringLiteral("bindery-cli test: unknown option %1\n%2")
                    .arg(QString::fromUtf8(a.data(), a.size()), QString::fromLatin1(kHelp)));
            return ExitUsage;
        } else {
            inputs << QString::fromUtf8(a.data(), a.size());
        }
    }
    if (inputs.isEmpty())
        inputs << QDir::currentPath();

    // Workspaces (by root) and their selected suite files; lone files separately.
    QMap<QString, QStringList> workspaceFiles; // root → absolute test files ("" list = all of them)
    QStringList loneFiles;
    for (const QString &input : std::as_const(inputs)) {
        const QFileInfo info(input);
        if (!info.exists()) {
            err(QStringLiteral("bindery-cli test: %1: no such file or folder").arg(input));
            return ExitUsage;
        }
        const QString root = workspaceRootOf(info.absoluteFilePath());
        if (info.isDir()) {
            if (root.isEmpty()) {
                err(QStringLiteral("bindery-cli test: %1 is not inside a Bindery workspace (no %2)")
                        .arg(input, workspace::WorkspaceLocator::indexFileName()));
                return ExitUsage;
            }
            workspaceFiles[root]; // all suites
        } else if (root.isEmpty()) {
            loneFiles << info.absoluteFilePath();
        } else {
            auto &list = workspaceFiles[root];
            list << info.absoluteFilePath();
        }
    }

    bool malformed = false;
    std::vector<Group> groups;
    for (auto it = workspaceFiles.cbegin(); it != workspaceFiles.cend(); ++it) {
        workspace::Workspace ws;
        QString error;
        if (!ws.open(it.key(), &error)) {
            err(QStringLiteral("bindery-cli test: %1").arg(error));
            return ExitUsage;
        }
        const auto snapshot = ws.snapshot();
        QList<workspace::Diagnostic> problems;
        Group g;
        g.root = it.key();
        g.runner = std::make_unique<workspace::BindingTestRunner>(
            workspace::BindingTestRunner::fromSnapshot(snapshot, &problems));
        for (const auto &p : std::as_const(problems))
            err(QStringLiteral("warning: %1").arg(p.toString()));
        const QDir rootDir(it.key());
        for (const auto &entry : snapshot.tests()) {
            const QString absolute = rootDir.absoluteFilePath(entry->path);
            if (!it.value().isEmpty() && !it.value().contains(QFileInfo(absolute).absoluteFilePath()))
                continue;
            g.suites << workspace::BindingTestFormat::parse(entry->text, entry->path);
        }
        for (const QString &f : it.value()) {
            const QString rel = rootDir.relativeFilePath(f);
            bool found = false;
            for (const auto &s : std::as_const(g.suites))
                found = found || s.path == rel;
            if (!found) {
                // A test file inside the workspace but outside its tests folder: read it directly.
                QByteArray data;
                if (!readFile(f, &data)) {
                    err(QStringLiteral("bindery-cli test: cannot read %1").arg(f));
                    return ExitUsage;
                }
                g.suites << workspace::BindingTestFormat::parse(data, rel);
            }
        }
        groups.push_back(std::move(g));
    }
    for (const QString &f : std::as_const(loneFiles)) {
        QByteArray data;
        if (!readFile(f, &data)) {
            err(QStringLiteral("bindery-cli test: cannot read %1").arg(f));
            return ExitUsage;
        }
        Group g;
        g.root = QFileInfo(f).absolutePath();
        auto suite = workspace::BindingTestFormat::parse(data, QDir::current().relativeFilePath(f));
        argo::ManifestSet manifests;
        for (const QString &m : std::as_const(suite.manifestFiles)) {
            const QString path = QDir(g.root).absoluteFilePath(m);
            manifests.append(argo::loadManifestFile(path.toStdString()));
        }
        for (const auto &d : manifests.diagnostics) {
            if (d.severity == argo::Severity::Error) {
                err(QString::fromStdString(argo::toString(d)));
                malformed = true;
            }
        }
        g.runner = std::make_unique<workspace::BindingTestRunner>(argo::Catalog::fromManifests(manifests),
                                                                  QList<workspace::EventDocument>{});
        g.suites << suite;
        groups.push_back(std::move(g));
    }

    QList<workspace::BindingTestResult> results;
    int passed = 0, failed = 0;
    for (Group &g : groups) {
        for (workspace::BindingTestSuite &suite : g.suites) {
            for (const auto &p : std::as_const(suite.problems)) {
                err(p.toString());
                malformed = true;
            }
            bool suiteUpdated = false;
            for (workspace::BindingTestCase &c : suite.cases) {
                if (!matchesFilter(filter, suite.path + QStringLiteral("::") + c.name))
                    continue;
                auto r = g.runner->run(suite, c);
                if (update && !r.passed) {
                    QString resolveError;
                    if (g.runner->resolveEvent(c, &resolveError)) {
                        c.expect = workspace::BindingTestRunner::expectationFrom(r.actual, c.expect.exact);
                        suiteUpdated = true;
                        out(QStringLiteral("UPDATE %1::%2").arg(suite.path, c.name));
                        r = g.runner->run(suite, c);
                    }
                }
                if (r.passed) {
                    ++passed;
                    out(QStringLiteral("PASS %1::%2").arg(suite.path, c.name));
                } else {
                    ++failed;
                    out(QStringLiteral("FAIL %1:%2: %3").arg(suite.path).arg(c.line).arg(c.name));
                    for (const QString &f : std::as_const(r.failures))
                        out(QStringLiteral("    - %1").arg(f));
                    for (const QString &e : std::as_const(r.explanations))
                        out(e.startsWith(QLatin1Char(' ')) ? QStringLiteral("        ") + e
                                                          : QStringLiteral("    why: ") + e);
                }
                results << r;
            }
            if (suiteUpdated) {
                QSaveFile file(QDir(g.root).absoluteFilePath(suite.path));
                if (!file.open(QIODevice::WriteOnly)
                    || file.write(workspace::BindingTestFormat::serialize(suite)) < 0 || !file.commit()) {
                    err(QStringLiteral("bindery-cli test: cannot write %1: %2").arg(suite.path, file.errorString()));
                    return ExitUsage;
                }
            }
        }
    }

    if (!junit.isEmpty()) {
        QSaveFile file(junit);
        if (!file.open(QIODevice::WriteOnly) || file.write(workspace::junitXml(results)) < 0 || !file.commit()) {
            err(QStringLiteral("bindery-cli test: cannot write %1: %2").arg(junit, file.errorString()));
            return ExitUsage;
        }
    }
    out(QStringLiteral("%1 passed, %2 failed").arg(passed).arg(failed));
    if (malformed)
        return ExitUsage;
    if (results.isEmpty() && filter.isEmpty()) {
        err(QStringLiteral("bindery-cli test: no test cases found"));
        return ExitUsage;
    }
    return failed > 0 ? ExitCheckFailed : ExitOk;
}

} // namespace bindery::cli
