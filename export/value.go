package export

import (
	"strconv"
)

// Kind is the JSON type of a Value.
type Kind uint8

// The JSON kinds. The zero Kind is Null so that a zero Value is JSON null.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one JSON value whose objects keep their keys in file order.
//
// Numbers keep their literal text so that a value read and written back is unchanged.
type Value struct {
	Kind    Kind
	Bool    bool
	Text    string // a string's content, or a number's literal text
	Items   []*Value
	Members []Member
	// Offset is the byte offset of the value's first character in the decoded input, or -1
	// for a value built in memory.
	Offset int
}

// Member is one key of an object.
type Member struct {
	Key       string
	KeyOffset int
	Value     *Value
}

// NewNull returns JSON null.
func NewNull() *Value { return &Value{Kind: Null, Offset: -1} }

// NewBool returns a JSON boolean.
func NewBool(b bool) *Value { return &Value{Kind: Bool, Bool: b, Offset: -1} }

// NewString returns a JSON string.
func NewString(s string) *Value { return &Value{Kind: String, Text: s, Offset: -1} }

// NewInt returns a JSON number holding n.
func NewInt(n int64) *Value {
	return &Value{Kind: Number, Text: strconv.FormatInt(n, 10), Offset: -1}
}

// NewObject returns an empty JSON object.
func NewObject() *Value { return &Value{Kind: Object, Offset: -1} }

// NewArray returns a JSON array of items.
func NewArray(items ...*Value) *Value { return &Value{Kind: Array, Items: items, Offset: -1} }

// IsNull reports whether v is missing or JSON null.
func (v *Value) IsNull() bool { return v == nil || v.Kind == Null }

// Get returns the member key of an object, or nil when v is not an object or has no such key.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	// JSON.parse keeps the last of repeated keys, and so does Okta's importer.
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return v.Members[i].Value
		}
	}
	return nil
}

// Has reports whether v is an object with member key.
func (v *Value) Has(key string) bool {
	return v.Get(key) != nil
}

// Path follows keys through nested objects, returning nil when one is missing.
func (v *Value) Path(keys ...string) *Value {
	for _, k := range keys {
		v = v.Get(k)
	}
	return v
}

// Str returns a string's content, or "" when v is not a string.
func (v *Value) Str() string {
	if v == nil || v.Kind != String {
		return ""
	}
	return v.Text
}

// Truth returns a boolean's value, or false when v is not a boolean.
func (v *Value) Truth() bool {
	return v != nil && v.Kind == Bool && v.Bool
}

// Int returns a number as an int64 and whether it was an integer.
func (v *Value) Int() (int64, bool) {
	if v == nil || v.Kind != Number {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Text, 10, 64)
	return n, err == nil
}

// Set sets member key of object v, keeping its place when it exists and appending it
// otherwise. It panics when v is not an object: that is a programming error.
func (v *Value) Set(key string, val *Value) {
	if v.Kind != Object {
		panic("export: Set on " + v.Kind.String())
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			v.Members[i].Value = val
			return
		}
	}
	v.Members = append(v.Members, Member{Key: key, KeyOffset: -1, Value: val})
}

// Delete removes member key from object v, if present.
func (v *Value) Delete(key string) {
	if v == nil || v.Kind != Object {
		return
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			v.Members = append(v.Members[:i], v.Members[i+1:]...)
			return
		}
	}
}

// Clone returns a deep copy of v, with offsets kept.
func (v *Value) Clone() *Value {
	if v == nil {
		return nil
	}
	c := *v
	if v.Items != nil {
		c.Items = make([]*Value, len(v.Items))
		for i, it := range v.Items {
			c.Items[i] = it.Clone()
		}
	}
	if v.Members != nil {
		c.Members = make([]Member, len(v.Members))
		for i, m := range v.Members {
			c.Members[i] = Member{Key: m.Key, KeyOffset: m.KeyOffset, Value: m.Value.Clone()}
		}
	}
	return &c
}

// Equal reports whether a and b hold the same JSON, keys compared in order and numbers by
// their literal text.
func Equal(a, b *Value) bool {
	if a == nil || b == nil {
		return a.IsNull() && b.IsNull()
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Null:
		return true
	case Bool:
		return a.Bool == b.Bool
	case Number, String:
		return a.Text == b.Text
	case Array:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !Equal(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	default:
		if len(a.Members) != len(b.Members) {
			return false
		}
		for i := range a.Members {
			if a.Members[i].Key != b.Members[i].Key ||
				!Equal(a.Members[i].Value, b.Members[i].Value) {
				return false
			}
		}
		return true
	}
}
