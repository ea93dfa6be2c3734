package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saq-review/saq/indexer/extract"
	"github.com/saq-review/saq/internal/eval"
)

// runEval implements
//
//	saq eval [--details] DIR...
//
// It extracts every PDF that has a NAME.truth.json beside it (the schema
// of ../shared/samples) and prints recall, precision, choice accuracy,
// token F1 of the answers, leakage of running headers and footnotes, and
// metadata accuracy, per file and in total. Exit status 1 when the total
// is below the acceptance thresholds.
func runEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	details := fs.Bool("details", false, "list the missed, extra and wrong answers of each file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq eval [--details] DIR...")
		fs.PrintDefaults()
	}
	dirs, err := parseInterspersed(fs, args)
	if err != nil || len(dirs) == 0 {
		fs.Usage()
		return exitUsage
	}
	var truths []string
	for _, d := range dirs {
		m, _ := filepath.Glob(filepath.Join(d, "*.truth.json"))
		truths = append(truths, m...)
	}
	if len(truths) == 0 {
		fmt.Fprintf(stderr, "saq eval: no *.truth.json files in %v\n", dirs)
		return exitUsage
	}
	sort.Strings(truths)
	files := make([]string, len(truths))
	for i, tf := range truths {
		files[i] = strings.TrimSuffix(tf, ".truth.json") + ".pdf"
	}
	records := extractAll(context.Background(), files, extract.Options{})
	var scores []eval.DocScore
	for i, tf := range truths {
		tr, err := eval.LoadTruth(tf)
		if err != nil {
			fmt.Fprintf(stderr, "saq eval: %v\n", err)
			return exitUsage
		}
		scores = append(scores, eval.Score(records[i], tr))
	}
	eval.WriteTable(stdout, scores)
	if *details {
		fmt.Fprintln(stdout)
		eval.WriteDetails(stdout, scores, 8)
	}
	if !eval.Summarize(scores).Passes() {
		return exitRejected
	}
	return exitOK
}
