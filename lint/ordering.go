package lint

import (
	"fmt"
	"slices"
	"strings"
)

// Workflows runs a flow's cards in the order its execution edges give: the orderings, and
// the branches of an If/Else card, which lead to the Noop card that starts each branch. In
// all 881 flow bodies of the corpus the edges form no cycle, exactly one card has none
// leading to it (the event, callable, API endpoint, delegated or, in a flow without a
// trigger, Noop card), and every card is reached from it. The only self edges are the
// [expand, expand] edge of every expand card (FLOPACK-FORMAT.md section 6).

// orderGraph is a flow's execution edges between its cards, by index into flowScope.cards.
type orderGraph struct {
	next [][]edge
	in   []int // edges leading to each card from another card
	// member is false for a card whose id is empty or repeated: edges name cards by id, so
	// only the first card with an id is in the graph (CARD_ID and CARD_ID_UNIQUE report the
	// others).
	member []bool
	// selfLoops are self edges of cards other than expand cards, in file order.
	selfLoops []edge
	// dangling is true when an ordering names a card that is not in the flow (ORDERING_CARD
	// reports it): the card that edge was meant for is then unreached for that reason only.
	dangling bool
}

// edge is one execution edge: to the card at index to, declared at byte offset off.
type edge struct {
	from, to int
	off      int
	ordering string // the ordering's id; "" for a branch
}

// graph builds the flow's execution edges once for the rules that read them.
func (fs *flowScope) graph() *orderGraph {
	if fs.order != nil {
		return fs.order
	}
	n := len(fs.cards)
	g := &orderGraph{next: make([][]edge, n), in: make([]int, n), member: make([]bool, n)}
	index := make(map[string]int, n)
	for i, cd := range fs.cards {
		if cd.id != "" && fs.byID[cd.id] == cd {
			index[cd.id] = i
			g.member[i] = true
		}
	}
	add := func(e edge) {
		if e.from == e.to {
			if fs.cards[e.from].Address() != expandAddress {
				g.selfLoops = append(g.selfLoops, e)
			}
			return
		}
		g.next[e.from] = append(g.next[e.from], e)
		g.in[e.to]++
	}

	for _, m := range members(fs.flow.Body.Get("orderings")) {
		if !isPair(m.Value) {
			continue // FLOW_SHAPE reports it
		}
		from, ok1 := index[m.Value.Items[0].Text]
		to, ok2 := index[m.Value.Items[1].Text]
		if !ok1 || !ok2 {
			g.dangling = true
			continue
		}
		add(edge{from, to, offset(m.Value), m.Key})
	}
	for i, cd := range fs.cards {
		if !g.member[i] {
			continue
		}
		for _, b := range members(cd.V.Get("branches")) {
			if to, ok := index[b.Key]; ok {
				add(edge{i, to, b.KeyOffset, ""})
			}
		}
	}
	fs.order = g
	return g
}

func checkOrderingCycle(c *checker) {
	fs := c.scope
	if !fs.shapeOK {
		return
	}
	g := fs.graph()
	for _, e := range g.selfLoops {
		what := "ordering " + quote(e.ordering)
		if e.ordering == "" {
			what = "a branch of the card"
		}
		c.reportf(e.off, fs.cards[e.from], "", "%s runs the card after itself; only an expand "+
			"card has such an edge", what)
	}
	for _, scc := range g.cycles() {
		path := g.cyclePath(scc)
		if len(path) == 0 {
			continue
		}
		names := make([]string, 0, len(path)+1)
		for _, e := range path {
			names = append(names, quote(fs.cards[e.from].label))
		}
		names = append(names, names[0])
		if len(names) > 12 {
			names = append(names[:10:10], "…", names[len(names)-1])
		}
		c.reportf(path[0].off, fs.cards[path[0].from], "", "the orderings form a cycle of %d "+
			"cards: %s; each waits for the one before it, so none of them can run",
			len(scc), strings.Join(names, " › "))
	}
}

