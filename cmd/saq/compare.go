package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/compare"
	"github.com/saq-review/saq/indexer"
)

// runCompare implements
//
//	saq compare [--data DIR] (--theme NAME | --article INSTRUMENT:N ...) [--country C]...
//	            [--format json|csv|md|html] [--out FILE]
//
// As the secretariat (every State) unless --scope names a reviewer's
// States. Exit status: 0; 2 on usage errors and invalid requests; 1 when
// the index cannot be read or the output written.
func runCompare(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	theme := fs.String("theme", "", "a theme of data/themes.csv: "+themeNames())
	var articles, countries, scope listFlag
	fs.Var(&articles, "article", "an article to compare, INSTRUMENT:N (repeat or comma-separate), e.g. UNTOC:24")
	fs.Var(&countries, "country", "only these States (name or ISO code; repeat or comma-separate)")
	fs.Var(&scope, "scope", "compare as a reviewer of these States only (ISO codes)")
	format := fs.String("format", "md", "output: json, csv (the answer matrix), md or html")
	out := fs.String("out", "", "write to this file instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq compare [--data DIR] (--theme NAME | --article INSTRUMENT:N ...) [--country C]... [--format json|csv|md|html] [--out FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "saq compare: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	req := compare.Request{Theme: *theme, Countries: countries}
	for _, a := range articles {
		ref, err := saq.ParseArticleRef(a)
		if err != nil {
			fmt.Fprintf(stderr, "saq compare: %s\n", saq.AsError(err).Message)
			return exitUsage
		}
		req.Articles = append(req.Articles, ref)
	}
	write, ok := map[string]func(io.Writer, *compare.Comparison) error{
		"json": func(w io.Writer, c *compare.Comparison) error { return encodeJSON(w, c) },
		"csv":  compare.WriteCSV, "md": compare.WriteMarkdown, "html": compare.WriteHTML,
	}[*format]
	if !ok {
		fmt.Fprintf(stderr, "saq compare: unknown format %q: use json, csv, md or html\n", *format)
		return exitUsage
	}
	return withIndex("compare", *data, stderr, func(idx *indexer.Index, plan *saq.Plan) (func(io.Writer) error, error) {
		c, err := compare.Compare(context.Background(), idx, scopeOf(scope), plan, req)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return write(w, c) }, nil
	}, *out, stdout)
}

// runObservations implements
//
//	saq observations [--data DIR] --country C [--cluster K | --instrument I] [--format md|html|json]
func runObservations(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("observations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	country := fs.String("country", "", "the State under review (name or ISO code)")
	cluster := fs.String("cluster", "", "the cluster under review: I, II, III or IV")
	instrument := fs.String("instrument", "", "or every article of one instrument: UNTOC, TIP, SOM or FIREARMS")
	var scope listFlag
	fs.Var(&scope, "scope", "draft as a reviewer of these States only (ISO codes)")
	format := fs.String("format", "md", "output: md, html or json")
	out := fs.String("out", "", "write to this file instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq observations [--data DIR] --country C [--cluster K | --instrument I] [--format md|html|json] [--out FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *country == "" || (*cluster == "") == (*instrument == "") || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	req := compare.ObservationsRequest{Country: *country, Cluster: *cluster}
	if *instrument != "" {
		inst, ok := saq.ParseInstrument(*instrument)
		if !ok {
			fmt.Fprintf(stderr, "saq observations: unknown instrument %q\n", *instrument)
			return exitUsage
		}
		req.Instrument = inst
	}
	write, ok := map[string]func(io.Writer, *compare.Observations) error{
		"json": func(w io.Writer, o *compare.Observations) error { return encodeJSON(w, o) },
		"md":   compare.WriteObservationsMarkdown, "html": compare.WriteObservationsHTML,
	}[*format]
	if !ok {
		fmt.Fprintf(stderr, "saq observations: unknown format %q: use md, html or json\n", *format)
		return exitUsage
	}
	return withIndex("observations", *data, stderr, func(idx *indexer.Index, plan *saq.Plan) (func(io.Writer) error, error) {
		o, err := compare.BuildObservations(context.Background(), idx, scopeOf(scope), plan, req)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return write(w, o) }, nil
	}, *out, stdout)
}

// withIndex opens the index read-only and the plan, runs build, and writes
// its output to the file out (when given) or stdout. Errors of kind
// invalid exit 2; forbidden, not_found and others exit 1.
func withIndex(cmd, data string, stderr io.Writer, build func(*indexer.Index, *saq.Plan) (func(io.Writer) error, error), out string, stdout io.Writer) int {
	plan, err := saq.DefaultPlan()
	if err != nil {
		fmt.Fprintf(stderr, "saq %s: %v\n", cmd, err)
		return exitRejected
	}
	idx, err := indexer.Open(indexDir(data), indexer.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "saq %s: %v\n", cmd, err)
		return exitRejected
	}
	defer idx.Close()
	write, err := build(idx, plan)
	if err != nil {
		e := saq.AsError(err)
		fmt.Fprintf(stderr, "saq %s: %s: %s\n", cmd, e.Kind, e.Message)
		if e.Kind == saq.KindInvalid {
			return exitUsage
		}
		return exitRejected
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		fmt.Fprintf(stderr, "saq %s: %v\n", cmd, err)
		return exitRejected
	}
	if out == "" {
		stdout.Write(buf.Bytes())
		return exitOK
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "saq %s: %v\n", cmd, err)
		return exitRejected
	}
	return exitOK
}

func scopeOf(codes []string) saq.Scope {
	if len(codes) == 0 {
		return saq.AllStates
	}
	return saq.StatesScope(codes...)
}

func themeNames() string {
	plan, err := saq.DefaultPlan()
	if err != nil {
		return "(themes unreadable: " + err.Error() + ")"
	}
	var names []string
	for _, t := range plan.Themes {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}
