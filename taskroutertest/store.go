package taskroutertest

import (
	"encoding/json"
	"fmt"
)

// entry is a stored worker with its creation sequence and decoded attributes.
type entry struct {
	seq   int
	w     Worker
	attrs map[string]any // nil when Attributes is not a JSON object
}

// AddWorker adds a worker at the end of the creation order and returns it with its SID and
// defaults filled in. A worker whose SID is already present replaces it.
func (s *Server) AddWorker(w Worker) Worker {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.nextSeq++
	if w.SID == "" {
		w.SID = fmt.Sprintf("WK%032x", s.nextSeq)
	}
	if w.Attributes == "" {
		w.Attributes = "{}"
	}
	if _, ok := activities[w.ActivityName]; !ok {
		w.ActivityName = "Offline"
	}
	if _, ok := s.bySID[w.SID]; ok {
		s.removeLocked(w.SID)
	}

	e := &entry{seq: s.nextSeq, w: w}
	if err := json.Unmarshal([]byte(w.Attributes), &e.attrs); err != nil {
		e.attrs = nil
	}
	s.workers = append(s.workers, e)
	s.bySID[w.SID] = e
	s.seqs[w.SID] = e.seq
	return w
}

// AddWorkers adds workers in order.
func (s *Server) AddWorkers(ws ...Worker) {
	for _, w := range ws {
		s.AddWorker(w)
	}
}

// RemoveWorker removes the worker with this SID and reports whether it was there.
func (s *Server) RemoveWorker(sid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.removeLocked(sid)
}

func (s *Server) removeLocked(sid string) bool {
	e, ok := s.bySID[sid]
	if !ok {
		return false
	}
	delete(s.bySID, sid)
	for i, x := range s.workers {
		if x == e {
			s.workers = append(s.workers[:i], s.workers[i+1:]...)
			break
		}
	}
	return true
}

// Workers returns the workspace's workers in creation order.
func (s *Server) Workers() []Worker {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Worker, len(s.workers))
	for i, e := range s.workers {
		out[i] = e.w
	}
	return out
}

// Worker returns the worker with this SID, if present.
func (s *Server) Worker(sid string) (Worker, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.bySID[sid]
	if !ok {
		return Worker{}, false
	}
	return e.w, true
}

// lookup gives an expression the worker fields TaskRouter documents for
// TargetWorkersExpression (sid, friendly_name, activity_sid, activity_name), then the
// worker's attributes.
func (e *entry) lookup(path string) (any, bool) {
	switch path {
	case "sid":
		return e.w.SID, true
	case "friendly_name":
		return e.w.FriendlyName, true
	case "activity_sid":
		return activities[e.w.ActivityName], true
	case "activity_name":
		return e.w.ActivityName, true
	}
	if e.attrs == nil {
		return nil, false
	}
	return attributeLookup(e.attrs)(path)
}
