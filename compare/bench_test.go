package compare

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/internal/corpus"
	"github.com/saq-review/saq/internal/searchbench"
)

// current keeps, as ingestion does, one submission per State and cluster:
// the synthetic records deal several to a State, where a later upload
// would have superseded the earlier.
func current(recs []saq.Record) []saq.Record {
	last := map[string]int{}
	for i, r := range recs {
		last[r.Submission.CountryCode+" "+r.Submission.Cluster] = i
	}
	var out []saq.Record
	for i, r := range recs {
		if last[r.Submission.CountryCode+" "+r.Submission.Cluster] == i {
			out = append(out, r)
		}
	}
	return out
}

// BenchmarkCompare compares a theme across 190 States, on corpora of
// searchbench.Sizes answers dealt to them before superseded submissions
// are dropped. The reference,
// "load", is reading the same answers out of the index and nothing more:
// compare-ms / load-ms is the cost of the analysis (alignment, citations,
// TF-IDF and clustering) relative to fetching its input.
func BenchmarkCompare(b *testing.B) {
	plan, err := saq.DefaultPlan()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, n := range searchbench.Sizes() {
		recs := current(corpus.Records(1, n, 190))
		idx, _, err := searchbench.Build(ctx, b.TempDir(), recs)
		if err != nil {
			b.Fatal(err)
		}
		for _, theme := range []string{"criminalization", "cooperation", "any"} {
			t, _ := plan.Theme(theme)
			b.Run(strconv.Itoa(n)+"/"+theme, func(b *testing.B) {
				var answers, questions int
				var cmpSec, loadSec float64
				for b.Loop() {
					start := time.Now()
					if _, err := load(ctx, idx, saq.AllStates, t.Articles, plan.Clusters); err != nil {
						b.Fatal(err)
					}
					loadSec += time.Since(start).Seconds()
					start = time.Now()
					c, err := Compare(ctx, idx, saq.AllStates, plan, Request{Theme: theme})
					if err != nil {
						b.Fatal(err)
					}
					cmpSec += time.Since(start).Seconds()
					questions = len(c.Questions)
					answers = 0
					for _, q := range c.Questions {
						answers += len(q.Answers)
					}
				}
				perOp, loadSec := cmpSec/float64(b.N), loadSec/float64(b.N)
				b.ReportMetric(perOp*1000, "ms/compare")
				b.ReportMetric(loadSec*1000, "load-ms")
				b.ReportMetric(perOp/loadSec, "×load")
				b.ReportMetric(float64(answers), "answers")
				b.ReportMetric(float64(questions), "questions")
				b.ReportMetric(float64(searchbench.Count(recs)), "indexed")
			})
		}
		idx.Close()
	}
}
