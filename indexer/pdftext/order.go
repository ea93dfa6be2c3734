package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// Reading order. Most of a questionnaire is one flow of full-width lines,
// read top to bottom. Tables (question | answer, label | value on a cover
// page) are read row by row and, inside a row, cell by cell from left to
// right: reading their physical lines across the page would interleave the
// question with its answer.
//
// A table region is a run of consecutive lines that keeps a common empty
// vertical strip (a gutter) with text on both sides. Rows end at horizontal
// rules, where the first column starts a new entry, or where a column that
// paused while another continued starts again.

type region struct {
	lines   []*pline
	gutters []interval
	bounds  []float64 // x of each gutter's middle, ascending
}

// order returns the page's body lines in reading order.
func order(lines []*pline, rules []rule, pageW float64) []Line {
	var out []Line
	left, right := textBounds(lines)
	starts := columnSpans(lines).all()
	for i := 0; i < len(lines); {
		r, end := growRegion(lines, i, rules, gaps(lines[i]), false, starts)
		for _, c := range starts {
			if r != nil {
				break
			}
			// A borderless table whose cells do not share baselines: no
			// line holds two cells, but a column start runs down the page.
			if crosses(lines[i], c) || ruledLine(lines[i], rules) {
				continue
			}
			g := interval{c - 4*lines[i].size, c - 0.5}
			r, end = growRegion(lines, i, rules, narrow([]interval{g}, lines[i], 2), true, starts)
		}
		if r != nil {
			out = append(out, r.emit(rules)...)
			i = end
			continue
		}
		out = append(out, newLine(lines[i], 0, left, right))
		i++
	}
	setGaps(out)
	return out
}

func textBounds(lines []*pline) (float64, float64) {
	if len(lines) == 0 {
		return 0, 0
	}
	xs0 := make([]float64, 0, len(lines))
	x1 := math.Inf(-1)
	for _, l := range lines {
		xs0 = append(xs0, l.x0)
		x1 = math.Max(x1, l.x1)
	}
	sort.Float64s(xs0)
	return xs0[len(xs0)/10], x1 // a low decile: ignore outdented numbers
}

type interval struct{ a, b float64 }

// gaps returns the empty intervals between a line's segments.
func gaps(l *pline) []interval {
	var g []interval
	for k := 1; k < len(l.segs); k++ {
		g = append(g, interval{l.segs[k-1].x1, l.segs[k].x0})
	}
	return g
}

// narrow keeps the parts of the gutters that line l leaves empty.
func narrow(gutters []interval, l *pline, min float64) []interval {
	var out []interval
	for _, g := range gutters {
		a, b := g.a, g.b
		ok := true
		for _, s := range l.segs {
			if s.x1 <= a || s.x0 >= b {
				continue
			}
			// The segment intrudes: keep the larger empty side, if any.
			switch {
			case s.x0 <= a && s.x1 >= b:
				ok = false
			case s.x0 > a && s.x1 < b:
				if s.x0-a >= b-s.x1 {
					b = s.x0
				} else {
					a = s.x1
				}
			case s.x0 <= a:
				a = s.x1
			default:
				b = s.x0
			}
			if !ok || b-a < min {
				ok = false
				break
			}
		}
		if ok && b-a >= min {
			out = append(out, interval{a, b})
		}
	}
	return out
}

// moreGutters adds the gutters that lines after the region's first line
// show and that no line of the region crosses: a table continued from the
// previous page can start with a row whose first cell is empty.
func moreGutters(lines []*pline, gutters []interval, minW float64) []interval {
	out := append([]interval(nil), gutters...)
	for _, l := range lines[1:] {
	next:
		for _, g := range gaps(l) {
			for _, o := range out {
				if g.a < o.b && o.a < g.b {
					continue next // already a gutter here
				}
			}
			cand := []interval{g}
			both := 0      // lines with text on either side
			prose := false // a cell right of it holds words, not one tick option
			for _, m := range lines {
				if cand = narrow(cand, m, minW); len(cand) == 0 {
					continue next
				}
				if m.x0 < g.a && m.x1 > g.b {
					both++
				}
				for _, sg := range m.segs {
					if sg.x0 >= g.b-2 && sg.x0 <= g.b+2 && len(strings.Fields(sg.text)) >= 3 {
						prose = true
					}
				}
			}
			if both >= 2 && prose {
				out = append(out, cand[0])
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].a < out[j].a })
	return out
}

