package pdftext

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/ledongthuc/pdf"
)

// rawPage is what the content interpreter found on one page.
type rawPage struct {
	number        int
	width, height float64
	glyphs        []glyph
	rules         []rule
	images        int
	rotated       int
	err           error
}

// pageBox returns the visible box of a page and its device matrix: user
// space to a top-left origin with y downwards, after /Rotate.
func pageBox(p pdf.Page) (w, h float64, dev matrix) {
	box := inherited(p.V, "CropBox")
	if box.Len() != 4 {
		box = inherited(p.V, "MediaBox")
	}
	llx, lly, urx, ury := 0.0, 0.0, 612.0, 792.0
	if box.Len() == 4 {
		llx, lly, urx, ury = box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
		if urx < llx {
			llx, urx = urx, llx
		}
		if ury < lly {
			lly, ury = ury, lly
		}
		if urx-llx < 1 || ury-lly < 1 {
			llx, lly, urx, ury = 0, 0, 612, 792
		}
	}
	rot := ((int(inherited(p.V, "Rotate").Int64()) % 360) + 360) % 360
	w, h = urx-llx, ury-lly
	switch rot {
	case 90:
		return h, w, matrix{0, 1, 1, 0, -lly, -llx}
	case 180:
		return w, h, matrix{-1, 0, 0, 1, urx, -lly}
	case 270:
		return h, w, matrix{0, -1, -1, 0, ury, urx}
	}
	return w, h, matrix{1, 0, 0, -1, -llx, ury}
}

func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageTree lists the pages of the document in order. It walks the tree
// itself, with a depth limit and cycle check, because the library's
// Reader.Page loops forever on a cyclic tree and panics on a broken one.
func pageTree(r *pdf.Reader, maxPages int) (pages []pdf.Page, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("page tree: %v", p)
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("the document has no page tree")
	}
	seen := map[string]bool{}
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		if depth > 64 {
			return fmt.Errorf("page tree nested over 64 levels")
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && v.Key("Contents").Kind() != pdf.Null) {
			pages = append(pages, pdf.Page{V: v})
			if maxPages > 0 && len(pages) > maxPages {
				return errTooManyPages
			}
			return nil
		}
		// Only inner nodes can make a cycle; a page may legally be listed
		// twice by some producers, and is then read twice.
		id := v.String()
		if seen[id] {
			return fmt.Errorf("page tree has a cycle")
		}
		seen[id] = true
		for i := 0; i < kids.Len(); i++ {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	err = walk(root, 0)
	return pages, err
}

var errTooManyPages = fmt.Errorf("too many pages")

// readPage interprets one page; panics from the library are turned into
// the page's error.
func readPage(ctx context.Context, p pdf.Page, n int, fonts *fontCache, lim limits) (rp rawPage) {
	rp.number = n
	defer func() {
		if p := recover(); p != nil {
			rp.err = fmt.Errorf("page %d cannot be read: %v", n, p)
		}
	}()
	w, h, dev := pageBox(p)
	rp.width, rp.height = w, h
	in := &interp{ctx: ctx, fonts: fonts, lim: lim, device: dev}
	in.gs = gstate{ctm: identity, hscale: 1}
	// Not p.Resources(): the library climbs /Parent without a bound and
	// loops forever on a /Parent cycle when no node has /Resources.
	in.run(p.V.Key("Contents"), inherited(p.V, "Resources"))
	in.tickMarks()
	in.addForms(p, dev)
	rp.glyphs, rp.rules, rp.images, rp.rotated, rp.err = in.glyphs, mergeRules(in.rules), in.images, in.rotated, in.err
	return rp
}

// mergeRules joins collinear pieces of a line: table borders are often
// drawn cell by cell, and a row border is the sum of its pieces.
func mergeRules(rs []rule) []rule {
	var h, v, out []rule
	for _, r := range rs {
		switch {
		case r.horizontal():
			h = append(h, r)
		case r.vertical():
			v = append(v, r)
		}
	}
	join := func(rs []rule, horizontal bool) []rule {
		key := func(r rule) (float64, float64) { // position across, start along
			if horizontal {
				return (r.y0 + r.y1) / 2, r.x0
			}
			return (r.x0 + r.x1) / 2, r.y0
		}
		sort.Slice(rs, func(i, j int) bool {
			ai, si := key(rs[i])
			aj, sj := key(rs[j])
			if math.Abs(ai-aj) > 1 {
				return ai < aj
			}
			return si < sj
		})
		var merged []rule
		for _, r := range rs {
			if n := len(merged); n > 0 {
				m := &merged[n-1]
				am, _ := key(*m)
				ar, _ := key(r)
				if math.Abs(am-ar) <= 1 {
					if horizontal && r.x0 <= m.x1+2 {
						m.x1, m.y0, m.y1 = math.Max(m.x1, r.x1), math.Min(m.y0, r.y0), math.Max(m.y1, r.y1)
						continue
					}
					if !horizontal && r.y0 <= m.y1+2 {
						m.y1, m.x0, m.x1 = math.Max(m.y1, r.y1), math.Min(m.x0, r.x0), math.Max(m.x1, r.x1)
						continue
					}
				}
			}
			merged = append(merged, r)
		}
		return merged
	}
	out = append(join(h, true), join(v, false)...)
	return out
}
