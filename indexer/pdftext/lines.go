package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// pline is a physical line: every glyph of a page that shares a baseline,
// across the whole width of the page. Its segments are the runs of text
// separated by wide gaps or by vertical rules (table cells, tick options).
type pline struct {
	glyphs     []glyph // sorted by x0, superscripts included
	base       float64 // baseline of the main glyphs
	size       float64 // dominant font size
	x0, x1     float64
	segs       []seg
	kind       lineKind
	markers    []string // footnote markers of all segments
	boldFrac   float64
	italicFrac float64
}

type lineKind uint8

const (
	body lineKind = iota
	header
	footer
	footnote
)

type seg struct {
	x0, x1  float64
	text    string
	first   int      // index of the first glyph in the line
	n       int      // glyphs
	markers []string // footnote markers met in the segment
	bold    int      // glyphs in a bold font
	italic  int      // glyphs in an italic font
	letters int      // glyphs counted for style
}

func (l *pline) top() float64    { return l.base - 0.8*l.size }
func (l *pline) bottom() float64 { return l.base + 0.25*l.size }

// buildLines groups a page's glyphs into physical lines, top to bottom.
func buildLines(glyphs []glyph, rules []rule, pageW float64) []*pline {
	glyphs = dedupe(glyphs)
	if len(glyphs) == 0 {
		return nil
	}
	sort.SliceStable(glyphs, func(i, j int) bool { return glyphs[i].y < glyphs[j].y })
	var lines []*pline
	var cur *pline
	for _, g := range glyphs {
		if cur != nil && g.y-cur.base <= 0.3*math.Min(g.size, cur.size)+0.1 {
			cur.glyphs = append(cur.glyphs, g)
			if g.size > cur.size && strings.TrimSpace(g.s) != "" {
				cur.size = g.size
			}
			continue
		}
		cur = &pline{base: g.y, size: g.size}
		lines = append(lines, cur)
		cur.glyphs = append(cur.glyphs, g)
	}
	lines = mergeScripts(lines)
	for _, l := range lines {
		readingOrder(l.glyphs)
	}
	spans := columnSpans(lines)
	out := lines[:0]
	for _, l := range lines {
		l.finish(rules, spans.all(), spans.at(l.base))
		if len(l.segs) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// dedupe drops glyphs drawn twice at (almost) the same place, which is how
// some producers fake bold or draw shadows. gs is reordered.
func dedupe(gs []glyph) []glyph {
	if len(gs) < 2 {
		return gs
	}
	sort.Slice(gs, func(i, j int) bool {
		if gs[i].y != gs[j].y {
			return gs[i].y < gs[j].y
		}
		return gs[i].x0 < gs[j].x0
	})
	out := gs[:0:0]
	for i, g := range gs {
		dup := false
		// Look back over the glyphs drawn close by on the same baseline.
		for k := i - 1; k >= 0 && gs[k].y > g.y-0.2*g.size; k-- {
			if o := gs[k]; o.s == g.s && math.Abs(o.x0-g.x0) < 0.2*g.size && strings.TrimSpace(g.s) != "" {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, g)
		}
	}
	return out
}

// mergeScripts folds lines made only of small raised (or lowered) glyphs,
// such as footnote markers, into the line they belong to, and records
// superscript digits as markers.
func mergeScripts(lines []*pline) []*pline {
	out := lines[:0]
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		target := -1
		if len(out) > 0 || i+1 < len(lines) {
			// A script line is small and sits inside a neighbour's height.
			for _, j := range []int{i + 1, i - 1} {
				if j < 0 || j >= len(lines) {
					continue
				}
				n := lines[j]
				if j < i && (len(out) == 0 || out[len(out)-1] != n) {
					continue
				}
				if l.size < 0.85*n.size && l.base > n.top()-0.1*n.size && l.base < n.bottom()+0.3*n.size && overlapsX(l, n) {
					target = j
					break
				}
			}
		}
		if target < 0 {
			out = append(out, l)
			continue
		}
		n := lines[target]
		var script int8 = -1
		if l.base < n.base {
			script = 1
		}
		for _, g := range l.glyphs {
			g.y, g.script = n.base, script
			n.glyphs = append(n.glyphs, g)
		}
	}
	return out
}

func overlapsX(a, b *pline) bool {
	ax0, ax1 := extent(a.glyphs)
	bx0, bx1 := extent(b.glyphs)
	return ax0 <= bx1+2*b.size && bx0 <= ax1+2*b.size
}

func extent(gs []glyph) (float64, float64) {
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, g := range gs {
		x0 = math.Min(x0, g.x0)
		x1 = math.Max(x1, g.x1)
	}
	return x0, x1
}

func isMarker(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && !strings.ContainsRune("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰abcdefghij", r) {
			return false
		}
	}
	return s != ""
}

