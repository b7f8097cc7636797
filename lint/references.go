package lint

import (
	"strings"

	"github.com/flopack/flopack/export"
)

// connector returns the connector of a connector card's address,
// root:channels:http:<connector>:<version>:<key>, or "" for a built-in card.
func connector(address string) string {
	parts := strings.Split(address, ":")
	if len(parts) < 4 || parts[0] != "root" || parts[1] != "channels" {
		return ""
	}
	return parts[3]
}

func checkConnectionMissing(c *checker) {
	for _, cd := range c.scope.readableCards() {
		cfg := cd.Model().Get("config")
		switch {
		case cfg.IsNull() || cfg.Kind == export.String && cfg.Text == "":
		case cfg.Kind != export.String:
			c.reportf(offset(cfg), cd, "", "config is %s, not a connection id or null",
				describe(cfg))
		case c.configs[cfg.Text] == nil:
			c.reportf(offset(cfg), cd, "", "connection %s is not in configs", quote(cfg.Text))
		}
	}
}

func checkConnectionModule(c *checker) {
	for _, cd := range c.scope.readableCards() {
		cfg := cd.Model().Get("config")
		if !isString(cfg) || c.configs[cfg.Text] == nil {
			continue // CONNECTION_MISSING reported it, or the card has no connection
		}
		module := c.configs[cfg.Text].Get("module").Str()
		switch want := connector(cd.Address()); {
		case module == "":
			// ENVELOPE_DATA reported the connection without a module.
		case want == "":
			c.reportf(offset(cfg), cd, "", "built-in card %s names connection %s; only "+
				"connector cards use connections", quote(cd.Address()), quote(cfg.Text))
		case module != want:
			c.reportf(offset(cfg), cd, "", "connection %s is for %s, but the card's "+
				"connector is %s", quote(cfg.Text), quote(module), quote(want))
		}
	}
}

func checkFolderMissing(c *checker) {
	fs := c.scope
	if !fs.top || len(c.groups) == 0 || !isObject(fs.flow.Body) {
		// A single flow exported alone keeps its folder's id but the file holds no folders:
		// Okta imports it into the folder the user picks (15 real .flow exports do this).
		return
	}
	g := fs.flow.Body.Get("group")
	switch {
	case g.IsNull():
	case g.Kind != export.String:
		c.reportf(offset(g), nil, "", "group is %s, not a folder id or null", describe(g))
	case !c.groups[g.Text]:
		c.reportf(offset(g), nil, "", "folder %s is not in groups", quote(g.Text))
	}
}

func checkFlowRef(c *checker) {
	for _, cd := range c.scope.readableCards() {
		for _, in := range cd.Inputs() {
			if isFloInput(in) {
				checkFloValue(c, cd, in)
			}
		}
		checkErrorPolicy(c, cd)
	}
}

// checkFloValue checks a flo input: a flow id to call, a flow body, or nothing yet.
func checkFloValue(c *checker, cd *card, in export.Field) {
	v := in.Data()
	switch {
	case v.IsNull() || isBody(v):
	case v.Kind == export.String && v.Text == "":
	case v.Kind == export.String:
		if !c.flowIDs[v.Text] {
			c.reportf(offset(v), cd, in.Key(), "names flow %s, which is neither a flow nor a "+
				"stub in this file", quote(v.Text))
		}
	default:
		c.reportf(offsetOr(v, in.V), cd, in.Key(), "the flo value is %s, not a flow id or a "+
			"flow body with methods", describe(v))
	}
}

// checkErrorPolicy checks what a card runs when it fails: a flow by id ("flo") or a body of
// its own ("handler").
func checkErrorPolicy(c *checker, cd *card) {
	p := errorPolicy(cd.Card)
	flo := p.Get("flo")
	switch p.Get("type").Str() {
	case "flo":
		if !isString(flo) || !c.flowIDs[flo.Text] {
			c.reportf(offsetOr(flo, p), cd, "", "on error, runs flow %s, which is neither a "+
				"flow nor a stub in this file", describe(flo))
		}
	case "handler":
		if !isBody(flo) {
			c.reportf(offsetOr(flo, p), cd, "", "the error handler is %s, not a flow body "+
				"with methods", describe(flo))
		}
	}
}
