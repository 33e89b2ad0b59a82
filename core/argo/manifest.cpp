// SPDX-License-Identifier: Apache-2.0
#include "argo/manifest.h"

#include "argo/go_text.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

namespace bindery::argo {

SourceLocation WorkflowEventBinding::selectorOffsetLocation(std::size_t offset) const
{
    if (selectorSegments.empty() || !selectorLocation.isValid())
        return selectorLocation;
    auto it = std::upper_bound(selectorSegments.begin(), selectorSegments.end(), offset,
        [](std::size_t o, const Segment &s) { return o < s.start; });
    if (it == selectorSegments.begin())
        return selectorLocation;
    --it;
    SourceLocation loc = selectorLocation;
    loc.line = it->line;
    loc.column = it->column + static_cast<int>(offset - it->start);
    return loc;
}

std::string toString(const SourceLocation &location)
{
    std::string out = location.file.empty() ? std::string("<input>") : location.file;
    if (location.line > 0) {
        out += ':' + std::to_string(location.line);
        if (location.column > 0)
            out += ':' + std::to_string(location.column);
    }
    return out;
}

std::string toString(const Diagnostic &diagnostic)
{
    const char *severity = diagnostic.severity == Severity::Error     ? "error"
                           : diagnostic.severity == Severity::Warning ? "warning"
                                                                      : "info";
    return toString(diagnostic.location) + ": " + severity + ": " + diagnostic.message;
}

const StringEntry *findEntry(const StringMap &map, std::string_view key)
{
    for (const auto &e : map)
        if (e.key == key)
            return &e;
    return nullptr;
}

void setEntry(StringMap &map, std::string key, std::string value)
{
    for (auto &e : map) {
        if (e.key == key) {
            e.value = std::move(value);
            return;
        }
    }
    map.push_back(StringEntry{std::move(key), std::move(value), {}, {}});
}

void removeEntry(StringMap &map, std::string_view key)
{
    std::erase_if(map, [&](const StringEntry &e) { return e.key == key; });
}

std::string_view kindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::WorkflowTemplate: return "WorkflowTemplate";
    case ObjectKind::ClusterWorkflowTemplate: return "ClusterWorkflowTemplate";
    case ObjectKind::WorkflowEventBinding: return "WorkflowEventBinding";
    case ObjectKind::Workflow: return "Workflow";
    case ObjectKind::Unknown: break;
    }
    return "Unknown";
}

bool ManifestSet::hasErrors() const
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

void ManifestSet::append(ManifestSet other)
{
    auto move = [](auto &to, auto &from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    };
    move(templates, other.templates);
    move(bindings, other.bindings);
    move(workflows, other.workflows);
    move(unknown, other.unknown);
    move(diagnostics, other.diagnostics);
}

namespace {

bool isOneOf(std::string_view s, std::initializer_list<std::string_view> list)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

// go-yaml v2's integer resolution: underscores dropped, then strconv.ParseInt(s, 0, 64) (sign,
// 0x/0o/0b prefixes, a leading 0 meaning octal), then ParseUint.
std::optional<std::string> resolveInteger(std::string_view text)
{
    std::string plain;
    for (char c : text)
        if (c != '_')
            plain += c;
    std::string_view s = plain;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty())
        return std::nullopt;
    int base = 10;
    if (s.size() > 1 && s[0] == '0') {
        if (s[1] == 'x' || s[1] == 'X') {
            base = 16;
            s.remove_prefix(2);
        } else if (s[1] == 'o' || s[1] == 'O') {
            base = 8;
            s.remove_prefix(2);
        } else if (s[1] == 'b' || s[1] == 'B') {
            base = 2;
            s.remove_prefix(2);
        } else {
            base = 8;
            s.remove_prefix(1);
        }
    }
    if (s.empty())
        return std::nullopt;
    unsigned long long magnitude = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    if (negative) {
        // ParseInt: down to -2^63; ParseUint rejects a sign.
        if (magnitude > 9223372036854775808ULL)
            return std::nullopt;
        if (magnitude == 0)
            return std::string("0");
        return "-" + std::to_string(magnitude);
    }
    return std::to_string(magnitude);
}

