// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Argo objects Bindery reads from manifests (YAML or JSON, single or multi-document, `List`
// kinds): WorkflowTemplate, ClusterWorkflowTemplate, WorkflowEventBinding and Workflow (a Workflow
// only reserves its name). Each field keeps where it came from so that diagnostics, lint findings
// and the editors can point at it. Scalars are coerced to strings where Kubernetes' typed decoding
// would (sigs.k8s.io/yaml: `selector: true` → "true", `yes` → "true", `1.50` → "1.5").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::argo {

// 1-based line and column (in bytes) inside `file`; line 0 = unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    bool isValid() const { return line > 0; }
};

// "file:line:column" (or a shorter form when parts are unknown).
std::string toString(const SourceLocation &location);

enum class Severity { Error, Warning, Info };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation location;
    std::string message;
};

// "file:line:column: error: message".
std::string toString(const Diagnostic &diagnostic);

// A string-to-string map entry (labels, annotations), in document order; a later duplicate key
// replaces the earlier one's value.
struct StringEntry {
    std::string key;
    std::string value;
    SourceLocation keyLocation;
    SourceLocation valueLocation;
};
using StringMap = std::vector<StringEntry>;

// The value of `key` in `map`, or nullptr.
const StringEntry *findEntry(const StringMap &map, std::string_view key);
// Sets `key` (replacing in place, else appending).
void setEntry(StringMap &map, std::string key, std::string value);
// Removes `key` if present.
void removeEntry(StringMap &map, std::string_view key);

struct ObjectMeta {
    std::string name;
    std::string generateName;
    std::string namespace_; // empty = not given (the catalog puts the object in a default namespace)
    StringMap labels;
    StringMap annotations;
    SourceLocation location;     // of the `metadata` mapping
    SourceLocation nameLocation; // of the name value
};

// The kinds Bindery understands; everything else is `Unknown` (kept and reported).
enum class ObjectKind {
    WorkflowTemplate,
    ClusterWorkflowTemplate,
    WorkflowEventBinding,
    Workflow,
    Unknown,
};

std::string_view kindName(ObjectKind kind);

// spec.arguments.parameters[] of a template.
struct TemplateParameter {
    std::string name;
    std::optional<std::string> value;
    bool hasDefault = false; // `value`, `default` or `enum` given: not required from a binding
    SourceLocation location;
};

// A WorkflowTemplate or ClusterWorkflowTemplate.
struct WorkflowTemplate {
    ObjectMeta metadata;
    bool clusterScoped = false;
    std::vector<TemplateParameter> parameters;
    bool hasWorkflowMetadata = false;
    StringMap workflowLabels;      // spec.workflowMetadata.labels
    StringMap workflowAnnotations; // spec.workflowMetadata.annotations
    SourceLocation location;       // of the document
};

// spec.submit.arguments.parameters[] of a binding.
struct BindingParameter {
    std::string name;
    bool hasValueFrom = false;
    std::string event; // valueFrom.event ("" when absent, as Go leaves it)
    bool hasEvent = false;
    std::optional<std::string> value; // `value:` (ignored by Argo; lint warns)
    bool hasIgnoredValueFrom = false; // valueFrom.expression/default/... (ignored by Argo)
    SourceLocation location;
    SourceLocation nameLocation;
    SourceLocation eventLocation;
};

// spec.submit.metadata: each string is an expression (Argo evaluates non-empty name and
// generateName, and every label and annotation value).
struct SubmitMetadata {
    std::string name;
    std::string generateName;
    StringMap labels;
    StringMap annotations;
    SourceLocation location;
    SourceLocation nameLocation;
    SourceLocation generateNameLocation;
};

struct Submit {
    std::string templateName; // workflowTemplateRef.name
    bool clusterScope = false;
    SourceLocation refLocation;
    SourceLocation templateNameLocation;
    SubmitMetadata metadata;
    bool hasArguments = false;
    std::vector<BindingParameter> parameters;
    SourceLocation location;
};

struct WorkflowEventBinding {
    ObjectMeta metadata;
    bool hasSpec = false;
    std::string selector; // spec.event.selector ("" when absent: Argo then fails to compile it)
    bool hasSelector = false;
    SourceLocation selectorLocation; // of the selector value (its first character)
    // How the selector is written: 0 plain, '"' or '\'' quoted, '|' or '>' block. Positions inside
    // the selector map back exactly to the file for single-line plain and quoted scalars.
    char selectorStyle = 0;
    bool selectorIsSingleLine = false;
    // Where the selector's bytes lie in the file, for every style (blocks, folded and multi-line
    // plain scalars, quoted ones with simple escapes): byte `offset` of the selector is at
    // (line, column + offset - start) of the last segment whose start <= offset. Empty when the
    // text could not be matched up (then positions fall back to selectorLocation).
    struct Segment {
        std::size_t start = 0;
        int line = 0;
        int column = 0;
    };
    std::vector<Segment> selectorSegments;
    // The file position of byte `offset` of the selector.
    SourceLocation selectorOffsetLocation(std::size_t offset) const;
    std::optional<Submit> submit;
    SourceLocation location;
};

// A Workflow: only its name matters (a later Create with that name fails AlreadyExists).
struct WorkflowObject {
    ObjectMeta metadata;
    SourceLocation location;
};

// An object of another kind: kept so that it can be reported and round-tripped.
struct UnknownObject {
    std::string apiVersion;
    std::string kind;
    ObjectMeta metadata;
    SourceLocation location;
};

// Everything one or several manifest files hold, in document order per kind.
struct ManifestSet {
    std::vector<WorkflowTemplate> templates;        // namespaced and cluster-scoped, in order
    std::vector<WorkflowEventBinding> bindings;
    std::vector<WorkflowObject> workflows;
    std::vector<UnknownObject> unknown;
    std::vector<Diagnostic> diagnostics; // parse errors, unknown kinds, type mismatches

    bool hasErrors() const;
    // Appends `other` (objects and diagnostics) after this set's.
    void append(ManifestSet other);
};

// Parses `text` (YAML or JSON; `---`-separated documents; `kind: List` / `*List` with `items`).
// `fileName` is only used in locations. Never throws: problems become diagnostics.
ManifestSet loadManifests(std::string_view text, std::string_view fileName = {});

// Reads and parses a file; an unreadable file gives an error diagnostic.
ManifestSet loadManifestFile(const std::string &path);

// sigs.k8s.io/yaml's coercion of a plain YAML 1.1 scalar decoded into a Go string field:
// booleans → "true"/"false", integers in decimal, floats with strconv.FormatFloat(f, 'g', -1, 32),
// null → "" (nullopt means "not null": the text is kept). Exposed for tests.
std::optional<std::string> coercePlainScalar(std::string_view text, bool *isNull = nullptr);

} // namespace bindery::argo
