// SPDX-License-Identifier: Apache-2.0
#include "argo/lint.h"

#include "argo/catalog.h"
#include "argo/go_text.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace bindery::argo {

namespace {

// ---- a small lexer for expr sources (enough to recognise the patterns the rules look for) --------

struct Token {
    enum Kind { Ident, Number, String, Op, End } kind = End;
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string text;  // identifier/operator text, or a string literal's (unescaped) value
};

std::vector<Token> tokenize(std::string_view s)
{
    std::vector<Token> out;
    std::size_t i = 0;
    auto identChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token t;
        t.offset = i;
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80) {
            while (i < s.size() && (identChar(s[i]) || static_cast<unsigned char>(s[i]) >= 0x80))
                ++i;
            t.kind = Token::Ident;
            t.text = std::string(s.substr(t.offset, i - t.offset));
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' ||
                                    (s[i] == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))))
                ++i;
            t.kind = Token::Number;
            t.text = std::string(s.substr(t.offset, i - t.offset));
        } else if (c == '"' || c == '\'' || c == '`') {
            ++i;
            while (i < s.size() && s[i] != c) {
                if (s[i] == '\\' && c != '`' && i + 1 < s.size()) {
                    t.text += s[i + 1];
                    i += 2;
                    continue;
                }
                t.text += s[i++];
            }
            if (i < s.size())
                ++i;
            t.kind = Token::String;
        } else {
            static constexpr std::string_view twoChar[] = {"==", "!=", "<=", ">=", "&&", "||", "?.", "??", "..", "=~", "!~", "**"};
            t.kind = Token::Op;
            const std::string_view two = s.substr(i, 2);
            if (std::find(std::begin(twoChar), std::end(twoChar), two) != std::end(twoChar)) {
                t.text = std::string(two);
                i += 2;
            } else {
                t.text = std::string(1, c);
                ++i;
            }
        }
        t.length = i - t.offset;
        out.push_back(std::move(t));
    }
    out.push_back(Token{Token::End, s.size(), 0, {}});
    return out;
}

bool isOp(const Token &t, std::string_view op) { return t.kind == Token::Op && t.text == op; }
bool isIdent(const Token &t, std::string_view name) { return t.kind == Token::Ident && t.text == name; }

