package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// glyph is one decoded character code drawn on a page, in page space with
// the origin at the top left and y growing downwards (after /Rotate).
type glyph struct {
	s        string
	x0, x1   float64 // left edge and advance end
	y        float64 // baseline
	size     float64 // font size after scaling
	font     *fontInfo
	space    float64 // width of a space in this font at this size
	seq      int     // drawing order
	script   int8    // +1 superscript, -1 subscript, relative to its line
	runStart bool    // first glyph of a run in reading order (see readingOrder)
}

// rule is a horizontal or vertical line drawn on the page (table borders,
// separators), in the same space as glyphs.
type rule struct {
	x0, y0, x1, y1 float64
}

func (r rule) horizontal() bool { return r.y1-r.y0 < 2 && r.x1-r.x0 > 4 }
func (r rule) vertical() bool   { return r.x1-r.x0 < 2 && r.y1-r.y0 > 4 }

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                                  matrix
	font                                 *fontInfo
	fontSize, charSpace, wordSpace, lead float64
	hscale, rise                         float64
	clip                                 *box // bounding box of the clipping path, nil: the page
}

// Limits bound the work done on one page, so that hostile or broken files
// cost a bounded amount of time and memory.
type limits struct {
	maxStreamBytes int64 // decoded bytes of one content stream
	// maxPageBytes bounds the decoded bytes of all the streams a page
	// runs, a form counted each time it is drawn: a form of a few
	// megabytes drawn thousands of times costs what it would cost written
	// out, and nested forms keep their streams in memory together.
	maxPageBytes int64
	maxOps       int // operators per page, forms included
	maxGlyphs    int
	maxFormDepth int
	// maxForms bounds the form XObjects drawn on a page, nested draws
	// included. Each draw costs tens of microseconds (object lookups,
	// a new inflater), so forms drawing forms fanout times per level ask
	// for fanout^depth draws ("billion laughs") that the operator budget
	// alone would let run for minutes.
	maxForms int
}

var defaultLimits = limits{maxStreamBytes: 64 << 20, maxPageBytes: 128 << 20, maxOps: 4_000_000, maxGlyphs: 400_000, maxFormDepth: 12, maxForms: 20_000}

// errPageBudget is returned when a page exceeds its operator, glyph or
// form budget; errPageBytes when its streams inflate beyond maxPageBytes.
var (
	errPageBudget = errors.New("page exceeds the operator budget")
	errPageBytes  = errors.New("page streams inflate beyond the page's budget")
)

// interp runs the content streams of one page.
type interp struct {
	ctx      context.Context
	fonts    *fontCache
	lim      limits
	device   matrix // user space to top-left page space
	glyphs   []glyph
	rules    []rule
	images   int
	ops      int
	drawn    int   // form XObjects drawn
	inflated int64 // decoded bytes of the streams run, forms each time drawn
	err      error // first stream error

	gs     gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	path   []pathSeg
	rects  [][4]float64 // rectangles (x, y, w, h) of the current path
	curved bool         // the path has curves: not a rule
	boxes  []box        // small squares drawn: tick boxes

	curX, curY, startX, startY float64
	clipNext                   bool // W seen: the current path clips

	byName  map[string]*fontInfo // fonts of the stream being run, by resource name
	forms   int                  // current form nesting
	active  map[string]bool      // forms being drawn, against cycles
	rotated int                  // glyphs not drawn upright (watermarks, margin notes)
}

type pathSeg struct{ x0, y0, x1, y1 float64 }

// readStream returns the decoded bytes of a stream, refusing more than max.
func readStream(v pdf.Value, max int64) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("stream cannot be decoded: %v", p)
		}
	}()
	if v.Kind() != pdf.Stream {
		return nil, fmt.Errorf("not a stream")
	}
	// The library allocates two rows of /Columns bytes for a PNG
	// predictor before reading anything: a few bytes of dictionary can
	// ask for gigabytes.
	params := []pdf.Value{v.Key("DecodeParms")}
	if p := params[0]; p.Kind() == pdf.Array {
		params = params[:0]
		for i := 0; i < p.Len(); i++ {
			params = append(params, p.Index(i))
		}
	}
	for _, p := range params {
		if c := p.Key("Columns").Int64(); c > maxColumns {
			return nil, fmt.Errorf("stream cannot be decoded: its predictor has %d columns", c)
		}
	}
	rc := v.Reader()
	defer rc.Close()
	b, err = io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return b, fmt.Errorf("stream cannot be decoded: %w", err)
	}
	if int64(len(b)) > max {
		return nil, errTooBig
	}
	return b, nil
}