// dropOptionGutters removes the gaps between the options of a row of tick
// boxes ("Yes   ✓ No   Partially") from a table's gutters: on either side
// of such a gap are never more than three words ("Sí, en parte"), and what is right of it
// never starts a line of its own.
func dropOptionGutters(lines []*pline, gutters []interval) []interval {
	out := gutters[:0:0]
	for k, g := range gutters {
		prev, next := math.Inf(-1), math.Inf(1)
		if k > 0 {
			prev = gutters[k-1].b
		}
		if k+1 < len(gutters) {
			next = gutters[k+1].a
		}
		option := true
		seen := false
		for _, l := range lines {
			var right, left bool
			for _, s := range l.segs {
				switch {
				case s.x0 >= g.b-1 && s.x1 <= next+1:
					right = true
					if len(strings.Fields(s.text)) > 3 {
						option = false
					}
				case s.x1 <= g.a+1 && s.x0 >= prev-1:
					left = true
					if len(strings.Fields(s.text)) > 3 {
						option = false
					}
				}
			}
			if right {
				seen = true
				if !left {
					option = false
				}
			}
		}
		if !(option && seen) {
			out = append(out, g)
		}
	}
	return out
}

// crosses reports whether a segment of l runs across x.
func crosses(l *pline, x float64) bool {
	for _, s := range l.segs {
		if s.x0 < x-1 && s.x1 > x+1 {
			return true
		}
	}
	return false
}

// growRegion tries to start a table region at line i with the given
// gutters. It returns nil when line i does not start one. A region found
// from a column start (byStart) has no line holding two cells; it needs
// lines on both sides of the gutter instead.
func growRegion(lines []*pline, i int, rules []rule, gutters []interval, byStart bool, starts []float64) (*region, int) {
	first := lines[i]
	if len(gutters) == 0 {
		return nil, 0
	}
	// A gutter ending at a column start shared by several lines may be as
	// narrow as the cell padding of a tight borderless table.
	minW := math.Max(3, 0.4*first.size)
	for _, g := range gutters {
		if nearAny(starts, g.b) {
			minW = 2.5
		}
	}
	// A table drawn with borders ends where its vertical rules end: the
	// heading after it is outside every rule.
	ruled := crossed(rules, gutters, first)
	j := i + 1
	for ; j < len(lines); j++ {
		prev, l := lines[j-1], lines[j]
		if l.top()-prev.bottom() > 3*l.size { // a wide vertical space ends any table
			break
		}
		if ruled && !crossed(rules, gutters, l) {
			break
		}
		if byStart && ruledLine(l, rules) {
			break // a drawn table begins: it is read on its own
		}
		if !ruled && l.boldFrac > 0.6 && prev.boldFrac < 0.6 && len(l.segs) == 1 && l.segs[0].x1 < gutters[0].a && l.top()-prev.bottom() > 0.5*l.size {
			break // a heading in the first column: the next section
		}
		g := narrow(gutters, l, minW)
		if len(g) == 0 {
			break
		}
		gutters = g
	}
	if j-i < 2 {
		return nil, 0
	}
	gutters = moreGutters(lines[i:j], gutters, minW)
	gutters = dropOptionGutters(lines[i:j], gutters)
	if len(gutters) == 0 {
		return nil, 0
	}
	r := &region{lines: lines[i:j], gutters: gutters}
	for _, g := range gutters {
		r.bounds = append(r.bounds, (g.a+g.b)/2)
	}
	// A real table has text on both sides of each gutter.
	counts := make([]int, len(r.bounds)+1)
	multi := 0
	for _, l := range r.lines {
		seen := map[int]bool{}
		for _, s := range l.segs {
			seen[r.column(s)] = true
		}
		for c := range seen {
			counts[c]++
		}
		if len(seen) > 1 {
			multi++
		}
	}
	for _, c := range counts {
		if c == 0 {
			return nil, 0
		}
	}
	if byStart {
		if j-i < 3 || counts[0] < 2 || counts[len(counts)-1] < 2 {
			return nil, 0
		}
		return r, j
	}
	// Without drawn borders, one line with several columns is no table: it
	// is a row of tick options above a short heading, or a justified line;
	// unless its gutter ends where a column of the page starts.
	if multi == 0 || (multi == 1 && !r.ruled(rules) && !r.atStart(starts)) {
		return nil, 0
	}
	return r, j
}