// finish orders the glyphs of a line and builds its segments and text:
// spaces where the gap between glyphs is wider than a letter gap, a new
// segment where it is as wide as a column gutter or a rule separates them.
func (l *pline) finish(rules []rule, starts, local []float64) {
	var vrules []rule
	for _, r := range rules {
		if r.vertical() && r.y0 <= l.base && r.y1 >= l.base-0.5*l.size {
			vrules = append(vrules, r)
		}
	}
	var (
		b             glyphRun // the segment's glyph texts in drawing order, left to right
		cur           *seg
		prevEnd       = math.Inf(-1)
		sawSpace      bool
		spaceX        float64 // where the last space glyph was drawn
		spaceW        float64 // and its width
		prevCJK       bool
		pending       []string // markers before any text (a footnote's own number)
		lastMarkerEnd float64
	)
	flush := func() {
		if t := b.logical(); cur != nil && strings.TrimSpace(t) != "" {
			cur.text = cleanText(strings.TrimSpace(t))
			l.segs = append(l.segs, *cur)
		}
		cur = nil
		b = b[:0]
	}
	for i, g := range l.glyphs {
		if strings.TrimSpace(g.s) == "" {
			sawSpace, spaceX, spaceW = true, g.x0, g.x1-g.x0
			continue
		}
		if sawSpace && g.x0-spaceX < 0.3*spaceW {
			// A space that does not advance: Chromium draws a soft hyphen
			// this way where the word is not broken.
			sawSpace = false
		}
		if g.script > 0 && isMarker(g.s) {
			if cur != nil {
				if n := len(cur.markers); n > 0 && g.x0-prevEnd < 0.3*l.size && lastMarkerEnd == prevEnd {
					cur.markers[n-1] += g.s // a marker of several digits
				} else {
					cur.markers = append(cur.markers, g.s)
				}
				lastMarkerEnd = math.Max(g.x1, prevEnd)
				prevEnd = lastMarkerEnd
			} else {
				pending = append(pending, g.s)
			}
			continue // footnote markers are not part of the text
		}
		gap := g.x0 - prevEnd
		atStart := nearAny(starts, g.x0) && gap > 1.3*math.Min(g.space, 0.3*g.size) ||
			// CJK cells may abut with no padding at all; then only where
			// lines near this one start at that column.
			nearAny(local, g.x0) && gap > -0.5 && prevCJK && isCJK(g.s)
		// A word drawn over the end of the previous one is another word:
		// text overflowing its table cell.
		overflow := g.runStart && gap < -0.25*g.size && !unicode.IsPunct([]rune(g.s)[0])
		if cur != nil && (gap > segmentGap(g, l) || ruleBetween(vrules, prevEnd, g.x0) || atStart || overflow) {
			flush()
		}
		if cur == nil {
			cur = &seg{x0: g.x0, first: i, markers: pending}
			pending = nil
			sawSpace = false
		} else if sawSpace || gap > wordGap(g) {
			b = append(b, " ")
		}
		sawSpace = false
		b = append(b, g.s)
		prevCJK = isCJK(g.s)
		cur.letters++
		if g.font.bold {
			cur.bold++
		}
		if g.font.italic {
			cur.italic++
		}
		cur.x1 = math.Max(cur.x1, g.x1)
		cur.n = i - cur.first + 1
		prevEnd = math.Max(g.x1, g.x0+0.1)
		if g.x1 < prevEnd-2*g.size { // a glyph far behind: keep the furthest end
			prevEnd = math.Max(prevEnd, g.x1)
		}
	}
	flush()
	for _, s := range l.segs {
		l.markers = append(l.markers, s.markers...)
	}
	if len(l.segs) > 0 {
		l.x0, l.x1 = l.segs[0].x0, l.segs[len(l.segs)-1].x1
	}
	l.setStyle()
}

// wordGap is the smallest gap between two glyphs read as a word space.
func wordGap(g glyph) float64 {
	// The font's space width refines the threshold, within bounds: subset
	// fonts sometimes report no space or a wrong one.
	return math.Max(0.15*g.size, math.Min(0.45*g.space, 0.2*g.size))
}

// segmentGap is the smallest gap read as a separation between cells or
// tick options rather than between words.
func segmentGap(g glyph, l *pline) float64 {
	return math.Max(1.3*l.size, 3.5*g.space)
}

func ruleBetween(vr []rule, x0, x1 float64) bool {
	for _, r := range vr {
		if r.x0 > x0-0.5 && r.x1 < x1+0.5 {
			return true
		}
	}
	return false
}

// text is the line's text, segments joined by a space.
func (l *pline) text() string {
	parts := make([]string, len(l.segs))
	for i, s := range l.segs {
		parts[i] = s.text
	}
	return strings.Join(parts, " ")
}

