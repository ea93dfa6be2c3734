package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/pdftext"
)

// runText implements
//
//	saq text [--layout] FILE
//
// It prints the text of a PDF as extraction sees it: lines in reading
// order, page by page, without running headers, footers and footnotes
// (listed at the end). With --layout each line shows its position, the
// blank above it, its table column, and whether it is bold: what the
// segmentation decides on. Use it to see why a question was misread.
func runText(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("text", flag.ContinueOnError)
	fs.SetOutput(stderr)
	layout := fs.Bool("layout", false, "show position, gap, column and style of each line")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: saq text [--layout] FILE")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fs.Usage()
		return exitUsage
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "saq text: %v\n", err)
		return exitUsage
	}
	doc, err := pdftext.Read(context.Background(), data, pdftext.Options{})
	if err != nil {
		e := saq.AsError(err)
		fmt.Fprintf(stderr, "saq text: %s: %s: %s\n", files[0], e.Kind, e.Message)
		return exitRejected
	}
	for _, p := range doc.Pages {
		fmt.Fprintf(stdout, "=== page %d\n", p.Number)
		for _, l := range p.Lines {
			if !*layout {
				fmt.Fprintln(stdout, l.Text)
				continue
			}
			flags := []byte("    ")
			if l.Bold {
				flags[0] = 'B'
			}
			if l.Italic {
				flags[1] = 'I'
			}
			if l.RowStart {
				flags[2] = 'R'
			}
			if l.Right-l.X1 > 0.12*(l.Right-l.Left) {
				flags[3] = '<' // ends short
			}
			fmt.Fprintf(stdout, "x%6.1f gap%5.1f col%d %s %4.1fpt | %s", l.X0, l.Gap, l.Column, flags, l.Size, l.Text)
			if len(l.Markers) > 0 {
				fmt.Fprintf(stdout, "  [notes %v]", l.Markers)
			}
			fmt.Fprintln(stdout)
		}
	}
	for _, n := range doc.Footnotes {
		fmt.Fprintf(stdout, "--- note %s (page %d): %s\n", n.Marker, n.Page, n.Text)
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(stdout, "--- warning: %s\n", w)
	}
	return exitOK
}