// ruledLine reports whether any vertical rule runs through line l.
func ruledLine(l *pline, rules []rule) bool {
	for _, r := range rules {
		if r.vertical() && r.y0 <= l.base && r.y1 >= l.top() && r.x0 > l.x0-2 && r.x1 < l.x1+2 {
			return true
		}
	}
	return false
}

// crossed reports whether a vertical rule inside one of the gutters runs
// through line l.
func crossed(rules []rule, gutters []interval, l *pline) bool {
	for _, g := range gutters {
		for _, r := range rules {
			if r.vertical() && r.x0 >= g.a-1 && r.x1 <= g.b+1 && r.y0 <= l.base && r.y1 >= l.top() {
				return true
			}
		}
	}
	return false
}

// atStart reports whether a gutter of the region ends at a column start.
func (r *region) atStart(starts []float64) bool {
	for _, g := range r.gutters {
		if nearAny(starts, g.b) {
			return true
		}
	}
	return false
}

// ruled reports whether vertical rules run down a gutter of the region.
func (r *region) ruled(rules []rule) bool {
	top, bottom := r.lines[0].top(), r.lines[len(r.lines)-1].bottom()
	for _, b := range r.bounds {
		for _, rl := range rules {
			if rl.vertical() && math.Abs((rl.x0+rl.x1)/2-b) < 0.5*r.lines[0].size+6 && rl.y0 < bottom && rl.y1 > top {
				return true
			}
		}
	}
	return false
}

func (r *region) column(s seg) int {
	mid := (s.x0 + s.x1) / 2
	return sort.SearchFloat64s(r.bounds, mid)
}

// emit returns the region's lines row by row, cell by cell.
func (r *region) emit(rules []rule) []Line {
	ncol := len(r.bounds) + 1
	// Split each physical line into per-column lines.
	per := make([][]*pline, len(r.lines)) // [line][col]
	for i, l := range r.lines {
		per[i] = make([]*pline, ncol)
		for _, s := range l.segs {
			c := r.column(s)
			p := per[i][c]
			if p == nil {
				p = &pline{base: l.base, size: l.size, glyphs: l.glyphs, kind: l.kind}
				p.x0 = s.x0
				per[i][c] = p
			}
			p.segs = append(p.segs, s)
			p.markers = append(p.markers, s.markers...)
			p.x1 = s.x1
		}
	}
	for i := range per {
		for _, p := range per[i] {
			if p != nil {
				p.setStyle()
			}
		}
	}
	// Column bounds for the lines' Left/Right.
	colL := make([]float64, ncol)
	colR := make([]float64, ncol)
	for c := range colL {
		colL[c], colR[c] = math.Inf(1), math.Inf(-1)
	}
	for i := range per {
		for c, p := range per[i] {
			if p != nil {
				colL[c] = math.Min(colL[c], p.x0)
				colR[c] = math.Max(colR[c], p.x1)
			}
		}
	}
	// Rows.
	var rows [][]int // line indexes
	start := 0
	rb := r.rowBreaker(per, rules)
	for i := range per {
		if i > start && rb.breaks(i) {
			rows = append(rows, seq(start, i))
			start = i
		}
		rb.add(i)
	}
	rows = append(rows, seq(start, len(per)))

	var out []Line
	for _, row := range rows {
		var cells [][]*pline
		for c := 0; c < ncol; c++ {
			var cl []*pline
			for _, i := range row {
				if per[i][c] != nil {
					cl = append(cl, per[i][c])
				}
			}
			cells = append(cells, cl)
		}
		rowStart := true
		for c, cl := range cells {
			// A cell holding only a numbering label ("1.", "Pregunta 1:",
			// even wrapped over two lines) prefixes the next cell's first
			// line, as it reads on paper.
			if len(cl) > 0 && len(cl) <= 3 && c+1 < ncol && len(cells[c+1]) > 0 && isLabel(joinText(cl)) {
				next := cells[c+1][0]
				merged := *next
				var label []seg
				for _, p := range cl {
					label = append(label, p.segs...)
				}
				merged.segs = append(label, next.segs...)
				merged.x0 = cl[0].x0
				cells[c+1][0] = &merged
				continue
			}
			for _, p := range cl {
				ln := newLine(p, c+1, colL[c], colR[c])
				ln.RowStart = rowStart
				rowStart = false
				out = append(out, ln)
			}
		}
	}
	return out
}

