package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// fontSet holds the TTF bytes used by UTF-8 documents.
type fontSet struct {
	regular, bold, italic []byte
	cjk                   []byte
	cjkPath               string
	dir                   string
}

func loadFonts(dir, cjk string) (*fontSet, error) {
	f := &fontSet{dir: dir}
	var err error
	if f.regular, err = os.ReadFile(filepath.Join(dir, "DejaVuSansCondensed.ttf")); err != nil {
		return nil, err
	}
	if f.bold, err = os.ReadFile(filepath.Join(dir, "DejaVuSansCondensed-Bold.ttf")); err != nil {
		return nil, err
	}
	if b, err := os.ReadFile(filepath.Join(dir, "DejaVuSansCondensed-Oblique.ttf")); err == nil {
		f.italic = b
	} else {
		f.italic = f.regular
	}
	if cjk != "" {
		if f.cjk, err = os.ReadFile(cjk); err != nil {
			return nil, err
		}
		f.cjkPath = cjk
	}
	return f, nil
}

// run is a piece of styled inline content.
type run struct {
	text    string
	style   string // "", "B", "I", "BI"
	fam     string // "" = body family
	sup     bool
	gap     float64 // > 0: fixed horizontal space
	box     int     // 1 empty drawn box, 2 drawn box with an X
	nobreak bool    // keep the whole run on one line
	fn      *footnote
}

// pseg is a positioned piece of a laid-out line.
type pseg struct {
	x, w             float64
	text, fam, style string
	size, rise       float64
	box              int
	fn               *footnote
}

type pline struct {
	segs []pseg
	h    float64
	base float64
	fns  []*footnote
	q    *question
}

type pstyle struct {
	size      float64
	lead      float64
	left      float64 // left offset of all lines
	firstLeft float64 // left offset of the first line
	align     string  // L, C, R, J
	hyph      bool
}

type tok struct {
	segs      []pseg
	w         float64
	space     bool
	gap       bool
	hyphCore  string // set when the token may be hyphenated
	hyphTail  string
	hyphStyle string
	hyphFam   string
	hyphSize  float64
}

// fw writes a PDF with fpdf, doing its own line breaking and pagination.
type fw struct {
	pdf            *fpdf.Fpdf
	utf8Fams       map[string]bool
	body           string
	tr             func(string) string
	pw, ph         float64
	ml, mr, mt, mb float64
	y              float64
	page           int
	fnRes          float64
	pageFns        []*fnLayout
	fnSize         float64
	fnLead         float64
	header         func(*fw)
	footer         func(*fw)
	justify        bool
	fnNote         func(*footnote) []run
	fnCache        map[*footnote]*fnLayout
	// overflow lists the text drawn outside its box (cell minus padding,
	// text area, footnote area): one entry per offending run. The layout
	// never produces any; the package test checks that.
	overflow []string
}

type fnLayout struct {
	fn    *footnote
	lines []pline
	h     float64
}

const fnSep = 8.0

func (w *fw) enc(fam, s string) string {
	if w.utf8Fams[fam] || fam == "ZapfDingbats" {
		return s
	}
	return w.tr(s)
}

// styleOf maps a style onto what the family has.
func styleOf(fam, style string) string {
	switch fam {
	case "ZapfDingbats", "cjk":
		return ""
	case "dejavu":
		if style == "BI" {
			return "B"
		}
	}
	return style
}

func (w *fw) measure(fam, style string, size float64, s string) float64 {
	style = styleOf(fam, style)
	w.pdf.SetFont(fam, style, size)
	return w.pdf.GetStringWidth(w.enc(fam, s))
}

func (w *fw) bodyBottom() float64 { return w.ph - w.mb }
func (w *fw) atTop() bool         { return w.y <= w.mt+0.5 }
func (w *fw) width() float64      { return w.pw - w.ml - w.mr }

