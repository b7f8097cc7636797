package interp

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flopack/flopack/export"
)

// plan is a flow made ready to run: its cards in execution order with each input's source.
type plan struct {
	name     string // the flow's name, for messages
	steps    []*step
	warnings []string
}

// step is one card of a plan.
type step struct {
	card   export.Card
	kind   kind
	title  string
	pos    int
	inputs []plannedInput
	body   *plan // For Each: the embedded body
}

// plannedInput is an input and, when pinned, the output it reads.
type plannedInput struct {
	field export.Field
	from  *source
}

type source struct {
	step   *step
	output export.Field
}

// planner builds the plan of one flow.
type planner struct {
	flow  export.Flow
	name  string
	cards []export.Card
	byID  map[string]int // method id → index in cards
}

func (pl *planner) errorf(c export.Card, format string, args ...any) error {
	return fmt.Errorf("flow %q › card %q (%s): %s", pl.name, cardTitle(c, pl.cards),
		c.Address(), fmt.Sprintf(format, args...))
}

// newPlan plans flow f, whose first card must be of kind start.
func newPlan(f export.Flow, name string, start kind) (*plan, error) {
	pl := &planner{flow: f, name: name, cards: f.Cards(), byID: map[string]int{}}
	for i, c := range pl.cards {
		if _, dup := pl.byID[c.ID()]; dup {
			return nil, fmt.Errorf("flow %q: two cards have the method id %q", name, c.ID())
		}
		pl.byID[c.ID()] = i
	}

	first, err := pl.start(start)
	if err != nil {
		return nil, err
	}
	next, err := pl.edges()
	if err != nil {
		return nil, err
	}
	order, err := pl.walk(first, next)
	if err != nil {
		return nil, err
	}

	p := &plan{name: name}
	ran := map[string]bool{}
	for _, i := range order {
		c := pl.cards[i]
		st := &step{card: c, kind: kindOf(c), title: cardTitle(c, pl.cards), pos: len(p.steps)}
		p.steps = append(p.steps, st)
		ran[c.ID()] = true
	}
	for _, c := range pl.cards {
		if !ran[c.ID()] {
			p.warnings = append(p.warnings, fmt.Sprintf("flow %q › card %q (%s): no "+
				"ordering leads to it from the flow's first card, so it never runs",
				name, cardTitle(c, pl.cards), c.Address()))
		}
	}
	if err := pl.check(p, first); err != nil {
		return nil, err
	}
	if err := pl.wire(p); err != nil {
		return nil, err
	}
	return p, nil
}

// start finds the flow's first card: the one card of kind start.
func (pl *planner) start(start kind) (int, error) {
	found := -1
	for i, c := range pl.cards {
		if kindOf(c) != start {
			continue
		}
		if found >= 0 {
			return 0, pl.errorf(c, "a second %s; a flow has one", kindName[start])
		}
		found = i
	}
	if found < 0 {
		return 0, fmt.Errorf("flow %q has no %s; flopack run runs flows that an Okta "+
			"event starts", pl.name, kindName[start])
	}
	return found, nil
}

var kindName = map[kind]string{
	eventCard:    "Okta event card",
	callableCard: "callable card (the body's first card)",
}

// edges reads the orderings as adjacency lists of card indexes, in file order.
func (pl *planner) edges() (map[int][]int, error) {
	next := map[int][]int{}
	for _, o := range pl.flow.Orderings() {
		if o.From == "" || o.To == "" {
			return nil, fmt.Errorf("flow %q: ordering %q is not a pair of card ids", pl.name,
				o.ID)
		}
		from, ok1 := pl.byID[o.From]
		to, ok2 := pl.byID[o.To]
		if !ok1 || !ok2 {
			missing := o.From
			if ok1 {
				missing = o.To
			}
			return nil, fmt.Errorf("flow %q: ordering %q names card %q, which is not in "+
				"the flow", pl.name, o.ID, missing)
		}
		if from == to {
			// Every real expand card orders itself after itself (FLOPACK-FORMAT.md
			// section 6); on any other card a self edge is a cycle.
			if kindOf(pl.cards[from]) == expandCard {
				continue
			}
			return nil, pl.errorf(pl.cards[from], "ordering %q runs the card after itself",
				o.ID)
		}
		if !slices.Contains(next[from], to) {
			next[from] = append(next[from], to)
		}
	}
	return next, nil
}

