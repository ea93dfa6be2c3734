// Command saq is the command line of the questionnaire pipeline: extract
// answers from submission PDFs, ingest them into a local data directory,
// and search them. See README.md for the contracts of each command.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes shared by the commands.
const (
	exitOK       = 0
	exitRejected = 1 // some input was rejected or failed
	exitUsage    = 2
)

type command struct {
	name  string
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"extract", "extract answers from submission PDFs (JSON Lines, or one JSON file each)", runExtract},
	{"eval", "score extraction against truth files (recall, precision, choices, text F1, leaks)", runEval},
	{"ingest", "keep, extract and index submission PDFs (files or folders) in the local data directory", runIngest},
	{"search", "search the indexed answers: query, filters, facets, highlighted passages (--json)", runSearch},
	{"compare", "compare answers across States on a theme or articles: matrix, spread, legislation, groups (json, csv, md, html)", runCompare},
	{"observations", "draft a State's list of observations, every line linked to its answer and page (md, html, json)", runObservations},
	{"serve", "serve the web application and the API over the local data directory", runServe},
	{"token", "mint a bearer token for a role (and States), signed with the data directory's key", runToken},
	{"demo", "ingest the sample submissions into a fresh directory, serve them, print one token per role", runDemo},
	{"reindex", "rebuild the search index from the stored answer records alone", runReindex},
	{"reconcile", "finish half-done uploads and make the index agree with the stored records", runReconcile},
	{"text", "print a PDF's text in reading order, as extraction sees it (--layout for details)", runText},
	{"bench", "measure extraction throughput against poppler's pdftotext on the same files", runBench},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "saq: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: saq COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'saq COMMAND -h' for the flags of a command.")
}
