// SPDX-License-Identifier: Apache-2.0
#include "argo/dispatcher.h"

#include "argo/go_text.h"
#include "expr/funcmap.h"
#include "expr/program.h"

#include <array>
#include <atomic>
#include <list>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <shared_mutex>
#include <unordered_map>

namespace bindery::argo {

namespace {

const std::string kInstanceIdLabel = "workflows.argoproj.io/controller-instanceid";
const std::string kWorkflowTemplateLabel = "workflows.argoproj.io/workflow-template";
const std::string kClusterWorkflowTemplateLabel = "workflows.argoproj.io/cluster-workflow-template";
const std::string kBindingLabel = "workflows.argoproj.io/workflow-event-binding";
const std::string kCreatorLabel = "workflows.argoproj.io/creator";
const std::string kCreatorEmailLabel = "workflows.argoproj.io/creator-email";
const std::string kCreatorUsernameLabel = "workflows.argoproj.io/creator-preferred-username";
const std::string kActionLabel = "workflows.argoproj.io/action";

// Which compiled program fits: expr's checker types the environment's top-level values, and only
// `payload` varies in type between events (the other three are always string, string, map).
char shapeOf(const expr::Value &env)
{
    const expr::Value *payload = env.find("payload");
    return payload ? static_cast<char>('0' + static_cast<int>(payload->kind())) : '-';
}

std::string errorBody(int code, const std::string &message)
{
    std::string body = "{\"code\":" + std::to_string(code) + ",\"message\":";
    gotext::appendJsonString(body, message);
    body += '}';
    return body;
}

// util/json/fix.go: undo encoding/json's HTML escapes.
std::string fixHtmlEscapes(std::string s)
{
    if (s.find("\\u00") == std::string::npos) // the common case: nothing to undo
        return s;
    static const std::pair<std::string_view, char> table[] = {{"\\u003c", '<'}, {"\\u003e", '>'}, {"\\u0026", '&'}};
    for (const auto &[from, to] : table) {
        std::size_t pos = 0;
        while ((pos = s.find(from, pos)) != std::string::npos) {
            s.replace(pos, from.size(), 1, to);
            pos += 1;
        }
    }
    return s;
}

std::string randomSuffix()
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937 rng{std::random_device{}()};
    std::uniform_int_distribution<int> pick(0, 35);
    std::string s(5, 'a');
    for (char &c : s)
        c = alphabet[pick(rng)];
    return s;
}

// labels.Label skips empty values.
void label(std::map<std::string, std::string> &labels, const std::string &key, const std::string &value)
{
    if (!value.empty())
        labels[key] = value;
}

// client-go's checks of a resource name before a GET.
std::string resourceNameError(const std::string &name)
{
    if (name.empty())
        return "resource name may not be empty";
    std::vector<std::string> msgs;
    if (name == ".")
        msgs.push_back("may not be '.'");
    else if (name == "..")
        msgs.push_back("may not be '..'");
    else {
        if (name.find('/') != std::string::npos)
            msgs.push_back("may not contain '/'");
        if (name.find('%') != std::string::npos)
            msgs.push_back("may not contain '%'");
    }
    if (msgs.empty())
        return {};
    std::string list = "[";
    for (std::size_t i = 0; i < msgs.size(); ++i)
        list += (i ? " " : "") + msgs[i];
    list += "]";
    return "invalid resource name " + gotext::quote(name) + ": " + list;
}

} // namespace

// ---- the compiled-program cache ------------------------------------------------------------------

struct SelectorCache::Impl {
    using Entry = std::pair<std::string, std::shared_ptr<const expr::CompileResult>>;
    mutable std::mutex mutex;
    std::size_t capacity;
    std::list<Entry> lru; // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index;
    std::atomic<std::size_t> hits{0};
    std::atomic<std::size_t> misses{0};

    std::shared_ptr<const expr::CompileResult> get(char mode, std::string_view source, const expr::Value &env)
    {
        std::string key;
        key.reserve(source.size() + 2);
        key += mode;
        key += shapeOf(env);
        key += source;
        {
            std::lock_guard lock(mutex);
            if (auto it = index.find(key); it != index.end()) {
                lru.splice(lru.begin(), lru, it->second);
                ++hits;
                return it->second->second;
            }
        }
        ++misses;
        // Compile outside the lock: two threads may compile the same source once each.
        auto compiled = std::make_shared<const expr::CompileResult>(expr::compile(source, env));
        std::lock_guard lock(mutex);
        if (auto it = index.find(key); it != index.end())
            return it->second->second;
        lru.emplace_front(key, compiled);
        index.emplace(std::move(key), lru.begin());
        while (lru.size() > capacity) {
            index.erase(lru.back().first);
            lru.pop_back();
        }
        return compiled;
    }
};

