package preflight

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/flopack/flopack/diag"
)

// jsonReport is the --format json document: fixed field order, one document jq reads whole.
type jsonReport struct {
	Source        string  `json:"source"`
	WorkspaceSID  string  `json:"workspace_sid"`
	WorkspaceName string  `json:"workspace_name,omitempty"`
	Workers       int     `json:"workers"`
	Checks        []Check `json:"checks"`
	Summary       summary `json:"summary"`
}

type summary struct {
	OK       int `json:"ok"`
	Warnings int `json:"warnings"`
	Errors   int `json:"errors"`
}

// Write prints the report for the flow read from source: a table (text), one JSON
// document (json), or GitHub Actions annotations for warnings and errors (github).
func Write(w io.Writer, format diag.Format, source string, r *Report) error {
	ok, warnings, errors := r.Count()
	switch format {
	case diag.JSON:
		checks := r.Checks
		if checks == nil {
			checks = []Check{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(jsonReport{
			Source:        source,
			WorkspaceSID:  r.WorkspaceSID,
			WorkspaceName: r.WorkspaceName,
			Workers:       r.Workers,
			Checks:        checks,
			Summary:       summary{ok, warnings, errors},
		})
	case diag.GitHub:
		var ds []diag.Diagnostic
		for _, c := range r.Checks {
			if c.Status == OK {
				continue
			}
			sev := diag.Error
			if c.Status == Warning {
				sev = diag.Warning
			}
			ds = append(ds, diag.Diagnostic{Path: source, Rule: c.ID, Severity: sev,
				Message: c.Message})
		}
		return diag.Print(w, diag.GitHub, ds)
	}
	return writeTable(w, source, r, ok, warnings, errors)
}

func writeTable(w io.Writer, source string, r *Report, ok, warnings, errors int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tCHECK\tRESULT")
	for _, c := range r.Checks {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Status, c.ID, c.Message)
		for _, d := range c.Details {
			fmt.Fprintf(tw, "\t\t  %s\n", d)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s: %d ok, %s, %s\n", source, ok,
		plural(warnings, "warning", "warnings"), plural(errors, "error", "errors"))
	return err
}