bool looksLikeYamlFloat(std::string_view s)
{
    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    auto digits = [&] {
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i - start;
    };
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (digits() == 0)
            return false;
    } else {
        if (digits() == 0)
            return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (digits() == 0)
            return false;
    }
    return i == s.size();
}

// Matches a scalar's decoded value against its text in the file, byte by byte, to find where each
// run of value bytes lies. What YAML drops between them (indentation, line breaks folded to spaces,
// quotes, the backslash of an escape, a block header and its comment) is skipped; anything else
// that does not match (an escape such as \u00e9 or \n) gives up, and callers fall back to the
// scalar's start.
std::vector<WorkflowEventBinding::Segment> scalarSegments(
    std::string_view text, std::size_t pos, int line, int column, char style, std::string_view value)
{
    std::vector<WorkflowEventBinding::Segment> segments;
    std::size_t p = pos;
    const auto advance = [&] {
        if (text[p] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        ++p;
    };
    if (style == '|' || style == '>') { // the header line ("|-", "|2", "> # comment")
        while (p < text.size() && text[p] != '\n')
            advance();
    } else if ((style == '"' || style == '\'') && p < text.size()) {
        advance();
    }
    std::size_t previous = std::string_view::npos; // text position of the previous matched byte
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        for (;;) {
            if (p >= text.size())
                return {};
            const char r = text[p];
            const bool folded = c == ' ' && r == '\n' && style != '|' && style != '"' && style != '\'';
            if (r == c || folded)
                break;
            const bool skippable = r == ' ' || r == '\t' || r == '\r' || r == '\n'
                || (style == '"' && r == '\\') || (style == '\'' && r == '\'');
            if (!skippable)
                return {};
            advance();
        }
        if (previous == std::string_view::npos || p != previous + 1 || text[previous] == '\n')
            segments.push_back({ i, line, column });
        previous = p;
        advance();
    }
    return segments;
}

} // namespace

std::optional<std::string> coercePlainScalar(std::string_view text, bool *isNull)
{
    if (isNull)
        *isNull = false;
    if (text.empty() || isOneOf(text, {"~", "null", "Null", "NULL"})) {
        if (isNull)
            *isNull = true;
        return std::string();
    }
    if (isOneOf(text, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}))
        return std::string("true");
    if (isOneOf(text, {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}))
        return std::string("false");
    if (isOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
        return std::string("+Inf");
    if (isOneOf(text, {"-.inf", "-.Inf", "-.INF"}))
        return std::string("-Inf");
    if (isOneOf(text, {".nan", ".NaN", ".NAN"}))
        return std::string("NaN");
    const char c = text[0];
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.'))
        return std::nullopt;
    if (auto i = resolveInteger(text))
        return i;
    std::string plain;
    for (char ch : text)
        if (ch != '_')
            plain += ch;
    if (looksLikeYamlFloat(plain)) {
        errno = 0;
        const double f = std::strtod(plain.c_str(), nullptr);
        return gotext::formatFloat(f, 'g', 32);
    }
    return std::nullopt;
}

namespace {

class Loader
{
public:
    Loader(std::string_view fileName, std::string_view text, ManifestSet &out) : file_(fileName), text_(text), out_(out) {}

    SourceLocation at(const YAML::Node &node) const
    {
        const YAML::Mark m = node.Mark();
        if (m.line < 0)
            return SourceLocation{file_, 0, 0};
        return SourceLocation{file_, m.line + 1, m.column + 1};
    }

    void error(const YAML::Node &node, std::string message)
    {
        out_.diagnostics.push_back(Diagnostic{Severity::Error, at(node), std::move(message)});
    }
    void warning(const YAML::Node &node, std::string message)
    {
        out_.diagnostics.push_back(Diagnostic{Severity::Warning, at(node), std::move(message)});
    }

    // A scalar decoded into a Go string field: plain scalars coerced, quoted ones verbatim,
    // null → "". Anything else is an error (the API server would reject the object).
    std::string str(const YAML::Node &node, std::string_view what)
    {
        if (exhausted())
            return {};
        if (!node || node.IsNull())
            return {};
        if (!node.IsScalar()) {
            error(node, std::string(what) + ": expected a string, found a " +
                            (node.IsMap() ? "mapping" : "sequence"));
            return {};
        }
        const std::string &text = node.Scalar();
        if (node.Tag() == "?") {
            if (auto coerced = coercePlainScalar(text))
                return *coerced;
        }
        return text;
    }

