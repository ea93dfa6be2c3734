// Package extract reads a State's self-assessment questionnaire response
// (a PDF) into a saq.Record: the submission's metadata and, for every
// question of the document, the instrument, article, paragraph, question
// number and text, the ticked answer, the narrative answer and its pages.
//
// Files that cannot be read yield a record with a typed error instead;
// File never panics and never runs past its deadline.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"time"
	"unicode"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/pdftext"
)

// Options configures extraction. Zero values take the defaults.
type Options struct {
	// Metadata supplied with the upload; it overrides what the cover says.
	Country     string           // name or ISO 3166 alpha-3 code
	Instruments []saq.Instrument // instruments covered
	Cluster     string           // "I".."IV"
	Language    string           // en, fr, es, ru, ar, zh

	MaxBytes int64         // default 50 MiB
	MaxPages int           // default 1000
	Timeout  time.Duration // default 2 minutes
}

// Defaults for Options.
const (
	DefaultMaxBytes = 50 << 20
	DefaultMaxPages = 1000
	DefaultTimeout  = 2 * time.Minute
)

func (o Options) withDefaults() Options {
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPages == 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	return o
}

// File extracts one file. name is recorded as the record's file (its base
// name); data is never modified.
func File(ctx context.Context, name string, data []byte, opt Options) saq.Record {
	opt = opt.withDefaults()
	rec := saq.Record{File: filepath.Base(name)}
	sum := sha256.Sum256(data)
	rec.SHA256 = hex.EncodeToString(sum[:])

	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	type result struct {
		doc *pdftext.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: saq.Errorf(saq.KindCorrupt, "the file is damaged and cannot be read (%v)", p)}
			}
		}()
		doc, err := pdftext.Read(ctx, data, pdftext.Options{MaxBytes: opt.MaxBytes, MaxPages: opt.MaxPages})
		done <- result{doc, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-ctx.Done():
		// The reader checks the context often; this covers a call that
		// does not return (it is abandoned and its result dropped).
		res.err = saq.Errorf(saq.KindTimeout, "reading took longer than %s", opt.Timeout)
	}
	if res.err != nil {
		rec.Error = saq.AsError(res.err)
		return rec
	}
	if err := fill(&rec, res.doc, opt); err != nil {
		rec.Error = saq.AsError(err)
	}
	return rec
}

// fill segments the document into answers and metadata.
func fill(rec *saq.Record, doc *pdftext.Document, opt Options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = saq.Errorf(saq.KindInternal, "segmentation failed: %v", p)
		}
	}()
	rec.Pages = len(doc.Pages)
	var lines []pdftext.Line
	for _, p := range doc.Pages {
		lines = append(lines, p.Lines...)
	}
	// A first pass over the cover tells which instruments the document
	// covers, which resolves article headings outside any part.
	cover := readMeta(coverLines(lines), lines)
	seg := segment(lines, cover.instruments)
	m := readMeta(seg.preamble, lines)
	answers, warnings := seg.answers(doc.Footnotes)
	// Text drawn in a font without a Unicode mapping reads as U+FFFD. An
	// answer made mostly of it is nothing anyone can search or read: it is
	// left empty, and the record says where to look instead.
	for i, a := range answers {
		if undecodable(a.Text) {
			answers[i].Text = ""
			warnings = append(warnings, fmt.Sprintf("the answer to %s article %s question %s could not be decoded (its font has no Unicode mapping); read it in the PDF", a.Instrument, a.Article, a.Question))
		}
	}

	sub := &saq.Submission{Country: m.country, CountryCode: m.code, Language: m.language, Cluster: m.cluster}
	switch {
	case len(seg.clusters) > 1:
		sub.Cluster = "" // one instrument across clusters
	case sub.Cluster == "" && len(seg.clusters) == 1:
		for c := range seg.clusters {
			sub.Cluster = c
		}
	case sub.Cluster == "" && len(seg.clusters) == 0:
		sub.Cluster = commonCluster(answers)
	}
	found := map[saq.Instrument]bool{}
	for _, i := range m.instruments {
		found[i] = true
	}
	for _, a := range answers {
		found[a.Instrument] = true
	}
	for _, i := range saq.Instruments {
		if found[i] {
			sub.Instruments = append(sub.Instruments, i)
		}
	}
	if err := override(sub, opt); err != nil {
		return err
	}
	if sub.CountryCode == "" {
		if m.printed != "" {
			warnings = append(warnings, fmt.Sprintf("the State party %q is not a known UN name; supply the country with the upload", m.printed))
		} else {
			warnings = append(warnings, "the State party is not named on the cover; supply the country with the upload")
		}
	}
	if len(answers) == 0 {
		warnings = append(warnings, "no questionnaire questions were found: is this a self-assessment questionnaire response?")
	}
	rec.Submission = sub
	rec.Answers = answers
	rec.Warnings = append(append(doc.Warnings, seg.warnings...), warnings...)
	return nil
}

// undecodable reports whether most characters of s, white space aside,
// are U+FFFD.
func undecodable(s string) bool {
	bad, all := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		all++
		if r == '\uFFFD' {
			bad++
		}
	}
	return 2*bad > all
}

// coverLines are the lines before the first article heading.
func coverLines(lines []pdftext.Line) []pdftext.Line {
	for i, l := range lines {
		if h, ok := parseArticleHeading(l.Text, l.Bold); ok && h.number > 0 {
			return lines[:i]
		}
	}
	return lines
}

// override applies the metadata supplied with the upload.
func override(sub *saq.Submission, opt Options) error {
	if opt.Country != "" {
		c, ok := saq.LookupCountry(opt.Country)
		if !ok {
			return saq.Errorf(saq.KindInternal, "unknown country %q", opt.Country)
		}
		sub.Country, sub.CountryCode = c.Name, c.Code
	}
	if len(opt.Instruments) > 0 {
		sub.Instruments = opt.Instruments
	}
	if opt.Cluster != "" {
		sub.Cluster = opt.Cluster
	}
	if opt.Language != "" {
		sub.Language = opt.Language
	}
	return nil
}

// commonCluster is the one cluster every answered article belongs to in the
// cluster map, for documents that do not name their cluster; "" when the
// articles span several clusters (a questionnaire cut by instrument).
func commonCluster(answers []saq.Answer) string {
	m, err := saq.DefaultClusterMap()
	if err != nil || len(answers) == 0 {
		return ""
	}
	count := map[string]int{}
	keys := map[string]bool{}
	for _, a := range answers {
		k := string(a.Instrument) + " " + a.Article
		if keys[k] {
			continue
		}
		keys[k] = true
		n, _ := strconv.Atoi(a.Article)
		for _, e := range m.ClustersOf(a.Instrument, n) {
			count[e.Cluster]++
		}
	}
	for c, n := range count {
		if n == len(keys) {
			return c
		}
	}
	return ""
}