var errTooBig = errors.New("stream inflates beyond the size limit")

// stream decodes a content or form stream within both the limit of one
// stream, max, and what is left of the page's budget of decoded bytes.
func (in *interp) stream(v pdf.Value, max int64) ([]byte, error) {
	left := in.lim.maxPageBytes - in.inflated
	b, err := readStream(v, min(max, left))
	if errors.Is(err, errTooBig) && left < max {
		err = errPageBytes
	}
	in.inflated += int64(len(b))
	return b, err
}

func (in *interp) run(content pdf.Value, res pdf.Value) {
	var streams []pdf.Value
	if content.Kind() == pdf.Array {
		for i := 0; i < content.Len() && i < 10000; i++ {
			streams = append(streams, content.Index(i))
		}
	} else if content.Kind() == pdf.Stream {
		streams = append(streams, content)
	}
	// Content arrays are one stream cut anywhere, even inside a token.
	var all []byte
	for _, s := range streams {
		b, err := in.stream(s, in.lim.maxStreamBytes-int64(len(all)))
		if err != nil {
			if in.err == nil {
				in.err = err
			}
			if errors.Is(err, errTooBig) || errors.Is(err, errPageBytes) {
				return
			}
		}
		all = append(all, b...)
		all = append(all, '\n')
	}
	in.exec(all, res)
}

func (in *interp) exec(data []byte, res pdf.Value) {
	in.byName = map[string]*fontInfo{} // font resource names are local to a content stream
	l := &lexer{b: data}
	var ops []obj
	for {
		o, op, ok := l.next()
		if !ok {
			return
		}
		if op == "" {
			if len(ops) < 64 {
				ops = append(ops, o)
			}
			continue
		}
		in.ops++
		if in.ops > in.lim.maxOps || len(in.glyphs) > in.lim.maxGlyphs || in.drawn > in.lim.maxForms {
			in.err = errPageBudget
			return
		}
		if in.err != nil {
			// The page is lost anyway (Read rejects a page with an
			// error); stop instead of spending the rest of the budget.
			return
		}
		if in.ops&0xFFF == 0 && in.ctx.Err() != nil {
			in.err = in.ctx.Err()
			return
		}
		if op == "BI" {
			in.images++
			var dict []obj
			for { // read the image dictionary up to ID
				o, op2, ok := l.next()
				if !ok || op2 == "ID" {
					break
				}
				if op2 == "" && len(dict) < 64 {
					dict = append(dict, o)
				}
			}
			l.skipInlineImage(inlineImageLength(dict))
			ops = ops[:0]
			continue
		}
		in.op(op, ops, res)
		ops = ops[:0]
	}
}

func num(ops []obj, i int) float64 {
	if i < 0 || i >= len(ops) {
		return 0
	}
	return ops[i].num
}

// last returns the operands of an operator taking n of them, tolerating
// extra operands in front (they belong to nothing).
func last(ops []obj, n int) []obj {
	if len(ops) < n {
		return nil
	}
	return ops[len(ops)-n:]
}