SelectorCache::SelectorCache(std::size_t capacity) : d_(std::make_unique<Impl>())
{
    d_->capacity = capacity == 0 ? 1 : capacity;
}
SelectorCache::~SelectorCache() = default;

std::size_t SelectorCache::size() const
{
    std::lock_guard lock(d_->mutex);
    return d_->lru.size();
}
std::size_t SelectorCache::capacity() const { return d_->capacity; }
std::size_t SelectorCache::hits() const { return d_->hits; }
std::size_t SelectorCache::misses() const { return d_->misses; }
void SelectorCache::clear()
{
    std::lock_guard lock(d_->mutex);
    d_->lru.clear();
    d_->index.clear();
}

// ---- helpers --------------------------------------------------------------------------------------

bool isTransientErrorText(const std::string &message, const std::string &pattern)
{
    static constexpr std::string_view needles[] = {
        "etcdserver: leader changed",
        "etcdserver: request timed out",
        "etcdserver: too many requests",
        "Connection closed by foreign host",
        "net/http: TLS handshake timeout",
        "i/o timeout",
        "connection timed out",
        "connection reset by peer",
        "http2: client connection lost",
        "http2: server sent GOAWAY and closed the connection",
        "connect: connection refused",
        "invalid connection",
        "upper: no more rows in",
    };
    for (auto n : needles)
        if (message.find(n) != std::string::npos)
            return true;
    if (!pattern.empty()) {
        try {
            return std::regex_search(message, std::regex(pattern));
        } catch (const std::regex_error &) {
            return false; // Argo ignores an invalid pattern (regexp.MatchString's error is dropped)
        }
    }
    return false;
}

std::string dnsFriendly(std::string_view s)
{
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    // The regexp works on runes: a multi-byte character becomes one '-'.
    std::string value;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            value += (alnum(static_cast<char>(c)) || c == '-' || c == '_' || c == '.') ? static_cast<char>(c) : '-';
            ++i;
            continue;
        }
        std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (i + len > s.size())
            len = 1;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                len = 1;
        value += '-';
        i += len;
    }
    if (value.size() > 63)
        value = value.substr(value.size() - 63);
    std::size_t b = 0;
    while (b < value.size() && !alnum(value[b]))
        ++b;
    std::size_t e = value.size();
    while (e > b && !alnum(value[e - 1]))
        --e;
    return value.substr(b, e - b);
}

// ---- output ---------------------------------------------------------------------------------------

namespace {

void appendStringMap(std::string &out, const std::map<std::string, std::string> &map)
{
    out += '{';
    bool first = true;
    for (const auto &[k, v] : map) {
        if (!first)
            out += ',';
        first = false;
        gotext::appendJsonString(out, k);
        out += ':';
        gotext::appendJsonString(out, v);
    }
    out += '}';
}

void appendYamlString(std::string &out, const std::string &s)
{
    // Double-quoted YAML is a superset of JSON strings (without the HTML escapes, which YAML keeps
    // literally anyway): safe for every value.
    std::string json;
    gotext::appendJsonString(json, s);
    out += fixHtmlEscapes(std::move(json));
}

} // namespace

std::string toJson(const Workflow &wf)
{
    std::string out = "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":";
    gotext::appendJsonString(out, wf.name);
    if (!wf.generateName.empty()) {
        out += ",\"generateName\":";
        gotext::appendJsonString(out, wf.generateName);
    }
    out += ",\"namespace\":";
    gotext::appendJsonString(out, wf.namespace_);
    if (!wf.labels.empty()) {
        out += ",\"labels\":";
        appendStringMap(out, wf.labels);
    }
    if (!wf.annotations.empty()) {
        out += ",\"annotations\":";
        appendStringMap(out, wf.annotations);
    }
    out += "},\"spec\":{\"workflowTemplateRef\":{\"name\":";
    gotext::appendJsonString(out, wf.templateName);
    if (wf.clusterScope)
        out += ",\"clusterScope\":true";
    out += "},\"arguments\":{";
    if (!wf.parameters.empty()) {
        out += "\"parameters\":[";
        for (std::size_t i = 0; i < wf.parameters.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"name\":";
            gotext::appendJsonString(out, wf.parameters[i].name);
            out += ",\"value\":";
            gotext::appendJsonString(out, wf.parameters[i].value);
            out += '}';
        }
        out += ']';
    }
    out += "}}}";
    return out;
}

