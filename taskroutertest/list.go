package taskroutertest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/flopack/flopack/expression"
)

// listFilters are the filters the double implements, in the order meta URLs carry them.
var listFilters = []string{"FriendlyName", "TargetWorkersExpression"}

const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// listRequest is a parsed list query.
type listRequest struct {
	filters  url.Values
	pageSize int
	page     int
	token    string // "", "PA<sid>" (after that worker) or "PB<sid>" (before it)
	match    func(*entry) bool
}

// listResponseJSON is ListWorkerResponse.
type listResponseJSON struct {
	Workers []workerJSON `json:"workers"`
	Meta    metaJSON     `json:"meta"`
}

type metaJSON struct {
	Page            int     `json:"page"`
	PageSize        int     `json:"page_size"`
	FirstPageURL    string  `json:"first_page_url"`
	PreviousPageURL *string `json:"previous_page_url"`
	URL             string  `json:"url"`
	NextPageURL     *string `json:"next_page_url"`
	Key             string  `json:"key"`
}

func (s *Server) listWorkers(w http.ResponseWriter, r *http.Request) {
	lr, msg := parseList(r.URL.Query())
	if msg != "" {
		writeError(w, http.StatusBadRequest, 20001, msg)
		return
	}

	s.mu.Lock()
	if lr.token != "" {
		if _, known := s.seqs[lr.token[2:]]; !known {
			s.mu.Unlock()
			writeError(w, http.StatusBadRequest, 20001, "Invalid PageToken")
			return
		}
	}
	page, before, after := s.pageLocked(lr)
	body := listResponseJSON{Workers: make([]workerJSON, len(page))}
	for i, e := range page {
		body.Workers[i] = s.workerJSON(r, e, true)
	}
	s.mu.Unlock()

	base := s.workspaceURL(r) + "/Workers"
	body.Meta = metaJSON{
		Page:         lr.page,
		PageSize:     lr.pageSize,
		FirstPageURL: base + "?" + lr.query(0, ""),
		URL:          base + "?" + lr.query(lr.page, lr.token),
		Key:          "workers",
	}
	if after && len(page) > 0 {
		u := base + "?" + lr.query(lr.page+1, "PA"+page[len(page)-1].w.SID)
		body.Meta.NextPageURL = &u
	}
	if before && len(page) > 0 && lr.page > 0 {
		u := base + "?" + lr.query(lr.page-1, "PB"+page[0].w.SID)
		body.Meta.PreviousPageURL = &u
	}
	writeJSON(w, http.StatusOK, body)
}

func parseList(q url.Values) (listRequest, string) {
	lr := listRequest{filters: url.Values{}, pageSize: defaultPageSize, match: func(*entry) bool {
		return true
	}}
	for key := range q {
		switch {
		case key == "PageSize" || key == "Page" || key == "PageToken":
		case slices.Contains(listFilters, key):
			lr.filters.Set(key, q.Get(key))
		default:
			return lr, fmt.Sprintf("taskroutertest does not implement the %s parameter", key)
		}
	}

	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return lr, fmt.Sprintf("PageSize must be between 1 and %d", maxPageSize)
		}
		lr.pageSize = n
	}
	if v := q.Get("Page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return lr, "Page must be a whole number"
		}
		lr.page = n
	}
	lr.token = q.Get("PageToken")
	if lr.token != "" && !strings.HasPrefix(lr.token, "PA") && !strings.HasPrefix(lr.token, "PB") {
		return lr, "Invalid PageToken"
	}

	var conds []func(*entry) bool
	if name := lr.filters.Get("FriendlyName"); name != "" {
		// Friendly names are case-insensitive in TaskRouter.
		conds = append(conds, func(e *entry) bool { return strings.EqualFold(e.w.FriendlyName, name) })
	}
	if src, ok := lr.filters["TargetWorkersExpression"]; ok {
		expr, err := expression.Parse(src[0])
		if err != nil {
			return lr, fmt.Sprintf("Invalid TargetWorkersExpression: %v", err)
		}
		conds = append(conds, func(e *entry) bool { return expression.Match(expr, e.lookup) })
	}
	lr.match = func(e *entry) bool {
		for _, c := range conds {
			if !c(e) {
				return false
			}
		}
		return true
	}
	return lr, ""
}

// pageLocked returns the page the request asks for, and whether matching workers exist
// before and after it. Paging is keyed on the creation order, so a worker deleted between
// two requests neither repeats nor hides another.
func (s *Server) pageLocked(lr listRequest) (page []*entry, before, after bool) {
	backward := strings.HasPrefix(lr.token, "PB")
	start := 0 // index of the first worker to consider, going forward
	if lr.token != "" {
		seq := s.seqs[lr.token[2:]]
		start, _ = slices.BinarySearchFunc(s.workers, seq, func(e *entry, seq int) int {
			return e.seq - seq
		})
		if !backward && start < len(s.workers) && s.workers[start].seq == seq {
			start++
		}
	}

	if backward {
		for i := start - 1; i >= 0; i-- {
			if !s.workers[i].match(lr) {
				continue
			}
			if len(page) == lr.pageSize {
				before = true
				break
			}
			page = append(page, s.workers[i])
		}
		slices.Reverse(page)
		return page, before, true
	}

	for i := start; i < len(s.workers); i++ {
		if !s.workers[i].match(lr) {
			continue
		}
		if len(page) == lr.pageSize {
			after = true
			break
		}
		page = append(page, s.workers[i])
	}
	return page, start > 0, after
}

func (e *entry) match(lr listRequest) bool { return lr.match(e) }

// query renders the list query for a page as TaskRouter's meta URLs do: filters, then
// PageSize, Page and PageToken.
func (lr listRequest) query(page int, token string) string {
	var b strings.Builder
	for _, key := range listFilters {
		if v, ok := lr.filters[key]; ok {
			fmt.Fprintf(&b, "%s=%s&", key, url.QueryEscape(v[0]))
		}
	}
	fmt.Fprintf(&b, "PageSize=%d&Page=%d", lr.pageSize, page)
	if token != "" {
		fmt.Fprintf(&b, "&PageToken=%s", url.QueryEscape(token))
	}
	return b.String()
}
