package lint

import (
	"github.com/flopack/flopack/export"
)

// isUUID reports whether s is a UUID in its 8-4-4-4-12 hex form. Okta writes lower case;
// upper case is accepted because a UUID's hex digits are case-insensitive.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isShortID reports whether s is a card (method) or field id as Workflows makes them:
// 8 to 12 characters of A-Za-z0-9_- (all 7,000 cards and 32,000 fields of the corpus
// are; most are 9 or 10 long).
func isShortID(s string) bool {
	if len(s) < 8 || len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// checkFlowID checks top-level flows (stubs included) and every embedded body.
func checkFlowID(c *checker) {
	for _, m := range members(c.doc.Data().Get("flos")) {
		e := m.Value
		if !isObject(e) {
			continue // ENVELOPE_DATA reported it
		}
		c.flowName = e.Get("name").Str()
		if !isUUID(m.Key) {
			c.reportf(m.KeyOffset, nil, "", "flow id %s is not a UUID", quote(m.Key))
		}
		if id := e.Get("id"); isString(id) && id.Text != m.Key {
			c.reportf(offset(id), nil, "", "flow %s has id %s; they must be equal",
				quote(m.Key), quote(id.Text))
		}
		if body := e.Get("data"); isObject(body) {
			if u := body.Get("uuid"); !isString(u) || u.Text != m.Key {
				c.reportf(offsetOr(u, body), nil, "", "flow %s has data.uuid %s; "+
					"they must be equal", quote(m.Key), describe(u))
			}
		}
	}
	c.flowName = ""

	for _, fs := range c.scopes {
		if fs.top || !isObject(fs.flow.Body) {
			continue
		}
		c.scope = fs
		if u := fs.flow.Body.Get("uuid"); !isString(u) || !isUUID(u.Text) {
			c.reportf(offset(u), nil, "", "the embedded flow's uuid %s is not a UUID",
				describe(u))
		}
	}
	c.scope = nil
}

func checkFlowIDUnique(c *checker) {
	reportRepeatedKeys(c, c.doc.Data().Get("flos"), "flow")
}

func checkFolderID(c *checker) {
	checkEntryIDs(c, c.doc.Data().Get("groups"), "folder")
}

func checkFolderIDUnique(c *checker) {
	reportRepeatedKeys(c, c.doc.Data().Get("groups"), "folder")
}

func checkConnectionID(c *checker) {
	checkEntryIDs(c, c.doc.Data().Get("configs"), "connection")
}

func checkConnectionIDUnique(c *checker) {
	reportRepeatedKeys(c, c.doc.Data().Get("configs"), "connection")
}

// checkEntryIDs checks that every key of a map of folders or connections is a UUID equal to
// the entry's "id".
func checkEntryIDs(c *checker, v *export.Value, what string) {
	for _, m := range members(v) {
		if !isUUID(m.Key) {
			c.reportf(m.KeyOffset, nil, "", "%s id %s is not a UUID", what, quote(m.Key))
		}
		if !isObject(m.Value) {
			continue // ENVELOPE_DATA reported it
		}
		if id := m.Value.Get("id"); !isString(id) || id.Text != m.Key {
			c.reportf(offsetOr(id, m.Value), nil, "", "%s %s has id %s; they must be equal",
				what, quote(m.Key), describe(id))
		}
	}
}

// reportRepeatedKeys reports keys that appear twice in one JSON object: JSON.parse, and so
// Okta's importer, silently keeps the last.
func reportRepeatedKeys(c *checker, v *export.Value, what string) {
	seen := map[string]bool{}
	for _, m := range members(v) {
		if seen[m.Key] {
			c.reportf(m.KeyOffset, nil, "", "%s id %s appears twice; the import keeps only "+
				"the last", what, quote(m.Key))
		}
		seen[m.Key] = true
	}
}

func checkCardID(c *checker) {
	for _, cd := range c.scope.readableCards() {
		if !isShortID(cd.id) {
			c.reportf(offset(cd.V.Get("uuid")), cd, "", "card id %s is not 8 to 12 "+
				"characters of A-Za-z0-9_-", quote(cd.id))
		}
	}
}

func checkCardIDUnique(c *checker) {
	if !c.scope.shapeOK {
		return
	}
	first := map[string]*card{}
	for _, cd := range c.scope.cards {
		if !cd.ok() {
			continue
		}
		if prev, dup := first[cd.id]; dup {
			c.reportf(offset(cd.V.Get("uuid")), cd, "", "card id %s is also the id of card %s",
				quote(cd.id), quote(prev.label))
			continue
		}
		first[cd.id] = cd
	}
}

func checkFieldID(c *checker) {
	for _, cd := range c.scope.readableCards() {
		for _, io := range cardFields(cd) {
			for _, m := range io.members {
				if !isShortID(m.Key) {
					c.reportf(m.KeyOffset, cd, fieldKey(m), "%s id %s is not 8 to 12 "+
						"characters of A-Za-z0-9_-", io.what, quote(m.Key))
				}
				if id := m.Value.Get("id"); !isString(id) || id.Text != m.Key {
					c.reportf(offsetOr(id, m.Value), cd, fieldKey(m), "%s %s has id %s; "+
						"they must be equal", io.what, quote(m.Key), describe(id))
				}
			}
		}
	}
}

func checkFieldIDUnique(c *checker) {
	if !c.scope.shapeOK {
		return
	}
	type owner struct {
		cd   *card
		what string
	}
	first := map[string]owner{}
	for _, cd := range c.scope.cards {
		if !cd.ok() {
			continue
		}
		for _, io := range cardFields(cd) {
			for _, m := range io.members {
				prev, dup := first[m.Key]
				if !dup {
					first[m.Key] = owner{cd, io.what}
					continue
				}
				c.reportf(m.KeyOffset, cd, fieldKey(m), "%s id %s is also the id of an %s "+
					"of card %s", io.what, quote(m.Key), prev.what, quote(prev.cd.label))
			}
		}
	}
}

// fieldGroup is a card's inputs.data or outputs.data map.
type fieldGroup struct {
	what    string // "input" or "output"
	members []export.Member
}

func cardFields(cd *card) []fieldGroup {
	model := cd.Model()
	return []fieldGroup{
		{"input", members(model.Path("inputs", "data"))},
		{"output", members(model.Path("outputs", "data"))},
	}
}

// fieldKey names a field in a diagnostic by its key ("Body", "string1"), which the card
// shows, falling back to its id.
func fieldKey(m export.Member) string {
	if k := m.Value.Get("key").Str(); k != "" {
		return k
	}
	return m.Key
}