// walk returns the cards reachable from first in topological order; among cards ready at
// the same time, the one earlier in the file runs first.
func (pl *planner) walk(first int, next map[int][]int) ([]int, error) {
	reach := map[int]bool{first: true}
	queue := []int{first}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range next[i] {
			if !reach[j] {
				reach[j] = true
				queue = append(queue, j)
			}
		}
	}

	indegree := map[int]int{}
	for i := range reach {
		for _, j := range next[i] {
			indegree[j]++
		}
	}
	var ready, order []int
	for i := range reach {
		if indegree[i] == 0 {
			ready = append(ready, i)
		}
	}
	for len(ready) > 0 {
		slices.Sort(ready)
		i := ready[0]
		ready = ready[1:]
		order = append(order, i)
		for _, j := range next[i] {
			indegree[j]--
			if indegree[j] == 0 {
				ready = append(ready, j)
			}
		}
	}

	if len(order) < len(reach) {
		var names []string
		for i, c := range pl.cards {
			if reach[i] && indegree[i] > 0 {
				names = append(names, fmt.Sprintf("%q", cardTitle(c, pl.cards)))
			}
		}
		return nil, fmt.Errorf("flow %q: the orderings form a cycle through %s", pl.name,
			strings.Join(names, ", "))
	}
	return order, nil
}

// check refuses cards the interpreter cannot run, and plans For Each bodies.
func (pl *planner) check(p *plan, first int) error {
	for _, st := range p.steps {
		switch {
		case st.kind == unknownCard:
			return pl.errorf(st.card, "flopack run does not interpret this card; it runs "+
				"the cards of the Flex de-provisioning flow (FLOPACK-FORMAT.md section 8)")
		case (st.kind == eventCard || st.kind == callableCard) && st.pos != 0:
			return pl.errorf(st.card, "a %s can only start a flow", kindName[st.kind])
		case st.kind == forEachCard:
			body, err := pl.body(st)
			if err != nil {
				return err
			}
			st.body = body
			p.warnings = append(p.warnings, body.warnings...)
		}
	}
	return nil
}

// body plans the flow embedded in a For Each card's flo input.
func (pl *planner) body(st *step) (*plan, error) {
	for _, f := range st.card.Embedded() {
		if f.Parent != nil {
			return newPlan(f, pl.name+" › "+st.title, callableCard)
		}
	}
	return nil, pl.errorf(st.card, "its flo input embeds no flow body; flopack run cannot "+
		"call flows outside the export")
}

// pinRef is one pin into an input.
type pinRef struct {
	from      export.Card
	output    string
	transform *export.Value
}

// wire finds each step's input sources and checks that every source runs before its
// consumer.
func (pl *planner) wire(p *plan) error {
	into := map[[2]string][]pinRef{} // consumer card id, input field id
	for _, c := range pl.cards {
		for _, pin := range c.Pins() {
			k := [2]string{pin.ToCard, pin.Input}
			into[k] = append(into[k], pinRef{from: c, output: pin.Output, transform: pin.Transform})
		}
	}
	stepOf := map[string]*step{}
	for _, st := range p.steps {
		stepOf[st.card.ID()] = st
	}

	for _, st := range p.steps {
		for _, in := range st.card.Inputs() {
			pi := plannedInput{field: in}
			refs := into[[2]string{st.card.ID(), in.ID}]
			if len(refs) > 1 {
				return pl.errorf(st.card, "input %q is pinned from %d outputs; a pin has one "+
					"source", in.Key(), len(refs))
			}
			if len(refs) == 1 {
				src, err := pl.source(st, in, refs[0], stepOf)
				if err != nil {
					return err
				}
				pi.from = src
			}
			st.inputs = append(st.inputs, pi)
		}
	}
	return nil
}

func (pl *planner) source(st *step, in export.Field, ref pinRef,
	stepOf map[string]*step) (*source, error) {
	from := cardTitle(ref.from, pl.cards)
	src, ok := stepOf[ref.from.ID()]
	switch {
	case !ok:
		return nil, pl.errorf(st.card, "input %q is pinned from card %q, which never runs: "+
			"no ordering leads to it", in.Key(), from)
	case src.pos >= st.pos:
		return nil, pl.errorf(st.card, "input %q is pinned from card %q, which runs after "+
			"it; add an ordering from %q to this card", in.Key(), from, from)
	case !ref.transform.IsNull():
		return nil, pl.errorf(st.card, "the pin from card %q into input %q has a transform "+
			"(%s), which flopack run does not interpret", from, in.Key(),
			export.Marshal(ref.transform, false))
	}
	for _, out := range ref.from.Outputs() {
		if out.ID == ref.output {
			return &source{step: src, output: out}, nil
		}
	}
	return nil, pl.errorf(st.card, "input %q is pinned from output id %q, which card %q "+
		"does not have", in.Key(), ref.output, from)
}

// cardTitle is the card's title on the canvas. Expand cards are named after their source
// card's id (FLOPACK-FORMAT.md section 6), so they get "expand" and the source's title.
func cardTitle(c export.Card, cards []export.Card) string {
	if kindOf(c) == expandCard {
		for _, src := range cards {
			if src.ID() == c.Name() {
				return "expand › " + src.Name()
			}
		}
	}
	return c.Name()
}
