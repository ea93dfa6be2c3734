// Package pdftext turns PDF bytes into the text of each page as lines in
// reading order, the way a person reads the printed page: words spaced
// from glyph positions, tables read row by row, running headers, footers
// and footnotes taken out of the flow, form field values put back in.
//
// It reads files with github.com/ledongthuc/pdf (objects, streams,
// encryption) and interprets page content itself, because the library's
// text functions run words together, lose text inside form XObjects and
// panic on malformed pages (see ../../../shared/research/libraries.md).
package pdftext

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/saq-review/saq"
)

// Line is one line of text in reading order.
type Line struct {
	Text   string
	Page   int     // 1-based
	X0, X1 float64 // horizontal extent, points from the left edge
	Top    float64 // points from the top edge
	Base   float64 // baseline, points from the top edge
	Size   float64 // font size in points
	Bold   bool    // most glyphs are bold
	Italic bool
	// Left and Right bound the flow the line belongs to: the page's text
	// block, or its table column. A line ending well before Right ends a
	// paragraph.
	Left, Right float64
	// Column is 0 in the page's main flow and k ≥ 1 in the k-th column of
	// a table; RowStart marks the first line of a table row.
	Column   int
	RowStart bool
	// Gap is the blank space above the line, in points, from the previous
	// line of the same flow; -1 for the first line of a page or table cell.
	Gap     float64
	Markers []string // footnote markers the line carries
	RTL     bool     // right-to-left text (Arabic, Hebrew): lines end on the left
}

// Footnote is a note printed at the bottom of a page or in an endnote list.
type Footnote struct {
	Marker string
	Text   string
	Page   int
}

// Page is the text of one page.
type Page struct {
	Number        int
	Width, Height float64
	Lines         []Line
	Images        int // images drawn: a page with images and no text needs OCR
}

// Document is the text of a whole file.
type Document struct {
	Pages     []Page
	Footnotes []Footnote
	Warnings  []string
	Quality   Quality
	Decrypted bool // the file was encrypted with an empty user password
}

// Quality measures how trustworthy the extracted text is, so that a record
// can say so instead of carrying silently wrong text.
type Quality struct {
	Glyphs      int // characters read
	Unmapped    int // characters without a Unicode mapping (U+FFFD)
	EmptyPages  int // pages without any text
	FailedPages int // pages whose content could not be read
	LongWords   int // "words" over 25 letters: words run together
	Words       int
}

// Options bounds the work done on one file.
type Options struct {
	MaxBytes int64 // 0: no limit
	MaxPages int   // 0: no limit
}

// Read extracts the text of a PDF. Unreadable input yields a *saq.Error of
// kind not_pdf, empty, encrypted, corrupt, no_text, too_large or timeout;
// a panic inside the PDF library is recovered and reported as corrupt.
func Read(ctx context.Context, data []byte, opt Options) (doc *Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, saq.Errorf(saq.KindCorrupt, "the file is damaged and cannot be read (%v)", p)
		}
	}()
	if opt.MaxBytes > 0 && int64(len(data)) > opt.MaxBytes {
		return nil, saq.Errorf(saq.KindTooLarge, "the file is %s, over the limit of %s", human(int64(len(data))), human(opt.MaxBytes))
	}
	r, decrypted, err := openReader(data)
	if err != nil {
		return nil, err
	}
	pages, err := pageTree(r, opt.MaxPages)
	switch {
	case errors.Is(err, errTooManyPages):
		return nil, saq.Errorf(saq.KindTooLarge, "the PDF has more than %d pages, the limit", opt.MaxPages)
	case err != nil:
		return nil, saq.Errorf(saq.KindCorrupt, "the file is damaged: %s", plainError(err))
	case len(pages) == 0:
		return nil, saq.Errorf(saq.KindEmpty, "the PDF has no pages")
	}
	n := len(pages)
	fonts := newFontCache()
	raw := make([]rawPage, 0, n)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, timeoutError(err, i, n)
		}
		rp := readPage(ctx, pages[i-1], i, fonts, defaultLimits)
		if rp.err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, timeoutError(ctxErr, i, n)
			}
			return nil, pageError(rp.err, i)
		}
		raw = append(raw, rp)
	}
	doc = assemble(raw)
	doc.Decrypted = decrypted
	if doc.Quality.Glyphs == 0 {
		images := 0
		for _, p := range doc.Pages {
			images += p.Images
		}
		if images > 0 {
			return nil, saq.Errorf(saq.KindNoText, "the pages are images without a text layer (a scan); run OCR on the file, or export the original document to PDF, and upload it again")
		}
		return nil, saq.Errorf(saq.KindEmpty, "the PDF has no text on any page")
	}
	if q := doc.Quality; 2*q.Unmapped > q.Glyphs {
		// Most characters are drawn with fonts that do not say which
		// characters they are (no ToUnicode, private glyph names): the
		// text is for the eye only, like a scan, and what could be read
		// is too little to trust.
		return nil, saq.Errorf(saq.KindNoText, "the text cannot be decoded: %d of %d characters use fonts without a Unicode mapping; run OCR on the file, or export the original document to PDF again with standard fonts, and upload it again", q.Unmapped, q.Glyphs)
	}
	return doc, nil
}

