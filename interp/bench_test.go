package interp_test

import (
	"fmt"
	"testing"

	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/taskroutertest"
)

// BenchmarkRunBatch runs the body for a batch of unassignment events against the double,
// in a workspace of 1,000 Flex workers: a dry run (one list request per event) and an
// executed run (a list and a DELETE per event; the workers are put back between runs).
func BenchmarkRunBatch(b *testing.B) {
	const batch = 50
	workers := taskroutertest.ManyWorkers(1000)
	var us []unassignment
	for i := 0; i < batch; i++ {
		us = append(us, unassignment{appUser: fmt.Sprintf("agent%05d@example.com", i*20+1)})
	}
	doc := buildExport(b, exampleSpec())
	events := delivery(b, us...)

	for _, execute := range []bool{false, true} {
		name := "dry-run"
		if execute {
			name = "execute"
		}
		b.Run(fmt.Sprintf("%s/%d-events", name, batch), func(b *testing.B) {
			srv := newDouble(b, workers...)
			initial := srv.Workers()
			opts := options(srv, execute)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rep := mustRun(b, doc, events, opts)
				if n := rep.Count(interp.Deleted) + rep.Count(interp.WouldDelete); n != batch {
					b.Fatalf("%d events reached the DELETE, want %d", n, batch)
				}
				if execute {
					b.StopTimer()
					srv.AddWorkers(initial...)
					srv.ResetRequests()
					b.StartTimer()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batch), "µs/event")
		})
	}
}