func (in *interp) op(op string, all []obj, res pdf.Value) {
	gs := &in.gs
	switch op {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, in.gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 { // unbalanced Q is common: ignore it
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if o := last(all, 6); o != nil {
			gs.ctm = matrix{o[0].num, o[1].num, o[2].num, o[3].num, o[4].num, o[5].num}.mul(gs.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tc":
		gs.charSpace = num(last(all, 1), 0)
	case "Tw":
		gs.wordSpace = num(last(all, 1), 0)
	case "Tz":
		gs.hscale = num(last(all, 1), 0) / 100
	case "TL":
		gs.lead = num(last(all, 1), 0)
	case "Ts":
		gs.rise = num(last(all, 1), 0)
	case "Tf":
		if o := last(all, 2); o != nil {
			f, ok := in.byName[o[0].str]
			if !ok {
				f = in.fonts.get(res.Key("Font").Key(o[0].str))
				in.byName[o[0].str] = f
				// Fonts read for the page count against its budget of
				// decoded bytes: thousands of fonts with a CMap that
				// inflates to megabytes would otherwise cost gigabytes.
				in.inflated += in.fonts.takeDecoded()
				if in.inflated > in.lim.maxPageBytes && in.err == nil {
					in.err = errPageBytes
				}
			}
			gs.font, gs.fontSize = f, o[1].num
		}
	case "Td":
		if o := last(all, 2); o != nil {
			in.tlm = matrix{1, 0, 0, 1, o[0].num, o[1].num}.mul(in.tlm)
			in.tm = in.tlm
		}
	case "TD":
		if o := last(all, 2); o != nil {
			gs.lead = -o[1].num
			in.tlm = matrix{1, 0, 0, 1, o[0].num, o[1].num}.mul(in.tlm)
			in.tm = in.tlm
		}
	case "Tm":
		if o := last(all, 6); o != nil {
			in.tlm = matrix{o[0].num, o[1].num, o[2].num, o[3].num, o[4].num, o[5].num}
			in.tm = in.tlm
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if o := last(all, 1); o != nil {
			in.show(o[0].str)
		}
	case "'":
		in.nextLine()
		if o := last(all, 1); o != nil {
			in.show(o[0].str)
		}
	case "\"":
		if o := last(all, 3); o != nil {
			gs.wordSpace, gs.charSpace = o[0].num, o[1].num
			in.nextLine()
			in.show(o[2].str)
		}
	case "TJ":
		if o := last(all, 1); o != nil {
			for _, e := range o[0].arr {
				if e.kind == kStr {
					in.show(e.str)
				} else if e.kind == kNum {
					in.advance(-e.num / 1000 * gs.fontSize * gs.hscale)
				}
			}
		}
	case "Do":
		if o := last(all, 1); o != nil {
			in.xobject(res.Key("XObject").Key(o[0].str), res)
		}
	case "re":
		if o := last(all, 4); o != nil {
			x, y, w, h := o[0].num, o[1].num, o[2].num, o[3].num
			in.path = append(in.path,
				pathSeg{x, y, x + w, y}, pathSeg{x + w, y, x + w, y + h},
				pathSeg{x + w, y + h, x, y + h}, pathSeg{x, y + h, x, y})
			in.curX, in.curY = x, y
			in.rects = append(in.rects, [4]float64{x, y, w, h})
		}
	case "m":
		if o := last(all, 2); o != nil {
			in.curX, in.curY = o[0].num, o[1].num
			in.startX, in.startY = in.curX, in.curY
		}
	case "l":
		if o := last(all, 2); o != nil && len(in.path) < 1<<16 {
			in.path = append(in.path, pathSeg{in.curX, in.curY, o[0].num, o[1].num})
			in.curX, in.curY = o[0].num, o[1].num
		}
	case "c", "v", "y": // curves are not rules; keep the current point right
		if len(all) >= 2 {
			in.curX, in.curY = all[len(all)-2].num, all[len(all)-1].num
		}
		in.curved = true
	case "h":
		in.path = append(in.path, pathSeg{in.curX, in.curY, in.startX, in.startY})
	case "W", "W*":
		in.clipNext = true // applies when the path is ended
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
		in.setClip()
		in.paint(op)
	case "n":
		in.setClip()
		in.path, in.curved, in.rects = in.path[:0], false, in.rects[:0]
	}
}

func (in *interp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.gs.lead}.mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) advance(tx float64) {
	in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
}

// show draws a string: one glyph per character code.
func (in *interp) show(raw string) {
	gs := &in.gs
	f := gs.font
	if f == nil {
		f = in.fonts.fallback()
	}
	// One string can hold millions of codes while its stream compresses
	// to kilobytes. A code takes at most 4 bytes, so a string longer than
	// this has more codes than the glyph budget has room for: refuse it
	// before splitting it into codes and glyphs (over 100 bytes each).
	if len(raw) > (in.lim.maxGlyphs-len(in.glyphs)+1)*4 {
		in.err = errPageBudget
		return
	}
	hs := gs.hscale
	trm0 := matrix{gs.fontSize * hs, 0, 0, gs.fontSize, 0, gs.rise}
	for _, c := range f.codes(raw) {
		w0 := f.widthOf(c.v) * f.scale
		text, _ := f.glyphText(c)
		m := trm0.mul(in.tm).mul(gs.ctm).mul(in.device)
		x, y := m.apply(0, 0)
		ax, ay := m.apply(w0, 0)
		ux, uy := m.apply(0, 1) // the glyph's "up" direction
		size := math.Hypot(ux-x, uy-y)
		upright := math.Abs(ay-y) < 0.05*size+0.01 && ax >= x-0.01 && uy < y
		if upright && text != "" {
			spaceW := f.space * f.scale * gs.fontSize * hs * math.Abs(m[0]/(gs.fontSize*hs+1e-9))
			in.glyphs = append(in.glyphs, glyph{
				s: text, x0: x, x1: ax, y: y - gs.rise*(size/(gs.fontSize+1e-9)), size: size,
				font: f, space: spaceW, seq: len(in.glyphs),
			})
		} else if !upright && text != "" {
			in.rotated++
		}
		tx := (w0*gs.fontSize + gs.charSpace) * hs
		if c.n == 1 && c.v == 32 {
			tx += gs.wordSpace * hs
		}
		in.advance(tx)
	}
}

func (in *interp) xobject(x pdf.Value, res pdf.Value) {
	switch x.Key("Subtype").Name() {
	case "Image":
		in.images++
	case "Form":
		id := x.String()
		if in.forms >= in.lim.maxFormDepth || in.active[id] {
			return
		}
		if in.drawn++; in.drawn > in.lim.maxForms {
			in.err = errPageBudget
			return
		}
		if in.active == nil {
			in.active = map[string]bool{}
		}
		in.active[id] = true
		defer delete(in.active, id)
		in.forms++
		saved, savedStack := in.gs, len(in.stack)
		if m := x.Key("Matrix"); m.Len() == 6 {
			in.gs.ctm = matrix{m.Index(0).Float64(), m.Index(1).Float64(), m.Index(2).Float64(),
				m.Index(3).Float64(), m.Index(4).Float64(), m.Index(5).Float64()}.mul(in.gs.ctm)
		}
		fres := x.Key("Resources")
		if fres.Kind() != pdf.Dict {
			fres = res
		}
		b, err := in.stream(x, in.lim.maxStreamBytes)
		if err != nil {
			if in.err == nil {
				in.err = err
			}
		} else {
			tm, tlm, byName := in.tm, in.tlm, in.byName
			in.exec(b, fres)
			in.tm, in.tlm, in.byName = tm, tlm, byName
		}
		in.gs, in.stack = saved, in.stack[:min(savedStack, len(in.stack))]
		in.forms--
	}
}

// paint turns the straight segments of a painted path into rules: thin
// filled rectangles and stroked lines are how tables draw their borders.
func (in *interp) paint(op string) {
	defer func() { in.path, in.curved, in.rects = in.path[:0], false, in.rects[:0] }()
	if in.curved || len(in.path) == 0 || len(in.rules) > 1<<14 {
		return
	}
	m := in.gs.ctm.mul(in.device)
	if in.addBoxes(m, op) {
		return // a tick box, not a table border
	}
	stroke := op != "f" && op != "F" && op != "f*"
	if stroke {
		for _, s := range in.path {
			in.addRule(m, s.x0, s.y0, s.x1, s.y1)
		}
		return
	}
	// A filled path: keep it when it is a thin bar (a drawn line).
	if len(in.path)%4 != 0 {
		return
	}
	for i := 0; i+3 < len(in.path); i += 4 {
		a, c := in.path[i], in.path[i+2]
		x0, y0 := m.apply(a.x0, a.y0)
		x1, y1 := m.apply(c.x0, c.y0)
		in.keepRule(rule{math.Min(x0, x1), math.Min(y0, y1), math.Max(x0, x1), math.Max(y0, y1)})
	}
}

func (in *interp) addRule(m matrix, x0, y0, x1, y1 float64) {
	ax, ay := m.apply(x0, y0)
	bx, by := m.apply(x1, y1)
	in.keepRule(rule{math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)})
}

// keepRule records the visible part of a line: table borders drawn past
// the page body (a table broken across pages) are clipped by producers,
// and must not cut through the running footer.
func (in *interp) keepRule(r rule) {
	if c := in.gs.clip; c != nil {
		r.x0, r.y0 = math.Max(r.x0, c.x0), math.Max(r.y0, c.y0)
		r.x1, r.y1 = math.Min(r.x1, c.x1), math.Min(r.y1, c.y1)
		if r.x1 < r.x0 || r.y1 < r.y0 {
			return
		}
	}
	if r.horizontal() || r.vertical() {
		in.rules = append(in.rules, r)
	}
}

// setClip narrows the clipping box to the current path when W asked for it.
// Only the bounding box is kept: enough to cut rules and hidden text.
func (in *interp) setClip() {
	if !in.clipNext {
		return
	}
	in.clipNext = false
	if len(in.path) == 0 {
		return
	}
	m := in.gs.ctm.mul(in.device)
	b := box{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	for _, sg := range in.path {
		for _, p := range [][2]float64{{sg.x0, sg.y0}, {sg.x1, sg.y1}} {
			x, y := m.apply(p[0], p[1])
			b.x0, b.y0 = math.Min(b.x0, x), math.Min(b.y0, y)
			b.x1, b.y1 = math.Max(b.x1, x), math.Max(b.y1, y)
		}
	}
	if c := in.gs.clip; c != nil {
		b.x0, b.y0 = math.Max(b.x0, c.x0), math.Max(b.y0, c.y0)
		b.x1, b.y1 = math.Min(b.x1, c.x1), math.Min(b.y1, c.y1)
	}
	in.gs.clip = &b
}

// fontCache keeps parsed fonts for the whole document: a font used on
// every page is read once.
type fontCache struct {
	byKey   map[string]*fontInfo
	fb      *fontInfo
	decoded int64 // bytes of CMaps decoded by get since the last takeDecoded
}

// takeDecoded returns the bytes of CMaps decoded since its last call.
func (c *fontCache) takeDecoded() int64 {
	n := c.decoded
	c.decoded = 0
	return n
}

func newFontCache() *fontCache { return &fontCache{byKey: map[string]*fontInfo{}} }

func (c *fontCache) get(v pdf.Value) *fontInfo {
	if v.Kind() != pdf.Dict {
		return c.fallback()
	}
	// The printed dictionary names its indirect parts ("/ToUnicode 12 0 R"),
	// which makes it a stable identity within one file.
	key := v.String()
	if f, ok := c.byKey[key]; ok {
		return f
	}
	f := loadFont(v)
	c.decoded += int64(f.decoded)
	c.byKey[key] = f
	return f
}

func (c *fontCache) fallback() *fontInfo {
	if c.fb == nil {
		var t [256]string
		for i := 32; i < 127; i++ {
			t[i] = string(rune(i))
		}
		c.fb = &fontInfo{name: "unknown", codeLen: 1, scale: 0.001, simple: &t, space: 250,
			widthOf: func(uint32) float64 { return 500 }}
	}
	return c.fb
}

// box is a small square drawn on the page: a tick box made of lines
// rather than of a glyph.
type box struct {
	x0, y0, x1, y1 float64
	filled         bool
}

// addBoxes records the small squares of a painted path and reports whether
// the path was nothing else.
func (in *interp) addBoxes(m matrix, op string) bool {
	n := 0
	for _, r := range in.rects {
		x0, y0 := m.apply(r[0], r[1])
		x1, y1 := m.apply(r[0]+r[2], r[1]+r[3])
		b := box{math.Min(x0, x1), math.Min(y0, y1), math.Max(x0, x1), math.Max(y0, y1), op == "f" || op == "F" || op == "f*"}
		w, h := b.x1-b.x0, b.y1-b.y0
		if w >= 3 && w <= 16 && h >= 3 && h <= 16 && math.Abs(w-h) < 0.25*math.Max(w, h) && len(in.boxes) < 4096 {
			in.boxes = append(in.boxes, b)
			n++
		}
	}
	return n > 0 && 4*n == len(in.path)
}

// tickMarks turns drawn squares into the box glyphs a questionnaire means:
// a square with an X (or tick) inside is ☒, an empty one ☐, a filled one ■.
func (in *interp) tickMarks() {
	for _, b := range in.boxes {
		mark := "☐"
		if b.filled {
			mark = "■"
		}
		kept := in.glyphs[:0]
		for _, g := range in.glyphs {
			cx, cy := (g.x0+g.x1)/2, g.y-0.35*g.size
			if cx > b.x0-1 && cx < b.x1+1 && cy > b.y0-1 && cy < b.y1+1 && strings.ContainsAny(g.s, "XxV✓✔✗✘×*") {
				mark = "☒"
				continue
			}
			kept = append(kept, g)
		}
		in.glyphs = kept
		size := (b.y1 - b.y0) * 1.1
		in.glyphs = append(in.glyphs, glyph{s: mark, x0: b.x0, x1: b.x1, y: b.y1 - 0.05*size, size: size,
			font: in.fonts.fallback(), space: 0.25 * size, seq: len(in.glyphs)})
	}
}
