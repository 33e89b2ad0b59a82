// SPDX-License-Identifier: Apache-2.0
#pragma once

// Argo v4.1.2's event dispatch (events-spec.md §2), reproduced exactly: for each binding of the
// namespace in list order, the instance-id filter, the selector, the template lookup, the Workflow
// built in Argo's order, the submit.metadata expressions, the parameters, the Create (with the
// Kubernetes object-metadata validation and AlreadyExists), the transient retry, the Warning
// events, and the sync-mode HTTP answer. Nothing is sent anywhere: the result says what Argo
// would have done.

#include "argo/catalog.h"
#include "argo/event.h"
#include "expr/value.h"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bindery::argo {

struct Parameter {
    std::string name;
    std::string value;
};

// The Workflow object sent to the Kubernetes API (only the fields Argo sets).
struct Workflow {
    std::string name;
    std::string generateName;
    std::string namespace_;
    std::map<std::string, std::string> labels; // sorted, as Go marshals maps
    std::map<std::string, std::string> annotations;
    std::string templateName; // spec.workflowTemplateRef.name
    bool clusterScope = false;
    std::vector<Parameter> parameters; // spec.arguments.parameters

    std::string bindingName; // which binding produced it (not part of the object)
};

// The conformance form: {"apiVersion","kind","metadata":{...},"spec":{...}}; empty generateName,
// labels, annotations and parameters left out, clusterScope only when true. Compact JSON, keys in
// Go's struct order, strings escaped as Go's encoding/json.
std::string toJson(const Workflow &workflow);
// The same object as YAML (for people).
std::string toYaml(const Workflow &workflow);

// A Kubernetes Warning event recorded on a binding.
struct WarningEvent {
    std::string bindingName;
    std::string bindingNamespace;
    std::string type = "Warning";
    std::string reason = "WorkflowEventBindingError";
    std::string message; // "failed to dispatch event: <err>"
};

enum class BindingStatus {
    Filtered,        // hidden by the instance-id label selector: never evaluated
    NotMatched,      // selector false
    MatchedNoSubmit, // selector true, no submit: nothing to do
    Submitted,       // Workflow created
    Error,           // selector, template, metadata, parameter or Create error
};

// What happened to one binding, for views and tests.
struct BindingOutcome {
    std::string bindingName;
    std::string bindingNamespace;
    std::size_t bindingIndex = 0; // index into Catalog::allBindings()
    BindingStatus status = BindingStatus::NotMatched;
    expr::Value selectorResult;   // what the selector returned (nil when it failed)
    std::string error;            // the inner error (without "failed to dispatch event: ")
    std::optional<Workflow> workflow;
    int attempts = 0;             // 1, or 5 when a transient error was retried
};

struct DispatchResult {
    int httpStatus = 200;
    int grpcCode = 0;             // 0 OK, 3 InvalidArgument, 13 Internal, ...
    std::string message;          // the status message ("" on success)
    std::string responseBody;     // exact bytes: {} or {"code":13,"message":"..."}
    std::vector<Workflow> workflows;     // created, in order
    std::vector<WarningEvent> events;    // in binding order
    std::vector<BindingOutcome> outcomes; // one per listed binding, in list order
    expr::Value environment;      // the env the expressions saw (nil if it could not be built)
};

// How the generated name suffix is written.
enum class NameSuffix {
    Placeholder, // "?????": deterministic output (conformance, tests, previews)
    Random,      // 5 random [a-z0-9], as the server does
};

class SelectorCache;

struct DispatcherOptions {
    NameSuffix nameSuffix = NameSuffix::Placeholder;
    // Compiled expressions, shared by dispatchers (e.g. across catalog edits). Created when null.
    std::shared_ptr<SelectorCache> cache;
    // Called before a Workflow is "created": return false when the name is already taken (the
    // Create then fails AlreadyExists). Null: names reserved by the catalog's Workflows and by the
    // Workflows created earlier in the same dispatch. Must be thread-safe if dispatch is concurrent.
    std::function<bool(const std::string &namespace_, const std::string &name)> reserveName;
    // Argo's TRANSIENT_ERROR_PATTERN (ECMAScript regex here); "" = none.
    std::string transientErrorPattern;
};

// A bounded, thread-safe cache of compiled programs keyed by (source, mode, environment shape).
class SelectorCache
{
public:
    explicit SelectorCache(std::size_t capacity = 4096);
    ~SelectorCache();
    SelectorCache(const SelectorCache &) = delete;
    SelectorCache &operator=(const SelectorCache &) = delete;

    std::size_t size() const;
    std::size_t capacity() const;
    std::size_t hits() const;
    std::size_t misses() const;
    void clear();

    struct Impl; // internal (dispatcher.cpp)
    Impl &impl() const { return *d_; }

private:
    std::unique_ptr<Impl> d_;
};

class Dispatcher
{
public:
    explicit Dispatcher(Catalog catalog, DispatcherOptions options = {});

    // Thread-safe: may be called concurrently.
    DispatchResult dispatch(const Event &event, const RequestContext &context) const;
    // The same with the environment already built for this event and context (a previous
    // result's `environment`, which is immutable): what the studio does when only bindings
    // changed, since decoding the body is most of a dispatch. `environment` must not be nil.
    DispatchResult dispatch(const Event &event, const expr::Value &environment, const RequestContext &context) const;

    const Catalog &catalog() const { return catalog_; }
    const DispatcherOptions &options() const { return options_; }

    struct Memo; // compiled programs of this catalog's expressions, by source address

private:
    Catalog catalog_;
    DispatcherOptions options_;
    std::shared_ptr<Memo> memo_;
};

// Helpers exposed for lint and tests.

// Whether Argo's isTransientErr would retry an error with this text.
bool isTransientErrorText(const std::string &message, const std::string &pattern = {});
// creator.dnsFriendly.
std::string dnsFriendly(std::string_view s);
// Kubernetes object-metadata validation of a Workflow about to be created: "" when valid, else
// `Workflow.argoproj.io "<name>" is invalid: ...` as the API server words it.
std::string validateWorkflowMetadata(const Workflow &workflow);

} // namespace bindery::argo