std::string toYaml(const Workflow &wf)
{
    std::string out = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: ";
    appendYamlString(out, wf.name);
    if (!wf.generateName.empty()) {
        out += "\n  generateName: ";
        appendYamlString(out, wf.generateName);
    }
    out += "\n  namespace: ";
    appendYamlString(out, wf.namespace_);
    auto map = [&](const char *name, const std::map<std::string, std::string> &m) {
        if (m.empty())
            return;
        out += "\n  ";
        out += name;
        out += ':';
        for (const auto &[k, v] : m) {
            out += "\n    ";
            appendYamlString(out, k);
            out += ": ";
            appendYamlString(out, v);
        }
    };
    map("labels", wf.labels);
    map("annotations", wf.annotations);
    out += "\nspec:\n  workflowTemplateRef:\n    name: ";
    appendYamlString(out, wf.templateName);
    if (wf.clusterScope)
        out += "\n    clusterScope: true";
    if (wf.parameters.empty()) {
        out += "\n  arguments: {}\n";
        return out;
    }
    out += "\n  arguments:\n    parameters:";
    for (const auto &p : wf.parameters) {
        out += "\n      - name: ";
        appendYamlString(out, p.name);
        out += "\n        value: ";
        appendYamlString(out, p.value);
    }
    out += '\n';
    return out;
}

// ---- dispatch -------------------------------------------------------------------------------------

// The catalog's expression strings never move while the Dispatcher lives, so their addresses
// identify them: a lookup here costs a pointer hash instead of hashing and comparing the source
// in the shared cache.
struct Dispatcher::Memo {
    struct Key {
        const std::string *source;
        char mode;
        char shape;
        bool operator==(const Key &) const = default;
    };
    struct Hash {
        std::size_t operator()(const Key &k) const
        {
            return std::hash<const void *>()(k.source) ^ (std::size_t(k.mode) << 8) ^ std::size_t(k.shape);
        }
    };
    std::shared_mutex mutex;
    std::unordered_map<Key, std::shared_ptr<const expr::CompileResult>, Hash> programs;

    // The lock-free path taken on every dispatch after the first: per expression string of the
    // catalog, one slot per (mode, shape) pointing at the program `programs` owns. The table is
    // built by the constructor and never changes afterwards, so reading it needs no lock.
    static constexpr std::size_t kShapes = 14; // the payload's Kind, or none
    struct Slots {
        std::atomic<const expr::CompileResult *> program[2 * kShapes] = {};
    };
    std::unordered_map<const std::string *, std::unique_ptr<Slots>> slots;

    static std::size_t slotIndex(char mode, char shape)
    {
        const std::size_t s = shape >= '0' && shape < char('0' + kShapes - 1) ? std::size_t(shape - '0') : kShapes - 1;
        return (mode == 'm' ? kShapes : 0) + s;
    }
    void addSlots(const std::string &source) { slots.emplace(&source, std::make_unique<Slots>()); }
};

Dispatcher::Dispatcher(Catalog catalog, DispatcherOptions options)
    : catalog_(std::move(catalog)), options_(std::move(options)), memo_(std::make_shared<Memo>())
{
    if (!options_.cache)
        options_.cache = std::make_shared<SelectorCache>();
    for (const WorkflowEventBinding &b : catalog_.allBindings()) {
        memo_->addSlots(b.selector);
        if (!b.submit)
            continue;
        const SubmitMetadata &md = b.submit->metadata;
        memo_->addSlots(md.name);
        memo_->addSlots(md.generateName);
        for (const auto &e : md.labels)
            memo_->addSlots(e.value);
        for (const auto &e : md.annotations)
            memo_->addSlots(e.value);
        for (const auto &p : b.submit->parameters)
            memo_->addSlots(p.event);
    }
}

namespace {

// Per-dispatch state: the environments and the names created so far.
struct Run {
    const Dispatcher &dispatcher;
    const Catalog &catalog;
    const DispatcherOptions &options;
    const RequestContext &context;
    expr::Value env;
    expr::Value funcEnv; // env + Argo's function map, built on first use
    std::set<std::pair<std::string, std::string>> created;