bool hasUpper(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool isDnsSubdomain(std::string_view s)
{
    if (s.empty() || s.size() > 253)
        return false;
    std::size_t start = 0;
    for (;;) {
        const auto dot = s.find('.', start);
        const auto label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
        if (label.empty() || !ok(label.front()) || !ok(label.back()) ||
            !std::all_of(label.begin(), label.end(), [&](char c) { return ok(c) || c == '-'; }))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

const std::vector<LintRule> kRules = {
    {"empty-selector", Severity::Error, "the binding has no selector: Argo fails with 'unexpected token EOF'"},
    {"govaluate-regex", Severity::Error, "=~ is govaluate syntax; expr uses `matches`"},
    {"funcmap-function", Severity::Error, "sprig, toJson, jsonpath, asInt and asFloat exist only in submit.metadata"},
    {"header-case", Severity::Warning, "header names in metadata are lower-case"},
    {"header-not-forwarded", Severity::Warning, "Argo only passes x- headers to metadata"},
    {"header-compared-to-string", Severity::Warning, "a header's value is a list of strings"},
    {"selector-not-bool", Severity::Warning, "the selector may not yield a bool"},
    {"unguarded-payload-path", Severity::Warning, "a deep payload path fails on events without it"},
    {"parameter-value-ignored", Severity::Error, "Argo only reads valueFrom.event"},
    {"fixed-workflow-name", Severity::Warning, "a constant submit.metadata.name collides on the second event"},
    {"invalid-k8s-name", Severity::Error, "not a valid Kubernetes object name"},
    {"missing-template", Severity::Error, "workflowTemplateRef names a template the workspace lacks"},
    {"missing-template-parameter", Severity::Warning, "a template parameter without a default is not supplied"},
};

Severity severityOf(std::string_view rule)
{
    for (const auto &r : kRules)
        if (r.id == rule)
            return r.severity;
    return Severity::Warning;
}

// The file position of a byte offset inside a binding's selector.
SourceLocation selectorPosition(const WorkflowEventBinding &b, std::size_t offset)
{
    return b.selectorOffsetLocation(offset);
}

} // namespace

const std::vector<LintRule> &lintRules() { return kRules; }

std::vector<ExpressionFinding> lintExpression(std::string_view source, std::string_view kind)
{
    std::vector<ExpressionFinding> out;
    const std::vector<Token> t = tokenize(source);
    auto add = [&](std::string rule, const Token &at, std::string message, std::string suggestion,
                   std::optional<ExpressionFinding::Edit> edit = std::nullopt) {
        ExpressionFinding f;
        f.severity = severityOf(rule);
        f.rule = std::move(rule);
        f.offset = at.offset;
        f.length = at.length;
        f.message = std::move(message);
        f.suggestion = std::move(suggestion);
        f.edit = std::move(edit);
        out.push_back(std::move(f));
    };
    // The source text of a token, for edits that keep its spelling (quotes, escapes).
    auto raw = [&](const Token &k) { return std::string(source.substr(k.offset, k.length)); };
    const bool guarded = std::any_of(t.begin(), t.end(), [](const Token &k) {
        return isOp(k, "?.") || isOp(k, "??") || isIdent(k, "nil") || isIdent(k, "in");
    });
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        const Token &k = t[i];
        if (isOp(k, "=~") || isOp(k, "!~")) {
            // `a =~ "re"` is `a matches "re"`; `!~` needs the operands moved, which is a choice.
            std::optional<ExpressionFinding::Edit> edit;
            if (k.text == "=~") {
                const bool spaceBefore = k.offset > 0 && std::isspace(static_cast<unsigned char>(source[k.offset - 1]));
                const bool spaceAfter = k.offset + 2 < source.size() && std::isspace(static_cast<unsigned char>(source[k.offset + 2]));
                edit = ExpressionFinding::Edit{k.offset, k.length,
                                               std::string(spaceBefore ? "" : " ") + "matches" + (spaceAfter ? "" : " ")};
            }
            add("govaluate-regex", k, k.text + " is not an expr operator (it comes from govaluate)",
                k.text == "=~" ? "write `subject matches \"regex\"`" : "write `not (subject matches \"regex\")`", edit);
        }
        if (k.kind == Token::Ident && (i == 0 || !isOp(t[i - 1], "."))) {
            const bool call = isOp(t[i + 1], "(");
            if ((k.text == "sprig" && (isOp(t[i + 1], ".") || isOp(t[i + 1], "?."))) ||
                (call && (k.text == "toJson" || k.text == "jsonpath" || k.text == "asInt" || k.text == "asFloat"))) {
                std::string fix = k.text == "toJson"    ? "use expr's toJSON (indented) or move this to submit.metadata"
                                  : k.text == "asInt"   ? "use expr's int()"
                                  : k.text == "asFloat" ? "use expr's float()"
                                                        : "use expr's builtins (upper, trim, replace, ...) or move this to submit.metadata";
                // asInt/asFloat have exact expr counterparts; toJson's output differs, sprig has no single one.
                std::optional<ExpressionFinding::Edit> edit;
                if (k.text == "asInt" || k.text == "asFloat")
                    edit = ExpressionFinding::Edit{k.offset, k.length, k.text == "asInt" ? "int" : "float"};
                add("funcmap-function", k,
                    k.text + " is not available in a " + std::string(kind) +
                        ": Argo adds its function map only to submit.metadata expressions",
                    fix, edit);
            }
        }
        // metadata["..."] checks
        if (isIdent(k, "metadata") && (i == 0 || !isOp(t[i - 1], ".")) && isOp(t[i + 1], "[") &&
            i + 3 < t.size() && t[i + 2].kind == Token::String && isOp(t[i + 3], "]")) {
            const Token &name = t[i + 2];
            if (hasUpper(name.text))
                add("header-case", name, "header names in metadata are lower-case: \"" + name.text + "\" never matches",
                    "metadata[\"" + lower(name.text) + "\"]", ExpressionFinding::Edit{name.offset, name.length, lower(raw(name))});
            const std::string ln = lower(name.text);
            if (!ln.starts_with("x-"))
                add("header-not-forwarded", name,
                    "Argo passes only x- headers to metadata: \"" + ln + "\" is never there",
                    ln == "authorization" ? "authenticate with a token or webhook secret instead"
                                          : "send the value in an X- header or in the payload");
            const bool indexed = i + 4 < t.size() && (isOp(t[i + 4], "[") || isOp(t[i + 4], "?."));
            const bool comparedAfter = i + 5 < t.size() && (isOp(t[i + 4], "==") || isOp(t[i + 4], "!=")) &&
                                       t[i + 5].kind == Token::String;
            const bool comparedBefore = i >= 2 && (isOp(t[i - 1], "==") || isOp(t[i - 1], "!=")) &&
                                        t[i - 2].kind == Token::String;
            if (!indexed && (comparedAfter || comparedBefore)) {
                const Token &str = comparedAfter ? t[i + 5] : t[i - 2];
                // Comparing with a one-element list keeps the meaning the author had in mind.
                add("header-compared-to-string", k,
                    "metadata[\"" + name.text + "\"] is a list of strings: comparing it with \"" + str.text +
                        "\" is always " + ((comparedAfter ? t[i + 4] : t[i - 1]).text == "==" ? "false" : "true"),
                    "metadata[\"" + ln + "\"] == [\"" + str.text + "\"] or metadata[\"" + ln + "\"][0] == \"" +
                        str.text + "\"",
                    ExpressionFinding::Edit{str.offset, str.length, "[" + raw(str) + "]"});
            }
        }
        // payload.a.b without a nil guard
        if (isIdent(k, "payload") && (i == 0 || !isOp(t[i - 1], ".")) && !guarded) {
            std::size_t j = i + 1;
            int depth = 0;
            while (j + 1 < t.size() && isOp(t[j], ".") && t[j + 1].kind == Token::Ident) {
                ++depth;
                if (depth == 2) {
                    // The fix guards every step of the path: payload.a.b.c → payload?.a?.b?.c.
                    std::size_t last = j + 1;
                    while (last + 2 < t.size() && isOp(t[last + 1], ".") && t[last + 2].kind == Token::Ident)
                        last += 2;
                    std::string guarded = "payload";
                    for (std::size_t m = i + 2; m <= last; m += 2)
                        guarded += "?." + t[m].text;
                    add("unguarded-payload-path", t[j],
                        "payload path " + std::string(source.substr(k.offset, t[j + 1].offset + t[j + 1].length - k.offset)) +
                            " fails with 'cannot fetch' when an event lacks " + t[j - 1].text,
                        "use ?. (payload?." + t[i + 2].text + "?." + t[j + 1].text + ") or check for nil first",
                        ExpressionFinding::Edit{k.offset, t[last].offset + t[last].length - k.offset, guarded});
                    break;
                }
                j += 2;
            }
        }
    }
    if (kind == "selector") {
        static constexpr std::string_view boolOps[] = {"==", "!=", "<", ">", "<=", ">=", "&&", "||", "!"};
        static constexpr std::string_view boolWords[] = {"and", "or", "not", "in", "matches", "contains", "startsWith",
                                                         "endsWith", "true", "false", "all", "any", "none", "one"};
        const bool looksBool = std::any_of(t.begin(), t.end(), [](const Token &k) {
            if (k.kind == Token::Op)
                return std::find(std::begin(boolOps), std::end(boolOps), k.text) != std::end(boolOps);
            if (k.kind == Token::Ident)
                return std::find(std::begin(boolWords), std::end(boolWords), k.text) != std::end(boolWords);
            return false;
        });
        if (!looksBool && t.size() > 1)
            add("selector-not-bool", t.front(),
                "the selector has no comparison or logical operator: unless it yields a bool, Argo fails with "
                "'unable to cast expression result ... to bool'",
                "compare the value, e.g. " + std::string(source) + " == \"...\"");
    }
    return out;
}

std::vector<LintFinding> lint(const ManifestSet &manifests, const std::string &defaultNamespace)
{
    std::vector<LintFinding> out;
    const Catalog catalog = Catalog::fromManifests(manifests, {defaultNamespace, ListOrder::Manifest});
    auto add = [&](std::string rule, SourceLocation loc, std::string message, std::string suggestion, const std::string &name) {
        LintFinding f;
        f.severity = severityOf(rule);
        f.rule = std::move(rule);
        f.location = std::move(loc);
        f.message = std::move(message);
        f.suggestion = std::move(suggestion);
        f.bindingName = name;
        out.push_back(std::move(f));
    };
    for (const auto &t : manifests.templates) {
        if (!t.metadata.name.empty() && !isDnsSubdomain(t.metadata.name))
            add("invalid-k8s-name", t.metadata.nameLocation,
                "template name \"" + t.metadata.name + "\" is not a valid Kubernetes name (lower-case letters, digits, '-' and '.')",
                lower(t.metadata.name), t.metadata.name);
    }
    for (const WorkflowEventBinding &b : catalog.allBindings()) {
        const std::string &name = b.metadata.name;
        if (!name.empty() && !isDnsSubdomain(name))
            add("invalid-k8s-name", b.metadata.nameLocation,
                "binding name \"" + name + "\" is not a valid Kubernetes name (lower-case letters, digits, '-' and '.')",
                lower(name), name);
        if (b.selector.empty()) {
            add("empty-selector", b.hasSelector ? b.selectorLocation : b.location,
                "the binding has no spec.event.selector: every event fails with 'unexpected token EOF'",
                "add spec.event.selector, e.g. selector: payload.message != nil", name);
        } else {
            for (const auto &f : lintExpression(b.selector, "selector"))
                add(f.rule, selectorPosition(b, f.offset), f.message, f.suggestion, name);
        }
        if (!b.submit)
            continue;
        const Submit &s = *b.submit;
        const WorkflowTemplate *tmpl = s.clusterScope ? catalog.findClusterTemplate(s.templateName)
                                                      : catalog.findTemplate(b.metadata.namespace_, s.templateName);
        if (!tmpl) {
            const WorkflowTemplate *other = s.clusterScope ? catalog.findTemplate(b.metadata.namespace_, s.templateName)
                                                           : catalog.findClusterTemplate(s.templateName);
            add("missing-template", s.templateNameLocation.isValid() ? s.templateNameLocation : s.refLocation,
                std::string(s.clusterScope ? "ClusterWorkflowTemplate" : "WorkflowTemplate") + " \"" + s.templateName +
                    "\" is not in the workspace" + (s.clusterScope ? "" : " (namespace " + b.metadata.namespace_ + ")"),
                other ? (s.clusterScope ? "remove clusterScope: true (a namespaced template of that name exists)"
                                        : "add clusterScope: true (a ClusterWorkflowTemplate of that name exists)")
                      : "add the template to the workspace or fix the name",
                name);
        }
        if (!s.metadata.name.empty()) {
            const auto tokens = tokenize(s.metadata.name);
            if (tokens.size() == 2 && tokens[0].kind == Token::String) {
                add("fixed-workflow-name", s.metadata.nameLocation,
                    "submit.metadata.name is the constant \"" + tokens[0].text +
                        "\": the second event fails with AlreadyExists",
                    "use generateName: '\"" + tokens[0].text + "-\"' or build the name from the event", name);
                if (!isDnsSubdomain(tokens[0].text))
                    add("invalid-k8s-name", s.metadata.nameLocation,
                        "workflow name \"" + tokens[0].text + "\" is not a valid Kubernetes name", lower(tokens[0].text), name);
            }
        }
        std::vector<std::string> supplied;
        for (const BindingParameter &p : s.parameters) {
            supplied.push_back(p.name);
            if (!p.hasValueFrom) {
                add("parameter-value-ignored", p.location,
                    "parameter \"" + p.name + "\" has no valueFrom: Argo fails with 'valueFrom is nil'" +
                        (p.value ? " (value: is ignored)" : ""),
                    "valueFrom: {event: '" + gotext::quote(p.value.value_or("")) + "'}", name);
            } else if (!p.hasEvent) {
                add("parameter-value-ignored", p.location,
                    "parameter \"" + p.name + "\" has no valueFrom.event: Argo ignores the other valueFrom fields and "
                                              "fails with 'unexpected token EOF'",
                    "valueFrom: {event: <expression>}", name);
            } else {
                for (const auto &f : lintExpression(p.event, "parameter"))
                    add(f.rule, p.eventLocation, f.message, f.suggestion, name);
            }
        }
        if (tmpl) {
            for (const TemplateParameter &tp : tmpl->parameters) {
                if (tp.hasDefault || std::find(supplied.begin(), supplied.end(), tp.name) != supplied.end())
                    continue;
                add("missing-template-parameter", s.refLocation.isValid() ? s.refLocation : b.location,
                    "template \"" + tmpl->metadata.name + "\" declares parameter \"" + tp.name +
                        "\" without a value and the binding does not supply it",
                    "add to spec.submit.arguments.parameters: {name: " + tp.name + ", valueFrom: {event: ...}}", name);
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const LintFinding &a, const LintFinding &b) {
        return std::tie(a.location.file, a.location.line, a.location.column) <
               std::tie(b.location.file, b.location.line, b.location.column);
    });
    return out;
}

std::string toString(const LintFinding &f)
{
    const char *severity = f.severity == Severity::Error ? "error" : f.severity == Severity::Warning ? "warning" : "info";
    std::string out = argo::toString(f.location) + ": " + severity + ": " + f.message + " [" + f.rule + "]";
    if (!f.suggestion.empty())
        out += "\n    fix: " + f.suggestion;
    return out;
}

std::string toJson(const LintFinding &f)
{
    std::string out = "{\"rule\":";
    gotext::appendJsonString(out, f.rule);
    out += ",\"severity\":";
    out += f.severity == Severity::Error ? "\"error\"" : f.severity == Severity::Warning ? "\"warning\"" : "\"info\"";
    out += ",\"file\":";
    gotext::appendJsonString(out, f.location.file);
    out += ",\"line\":" + std::to_string(f.location.line) + ",\"column\":" + std::to_string(f.location.column);
    out += ",\"message\":";
    gotext::appendJsonString(out, f.message);
    out += ",\"suggestion\":";
    gotext::appendJsonString(out, f.suggestion);
    out += ",\"binding\":";
    gotext::appendJsonString(out, f.bindingName);
    out += '}';
    return out;
}

} // namespace bindery::argo
