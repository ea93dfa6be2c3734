package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/search"
)

// runSearch implements
//
//	saq search [--data DIR] [--json] [--country C]... [--instrument I] [--article A]
//	           [--cluster K] [--choice X] [--limit N] [--offset N] QUERY
//
// The local command line searches as the secretariat (every State) unless
// --scope names the States of a reviewer. Exit status: 0, 2 on usage
// errors and invalid queries, 1 when the index cannot be read.
func runSearch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var countries, scope listFlag
	fs.Var(&countries, "country", "only these States (name or ISO code; repeat or comma-separate)")
	instrument := fs.String("instrument", "", "only this instrument: UNTOC, TIP, SOM or FIREARMS")
	article := fs.String("article", "", "only this article: 24, or UNTOC 24")
	cluster := fs.String("cluster", "", "only this cluster: I, II, III or IV")
	choice := fs.String("choice", "", "only answers ticked so: yes, yes_in_part, no, not_applicable, none")
	question := fs.String("question", "", "only this question number")
	language := fs.String("language", "", "only answers in this language: en, fr, es, ru, ar, zh")
	sortBy := fs.String("sort", search.SortRelevance, "order: relevance, country or article")
	limit := fs.Int("limit", search.DefaultLimit, "hits to show")
	offset := fs.Int("offset", 0, "hits to skip")
	fs.Var(&scope, "scope", "search as a reviewer of these States only (ISO codes)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq search [--data DIR] [--json] [--country C]... [--instrument I] [--article A] [--cluster K] [--choice X] [--limit N] [--offset N] QUERY")
		fs.PrintDefaults()
	}
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	req := search.Request{
		Query: strings.Join(words, " "), Countries: countries, Instrument: *instrument, Article: *article,
		Cluster: *cluster, Choice: *choice, Question: *question, Language: *language,
		Sort: *sortBy, Limit: *limit, Offset: *offset,
	}
	sc := saq.AllStates
	if len(scope) > 0 {
		sc = saq.StatesScope(scope...)
	}

	idx, err := indexer.Open(indexDir(*data), indexer.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "saq search: %v\n", err)
		return exitRejected
	}
	defer idx.Close()
	if states, err := idx.States(); err == nil && len(states) == 0 {
		fmt.Fprintf(stderr, "saq search: nothing indexed in %s yet: run saq ingest first\n", *data)
	}
	res, err := search.Answers(context.Background(), idx, sc, req)
	if err != nil {
		e := saq.AsError(err)
		fmt.Fprintf(stderr, "saq search: %s: %s\n", e.Kind, e.Message)
		if *asJSON {
			writeJSON(stdout, map[string]any{"error": e})
		}
		if e.Kind == saq.KindInvalidQuery {
			return exitUsage
		}
		return exitRejected
	}
	if *asJSON {
		writeJSON(stdout, res)
		return exitOK
	}
	f, ok := stdout.(*os.File)
	printResult(stdout, res, req, ok && term.IsTerminal(int(f.Fd())))
	return exitOK
}

func writeJSON(w io.Writer, v any) { encodeJSON(w, v) }

// encodeJSON writes v as one line of JSON, leaving HTML unescaped
// (search fragments carry <mark>).
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printResult writes hits for a person: where each answer is, the passage,
// then how the hits spread.
func printResult(w io.Writer, res *search.Result, req search.Request, tty bool) {
	if res.Total == 0 {
		fmt.Fprintln(w, "no answers found")
		return
	}
	from := req.Offset + 1
	fmt.Fprintf(w, "%d answers found; %d–%d:\n\n", res.Total, from, req.Offset+len(res.Hits))
	for i, h := range res.Hits {
		where := fmt.Sprintf("%s art. %s", h.Instrument, h.Article)
		if h.Paragraph != "" {
			where += " para. " + h.Paragraph
		}
		choice := h.Choice
		if choice == "" {
			choice = "no tick"
		}
		fmt.Fprintf(w, "%3d. %s (%s) · %s · question %s · %s · %s · score %.2f\n",
			from+i, h.Country, h.CountryCode, where, h.Question, choice, pagesText(h.Pages), h.Score)
		for _, f := range h.Fragments {
			fmt.Fprintf(w, "     %s\n", terminalText(f, tty))
		}
		fmt.Fprintln(w)
	}
	for _, f := range []struct{ name, title string }{{"country", "States"}, {"instrument", "Instruments"},
		{"cluster", "Clusters"}, {"article", "Articles"}, {"choice", "Answers"}} {
		var parts []string
		for _, t := range res.Facets[f.name] {
			parts = append(parts, fmt.Sprintf("%s %d", t.Term, t.Count))
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "%-12s %s\n", f.title+":", strings.Join(parts, " · "))
		}
	}
}

func pagesText(ps []int) string {
	if len(ps) == 0 {
		return "page ?"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = fmt.Sprint(p)
	}
	if len(ps) == 1 {
		return "page " + s[0]
	}
	return "pages " + strings.Join(s, ", ")
}

// terminalText turns a fragment's HTML into text: marks become bold on a
// terminal, [brackets] elsewhere.
func terminalText(f string, tty bool) string {
	on, off := "[", "]"
	if tty {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	f = strings.ReplaceAll(strings.ReplaceAll(f, "<mark>", "\x00"), "</mark>", "\x01")
	f = html.UnescapeString(f)
	f = strings.ReplaceAll(strings.ReplaceAll(f, "\x00", on), "\x01", off)
	return strings.Join(strings.Fields(f), " ")
}
