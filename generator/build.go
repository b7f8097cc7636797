package generator

import (
	"time"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
)

// FormatVersion is the export format flopack writes: the current one, which carries no
// checksum (FLOPACK-FORMAT.md section 1).
const FormatVersion = "1.5.0"

// DefaultCreated is the "created" time of an export when none is asked for. It is fixed so
// that the same spec always gives the same bytes.
var DefaultCreated = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Options tune a build without changing the flow.
type Options struct {
	// Created is the export's creation time; zero means DefaultCreated.
	Created time.Time
}

// Build compiles spec into an export holding one folder, the two connection placeholders
// and the event-triggered flow.
func Build(spec *flowspec.Spec, opts Options) (*export.Document, error) {
	created := opts.Created
	if created.IsZero() {
		created = DefaultCreated
	}

	groupID := nameUUID("folder", spec.Flow.Folder)
	conns := connections{
		okta:       nameUUID("connection okta", spec.Okta.Connection),
		taskRouter: nameUUID("connection httpfunctions", spec.Twilio.Connection),
	}
	flow, err := buildFlow(spec, conns, groupID)
	if err != nil {
		return nil, err
	}

	flos := export.NewObject()
	flos.Set(flow.Get("id").Str(), flow)
	configs := export.NewObject()
	configs.Set(conns.okta, connection(conns.okta, spec.Okta.Connection, "okta"))
	configs.Set(conns.taskRouter,
		connection(conns.taskRouter, spec.Twilio.Connection, "httpfunctions"))
	groups := export.NewObject()
	groups.Set(groupID, object(
		kv("id", str(groupID)),
		kv("data", object(
			kv("name", str(spec.Flow.Folder)),
			kv("description", str("")),
			kv("media_uri", str("")),
			kv("path", str("")),
		)),
	))

	root := object(
		kv("type", str("flopack")),
		kv("version", str(FormatVersion)),
		kv("created", str(created.UTC().Format("2006-01-02T15:04:05.000Z"))),
		kv("flags", object(
			kv("auto-transform", export.NewBool(true)),
			kv("looseBooleans", export.NewBool(true)),
			kv("looseStrings", export.NewBool(true)),
			kv("looseNulls", export.NewBool(true)),
		)),
		kv("data", object(
			kv("flos", flos),
			kv("configs", configs),
			kv("tables", export.NewObject()),
			kv("groups", groups),
		)),
	)
	return &export.Document{Root: root}, nil
}

// connection is a placeholder the admin assigns a real connection to after import: exports
// never hold credentials.
func connection(id, name, module string) *export.Value {
	return object(
		kv("id", str(id)),
		kv("name", str(name)),
		kv("module", str(module)),
		kv("data", export.NewNull()),
	)
}
