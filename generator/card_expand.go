package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// newExpandCard builds the hidden card through which Workflows reads one sub-field of an
// object output (Okta User › Alternate ID). FLOPACK-FORMAT.md section 6 lists the rules all
// 877 real ones follow: named after the source card, an `object` input typed like the
// source output, and a key/value output pair per picked sub-field.
func newExpandCard(src *card, srcOutKey, path string) (*card, error) {
	srcOut, err := src.field("outputs", srcOutKey)
	if err != nil {
		return nil, err
	}
	role := "expand " + srcOutKey + " › " + path
	c, err := newCard(templates.Expand, role, src.id())
	if err != nil {
		return nil, err
	}
	c.view().Model().Get("metadata").Set("name", export.NewString(src.id()))

	source := func() *export.Value {
		m := export.NewObject()
		m.Set("srcMethodId", export.NewString(src.id()))
		m.Set("srcOutputId", export.NewString(srcOut.ID))
		return m
	}
	object, err := c.field("inputs", "object")
	if err != nil {
		return nil, err
	}
	object.Value().Set("type", srcOut.Value().Get("type").Clone())
	object.V.Set("metadata", source())

	group := shortID("group", role)
	for _, key := range []string{"key", "value"} {
		out, err := c.field("outputs", key)
		if err != nil {
			return nil, err
		}
		out.V.Set("group", export.NewString(group))
		meta := source()
		meta.Members = append([]export.Member{{
			Key: "path", KeyOffset: -1, Value: export.NewArray(export.NewString(path)),
		}}, meta.Members...)
		out.V.Set("metadata", meta)
	}
	keyOut, err := c.field("outputs", "key")
	if err != nil {
		return nil, err
	}
	keyOut.Value().Set("data", export.NewArray(export.NewString(path)))

	if err := pinCallable(src, srcOutKey, c, "object"); err != nil {
		return nil, err
	}
	return c, nil
}