    SelectorCache::Impl &sharedCache;
    Dispatcher::Memo &memo;
    // The creator label values from the claims: the same for every Workflow of the dispatch.
    std::optional<std::array<std::string, 3>> creator = std::nullopt;
    char envShape = shapeOf(env);
    char funcEnvShape = '-';

    // The compiled program for one of the catalog's expression strings.
    // The memo keeps the program alive for the Dispatcher's lifetime: a plain pointer will do.
    const expr::CompileResult *program(char mode, const std::string &source, const expr::Value &forEnv)
    {
        const char shape = &forEnv == &env ? envShape : &forEnv == &funcEnv ? funcEnvShape : shapeOf(forEnv);
        const Dispatcher::Memo::Key key{&source, mode, shape};
        std::atomic<const expr::CompileResult *> *slot = nullptr;
        if (auto it = memo.slots.find(&source); it != memo.slots.end()) {
            slot = &it->second->program[Dispatcher::Memo::slotIndex(mode, key.shape)];
            if (const expr::CompileResult *known = slot->load(std::memory_order_acquire))
                return known;
        }
        const expr::CompileResult *found = nullptr;
        {
            std::shared_lock lock(memo.mutex);
            if (auto it = memo.programs.find(key); it != memo.programs.end())
                found = it->second.get();
        }
        if (!found) {
            auto compiled = sharedCache.get(mode, source, forEnv);
            std::unique_lock lock(memo.mutex);
            found = memo.programs.emplace(key, std::move(compiled)).first->second.get();
        }
        if (slot)
            slot->store(found, std::memory_order_release);
        return found;
    }

    const std::array<std::string, 3> &creatorLabels()
    {
        if (!creator) {
            creator.emplace();
            const Claims &c = *context.claims;
            (*creator)[0] = c.subject.empty() ? std::string() : dnsFriendly(c.subject);
            if (!c.email.empty()) {
                std::string email = c.email;
                if (auto at = email.find('@'); at != std::string::npos)
                    email.replace(at, 1, ".at.");
                (*creator)[1] = dnsFriendly(email);
            }
            (*creator)[2] = c.preferredUsername.empty() ? std::string() : dnsFriendly(c.preferredUsername);
        }
        return *creator;
    }

    const expr::Value &metadataEnv()
    {
        if (funcEnv.isNil()) {
            funcEnv = expr::makeArgoFuncMapEnv(env);
            funcEnvShape = shapeOf(funcEnv);
        }
        return funcEnv;
    }

    // operation.go evaluateStringExpression.
    std::string stringExpression(const std::string &source, const std::string &what, std::string &out)
    {
        const expr::Value &fenv = metadataEnv();
        auto compiled = program('m', source, fenv);
        if (!compiled->ok())
            return "failed to evaluate workflow " + what + " expression: " + compiled->error().format();
        const expr::RunResult result = compiled->program()->run(fenv);
        if (!result.ok())
            return "failed to evaluate workflow " + what + " expression: " + result.error().format();
        if (!result.value().isString())
            return "workflow " + what + " expression must evaluate to a string, not a " + result.value().goTypeName();
        out = std::string(result.value().asString());
        return {};
    }

    bool reserve(const std::string &ns, const std::string &name)
    {
        if (options.reserveName)
            return options.reserveName(ns, name);
        if (catalog.workflowExists(ns, name))
            return false;
        return created.emplace(ns, name).second;
    }