func timeoutError(err error, page, n int) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return saq.Errorf(saq.KindTimeout, "reading took longer than allowed (stopped at page %d of %d)", page, n)
	}
	return saq.Errorf(saq.KindTimeout, "reading was cancelled at page %d of %d", page, n)
}

func pageError(err error, page int) error {
	switch {
	case errors.Is(err, errPageBudget):
		return saq.Errorf(saq.KindTooLarge, "page %d draws more than %d operations, %d characters or %d forms", page, defaultLimits.maxOps, defaultLimits.maxGlyphs, defaultLimits.maxForms)
	case errors.Is(err, errPageBytes):
		return saq.Errorf(saq.KindTooLarge, "page %d has content streams, forms and fonts that inflate beyond %s in all", page, human(defaultLimits.maxPageBytes))
	case errors.Is(err, errTooBig):
		return saq.Errorf(saq.KindTooLarge, "page %d has a content stream that inflates beyond %s", page, human(defaultLimits.maxStreamBytes))
	}
	return saq.Errorf(saq.KindCorrupt, "the file is damaged: page %d: %s", page, plainError(err))
}

func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// assemble builds lines on every page, then removes what repeats at the
// page edges (running headers and footers) and footnotes, then orders the
// rest for reading.
func assemble(raw []rawPage) *Document {
	doc := &Document{}
	plines := make([][]*pline, len(raw))
	for i, rp := range raw {
		plines[i] = buildLines(rp.glyphs, rp.rules, rp.width)
		for _, g := range rp.glyphs {
			if strings.TrimSpace(g.s) == "" {
				continue
			}
			doc.Quality.Glyphs++
			if strings.ContainsRune(g.s, '\uFFFD') {
				doc.Quality.Unmapped++
			}
		}
		if len(plines[i]) == 0 {
			doc.Quality.EmptyPages++
		}
	}
	markRunning(raw, plines)
	bodySize := dominantSize(plines)
	for i, rp := range raw {
		doc.Footnotes = append(doc.Footnotes, takeFootnotes(plines[i], bodySize, rp.number, rp.height)...)
		var bodyLines []*pline
		for _, l := range plines[i] {
			if l.kind == body {
				bodyLines = append(bodyLines, l)
			}
		}
		p := Page{Number: rp.number, Width: rp.width, Height: rp.height, Images: rp.images}
		p.Lines = order(bodyLines, rp.rules, rp.width)
		for j := range p.Lines {
			p.Lines[j].Page = rp.number
		}
		doc.Pages = append(doc.Pages, p)
	}
	doc.Footnotes = append(doc.Footnotes, takeEndnotes(doc)...)
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			for _, w := range strings.Fields(l.Text) {
				doc.Quality.Words++
				if len([]rune(w)) > 25 && !strings.ContainsAny(w, "/-_.:@") {
					doc.Quality.LongWords++
				}
			}
		}
	}
	if q := doc.Quality; q.Glyphs > 0 {
		if float64(q.Unmapped)/float64(q.Glyphs) > 0.02 {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("text quality: %d of %d characters have no Unicode mapping in their font and were replaced by U+FFFD", q.Unmapped, q.Glyphs))
		}
		if q.Words > 0 && float64(q.LongWords)/float64(q.Words) > 0.01 {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("text quality: %d of %d words are over 25 letters long; words may be run together", q.LongWords, q.Words))
		}
		if q.EmptyPages > 0 {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("text quality: %d of %d pages have no text (images only?)", q.EmptyPages, len(raw)))
		}
	}
	return doc
}

func newLine(p *pline, col int, left, right float64) Line {
	return Line{
		Text: p.text(), X0: p.x0, X1: p.x1, Top: p.top(), Base: p.base, Size: p.size,
		Bold: p.boldFrac > 0.6, Italic: p.italicFrac > 0.6, Left: left, Right: right,
		Column: col, Markers: p.markers, Gap: -1, RTL: rtlText(p.text()),
	}
}

// setGaps fills Line.Gap within each flow: the main flow, and each cell.
func setGaps(lines []Line) {
	for i := range lines {
		if i == 0 || lines[i].RowStart {
			continue
		}
		prev := lines[i-1]
		if prev.Column != lines[i].Column || lines[i].Top < prev.Base-1 {
			continue // a new cell, or a column of the same row going back up
		}
		lines[i].Gap = math.Max(0, lines[i].Top-(prev.Base+0.25*prev.Size))
	}
}

// dominantSize is the font size of most of the document's text.
func dominantSize(pages [][]*pline) float64 {
	count := map[float64]int{}
	for _, ls := range pages {
		for _, l := range ls {
			if l.kind == body {
				count[math.Round(l.size*2)/2] += len(l.glyphs)
			}
		}
	}
	best, bestN := 10.0, -1
	for s, n := range count {
		if n > bestN || (n == bestN && s > best) {
			best, bestN = s, n
		}
	}
	return best
}