    bool boolean(const YAML::Node &node, std::string_view what)
    {
        if (!node || node.IsNull())
            return false;
        if (node.IsScalar() && node.Tag() == "?") {
            const std::string &t = node.Scalar();
            if (isOneOf(t, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}))
                return true;
            if (isOneOf(t, {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}))
                return false;
        }
        error(node, std::string(what) + ": expected a boolean (true or false)");
        return false;
    }

    YAML::Node child(const YAML::Node &map, const char *key)
    {
        if (!map || !map.IsMap())
            return YAML::Node(YAML::NodeType::Undefined);
        // The last of duplicate keys wins, as with encoding/json.
        YAML::Node found(YAML::NodeType::Undefined);
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == key)
                found.reset(it->second);
        }
        return found;
    }

    bool expectMap(const YAML::Node &node, std::string_view what)
    {
        if (!node || node.IsNull())
            return false;
        if (!node.IsMap()) {
            error(node, std::string(what) + ": expected a mapping");
            return false;
        }
        return true;
    }

    StringMap stringMap(const YAML::Node &node, std::string_view what)
    {
        StringMap map;
        if (!expectMap(node, what))
            return map;
        for (auto it = node.begin(); it != node.end(); ++it) {
            std::string key = str(it->first, what);
            std::string value = str(it->second, std::string(what) + "." + key);
            StringEntry entry{std::move(key), std::move(value), at(it->first), at(it->second)};
            auto existing = std::find_if(map.begin(), map.end(),
                                         [&](const StringEntry &e) { return e.key == entry.key; });
            if (existing != map.end())
                *existing = std::move(entry);
            else
                map.push_back(std::move(entry));
        }
        return map;
    }

    ObjectMeta objectMeta(const YAML::Node &node)
    {
        ObjectMeta meta;
        if (!expectMap(node, "metadata"))
            return meta;
        meta.location = at(node);
        if (auto n = child(node, "name")) {
            meta.name = str(n, "metadata.name");
            meta.nameLocation = at(n);
        }
        meta.generateName = str(child(node, "generateName"), "metadata.generateName");
        meta.namespace_ = str(child(node, "namespace"), "metadata.namespace");
        meta.labels = stringMap(child(node, "labels"), "metadata.labels");
        meta.annotations = stringMap(child(node, "annotations"), "metadata.annotations");
        return meta;
    }

    void document(const YAML::Node &doc, int listDepth = 0)
    {
        if (!doc || doc.IsNull() || exhausted())
            return;
        // YAML aliases can make a small file describe an exponential number of objects (nested
        // Lists of aliased Lists): refuse rather than exhaust memory.
        if (++objectCount_ > kMaxObjects) {
            if (objectCount_ == kMaxObjects + 1)
                error(doc, "more than " + std::to_string(kMaxObjects) + " objects: the rest is ignored");
            return;
        }
        if (!doc.IsMap()) {
            error(doc, "a manifest must be a mapping with apiVersion, kind and metadata");
            return;
        }
        const std::string kind = str(child(doc, "kind"), "kind");
        const std::string apiVersion = str(child(doc, "apiVersion"), "apiVersion");
        if (kind == "List" || (kind.size() > 4 && kind.ends_with("List") && child(doc, "items"))) {
            const YAML::Node items = child(doc, "items");
            if (items && !items.IsNull()) {
                if (!items.IsSequence()) {
                    error(items, "items: expected a sequence");
                    return;
                }
                if (listDepth >= kMaxListDepth) {
                    error(items, "Lists nested more than " + std::to_string(kMaxListDepth) + " deep");
                    return;
                }
                for (const auto &item : items)
                    document(item, listDepth + 1);
            }
            return;
        }
        const bool argo = apiVersion.starts_with("argoproj.io/");
        if (argo && (kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate"))
            out_.templates.push_back(workflowTemplate(doc, kind == "ClusterWorkflowTemplate"));
        else if (argo && kind == "WorkflowEventBinding")
            out_.bindings.push_back(binding(doc));
        else if (argo && kind == "Workflow")
            out_.workflows.push_back(WorkflowObject{objectMeta(child(doc, "metadata")), at(doc)});
        else {
            UnknownObject u{apiVersion, kind, objectMeta(child(doc, "metadata")), at(doc)};
            if (kind.empty())
                warning(doc, "object without a kind is ignored");
            else
                warning(doc, "object of kind " + kind + (apiVersion.empty() ? "" : " (" + apiVersion + ")") +
                                 " is not used by event dispatch");
            out_.unknown.push_back(std::move(u));
        }
    }

    WorkflowTemplate workflowTemplate(const YAML::Node &doc, bool cluster)
    {
        WorkflowTemplate t;
        t.location = at(doc);
        t.clusterScoped = cluster;
        t.metadata = objectMeta(child(doc, "metadata"));
        if (t.metadata.name.empty())
            error(doc, std::string(cluster ? "ClusterWorkflowTemplate" : "WorkflowTemplate") +
                           " without metadata.name");
        const YAML::Node spec = child(doc, "spec");
        if (!expectMap(spec, "spec"))
            return t;
        const YAML::Node arguments = child(spec, "arguments");
        if (expectMap(arguments, "spec.arguments")) {
            const YAML::Node params = child(arguments, "parameters");
            if (params && params.IsSequence()) {
                for (const auto &p : params) {
                    if (!expectMap(p, "spec.arguments.parameters[]"))
                        continue;
                    TemplateParameter tp;
                    tp.location = at(p);
                    tp.name = str(child(p, "name"), "parameter name");
                    if (auto v = child(p, "value"); v && !v.IsNull())
                        tp.value = str(v, "parameter value");
                    tp.hasDefault = tp.value.has_value() || (child(p, "default") && !child(p, "default").IsNull()) ||
                                    (child(p, "enum") && !child(p, "enum").IsNull());
                    if (auto vf = child(p, "valueFrom"); vf && !vf.IsNull())
                        tp.hasDefault = true;
                    t.parameters.push_back(std::move(tp));
                }
            } else if (params && !params.IsNull()) {
                error(params, "spec.arguments.parameters: expected a sequence");
            }
        }
        const YAML::Node wmd = child(spec, "workflowMetadata");
        if (expectMap(wmd, "spec.workflowMetadata")) {
            t.hasWorkflowMetadata = true;
            t.workflowLabels = stringMap(child(wmd, "labels"), "spec.workflowMetadata.labels");
            t.workflowAnnotations = stringMap(child(wmd, "annotations"), "spec.workflowMetadata.annotations");
        }
        return t;
    }

    WorkflowEventBinding binding(const YAML::Node &doc)
    {
        WorkflowEventBinding b;
        b.location = at(doc);
        b.metadata = objectMeta(child(doc, "metadata"));
        if (b.metadata.name.empty())
            error(doc, "WorkflowEventBinding without metadata.name");
        const YAML::Node spec = child(doc, "spec");
        if (!expectMap(spec, "spec"))
            return b;
        b.hasSpec = true;
        const YAML::Node event = child(spec, "event");
        if (expectMap(event, "spec.event")) {
            if (auto sel = child(event, "selector")) {
                b.hasSelector = !sel.IsNull();
                b.selector = str(sel, "spec.event.selector");
                b.selectorLocation = at(sel);
                const int pos = sel.Mark().pos;
                if (pos >= 0 && static_cast<std::size_t>(pos) < text_.size()) {
                    const char c = text_[static_cast<std::size_t>(pos)];
                    b.selectorStyle = (c == '"' || c == '\'' || c == '|' || c == '>') ? c : 0;
                }
                b.selectorIsSingleLine = sel.IsScalar() && b.selectorStyle != '|' && b.selectorStyle != '>' &&
                                         b.selector.find('\n') == std::string::npos;
                if (sel.IsScalar() && pos >= 0)
                    b.selectorSegments = scalarSegments(text_, static_cast<std::size_t>(pos), sel.Mark().line + 1,
                                                        sel.Mark().column + 1, b.selectorStyle, b.selector);
            }
        }
        const YAML::Node submit = child(spec, "submit");
        if (expectMap(submit, "spec.submit"))
            b.submit = this->submit(submit);
        return b;
    }

    Submit submit(const YAML::Node &node)
    {
        Submit s;
        s.location = at(node);
        const YAML::Node ref = child(node, "workflowTemplateRef");
        if (expectMap(ref, "spec.submit.workflowTemplateRef")) {
            s.refLocation = at(ref);
            if (auto n = child(ref, "name")) {
                s.templateName = str(n, "workflowTemplateRef.name");
                s.templateNameLocation = at(n);
            }
            s.clusterScope = boolean(child(ref, "clusterScope"), "workflowTemplateRef.clusterScope");
        } else {
            error(node, "spec.submit.workflowTemplateRef is required");
        }
        const YAML::Node md = child(node, "metadata");
        if (expectMap(md, "spec.submit.metadata")) {
            s.metadata.location = at(md);
            if (auto n = child(md, "name")) {
                s.metadata.name = str(n, "spec.submit.metadata.name");
                s.metadata.nameLocation = at(n);
            }
            if (auto n = child(md, "generateName")) {
                s.metadata.generateName = str(n, "spec.submit.metadata.generateName");
                s.metadata.generateNameLocation = at(n);
            }
            s.metadata.labels = stringMap(child(md, "labels"), "spec.submit.metadata.labels");
            s.metadata.annotations = stringMap(child(md, "annotations"), "spec.submit.metadata.annotations");
        }
        const YAML::Node arguments = child(node, "arguments");
        if (expectMap(arguments, "spec.submit.arguments")) {
            s.hasArguments = true;
            const YAML::Node params = child(arguments, "parameters");
            if (params && params.IsSequence()) {
                for (const auto &p : params) {
                    if (!expectMap(p, "spec.submit.arguments.parameters[]"))
                        continue;
                    BindingParameter bp;
                    bp.location = at(p);
                    if (auto n = child(p, "name")) {
                        bp.name = str(n, "parameter name");
                        bp.nameLocation = at(n);
                    }
                    if (auto v = child(p, "value"); v && !v.IsNull())
                        bp.value = str(v, "parameter value");
                    const YAML::Node vf = child(p, "valueFrom");
                    if (vf && !vf.IsNull()) {
                        bp.hasValueFrom = true;
                        if (expectMap(vf, "valueFrom")) {
                            for (auto it = vf.begin(); it != vf.end(); ++it) {
                                if (it->first.Scalar() != "event")
                                    bp.hasIgnoredValueFrom = true;
                            }
                            if (auto e = child(vf, "event")) {
                                bp.hasEvent = !e.IsNull();
                                bp.event = str(e, "valueFrom.event");
                                bp.eventLocation = at(e);
                            }
                        }
                    }
                    s.parameters.push_back(std::move(bp));
                }
            } else if (params && !params.IsNull()) {
                error(params, "spec.submit.arguments.parameters: expected a sequence");
            }
        }
        return s;
    }

    // Aliases let a few bytes stand for huge trees: every scalar read counts against a budget.
    bool exhausted()
    {
        if (--budget_ >= 0)
            return false;
        if (budget_ == -1)
            out_.diagnostics.push_back(Diagnostic{Severity::Error, SourceLocation{file_, 0, 0},
                                                  "the manifests expand to too much data (YAML aliases?): loading stopped"});
        budget_ = -2;
        return true;
    }

private:
    static constexpr int kMaxObjects = 10000;
    long budget_ = 1000000;
    static constexpr int kMaxListDepth = 4;
    int objectCount_ = 0;
    std::string file_;
    std::string_view text_;
    ManifestSet &out_;
};

// yaml-cpp 0.7 loops for ever when a document's top-level node is followed (or replaced) by a ','
// outside any flow collection: ",", "[a],", "\"x\",", "&a ,". Such input is invalid YAML anyway, so
// it is refused before yaml-cpp sees it. Returns the offset of the offending ',' or npos.
std::size_t topLevelFlowEntry(std::string_view text)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto skipBlanks = [&] {
        for (;;) {
            while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
                ++i;
            if (i < n && text[i] == '#') {
                while (i < n && text[i] != '\n')
                    ++i;
                continue;
            }
            return;
        }
    };
    auto atLineStart = [&](std::size_t k) { return k == 0 || text[k - 1] == '\n'; };
    auto skipQuoted = [&](char q) {
        ++i;
        while (i < n) {
            if (q == '"' && text[i] == '\\') {
                i += 2;
                continue;
            }
            if (text[i] == q) {
                if (q == '\'' && i + 1 < n && text[i + 1] == '\'') {
                    i += 2;
                    continue;
                }
                ++i;
                return;
            }
            ++i;
        }
    };
    std::size_t docStart = 0;
    while (docStart <= n) {
        i = docStart;
        for (;;) { // directives and the document marker
            skipBlanks();
            if (i < n && text[i] == '%' && atLineStart(i)) {
                while (i < n && text[i] != '\n')
                    ++i;
                continue;
            }
            if (i + 3 <= n && text.substr(i, 3) == "---" && atLineStart(i)) {
                i += 3;
                continue;
            }
            break;
        }
        while (i < n && (text[i] == '&' || text[i] == '!')) { // node properties
            while (i < n && text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
                ++i;
            skipBlanks();
        }
        if (i < n && text[i] == ',')
            return i;
        bool complete = false;
        if (i < n && (text[i] == '"' || text[i] == '\'')) {
            skipQuoted(text[i]);
            complete = true;
        } else if (i < n && (text[i] == '[' || text[i] == '{')) {
            int depth = 0;
            while (i < n) {
                const char c = text[i];
                if (c == '"' || c == '\'') {
                    skipQuoted(c);
                    continue;
                }
                if (c == '#' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\n')) {
                    while (i < n && text[i] != '\n')
                        ++i;
                    continue;
                }
                ++i;
                if (c == '[' || c == '{')
                    ++depth;
                else if ((c == ']' || c == '}') && --depth == 0)
                    break;
            }
            complete = depth == 0;
        }
        if (complete) {
            skipBlanks();
            if (i < n && text[i] == ',')
                return i;
        } else if (i < n && std::string_view("-?|>").find(text[i]) == std::string_view::npos) {
            // A top-level plain scalar (not "key:" — never a manifest): yaml-cpp can also loop on
            // commas in its continuation lines, so any comma in the document is refused.
            std::size_t eol = text.find('\n', i);
            const std::string_view first = text.substr(i, eol == std::string_view::npos ? n - i : eol - i);
            const auto colon = first.find(':');
            const bool mapping = colon != std::string_view::npos &&
                                 (colon + 1 == first.size() || first[colon + 1] == ' ' || first[colon + 1] == '\t' ||
                                  first[colon + 1] == '\r');
            if (!mapping) {
                for (std::size_t k = i; k < n; ++k) {
                    if (atLineStart(k) && k + 3 <= n && (text.substr(k, 3) == "---" || text.substr(k, 3) == "..."))
                        break;
                    if (text[k] == ',')
                        return k;
                }
            }
        }
        // The next document.
        std::size_t next = std::string_view::npos;
        for (std::size_t k = i; k + 3 <= n; ++k) {
            if (atLineStart(k) && (text.substr(k, 3) == "---" || text.substr(k, 3) == "...")) {
                next = k + 3;
                break;
            }
        }
        if (next == std::string_view::npos)
            break;
        docStart = next;
    }
    return std::string_view::npos;
}

} // namespace

