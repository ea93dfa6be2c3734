package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/saq-review/saq/internal/corpus"
	"github.com/saq-review/saq/internal/searchbench"
)

// benchSearch implements saq bench --search SIZES: for each size, it
// generates that many synthetic answers over every State, indexes them,
// runs the query mix, and prints throughput, size and latencies, each with
// the plain-bleve reference run on the same answers.
func benchSearch(sizes string, rounds int, stdout, stderr io.Writer) int {
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "saq bench: --search wants answer counts such as 10000,100000, not %q\n", s)
			return exitUsage
		}
		ns = append(ns, n)
	}
	ctx := context.Background()
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "answers\tStates\tindex ans/s\tvs bleve\tMiB\tB/answer\t×text\tkind\tp50 ms\tp95 ms\tp99 ms\t")
	for _, n := range ns {
		dir, err := os.MkdirTemp("", "saq-bench-")
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		defer os.RemoveAll(dir)
		recs := corpus.Records(1, n, 0)
		answers := searchbench.Count(recs)
		states := map[string]bool{}
		for _, r := range recs {
			states[r.Submission.CountryCode] = true
		}
		idx, took, err := searchbench.Build(ctx, filepath.Join(dir, "saq"), recs)
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		ref, refTook, err := searchbench.BuildReference(filepath.Join(dir, "bleve"), recs)
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		size, _ := searchbench.DirSize(filepath.Join(dir, "saq"))
		qs := searchbench.Queries(recs, 20, 7)
		lat, err := searchbench.Run(ctx, idx, qs, rounds)
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		refLat, err := searchbench.RunReference(ref, qs, rounds)
		if err != nil {
			fmt.Fprintf(stderr, "saq bench: %v\n", err)
			return exitRejected
		}
		ms := func(d interface{ Seconds() float64 }) string { return fmt.Sprintf("%.2f", d.Seconds()*1000) }
		for i, l := range append(lat, refLat) {
			if i == 0 {
				fmt.Fprintf(tw, "%d\t%d\t%.0f\t%.2f×\t%.1f\t%.0f\t%.1f\t", answers, len(states),
					float64(answers)/took.Seconds(), refTook.Seconds()/took.Seconds(),
					float64(size)/(1<<20), float64(size)/float64(answers), float64(size)/float64(searchbench.TextBytes(recs)))
			} else {
				fmt.Fprint(tw, "\t\t\t\t\t\t\t")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", l.Kind, ms(l.P50), ms(l.P95), ms(l.P99))
		}
		term := lat[0]
		fmt.Fprintf(tw, "\t\t\t\t\t\t\tterm vs bleve p50\t%.1f×\t\t\t\n", term.P50.Seconds()/refLat.P50.Seconds())
		idx.Close()
		ref.Close()
		tw.Flush()
	}
	return exitOK
}