func seq(a, b int) []int {
	s := make([]int, 0, b-a)
	for i := a; i < b; i++ {
		s = append(s, i)
	}
	return s
}

// rowBreaker finds where the rows of a table region end. Drawn
// horizontal borders decide when the table has them. Otherwise a row ends
// where a column goes on after a blank much taller than its own line
// spacing: the next entry of the question column, or an answer that starts
// below the end of a longer question. (Reading physical lines alone fails:
// cells of one row rarely share baselines.)
type rowBreaker struct {
	r        *region
	per      [][]*pline
	hrules   []rule
	pitch    float64
	lastBase map[int]float64 // by column, within the current row
}

func (r *region) rowBreaker(per [][]*pline, rules []rule) *rowBreaker {
	rb := &rowBreaker{r: r, per: per, lastBase: map[int]float64{}}
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, l := range r.lines {
		x0, x1 = math.Min(x0, l.x0), math.Max(x1, l.x1)
	}
	top, bottom := r.lines[0].top(), r.lines[len(r.lines)-1].bottom()
	for _, rl := range rules {
		if rl.horizontal() && rl.y0 > top && rl.y1 < bottom && math.Min(rl.x1, x1)-math.Max(rl.x0, x0) > 0.5*(x1-x0) {
			rb.hrules = append(rb.hrules, rl)
		}
	}
	// The usual baseline distance inside a cell.
	var d []float64
	last := map[int]float64{}
	for i, row := range per {
		for c, p := range row {
			if p == nil {
				continue
			}
			if b, ok := last[c]; ok && r.lines[i].base > b {
				d = append(d, r.lines[i].base-b)
			}
			last[c] = r.lines[i].base
		}
	}
	rb.pitch = 1.2 * r.lines[0].size
	if len(d) > 0 {
		sort.Float64s(d)
		rb.pitch = d[len(d)/3]
	}
	return rb
}

func (rb *rowBreaker) add(i int) {
	for c, p := range rb.per[i] {
		if p != nil {
			rb.lastBase[c] = rb.r.lines[i].base
		}
	}
}

func (rb *rowBreaker) breaks(i int) bool {
	prev, cur := rb.r.lines[i-1], rb.r.lines[i]
	if len(rb.hrules) > 0 {
		for _, rl := range rb.hrules {
			if rl.y0 > prev.base && rl.y1 < cur.top()+0.2*cur.size {
				clear(rb.lastBase)
				return true
			}
		}
		return false
	}
	// A blank band across the whole table: every cell above has ended.
	// (Where only some cells had ended, the break is harmless: the rest of
	// a cell still follows in order.)
	if cur.top()-prev.bottom() > 0.8*cur.size {
		clear(rb.lastBase)
		return true
	}
	for c, p := range rb.per[i] {
		if p == nil {
			continue
		}
		if b, ok := rb.lastBase[c]; ok && cur.base-b > 1.8*rb.pitch && rb.alongside(i, c) {
			clear(rb.lastBase)
			return true
		}
	}
	return false
}

// alongside reports whether a column other than c starts afresh level
// with line i: the cells of a new row start together, whereas a paragraph
// label inside a cell starts nothing in the other columns, and a cell that
// merely goes on beside it is no new start.
func (rb *rowBreaker) alongside(i, c int) bool {
	base := rb.r.lines[i].base
	for k := i; k < len(rb.per) && rb.r.lines[k].base <= base+0.6*rb.pitch; k++ {
		for c2, p := range rb.per[k] {
			if p == nil || c2 == c || math.Abs(rb.r.lines[k].base-base) > 0.6*rb.pitch {
				continue
			}
			if last, ok := rb.lastBase[c2]; !ok || rb.r.lines[k].base-last > 1.5*rb.pitch {
				return true
			}
		}
	}
	return false
}

// isLabel reports whether a cell holds only a numbering label: "1.",
// "Q3", "(b)", "Question 12".
func isLabel(s string) bool {
	return len([]rune(s)) <= 14 && labelPattern.MatchString(strings.TrimSpace(s))
}

var labelPattern = regexp.MustCompile(`(?i)^(?:(?:question|q|pregunta|questão|вопрос|no|n[°º]|n\.º|№|问题|السؤال)\s*\.?\s*)?[(\[]?(\d{1,3}|[a-z]|[ivx]{1,4})[.):\]]?$`)

func joinText(ps []*pline) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.text()
	}
	return strings.Join(parts, " ")
}
