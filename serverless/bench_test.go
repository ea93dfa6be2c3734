package serverless_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/snapshot"
	"github.com/saq-review/saq/infra/lambdatest"
	"github.com/saq-review/saq/internal/corpus"
	"github.com/saq-review/saq/internal/searchbench"
)

// publish indexes synthetic records of 190 States as the index function
// would, one published partition per State, and returns the bytes of
// the snapshots and the mean time of one State's update.
func publish(tb testing.TB, st *stack, recs []saq.Record) (int64, time.Duration) {
	tb.Helper()
	ctx := context.Background()
	byState := map[string]map[string]indexer.Doc{}
	for i, rec := range recs {
		code := indexer.ShardOf(rec.Submission.CountryCode)
		if byState[code] == nil {
			byState[code] = map[string]indexer.Doc{}
		}
		sha := fmt.Sprintf("%064x", i)
		maps.Copy(byState[code], indexer.Docs(rec, indexer.Upload{SHA256: sha, File: rec.File, SubmissionID: fmt.Sprint(i), Version: 1}))
	}
	p := &snapshot.Publisher{Store: st.store, Dir: tb.TempDir()}
	var m snapshot.Manifest
	start := time.Now()
	for _, code := range slices.Sorted(maps.Keys(byState)) {
		docs := byState[code]
		var err error
		m, err = p.Update(ctx, code, func(ctx context.Context, idx *indexer.Index) error {
			return idx.Replace(ctx, code, nil, docs)
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(len(byState))
	var size int64
	for _, sh := range m.Shards {
		size += sh.Bytes
	}
	return size, per
}

// coldStart starts the api function's bootstrap under the emulator and
// returns the time to its first search answer (process start, manifest,
// snapshot downloads, opening, the search), the median of later searches
// and the process's peak resident memory.
func coldStart(b *testing.B, st *stack, boot string, want uint64) (cold, warm time.Duration, rss int64) {
	env := st.env(b, "AWS_LAMBDA_FUNCTION_TIMEOUT", "600", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "3008")
	f := lambdatest.Start(b, boot, env)
	const q = "q=organized+criminal+group&limit=10"
	start := time.Now()
	r := search(b, f, "secretariat", q)
	cold = time.Since(start)
	if r.Total == 0 && want > 0 {
		b.Fatalf("cold search found nothing in %d answers", want)
	}
	var ds []time.Duration
	for range 21 {
		t0 := time.Now()
		search(b, f, "secretariat", q)
		ds = append(ds, time.Since(t0))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	rss, err := f.PeakRSS()
	if err != nil {
		b.Fatal(err)
	}
	return cold, ds[len(ds)/2], rss
}

// BenchmarkAPIColdStart measures the api function's cold start on
// published indexes of the benchmark sizes (searchbench.Sizes, answers
// of 190 States), against the cold start on an empty index in the same
// run: the ratio is what the index costs.
//
//	SAQ_BENCH_SIZES=10000:100000 go test -run X -bench APIColdStart -benchtime 3x ./serverless
func BenchmarkAPIColdStart(b *testing.B) {
	boot := lambdatest.Build(b, apiPkg)
	empty := newStack(b, 3)
	for _, n := range searchbench.Sizes() {
		b.Run(fmt.Sprintf("answers=%d", n), func(b *testing.B) {
			st := newStack(b, 3)
			recs := corpus.Records(1, n, 190)
			size, update := publish(b, st, recs)
			answers := uint64(searchbench.Count(recs))
			var cold, ref, warm time.Duration
			var rss int64
			b.ResetTimer()
			for range b.N {
				c, w, r := coldStart(b, st, boot, answers)
				e, _, _ := coldStart(b, empty, boot, 0)
				cold, warm, ref = cold+c, warm+w, ref+e
				rss = max(rss, r)
			}
			b.ReportMetric(float64(cold.Milliseconds())/float64(b.N), "cold-ms")
			b.ReportMetric(float64(cold)/float64(ref), "x-empty-cold")
			b.ReportMetric(float64(warm.Microseconds())/1000/float64(b.N), "warm-ms")
			b.ReportMetric(float64(rss)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(size)/(1<<20), "snapshots-MiB")
			b.ReportMetric(float64(answers), "answers")
			b.ReportMetric(float64(update.Milliseconds()), "update-ms/State")
		})
	}
}
