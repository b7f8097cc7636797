package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format is an output format for diagnostics.
type Format string

// The formats every checking command accepts with --format.
const (
	Text   Format = "text"
	JSON   Format = "json"
	GitHub Format = "github"
)

// Formats lists the accepted --format values, for flag help and usage errors.
var Formats = []string{string(Text), string(JSON), string(GitHub)}

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if s == f {
			return Format(s), nil
		}
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", s, strings.Join(Formats, ", "))
}

// Print writes diagnostics in format f. JSON is one document (an array) that jq reads whole.
func Print(w io.Writer, f Format, ds []Diagnostic) error {
	switch f {
	case JSON:
		if ds == nil {
			ds = []Diagnostic{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(ds)
	case GitHub:
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, githubLine(d)); err != nil {
				return err
			}
		}
		return nil
	default:
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, d.String()); err != nil {
				return err
			}
		}
		return nil
	}
}

// githubLine renders a workflow command that GitHub Actions shows as an annotation.
func githubLine(d Diagnostic) string {
	level := "error"
	if d.Severity == Warning {
		level = "warning"
	}
	props := []string{"file=" + githubProperty(d.Path)}
	if d.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Line))
	}
	if d.Column > 0 {
		props = append(props, fmt.Sprintf("col=%d", d.Column))
	}
	if d.Rule != "" {
		props = append(props, "title="+githubProperty(d.Rule))
	}
	msg := d.Message
	if d.Field != "" {
		msg = d.Field + ": " + msg
	}
	if d.Flow != "" {
		where := fmt.Sprintf("flow %q", d.Flow)
		if d.Card != "" {
			where += fmt.Sprintf(" › card %q", d.Card)
		}
		msg = where + ": " + msg
	}
	return "::" + level + " " + strings.Join(props, ",") + "::" + githubData(msg)
}

// githubData escapes a message as GitHub's workflow commands require.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").
		Replace(s)
}