// cycles returns the graph's strongly connected components of more than one card, each
// sorted by file order, ordered by their first card. It is Tarjan's algorithm, iterative so
// that a flow of many thousand cards cannot exhaust the stack.
func (g *orderGraph) cycles() [][]int {
	n := len(g.next)
	const unvisited = -1
	index, low := make([]int, n), make([]int, n)
	for i := range index {
		index[i] = unvisited
	}
	onStack := make([]bool, n)
	var stack []int
	var found [][]int
	counter := 0

	type frame struct{ v, edge int }
	for root := range n {
		if index[root] != unvisited || !g.member[root] {
			continue
		}
		call := []frame{{root, 0}}
		index[root], low[root] = counter, counter
		counter++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if f.edge < len(g.next[f.v]) {
				w := g.next[f.v][f.edge].to
				f.edge++
				switch {
				case index[w] == unvisited:
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				case onStack[w]:
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}

			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				parent := call[len(call)-1].v
				low[parent] = min(low[parent], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var scc []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				scc = append(scc, w)
				if w == v {
					break
				}
			}
			if len(scc) > 1 {
				found = append(found, scc)
			}
		}
	}

	for _, scc := range found {
		slices.Sort(scc)
	}
	slices.SortFunc(found, func(a, b []int) int { return a[0] - b[0] })
	return found
}

// cyclePath returns the shortest cycle through the component's first card, as the edges
// that make it up: a path a reader can follow on the canvas.
func (g *orderGraph) cyclePath(scc []int) []edge {
	in := make(map[int]bool, len(scc))
	for _, v := range scc {
		in[v] = true
	}
	start := scc[0]
	via := map[int]edge{}
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, e := range g.next[v] {
			if !in[e.to] {
				continue
			}
			if e.to == start {
				path := []edge{e}
				for at := v; at != start; at = via[at].from {
					path = append(path, via[at])
				}
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return path
			}
			if _, seen := via[e.to]; !seen {
				via[e.to] = e
				queue = append(queue, e.to)
			}
		}
	}
	return nil // not reached: a strongly connected component has a cycle through each card
}

func checkCardUnordered(c *checker) {
	fs := c.scope
	if !fs.shapeOK || len(fs.cards) == 0 {
		return
	}
	g := fs.graph()
	if g.dangling {
		return // ORDERING_CARD reports the ordering; what it was meant to order is unknown
	}
	first := g.first(fs)
	if first < 0 {
		return // every card has an edge leading to it: ORDERING_CYCLE reports the cycle
	}

	// Report where each unreached part starts, with how many cards after it go unrun with
	// it; a part that starts in a cycle is ORDERING_CYCLE's. One walk over the flow marks
	// every card, so a hostile file of many cards and no orderings stays linear.
	seen := make([]bool, len(fs.cards))
	g.walk(first, seen)
	for i, cd := range fs.cards {
		if !g.member[i] || seen[i] || g.in[i] > 0 {
			continue
		}
		more := ""
		switch after := g.walk(i, seen) - 1; {
		case after == 1:
			more = " (nor the card after it)"
		case after > 1:
			more = fmt.Sprintf(" (nor the %d cards after it)", after)
		}
		c.reportf(offset(cd.V), cd, "", "no ordering (or If/Else branch) leads to this card "+
			"from the flow's first card %s, so Workflows never runs it%s",
			quote(fs.cards[first].label), more)
	}
}

// first returns the index of the card a run starts at: of the cards no edge leads to, a
// trigger card (event, callable, API endpoint, delegated), else a Noop card (a flow without
// a trigger starts with one), else the first in file order; -1 when there is none.
func (g *orderGraph) first(fs *flowScope) int {
	best, bestRank := -1, 3
	for i, cd := range fs.cards {
		if !g.member[i] || g.in[i] > 0 {
			continue
		}
		rank := 2
		switch {
		case isTrigger(cd):
			rank = 0
		case cd.Address() == noopAddress:
			rank = 1
		}
		if rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// walk marks the cards reached from start that seen does not mark yet, and returns how many
// it marked.
func (g *orderGraph) walk(start int, seen []bool) int {
	seen[start] = true
	n := 1
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, e := range g.next[v] {
			if !seen[e.to] {
				seen[e.to] = true
				n++
				queue = append(queue, e.to)
			}
		}
	}
	return n
}

// Addresses of the cards that start a flow.
const (
	callableAddress  = "root:kernel:control:0.0.1:callable"
	acceptAddress    = "root:kernel:http:0.0.1:accept"    // API endpoint
	delegatedAddress = "root:kernel:http:0.0.1:delegated" // delegated flow
	noopAddress      = "root:kernel:control:0.0.1:noop"
)

// isTrigger reports whether a card starts a flow: an event card (webhook) or a callable,
// API endpoint or delegated card.
func isTrigger(cd *card) bool {
	switch cd.Address() {
	case callableAddress, acceptAddress, delegatedAddress:
		return true
	}
	return cd.Model().Get("webhook").Truth()
}