const (
	cjkClosing = "，。、；：？！）》」』〉】”’"
	cjkOpening = "（《「『〈【“‘"
)

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// tokens splits runs into unbreakable tokens.
func (w *fw) tokens(runs []run, ps pstyle) []tok {
	var toks []tok
	var cur *tok
	pending := false
	glue := false
	flush := func() {
		if cur != nil {
			toks = append(toks, *cur)
			cur = nil
		}
	}
	addText := func(r run, text string, size, rise float64, fam string) {
		if cur == nil {
			cur = &tok{space: pending}
			pending = false
		}
		n := len(cur.segs)
		if n > 0 && cur.segs[n-1].fam == fam && cur.segs[n-1].style == r.style && cur.segs[n-1].size == size && cur.segs[n-1].rise == rise && cur.segs[n-1].fn == nil && r.fn == nil {
			cur.segs[n-1].text += text
			return
		}
		cur.segs = append(cur.segs, pseg{text: text, fam: fam, style: r.style, size: size, rise: rise, fn: r.fn})
	}
	for _, r := range runs {
		fam := r.fam
		if fam == "" {
			fam = w.body
		}
		size, rise := ps.size, 0.0
		if r.sup {
			size, rise = ps.size*0.62, ps.size*0.36
		}
		switch {
		case r.gap > 0:
			flush()
			toks = append(toks, tok{gap: true, w: r.gap})
			pending = false
			continue
		case r.box > 0:
			flush()
			toks = append(toks, tok{space: pending, segs: []pseg{{box: r.box, size: size, fam: fam}}, w: size * 0.78})
			pending = false
			continue
		case r.nobreak:
			if strings.HasPrefix(r.text, " ") {
				flush()
				pending = true
			}
			addText(r, strings.TrimLeft(r.text, " "), size, rise, fam)
			continue
		case r.sup:
			addText(r, r.text, size, rise, fam)
			continue
		}
		var word strings.Builder
		emit := func() {
			if word.Len() > 0 {
				addText(r, word.String(), size, rise, fam)
				word.Reset()
			}
		}
		for _, c := range r.text {
			switch {
			case c == ' ' || c == '\n' || c == '\t':
				emit()
				flush()
				pending = true
			case isCJK(c) && strings.ContainsRune(cjkClosing, c):
				// no line may start with closing punctuation: glue it to what precedes
				emit()
				if cur == nil && len(toks) > 0 && !pending {
					last := toks[len(toks)-1]
					toks = toks[:len(toks)-1]
					cur = &last
				}
				addText(r, string(c), size, rise, fam)
				flush()
			case isCJK(c):
				emit()
				if !glue {
					flush()
				}
				glue = strings.ContainsRune(cjkOpening, c)
				addText(r, string(c), size, rise, fam)
				if !glue {
					flush()
				}
			default:
				word.WriteRune(c)
			}
		}
		emit()
	}
	flush()
	for i := range toks {
		t := &toks[i]
		if t.gap {
			continue
		}
		t.w = 0
		for j := range t.segs {
			s := &t.segs[j]
			if s.box > 0 {
				s.w = s.size * 0.78
			} else {
				s.w = w.measure(s.fam, s.style, s.size, s.text)
			}
			s.x = t.w
			t.w += s.w
		}
		if ps.hyph && len(t.segs) == 1 && t.segs[0].box == 0 && t.segs[0].rise == 0 {
			core := strings.TrimRight(t.segs[0].text, ".,;:")
			if utf8.RuneCountInString(core) >= 8 && allLower(core) {
				t.hyphCore, t.hyphTail = core, t.segs[0].text[len(core):]
				t.hyphStyle, t.hyphFam, t.hyphSize = t.segs[0].style, t.segs[0].fam, t.segs[0].size
			}
		}
	}
	return toks
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyàâäéèêëîïôöùûüáíóúœæаеёиоуыэюя", r)
}

// hyphPoints lists break positions, latest first: vowel-consonant-vowel
// splits (dispo-sición) before any other position.
func hyphPoints(rs []rune) []int {
	var good, rest []int
	for k := len(rs) - 3; k >= 3; k-- {
		if isVowel(rs[k-1]) && !isVowel(rs[k]) && k+1 < len(rs) && isVowel(rs[k+1]) {
			good = append(good, k)
		} else {
			rest = append(rest, k)
		}
	}
	return append(good, rest...)
}