    // One try of operation.go dispatch(); returns the error text ("" on success).
    std::string attempt(const WorkflowEventBinding &b, BindingOutcome &outcome)
    {
        const std::string &selector = b.selector;
        auto compiled = program('s', selector, env);
        if (!compiled->ok())
            return "failed to evaluate workflow template expression: " + compiled->error().format();
        const expr::RunResult result = compiled->program()->run(env);
        if (!result.ok())
            return "failed to evaluate workflow template expression: unable to evaluate expression '" + selector +
                   "': " + result.error().format();
        outcome.selectorResult = result.value();
        if (!result.value().isBool())
            return "failed to evaluate workflow template expression: unable to cast expression result '" +
                   gotext::formatS(result.value()) + "' to bool";
        if (!result.value().asBool()) {
            outcome.status = BindingStatus::NotMatched;
            return {};
        }
        if (!b.submit) {
            outcome.status = BindingStatus::MatchedNoSubmit;
            return {};
        }
        const Submit &submit = *b.submit;
        const std::string &ns = b.metadata.namespace_;

        // Template GET (namespaced or cluster scope) and instance-id validation.
        if (std::string err = resourceNameError(submit.templateName); !err.empty())
            return "failed to get workflow template: " + err;
        const WorkflowTemplate *tmpl = submit.clusterScope ? catalog.findClusterTemplate(submit.templateName)
                                                           : catalog.findTemplate(ns, submit.templateName);
        if (!tmpl)
            return std::string("failed to get workflow template: ") +
                   (submit.clusterScope ? "clusterworkflowtemplates" : "workflowtemplates") + ".argoproj.io " +
                   gotext::quote(submit.templateName) + " not found";
        const StringEntry *tmplIid = findEntry(tmpl->metadata.labels, kInstanceIdLabel);
        const bool managed = context.instanceId.empty() ? tmplIid == nullptr
                                                        : (tmplIid && tmplIid->value == context.instanceId);
        if (!managed)
            return "failed to validate workflow template instanceid: '" + tmpl->metadata.name +
                   "' is not managed by the current Argo Server";

        // (a) NewWorkflowFromWorkflowTemplate
        Workflow wf;
        wf.bindingName = b.metadata.name;
        wf.namespace_ = ns;
        wf.templateName = tmpl->metadata.name;
        wf.clusterScope = submit.clusterScope;
        wf.generateName = tmpl->metadata.name + "-";
        wf.labels[submit.clusterScope ? kClusterWorkflowTemplateLabel : kWorkflowTemplateLabel] = tmpl->metadata.name;
        // (b) the template's workflowMetadata
        for (const auto &e : tmpl->workflowLabels)
            wf.labels[e.key] = e.value;
        for (const auto &e : tmpl->workflowAnnotations)
            wf.annotations[e.key] = e.value;
        // (c) instance id
        if (context.instanceId.empty())
            wf.labels.erase(kInstanceIdLabel);
        else
            wf.labels[kInstanceIdLabel] = context.instanceId;
        // (d) submit.metadata expressions
        const SubmitMetadata &md = submit.metadata;
        if (!md.name.empty()) {
            if (std::string err = stringExpression(md.name, "name", wf.name); !err.empty())
                return err;
        }
        if (!md.generateName.empty()) {
            if (std::string err = stringExpression(md.generateName, "generateName", wf.generateName); !err.empty())
                return err;
        }
        for (const auto &e : md.labels) {
            std::string value;
            if (std::string err = stringExpression(e.value, "label \"" + e.key + "\"", value); !err.empty())
                return err;
            wf.labels[e.key] = value;
        }
        for (const auto &e : md.annotations) {
            std::string value;
            if (std::string err = stringExpression(e.value, "annotation \"" + e.key + "\"", value); !err.empty())
                return err;
            wf.annotations[e.key] = value;
        }
        // (e) the server-side name
        bool placeholderName = false;
        if (wf.name.empty()) {
            placeholderName = options.nameSuffix == NameSuffix::Placeholder;
            wf.name = wf.generateName + (placeholderName ? std::string("?????") : randomSuffix());
        }
        // (f) creator labels
        if (!context.claims) {
            for (const auto *k : {&kCreatorLabel, &kCreatorEmailLabel, &kCreatorUsernameLabel, &kActionLabel})
                wf.labels.erase(*k);
        } else {
            const Claims &c = *context.claims;
            const auto &creatorValues = creatorLabels();
            if (!c.subject.empty())
                label(wf.labels, kCreatorLabel, creatorValues[0]);
            else
                wf.labels.erase(kCreatorLabel);
            if (!c.email.empty())
                label(wf.labels, kCreatorEmailLabel, creatorValues[1]);
            else
                wf.labels.erase(kCreatorEmailLabel);
            if (!c.preferredUsername.empty())
                label(wf.labels, kCreatorUsernameLabel, creatorValues[2]);
            else
                wf.labels.erase(kCreatorUsernameLabel);
            wf.labels.erase(kActionLabel);
        }
        // (g) the binding label, last
        label(wf.labels, kBindingLabel, b.metadata.name);
        // (h) parameters
        if (submit.hasArguments) {
            wf.parameters.reserve(submit.parameters.size());
            for (const auto &p : submit.parameters) {
                if (!p.hasValueFrom)
                    return "malformed workflow template parameter \"" + p.name + "\": valueFrom is nil";
                auto compiled = program('s', p.event, env);
                if (!compiled->ok())
                    return "failed to compile workflow template parameter " + p.name +
                           " expression: " + compiled->error().format();
                const expr::RunResult value = compiled->program()->run(env);
                if (!value.ok())
                    return "failed to evaluate workflow template parameter \"" + p.name +
                           "\" expression: " + value.error().format();
                std::string text;
                if (value.value().isString()) {
                    // json.Marshal of a string is the string encoder alone.
                    text.reserve(value.value().size() + 2);
                    gotext::appendJsonString(text, value.value().asString());
                } else {
                    std::string jsonError;
                    auto json = gotext::marshal(value.value(), &jsonError);
                    if (!json)
                        return "failed to convert result to JSON \"" + p.name + "\" expression: " + jsonError;
                    text = std::move(*json);
                }
                if (!text.empty() && text.front() == '"') {
                    text.pop_back();
                    text.erase(0, 1);
                }
                wf.parameters.push_back(Parameter{p.name, fixHtmlEscapes(std::move(text))});
            }
        }
        // (i) Create: validation, then the name's uniqueness
        if (std::string invalid = validateWorkflowMetadata(wf); !invalid.empty()) {
            outcome.workflow = wf;
            return "failed to create workflow: " + invalid;
        }
        // "?????" stands for a fresh random suffix each time: such names never collide.
        if (!placeholderName && !reserve(ns, wf.name)) {
            outcome.workflow = wf;
            return "failed to create workflow: workflows.argoproj.io " + gotext::quote(wf.name) + " already exists";
        }
        outcome.status = BindingStatus::Submitted;
        outcome.workflow = std::move(wf);
        return {};
    }
};

bool visible(const WorkflowEventBinding &b, const std::string &instanceId)
{
    const StringEntry *iid = findEntry(b.metadata.labels, kInstanceIdLabel);
    return instanceId.empty() ? iid == nullptr : (iid && iid->value == instanceId);
}

} // namespace

