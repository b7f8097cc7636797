package generator

import "github.com/flopack/flopack/export"

// kv is one member of an object built in code, written in the order Okta writes it.
func kv(key string, v *export.Value) export.Member {
	return export.Member{Key: key, KeyOffset: -1, Value: v}
}

func object(members ...export.Member) *export.Value {
	o := export.NewObject()
	o.Members = append(o.Members, members...)
	return o
}

func str(s string) *export.Value { return export.NewString(s) }

// tree is the addressing mode every flow of a current export declares.
func tree() *export.Value {
	return object(
		kv("id", export.NewInt(3)),
		kv("name", str("empty")),
		kv("description", str("This flow has been build w/o a tree and uses the newer, "+
			"async, Addressing module.")),
	)
}

func connectorMethodMeta() *export.Value {
	return object(
		kv("inputs", export.NewObject()),
		kv("outputs", export.NewObject()),
		kv("options", export.NewObject()),
	)
}
