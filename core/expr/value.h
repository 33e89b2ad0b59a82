// SPDX-License-Identifier: Apache-2.0
#pragma once

// The run-time value of the expr language, modelling the Go values that expr v1.17.8 handles when
// Argo calls it: nil, bool, int (int64), float64, string, []interface{} (and typed slices such as
// []int, []string), map[string]interface{}, maps with interface{} keys (groupBy/fromPairs), []byte,
// time.Time, time.Duration, *time.Location and callable functions (Argo's function map, sprig).
//
// A Value is 16 bytes. Scalars live inline; strings, arrays, maps and the other heap kinds are
// immutable, reference-counted (atomically: programs run on many threads) and shared on copy, so
// member access and indexing never allocate. Maps with string keys keep their entries sorted by key
// (byte order, as Go's fmt and encoding/json print them): lookup is a binary search and iteration is
// already in printing order.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bindery::expr {

// The kinds of values. Heap kinds come last (>= String) so that copying checks one comparison.
enum class Kind : std::uint8_t {
    Nil,
    Bool,
    Int,      // any Go integer; IntType says which (int, uint8, int64, ...)
    Float,    // float64
    Duration, // time.Duration, nanoseconds
    String,   // heap from here on
    Bytes,    // []byte
    Array,    // a Go slice or array; ArrayType says which
    Map,      // map[string]V, sorted by key
    AnyMap,   // map[interface{}]V (groupBy, fromPairs), insertion order
    Time,     // time.Time
    Location, // *time.Location
    Function, // a Go func value (function map, sprig)
};

// The Go type of an integer value (the number itself is always held as int64).
enum class IntType : std::uint8_t { Int, Int64, Int32, Uint8, Uint, Uint64 };

// The Go type of an array value: what `type()`/`%T` would say. Elements are Values in all cases.
enum class ArrayType : std::uint8_t {
    Any,       // []interface {}
    Int,       // []int   (ranges a..b)
    String,    // []string (split, sprig)
    Float,     // []float64
    Pairs,     // [][2]interface {} (toPairs)
    Pair,      // [2]interface {}   (an element of toPairs)
};

// The Go type of an AnyMap's values.
enum class AnyMapType : std::uint8_t {
    Any,   // map[interface {}]interface {} (fromPairs)
    Slice, // map[interface {}][]interface {} (groupBy)
};

class Value;
class TimeZone; // a time zone (*time.Location), defined by go_time.h

// A time.Time: Unix seconds and nanoseconds plus its zone (null zone = UTC).
struct TimeValue {
    std::int64_t unixSeconds = 0;
    std::int32_t nanos = 0;
    std::shared_ptr<const TimeZone> zone;
};

// What a native function returns: a value, or an error message (without position; the engine adds
// the position of the call).
class CallResult {
public:
    CallResult(Value value);
    static CallResult failure(std::string message);

    bool ok() const { return ok_; }
    const Value &value() const;
    Value &value();
    const std::string &error() const { return error_; }

private:
    CallResult() = default;
    std::shared_ptr<Value> value_; // keeps this header independent of Value's completeness
    std::string error_;
    bool ok_ = false;
};

// A callable (function map entry, sprig function). Arguments are the evaluated call arguments.
using NativeFunction = std::function<CallResult(std::span<const Value> args)>;

struct MapEntry;

class Value {
public:
    Value() noexcept : kind_(Kind::Nil), sub_(0), int_(0) {}
    Value(std::nullptr_t) noexcept : Value() {}
    static Value boolean(bool b) noexcept;
    static Value integer(std::int64_t i, IntType t = IntType::Int) noexcept;
    static Value number(double f) noexcept; // float64
    static Value duration(std::int64_t nanoseconds) noexcept;
    static Value string(std::string_view s);
    static Value bytes(std::string_view raw);
    static Value array(std::vector<Value> items, ArrayType t = ArrayType::Any);
    // The same from elements moved out of `items` (left as moved-from Values), for builders that
    // reuse one scratch buffer: the elements are stored after the array's header, one allocation.
    static Value arrayFrom(std::span<Value> items, ArrayType t = ArrayType::Any);
    // A map[string]interface{}. Entries' keys must be strings; they are sorted, the last of equal
    // keys wins (as encoding/json decodes duplicates).
    static Value map(std::vector<MapEntry> entries);
    // The same from entries moved out of `entries` (which are reordered and left moved-from).
    static Value mapFrom(std::span<MapEntry> entries);
    // A map[interface{}]V in insertion order; keys compare type-strictly (Go map semantics);
    // a later equal key replaces the earlier value.
    static Value anyMap(std::vector<MapEntry> entries, AnyMapType t = AnyMapType::Any);
    static Value time(TimeValue t);
    static Value location(std::shared_ptr<const TimeZone> zone, std::string name);
    // A Go func value; `name` is used in error messages and `%v`.
    static Value function(std::string name, NativeFunction fn);

