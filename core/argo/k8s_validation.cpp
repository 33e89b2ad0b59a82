// SPDX-License-Identifier: Apache-2.0
// The Kubernetes API server's object-metadata validation of a created Workflow (apimachinery
// ValidateObjectMeta: generateName, name, labels, annotations), worded as a 1.35 API server does.
#include "argo/dispatcher.h"
#include "argo/go_text.h"

#include <algorithm>
#include <string>
#include <vector>

namespace bindery::argo {

namespace {

const char *const kDns1123SubdomainMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const char *const kLabelValueMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
    "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const char *const kQualifiedNameMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

// Character classes of the validation regexes, one table lookup per byte (every created Workflow
// checks its name and each label).
enum CharClass : unsigned char { kLowerAlnum = 1, kAlnum = 2, kDash = 4, kUnderscore = 8, kDot = 16 };
struct CharClasses {
    unsigned char of[256] = {};
    constexpr CharClasses()
    {
        for (int c = 'a'; c <= 'z'; ++c)
            of[c] = kLowerAlnum | kAlnum;
        for (int c = '0'; c <= '9'; ++c)
            of[c] = kLowerAlnum | kAlnum;
        for (int c = 'A'; c <= 'Z'; ++c)
            of[c] = kAlnum;
        of[int('-')] = kDash;
        of[int('_')] = kUnderscore;
        of[int('.')] = kDot;
    }
};
constexpr CharClasses kClasses;

unsigned char classOf(char c) { return kClasses.of[static_cast<unsigned char>(c)]; }
bool lowerAlnum(char c) { return classOf(c) & kLowerAlnum; }
bool alnum(char c) { return classOf(c) & kAlnum; }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*: labels of [-a-z0-9] separated
// by single dots, each starting and ending with [a-z0-9]. One pass over the characters, then the
// neighbours of the (few) dots.
bool matchesDns1123Subdomain(std::string_view s)
{
    if (s.empty() || !lowerAlnum(s.front()) || !lowerAlnum(s.back()))
        return false;
    unsigned char seen = 0;
    for (const char c : s) {
        const unsigned char k = classOf(c);
        if (!(k & (kLowerAlnum | kDash | kDot)))
            return false;
        seen |= k;
    }
    if (!(seen & kDot))
        return true;
    for (std::size_t i = 1; i + 1 < s.size(); ++i)
        if (s[i] == '.' && (!lowerAlnum(s[i - 1]) || !lowerAlnum(s[i + 1])))
            return false;
    return true;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchesQualifiedName(std::string_view s)
{
    if (s.empty() || !alnum(s.front()) || !alnum(s.back()))
        return false;
    for (const char c : s)
        if (classOf(c) == 0)
            return false;
    return true;
}

std::vector<std::string> dns1123Subdomain(std::string_view s)
{
    std::vector<std::string> errs;
    if (s.size() > 253)
        errs.push_back("must be no more than 253 characters");
    if (!matchesDns1123Subdomain(s))
        errs.push_back(kDns1123SubdomainMsg);
    return errs;
}

std::vector<std::string> qualifiedName(std::string_view value)
{
    std::vector<std::string> errs;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const auto slash = value.find('/', start);
        parts.push_back(value.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    std::string_view name;
    if (parts.size() == 1) {
        name = parts[0];
    } else if (parts.size() == 2) {
        const std::string_view prefix = parts[0];
        name = parts[1];
        if (prefix.empty())
            errs.push_back("prefix part must be non-empty");
        else
            for (const auto &m : dns1123Subdomain(prefix))
                errs.push_back("prefix part " + m);
    } else {
        errs.push_back(std::string("a qualified name ") + kQualifiedNameMsg +
                       " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
    }
    if (name.empty())
        errs.push_back("name part must be non-empty");
    else if (name.size() > 63)
        errs.push_back("name part must be no more than 63 bytes");
    if (!matchesQualifiedName(name))
        errs.push_back(std::string("name part ") + kQualifiedNameMsg);
    return errs;
}

// Whether qualifiedName(value) would find nothing, without building messages.
bool isQualifiedName(std::string_view value)
{
    const auto slash = value.find('/');
    std::string_view name = value;
    if (slash != std::string_view::npos) {
        const std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (name.find('/') != std::string_view::npos || prefix.empty() || prefix.size() > 253 ||
            !matchesDns1123Subdomain(prefix))
            return false;
    }
    return !name.empty() && name.size() <= 63 && matchesQualifiedName(name);
}

std::vector<std::string> labelValue(std::string_view v)
{
    std::vector<std::string> errs;
    if (v.size() > 63)
        errs.push_back("must be no more than 63 bytes");
    if (!v.empty() && !matchesQualifiedName(v))
        errs.push_back(kLabelValueMsg);
    return errs;
}

std::string lowered(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The generated-name placeholder "?????" stands for 5 valid characters: validate with "aaaaa",
// report with the placeholder.
std::string forValidation(const std::string &name, const std::string &generateName)
{
    if (!generateName.empty() && name.size() == generateName.size() + 5 && name.starts_with(generateName) &&
        name.ends_with("?????"))
        return generateName + "aaaaa";
    return name;
}

} // namespace

std::string validateWorkflowMetadata(const Workflow &wf)
{
    // The common case first: everything valid, no messages built.
    {
        std::string masked = wf.generateName;
        if (masked.size() > 1 && masked.back() == '-')
            masked.back() = 'a';
        const std::string name = forValidation(wf.name, wf.generateName);
        bool valid = (wf.generateName.empty() || (masked.size() <= 253 && matchesDns1123Subdomain(masked))) &&
                     !name.empty() && name.size() <= 253 && matchesDns1123Subdomain(name);
        std::size_t total = 0;
        for (auto it = wf.labels.begin(); valid && it != wf.labels.end(); ++it)
            valid = isQualifiedName(it->first) && it->second.size() <= 63 &&
                    (it->second.empty() || matchesQualifiedName(it->second));
        for (auto it = wf.annotations.begin(); valid && it != wf.annotations.end(); ++it) {
            valid = isQualifiedName(lowered(it->first));
            total += it->first.size() + it->second.size();
        }
        if (valid && total <= 256 * 1024)
            return {};
    }
    std::vector<std::string> errs;
    auto invalid = [&](const char *field, std::string_view value, const std::string &detail) {
        errs.push_back(std::string(field) + ": Invalid value: " + gotext::quote(value) + ": " + detail);
    };
    if (!wf.generateName.empty()) {
        std::string masked = wf.generateName;
        if (masked.size() > 1 && masked.back() == '-')
            masked.back() = 'a';
        for (const auto &m : dns1123Subdomain(masked))
            invalid("metadata.generateName", wf.generateName, m);
    }
    if (wf.name.empty()) {
        errs.push_back("metadata.name: Required value: name or generateName is required");
    } else {
        for (const auto &m : dns1123Subdomain(forValidation(wf.name, wf.generateName)))
            invalid("metadata.name", wf.name, m);
    }
    for (const auto &[k, v] : wf.labels) {
        for (const auto &m : qualifiedName(k))
            invalid("metadata.labels", k, m);
        for (const auto &m : labelValue(v))
            invalid("metadata.labels", v, m);
    }
    std::size_t total = 0;
    for (const auto &[k, v] : wf.annotations) {
        for (const auto &m : qualifiedName(lowered(k)))
            invalid("metadata.annotations", k, m);
        total += k.size() + v.size();
    }
    if (total > 256 * 1024)
        errs.push_back("metadata.annotations: Too long: may not be more than 262144 bytes");
    if (errs.empty())
        return {};
    // utilerrors.NewAggregate: duplicates dropped, one message alone, several in [a, b].
    std::vector<std::string> unique;
    for (auto &e : errs)
        if (std::find(unique.begin(), unique.end(), e) == unique.end())
            unique.push_back(std::move(e));
    std::string agg;
    if (unique.size() == 1) {
        agg = unique[0];
    } else {
        agg = "[";
        for (std::size_t i = 0; i < unique.size(); ++i) {
            if (i)
                agg += ", ";
            agg += unique[i];
        }
        agg += "]";
    }
    return "Workflow.argoproj.io " + gotext::quote(wf.name) + " is invalid: " + agg;
}

} // namespace bindery::argo