// columnStarts finds the x positions where the text of a borderless table
// column starts: in three of four consecutive lines a word starts there,
// after a gap of three word spaces or more, or as the first word of a line
// that starts right of the page's text. A gutter narrower than segmentGap is
// then still a gutter. (Consecutive, because rows of tick options repeat
// their tab stops down a page without forming a column.)
func columnSpans(lines []*pline) spans {
	if len(lines) < 3 {
		return nil
	}
	left := math.Inf(1)
	for _, l := range lines {
		if len(l.glyphs) > 0 {
			left = math.Min(left, l.glyphs[0].x0)
		}
	}
	perLine := make([]map[int]bool, len(lines))
	for li, l := range lines {
		seen := map[int]bool{}
		prevEnd := math.Inf(-1)
		for _, g := range l.glyphs {
			if strings.TrimSpace(g.s) == "" || g.script != 0 {
				continue
			}
			// Justified text stretches word spaces, but rarely to three.
			if (prevEnd == math.Inf(-1) && g.x0 > left+4*g.size) || (prevEnd != math.Inf(-1) && g.x0-prevEnd > 3*g.space) {
				k := int(math.Round(g.x0))
				seen[k-1], seen[k], seen[k+1] = true, true, true
			}
			prevEnd = math.Max(prevEnd, g.x1)
		}
		perLine[li] = seen
	}
	// Three of four consecutive lines: the lines of two columns whose
	// baselines differ interleave.
	found := map[int]*span{}
	for li := 0; li+2 < len(lines); li++ {
		for k := range perLine[li] {
			n := 1
			for d := 1; d <= 3 && li+d < len(lines); d++ {
				if perLine[li+d][k] {
					n++
				}
			}
			if n < 3 {
				continue
			}
			sp := found[k]
			if sp == nil {
				if found[k-1] != nil || found[k+1] != nil {
					continue
				}
				sp = &span{x: float64(k), y0: lines[li].base, y1: lines[li].base}
				found[k] = sp
			}
			// The column runs down to the last line that starts there.
			for d := 0; d <= 3 && li+d < len(lines); d++ {
				if perLine[li+d][k] {
					sp.y1 = math.Max(sp.y1, lines[li+d].base)
				}
			}
		}
	}
	out := make(spans, 0, len(found))
	for _, sp := range found {
		out = append(out, *sp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].x < out[j].x })
	return out
}

// span is a column start and the heights between which lines use it.
type span struct{ x, y0, y1 float64 }

type spans []span

// all returns every column start.
func (ss spans) all() []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = s.x
	}
	return out
}

// at returns the column starts that apply at height y: between the first
// and last lines that start there, and a few lines beyond (the first row of
// a table, whose cells share a line, counts no start).
func (ss spans) at(y float64) []float64 {
	var out []float64
	for _, s := range ss {
		if y >= s.y0-80 && y <= s.y1+24 {
			out = append(out, s.x)
		}
	}
	return out
}

func nearAny(xs []float64, x float64) bool {
	i := sort.SearchFloat64s(xs, x-1.6)
	return i < len(xs) && xs[i] <= x+1.6
}

// readingOrder sorts a line's glyphs left to right by runs: a run is a
// word as the producer drew it, glyph after glyph moving right. Runs are
// ordered by where they start and never interleaved, so text that
// overflows into the next table cell ("Pregunta" spilling over "Párrafo 1")
// does not mix letters.
func readingOrder(gs []glyph) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].seq < gs[j].seq })
	type run struct{ from, to int }
	var runs []run
	start := 0
	for i := 1; i < len(gs); i++ {
		if gs[i].x0 < gs[i-1].x1-math.Max(1, 0.25*gs[i].size) || gs[i].x0 > gs[i-1].x1+wordGap(gs[i]) ||
			strings.TrimSpace(gs[i].s) == "" || strings.TrimSpace(gs[i-1].s) == "" {
			runs = append(runs, run{start, i})
			start = i
		}
	}
	runs = append(runs, run{start, len(gs)})
	if len(runs) == 1 {
		return
	}
	sort.SliceStable(runs, func(i, j int) bool { return gs[runs[i].from].x0 < gs[runs[j].from].x0 })
	out := make([]glyph, 0, len(gs))
	for _, r := range runs {
		gs[r.from].runStart = true
		out = append(out, gs[r.from:r.to]...)
	}
	copy(gs, out)
}

func isCJK(s string) bool {
	for _, r := range s {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
	}
	return false
}

// setStyle computes the line's bold and italic shares from its segments.
func (l *pline) setStyle() {
	var n, b, it int
	for _, s := range l.segs {
		n += s.letters
		b += s.bold
		it += s.italic
	}
	if n > 0 {
		l.boldFrac, l.italicFrac = float64(b)/float64(n), float64(it)/float64(n)
	}
}