    Value(const Value &o) noexcept : kind_(o.kind_), sub_(o.sub_), int_(o.int_)
    {
        if (isHeap()) retain();
    }
    Value(Value &&o) noexcept : kind_(o.kind_), sub_(o.sub_), int_(o.int_)
    {
        o.kind_ = Kind::Nil;
    }
    Value &operator=(const Value &o) noexcept
    {
        if (this != &o) {
            Value tmp(o);
            swap(tmp);
        }
        return *this;
    }
    Value &operator=(Value &&o) noexcept
    {
        Value tmp(std::move(o));
        swap(tmp);
        return *this;
    }
    ~Value()
    {
        if (isHeap()) release();
    }
    void swap(Value &o) noexcept
    {
        std::swap(kind_, o.kind_);
        std::swap(sub_, o.sub_);
        std::swap(int_, o.int_);
    }

    Kind kind() const noexcept { return kind_; }
    bool isNil() const noexcept { return kind_ == Kind::Nil; }
    bool isBool() const noexcept { return kind_ == Kind::Bool; }
    bool isInt() const noexcept { return kind_ == Kind::Int; }
    bool isFloat() const noexcept { return kind_ == Kind::Float; }
    bool isNumber() const noexcept { return kind_ == Kind::Int || kind_ == Kind::Float; }
    bool isString() const noexcept { return kind_ == Kind::String; }
    bool isArray() const noexcept { return kind_ == Kind::Array; }
    bool isMap() const noexcept { return kind_ == Kind::Map; }
    bool isHeap() const noexcept { return kind_ >= Kind::String; }

    // Accessors: valid only for the matching kind (checked with assert in debug builds).
    bool asBool() const noexcept { return bool_; }
    std::int64_t asInt() const noexcept { return int_; } // Int and Duration
    double asFloat() const noexcept { return float_; }
    // Int or Float as a double.
    double toDouble() const noexcept { return kind_ == Kind::Float ? float_ : double(int_); }
    IntType intType() const noexcept { return IntType(sub_); }
    ArrayType arrayType() const noexcept { return ArrayType(sub_); }
    AnyMapType anyMapType() const noexcept { return AnyMapType(sub_); }

    std::string_view asString() const noexcept; // String and Bytes
    std::span<const Value> asArray() const noexcept;
    std::span<const MapEntry> asMap() const noexcept; // Map (sorted) and AnyMap (insertion order)
    const TimeValue &asTime() const noexcept;
    const std::shared_ptr<const TimeZone> &asLocation() const noexcept;
    const std::string &locationName() const noexcept;
    const NativeFunction &asFunction() const noexcept;
    const std::string &functionName() const noexcept;

    // Map lookup by string key (binary search); nullptr when absent or not a Map.
    const Value *find(std::string_view key) const noexcept;
    // Map lookup that first tries entry `hint` (a position learnt from a map of the same shape).
    const Value *find(std::string_view key, std::int32_t hint) const noexcept;
    // The position of `key` in a Map, or -1.
    std::int32_t indexOf(std::string_view key) const noexcept;
    // AnyMap lookup with Go map key equality (type-strict); nullptr when absent.
    const Value *findAny(const Value &key) const noexcept;
    // Elements (Array), entries (Map/AnyMap), bytes (String/Bytes); 0 otherwise.
    std::size_t size() const noexcept;

    // Go's name of the dynamic type, as in `interface conversion: interface {} is float64, not
    // bool`: "float64", "int", "string", "[]interface {}", "map[string]interface {}", "time.Time",
    // "<nil>" for nil.
    std::string goTypeName() const;
    // expr's `type()` builtin: nil bool int uint float string array map func time.Time ...
    std::string_view exprTypeName() const noexcept;

    // Identity of the shared heap object (for fast paths and tests); nullptr for inline kinds.
    const void *heapIdentity() const noexcept { return isHeap() ? ptr_ : nullptr; }

private:
    friend struct ValueAccess;
    void retain() const noexcept;
    void release() noexcept;

    Kind kind_;
    std::uint8_t sub_;
    union {
        bool bool_;
        std::int64_t int_;
        double float_;
        void *ptr_;
    };
};

struct MapEntry {
    Value key;
    Value value;
};

// Allocates the strings of one document (a decoded JSON body) from shared blocks: one allocation
// per block instead of one per string, and better locality when they are read. A block is freed
// when the arena and every string in it are gone, so the strings behave like any other (immutable,
// shared, released from any thread); one long-lived string keeps its whole block alive. Strings
// longer than a quarter of a block get their own allocation. Not thread-safe itself: one builder.
class StringArena {
public:
    explicit StringArena(std::size_t blockBytes = 4096);
    ~StringArena();
    StringArena(const StringArena &) = delete;
    StringArena &operator=(const StringArena &) = delete;

    Value string(std::string_view s);

private:
    void *block_ = nullptr;
    std::size_t used_ = 0;
    std::size_t blockBytes_;
};

// Deep equality as expr's runtime.Equal: numbers by value across int/float, slices element-wise
// with Equal, maps (and everything else) type-strict like reflect.DeepEqual, nil == nil, different
// kinds unequal.
bool equal(const Value &a, const Value &b);
// Type-strict equality (reflect.DeepEqual / Go map key equality).
bool deepEqual(const Value &a, const Value &b);

} // namespace bindery::expr