func allLower(s string) bool {
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func (w *fw) mkTok(text, fam, style string, size float64, space bool) tok {
	wd := w.measure(fam, style, size, text)
	return tok{space: space, w: wd, segs: []pseg{{text: text, fam: fam, style: style, size: size, w: wd}}}
}

// segTok builds a token of segs, measuring them.
func (w *fw) segTok(segs []pseg, space bool) tok {
	t := tok{space: space, segs: segs}
	for j := range t.segs {
		sg := &t.segs[j]
		if sg.box > 0 {
			sg.w = sg.size * 0.78
		} else {
			sg.w = w.measure(sg.fam, sg.style, sg.size, sg.text)
		}
		sg.x = t.w
		t.w += sg.w
	}
	return t
}

// splitTok breaks a token wider than avail into a head that fits and the rest:
// after the last space inside it that fits (nobreak runs), else after the last
// character that fits, at least one character (or box, or footnote marker).
func (w *fw) splitTok(t tok, avail float64) (head, rest tok) {
	type cut struct{ seg, byteAt int } // split seg at byteAt; byteAt 0 = before seg
	var fits, space cut
	var spaceSkip int
	found, foundSpace := false, false
	used := 0.0
	for si, sg := range t.segs {
		if sg.box > 0 || sg.fn != nil || sg.text == "" {
			if used+sg.w > avail+0.01 && found {
				break
			}
			used += sg.w
			fits, found = cut{si + 1, 0}, true
			continue
		}
		stop := false
		for bi, r := range sg.text {
			end := bi + utf8.RuneLen(r)
			if r == ' ' && found {
				space, spaceSkip, foundSpace = cut{si, bi}, 1, true
			}
			if used+w.measure(sg.fam, sg.style, sg.size, sg.text[:end]) > avail+0.01 && found {
				stop = true
				break
			}
			fits, found = cut{si, end}, true
		}
		if stop {
			break
		}
		used += sg.w
	}
	at, skip := fits, 0
	if foundSpace {
		at, skip = space, spaceSkip
	}
	var hs, rs []pseg
	for si, sg := range t.segs {
		switch {
		case si < at.seg:
			hs = append(hs, sg)
		case si > at.seg:
			rs = append(rs, sg)
		default:
			if at.byteAt > 0 {
				h := sg
				h.text = sg.text[:at.byteAt]
				hs = append(hs, h)
			}
			if r := sg.text[at.byteAt+skip:]; r != "" || sg.box > 0 || at.byteAt == 0 {
				sg.text = r
				rs = append(rs, sg)
			}
		}
	}
	return w.segTok(hs, t.space), w.segTok(rs, false)
}

// layout breaks runs into lines of the given width.
func (w *fw) layout(runs []run, width float64, ps pstyle) []pline {
	if ps.lead == 0 {
		ps.lead = 1.2
	}
	toks := w.tokens(runs, ps)
	spaceW := w.measure(w.body, "", ps.size, " ")
	var lines []pline
	var cur []tok
	x := ps.firstLeft
	left := ps.firstLeft
	finish := func(last bool) {
		// drop trailing gaps
		for len(cur) > 0 && cur[len(cur)-1].gap {
			cur = cur[:len(cur)-1]
		}
		l := pline{h: ps.size * ps.lead}
		l.base = (l.h-ps.size)/2 + ps.size*0.8
		// positions
		xs := make([]float64, len(cur))
		px := left
		nsp := 0
		for i, t := range cur {
			if i > 0 && t.space {
				px += spaceW
				nsp++
			}
			xs[i] = px
			px += t.w
		}
		avail := width - left
		switch ps.align {
		case "C":
			shift := (width-(px-left))/2 - left
			for i := range xs {
				xs[i] += shift
			}
		case "R":
			off := width - px
			for i := range xs {
				xs[i] += off
			}
		case "J":
			if !last && nsp > 0 {
				extra := (avail - (px - left)) / float64(nsp)
				if extra > 0 && extra < spaceW*4 {
					k := 0
					for i, t := range cur {
						if i > 0 && t.space {
							k++
						}
						xs[i] += extra * float64(k)
					}
				}
			}
		}
		merge := ps.align != "J" || last
		for i, t := range cur {
			for _, s := range t.segs {
				s.x += xs[i]
				n := len(l.segs)
				if merge && n > 0 && s.box == 0 && s.fn == nil {
					p := &l.segs[n-1]
					sep, want := "", p.x+p.w
					if t.space && s.x > p.x+p.w+0.01 {
						// the merged text is drawn with the space of its own font
						sep, want = " ", p.x+p.w+w.measure(s.fam, s.style, s.size, " ")
					}
					if p.box == 0 && p.fn == nil && p.fam == s.fam && p.style == s.style && p.size == s.size && p.rise == s.rise &&
						s.x-want < 0.05 && want-s.x < 0.05 && (sep == "" || p.size == ps.size) {
						p.text += sep + s.text
						p.w = s.x + s.w - p.x
						continue
					}
				}
				l.segs = append(l.segs, s)
				if s.fn != nil {
					l.fns = append(l.fns, s.fn)
				}
			}
		}
		lines = append(lines, l)
		cur = nil
		left = ps.left
		x = left
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.gap && len(cur) == 0 {
			continue
		}
		sw := 0.0
		if t.space && len(cur) > 0 {
			sw = spaceW
		}
		if x+sw+t.w <= width+0.01 {
			cur = append(cur, t)
			x += sw + t.w
			continue
		}
		if len(cur) == 0 {
			// The token alone is wider than the line: break it where it
			// stops fitting, as word processors do with an over-long word.
			head, rest := w.splitTok(t, width-x)
			cur = append(cur, head)
			finish(false)
			if len(rest.segs) > 0 {
				toks[i] = rest
				i--
			}
			continue
		}
		if t.hyphCore != "" {
			rs := []rune(t.hyphCore)
			done := false
			for _, k := range hyphPoints(rs) {
				pre := string(rs[:k]) + "-"
				pw := w.measure(t.hyphFam, t.hyphStyle, t.hyphSize, pre)
				if x+sw+pw <= width+0.01 {
					cur = append(cur, w.mkTok(pre, t.hyphFam, t.hyphStyle, t.hyphSize, t.space))
					finish(false)
					toks[i] = w.mkTok(string(rs[k:])+t.hyphTail, t.hyphFam, t.hyphStyle, t.hyphSize, false)
					i--
					done = true
					break
				}
			}
			if done {
				continue
			}
		}
		finish(false)
		if t.gap {
			continue
		}
		// start the next line with the token (split there if it is too long)
		t.space = false
		toks[i] = t
		i--
	}
	if len(cur) > 0 || len(lines) == 0 {
		finish(true)
	}
	return lines
}

// cell is a column of laid-out lines inside a block.
type cell struct {
	x, w  float64 // outer box
	pad   float64
	lines []pline
	offs  []float64
	cur   float64
	fill  bool
}

func (c *cell) inner() float64 { return c.w - 2*c.pad }

func (c *cell) add(lines []pline, before float64) {
	if len(c.lines) > 0 {
		c.cur += before
	}
	for _, l := range lines {
		c.offs = append(c.offs, c.cur)
		c.lines = append(c.lines, l)
		c.cur += l.h
	}
}

type block struct {
	cells    []*cell
	border   bool
	padT     float64
	padB     float64
	before   float64
	keep     float64 // room needed after the block on the same page (headings)
	minSplit float64 // blocks shorter than this move whole to the next page
}

func (w *fw) newPage() {
	if w.page > 0 {
		w.finishPage()
	}
	w.pdf.AddPage()
	w.page++
	w.y = w.mt
	w.fnRes = 0
	w.pageFns = nil
	if w.header != nil {
		w.header(w)
	}
}

func (w *fw) finishPage() {
	if len(w.pageFns) > 0 {
		y0 := w.bodyBottom() - w.fnRes
		w.pdf.SetLineWidth(0.5)
		w.pdf.Line(w.ml, y0+fnSep/2, w.ml+w.width()/3, y0+fnSep/2)
		y := y0 + fnSep
		for _, f := range w.pageFns {
			for _, l := range f.lines {
				w.drawLine(&l, w.ml, w.ml+w.width(), y)
				y += l.h
			}
		}
	}
	if w.footer != nil {
		w.footer(w)
	}
}

func (w *fw) fnLayoutOf(fn *footnote) *fnLayout {
	if fl, ok := w.fnCache[fn]; ok {
		return fl
	}
	fl := w.fnLayoutNew(fn)
	w.fnCache[fn] = fl
	return fl
}

func (w *fw) fnLayoutNew(fn *footnote) *fnLayout {
	runs := w.fnNote(fn)
	ls := w.layout(runs, w.width(), pstyle{size: w.fnSize, lead: w.fnLead, align: "L", left: 10, firstLeft: 0})
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return &fnLayout{fn: fn, lines: ls, h: h}
}

// drawLine draws a laid-out line at x; right is the right edge of the box the
// line belongs to (cell minus padding, text area). Text drawn outside
// [x, right] is recorded in w.overflow.
func (w *fw) drawLine(l *pline, x, right, top float64) {
	for _, s := range l.segs {
		if s.box > 0 {
			bs := s.size * 0.72
			bx, by := x+s.x, top+l.base-bs
			w.checkBox(x, right, bx, bs, "box")
			w.pdf.SetLineWidth(0.6)
			w.pdf.Rect(bx, by, bs, bs, "D")
			if s.box == 2 {
				w.pdf.SetFont("Helvetica", "B", s.size*0.78)
				xw := w.pdf.GetStringWidth("X")
				w.pdf.Text(bx+(bs-xw)/2, by+bs*0.86, "X")
			}
			continue
		}
		if s.text == "" {
			continue
		}
		st := styleOf(s.fam, s.style)
		w.pdf.SetFont(s.fam, st, s.size)
		enc := w.enc(s.fam, s.text)
		w.checkBox(x, right, x+s.x, w.pdf.GetStringWidth(enc), s.text)
		w.pdf.Text(x+s.x, top+l.base-s.rise, enc)
	}
}

// checkBox records a run drawn from rx over width rw that leaves [left, right].
func (w *fw) checkBox(left, right, rx, rw float64, text string) {
	const eps = 0.05
	if rx < left-eps || rx+rw > right+eps {
		w.overflow = append(w.overflow, fmt.Sprintf("page %d: %q drawn at %.2f-%.2f, box %.2f-%.2f", w.page, text, rx, rx+rw, left, right))
	}
}

type cand struct {
	ci, li int
	bottom float64
}

// emit places a block, splitting it across pages as needed.
func (w *fw) emit(b *block) {
	if b.before > 0 && !w.atTop() {
		w.y += b.before
	}
	idx := make([]int, len(b.cells))
	base := make([]float64, len(b.cells))
	first := true
	for {
		var cands []cand
		for ci, c := range b.cells {
			for li := idx[ci]; li < len(c.lines); li++ {
				cands = append(cands, cand{ci, li, c.offs[li] - base[ci] + c.lines[li].h})
			}
		}
		if len(cands) == 0 {
			if first && b.border {
				// empty row: draw its frame
				h := b.padT + b.padB + 4
				for _, c := range b.cells {
					w.pdf.Rect(c.x, w.y, c.w, h, "D")
				}
				w.y += h
			}
			return
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].bottom < cands[j].bottom })
		limit := w.bodyBottom() - w.fnRes - b.padT - b.padB - w.y
		total := cands[len(cands)-1].bottom
		if first && !w.atTop() {
			if b.keep > 0 && total+b.keep > limit {
				w.newPage()
				continue
			}
			if b.minSplit > 0 && total > limit && total <= b.minSplit {
				w.newPage()
				continue
			}
		}
		res := 0.0
		sep := len(w.pageFns) > 0
		take := 0
		for i, cd := range cands {
			add := 0.0
			addSep := false
			for _, fn := range b.cells[cd.ci].lines[cd.li].fns {
				add += w.fnLayoutOf(fn).h
				if !sep && !addSep {
					add += fnSep
					addSep = true
				}
			}
			if cd.bottom <= limit-(res+add) {
				res += add
				if addSep {
					sep = true
				}
				take = i + 1
				continue
			}
			break
		}
		if take == 0 {
			if !w.atTop() {
				w.newPage()
				continue
			}
			take = 1
		}
		placed := cands[:take]
		chunk := 0.0
		for _, cd := range placed {
			if cd.bottom > chunk {
				chunk = cd.bottom
			}
		}
		done := take == len(cands)
		if done {
			chunk = total
		}
		rowH := chunk + b.padT + b.padB
		for _, c := range b.cells {
			if c.fill {
				w.pdf.SetFillColor(225, 225, 225)
				w.pdf.Rect(c.x, w.y, c.w, rowH, "F")
			}
		}
		for _, cd := range placed {
			c := b.cells[cd.ci]
			l := &c.lines[cd.li]
			top := w.y + b.padT + c.offs[cd.li] - base[cd.ci]
			w.drawLine(l, c.x+c.pad, c.x+c.w-c.pad, top)
			if l.q != nil {
				if l.q.pages == nil {
					l.q.pages = map[int]bool{}
				}
				l.q.pages[w.page] = true
			}
			for _, fn := range l.fns {
				fl := w.fnLayoutOf(fn)
				if len(w.pageFns) == 0 {
					w.fnRes += fnSep
				}
				w.fnRes += fl.h
				w.pageFns = append(w.pageFns, fl)
			}
		}
		if b.border {
			w.pdf.SetLineWidth(0.5)
			for _, c := range b.cells {
				w.pdf.Rect(c.x, w.y, c.w, rowH, "D")
			}
		}
		w.y += rowH
		for _, cd := range placed {
			if cd.li+1 > idx[cd.ci] {
				idx[cd.ci] = cd.li + 1
			}
		}
		for ci, c := range b.cells {
			if idx[ci] < len(c.lines) {
				base[ci] = c.offs[idx[ci]]
			}
		}
		if done {
			return
		}
		first = false
		w.newPage()
	}
}

// para builds a single-column block from runs.
func (w *fw) para(runs []run, ps pstyle, before float64, q *question) *block {
	c := &cell{x: w.ml, w: w.width()}
	ls := w.layout(runs, w.width(), ps)
	for i := range ls {
		ls[i].q = q
	}
	c.add(ls, 0)
	return &block{cells: []*cell{c}, before: before}
}
