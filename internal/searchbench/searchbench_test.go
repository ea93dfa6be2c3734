package searchbench

import (
	"context"
	"strconv"
	"testing"

	"github.com/saq-review/saq/internal/corpus"
)

// BenchmarkIndex indexes synthetic answers spread over every State.
func BenchmarkIndex(b *testing.B) {
	for _, n := range Sizes() {
		recs := corpus.Records(1, n, 0)
		answers := Count(recs)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var total float64
			for b.Loop() {
				idx, took, err := Build(context.Background(), b.TempDir(), recs)
				if err != nil {
					b.Fatal(err)
				}
				idx.Close()
				total += took.Seconds()
			}
			b.ReportMetric(float64(answers*b.N)/total, "answers/s")
		})
	}
}

// BenchmarkSearch runs the query mix over an index of each size.
func BenchmarkSearch(b *testing.B) {
	for _, n := range Sizes() {
		recs := corpus.Records(1, n, 0)
		idx, _, err := Build(context.Background(), b.TempDir(), recs)
		if err != nil {
			b.Fatal(err)
		}
		qs := Queries(recs, 20, 7)
		for _, kind := range Kinds {
			var mine []Query
			for _, q := range qs {
				if q.Kind == kind {
					mine = append(mine, q)
				}
			}
			b.Run(strconv.Itoa(n)+"/"+kind, func(b *testing.B) {
				var lat []Latency
				for b.Loop() {
					l, err := Run(context.Background(), idx, mine, 1)
					if err != nil {
						b.Fatal(err)
					}
					lat = append(lat, l...)
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(mine))/1000, "ms/query")
			})
		}
		idx.Close()
	}
}