ManifestSet loadManifests(std::string_view text, std::string_view fileName)
{
    ManifestSet out;
    Loader loader(fileName, text, out);
    if (const std::size_t bad = topLevelFlowEntry(text); bad != std::string_view::npos) {
        int line = 1;
        int column = 1;
        for (std::size_t k = 0; k < bad; ++k) {
            if (text[k] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        out.diagnostics.push_back(Diagnostic{Severity::Error, SourceLocation{std::string(fileName), line, column},
                                             "unexpected ',' outside a flow collection (a manifest must be a mapping)"});
        return out;
    }
    try {
        const std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
        for (const auto &doc : docs)
            loader.document(doc);
    } catch (const YAML::Exception &e) {
        SourceLocation where{std::string(fileName), e.mark.line >= 0 ? e.mark.line + 1 : 0,
                             e.mark.column >= 0 ? e.mark.column + 1 : 0};
        out.diagnostics.push_back(Diagnostic{Severity::Error, std::move(where), e.msg});
    }
    return out;
}

ManifestSet loadManifestFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ManifestSet out;
        out.diagnostics.push_back(Diagnostic{Severity::Error, SourceLocation{path, 0, 0}, "cannot read the file"});
        return out;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return loadManifests(buffer.str(), path);
}

} // namespace bindery::argo
