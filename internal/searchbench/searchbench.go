// Package searchbench measures indexing and search on synthetic answers:
// indexing throughput, query latency percentiles for a mix of query kinds,
// and index size, each against a reference run of plain bleve (one index,
// default mapping, a match query, no facets) on the same answers in the
// same process, so that machine noise cancels out in the ratios. Used by
// the Go benchmarks and by saq bench.
package searchbench

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/search"
)

// Build indexes records into a new index in dir as saq reindex does (one
// batch run per State) and returns it with the time taken.
func Build(ctx context.Context, dir string, recs []saq.Record) (*indexer.Index, time.Duration, error) {
	idx, err := indexer.Open(dir, indexer.Options{})
	if err != nil {
		return nil, 0, err
	}
	byState := map[string]map[string]indexer.Doc{}
	start := time.Now()
	for _, r := range recs {
		code := indexer.ShardOf(r.Submission.CountryCode)
		if byState[code] == nil {
			byState[code] = map[string]indexer.Doc{}
		}
		up := indexer.Upload{SHA256: r.SHA256, File: r.File, SubmissionID: code + "-" + r.Submission.Cluster, Version: 1}
		maps.Copy(byState[code], indexer.Docs(r, up))
	}
	for _, code := range slices.Sorted(maps.Keys(byState)) {
		if err := idx.Replace(ctx, code, nil, byState[code]); err != nil {
			idx.Close()
			return nil, 0, err
		}
	}
	return idx, time.Since(start), nil
}

// BuildReference indexes the same answers' question and text into one
// plain bleve index (default mapping), in batches of the same size.
func BuildReference(dir string, recs []saq.Record) (bleve.Index, time.Duration, error) {
	idx, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		return nil, 0, err
	}
	start := time.Now()
	b := idx.NewBatch()
	for _, r := range recs {
		for i, a := range r.Answers {
			b.Index(indexer.DocID(r.SHA256, i), map[string]any{"question": a.QuestionText, "text": a.Text, "country": r.Submission.CountryCode})
			if b.Size() >= 2000 {
				if err := idx.Batch(b); err != nil {
					return nil, 0, err
				}
				b.Reset()
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		return nil, 0, err
	}
	return idx, time.Since(start), nil
}

// Query is one benchmark query.
type Query struct {
	Kind  string
	Scope saq.Scope
	Req   search.Request
}

// Kinds of queries, in report order.
var Kinds = []string{"term", "phrase", "boolean", "faceted", "filtered", "scoped"}

// Queries draws n queries of each kind from the records' own words, so
// they find something, as users' queries do.
func Queries(recs []saq.Record, n int, seed uint64) []Query {
	r := rand.New(rand.NewPCG(seed, 1))
	words := func() []string {
		for try := 0; ; try++ {
			rec := recs[r.IntN(len(recs))]
			a := rec.Answers[r.IntN(len(rec.Answers))]
			ws := strings.FieldsFunc(a.Text, func(c rune) bool { return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') })
			var long []string
			for _, w := range ws {
				if len(w) >= 5 {
					long = append(long, strings.ToLower(w))
				}
			}
			// English words, so the term and phrase queries are comparable
			// with the reference's; any language when there is none.
			if len(long) >= 3 && (rec.Submission.Language == "en" || try > 10000) {
				at := r.IntN(len(long) - 2)
				return long[at : at+3]
			}
		}
	}
	codes := func(k int) []string {
		var cs []string
		for range k {
			cs = append(cs, recs[r.IntN(len(recs))].Submission.CountryCode)
		}
		return cs
	}
	var qs []Query
	for range n {
		w := words()
		qs = append(qs,
			Query{"term", saq.AllStates, search.Request{Query: w[0], NoFacets: true}},
			Query{"phrase", saq.AllStates, search.Request{Query: `"` + w[0] + " " + w[1] + `"`, NoFacets: true}},
			Query{"boolean", saq.AllStates, search.Request{Query: "+" + w[0] + " " + w[1] + " -" + w[2], NoFacets: true}},
			Query{"faceted", saq.AllStates, search.Request{Query: w[0] + " " + w[1]}},
			Query{"filtered", saq.AllStates, search.Request{Query: w[0], Instrument: "UNTOC", Choice: "yes", Countries: codes(20)}},
			Query{"scoped", saq.StatesScope(codes(3)...), search.Request{Query: w[0] + " " + w[1]}},
		)
	}
	return qs
}

// Latency summarises the durations of one kind of query.
type Latency struct {
	Kind          string
	N             int
	P50, P95, P99 time.Duration
}

func summarise(kind string, ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{Kind: kind}
	}
	slices.Sort(ds)
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return Latency{kind, len(ds), at(0.50), at(0.95), at(0.99)}
}

// Run runs every query rounds times and returns the latencies per kind,
// then over the whole mix.
func Run(ctx context.Context, idx *indexer.Index, qs []Query, rounds int) ([]Latency, error) {
	by := map[string][]time.Duration{}
	for range rounds {
		for _, q := range qs {
			start := time.Now()
			if _, err := search.Answers(ctx, idx, q.Scope, q.Req); err != nil {
				return nil, fmt.Errorf("%s %q: %w", q.Kind, q.Req.Query, err)
			}
			d := time.Since(start)
			by[q.Kind] = append(by[q.Kind], d)
			by["mix"] = append(by["mix"], d)
		}
	}
	var out []Latency
	for _, k := range append(slices.Clone(Kinds), "mix") {
		out = append(out, summarise(k, by[k]))
	}
	return out, nil
}

// RunReference runs the term queries as plain bleve match queries.
func RunReference(ref bleve.Index, qs []Query, rounds int) (Latency, error) {
	var ds []time.Duration
	for range rounds {
		for _, q := range qs {
			if q.Kind != "term" {
				continue
			}
			start := time.Now()
			req := bleve.NewSearchRequest(bleve.NewMatchQuery(q.Req.Query))
			if _, err := ref.Search(req); err != nil {
				return Latency{}, err
			}
			ds = append(ds, time.Since(start))
		}
	}
	return summarise("bleve term", ds), nil
}

// DirSize returns the bytes of the files under dir.
func DirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	return n, err
}

// TextBytes returns the bytes of question and answer text in records.
func TextBytes(recs []saq.Record) int64 {
	var n int64
	for _, r := range recs {
		for _, a := range r.Answers {
			n += int64(len(a.Text) + len(a.QuestionText))
		}
	}
	return n
}

// Count returns the number of answers in records.
func Count(recs []saq.Record) int {
	n := 0
	for _, r := range recs {
		n += len(r.Answers)
	}
	return n
}

// Sizes are the synthetic corpora of the benchmarks, in answers:
// 10,000 and 100,000, or the list in SAQ_BENCH_SIZES (e.g. 10000:100000).
func Sizes() []int {
	if s := os.Getenv("SAQ_BENCH_SIZES"); s != "" {
		var out []int
		for _, f := range filepath.SplitList(s) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
		return out
	}
	return []int{10000, 100000}
}