DispatchResult Dispatcher::dispatch(const Event &event, const RequestContext &context) const
{
    DispatchResult result;
    Environment env = buildEnvironment(event, context);
    if (!env.ok()) {
        result.httpStatus = env.httpStatus;
        result.grpcCode = env.grpcCode;
        result.message = env.message;
        result.responseBody = errorBody(env.grpcCode, env.message);
        return result;
    }
    return dispatch(event, env.value, context);
}

DispatchResult Dispatcher::dispatch(const Event &event, const expr::Value &environment, const RequestContext &context) const
{
    DispatchResult result;
    result.environment = environment;
    Run run{*this, catalog_, options_, context, environment, {}, {}, options_.cache->impl(), *memo_};

    std::vector<std::string> errors;
    const auto &bindings = catalog_.allBindings();
    result.outcomes.reserve(bindings.size());
    result.workflows.reserve(bindings.size());
    for (std::size_t i = 0; i < bindings.size(); ++i) {
        const WorkflowEventBinding &b = bindings[i];
        if (!event.namespace_.empty() && b.metadata.namespace_ != event.namespace_)
            continue;
        BindingOutcome outcome;
        outcome.bindingName = b.metadata.name;
        outcome.bindingNamespace = b.metadata.namespace_;
        outcome.bindingIndex = i;
        if (!visible(b, context.instanceId)) {
            outcome.status = BindingStatus::Filtered;
            result.outcomes.push_back(std::move(outcome));
            continue;
        }
        outcome.attempts = 1;
        std::string error = run.attempt(b, outcome);
        if (!error.empty()) {
            // Backoff(DefaultRetry): a transient error is tried 5 times; the outcome here is
            // deterministic, so the fifth try fails like the first.
            if (isTransientErrorText(error, options_.transientErrorPattern)) {
                outcome.attempts = 5;
                error = "timed out waiting for the condition: " + error;
            }
            outcome.status = BindingStatus::Error;
            outcome.error = error;
            result.events.push_back(WarningEvent{b.metadata.name, b.metadata.namespace_, "Warning",
                                                 "WorkflowEventBindingError", "failed to dispatch event: " + error});
            errors.push_back(std::move(error));
        } else if (outcome.status == BindingStatus::Submitted) {
            result.workflows.push_back(*outcome.workflow);
        }
        result.outcomes.push_back(std::move(outcome));
    }
    if (errors.empty()) {
        result.responseBody = "{}";
        return result;
    }
    std::string message = "failed to dispatch event: [";
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (i)
            message += ' ';
        message += errors[i];
    }
    message += ']';
    result.httpStatus = 500;
    result.grpcCode = 13;
    result.message = message;
    result.responseBody = errorBody(13, message);
    return result;
}

} // namespace bindery::argo
