package pdftext

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Running headers and footers: lines at the top or bottom edge of a page
// that repeat on other pages at the same height (a document symbol, a
// title, "Page 3 of 40"), or that are a page number.

var pageNumber = regexp.MustCompile(`(?i)^[-–—\s]*(page|pág\.?|página|pagina|seite|страница|стр\.|صفحة|الصفحة|第)?\s*#+\s*(页)?\s*((of|sur|de|из|من|/|de un total de)\s*#+\s*(页)?)?[-–—\s]*$`)

// shape replaces digit runs by '#' and folds case and spaces, so that
// "Page 3 of 40" and "Page 4 of 40" have the same shape.
func shape(s string) string {
	var b strings.Builder
	prevDigit := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsDigit(r):
			if !prevDigit {
				b.WriteByte('#')
			}
			prevDigit = true
			continue
		case unicode.IsSpace(r):
			r = ' '
		}
		prevDigit = false
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func markRunning(raw []rawPage, pages [][]*pline) {
	type key struct {
		text string
		top  bool
	}
	exact := map[key]int{}    // pages on which the exact text appears at an edge
	shapes := map[key]int{}   // same, by shape
	ys := map[key][]float64{} // heights where it appears
	const edgeLines = 3
	// The margin block of an edge: the lines before the first blank at
	// least as tall as a line, which separates running headers from the
	// text. A table row that happens to open two pages has none.
	margin := map[*pline]bool{}
	candidates := func(i int) []*pline {
		ls := pages[i]
		h := raw[i].height
		var out []*pline
		for k := 0; k < len(ls) && k < edgeLines && ls[k].base < 0.15*h; k++ {
			out = append(out, ls[k])
			if k+1 == len(ls) || ls[k+1].top()-ls[k].bottom() >= 0.8*ls[k].size {
				for _, l := range out {
					margin[l] = true
				}
				break
			}
		}
		n := len(out)
		for k := len(ls) - 1; k >= 0 && k >= len(ls)-edgeLines && ls[k].base > 0.85*h; k-- {
			out = append(out, ls[k])
			if k == 0 || ls[k].top()-ls[k-1].bottom() >= 0.8*ls[k].size {
				for _, l := range out[n:] {
					margin[l] = true
				}
				break
			}
		}
		return out
	}
	for i := range pages {
		seenE, seenS := map[key]bool{}, map[key]bool{}
		for _, l := range candidates(i) {
			if !margin[l] {
				continue
			}
			top := l.base < raw[i].height/2
			ke, ks := key{squash(l.text()), top}, key{squash(shape(l.text())), top}
			if !seenE[ke] {
				exact[ke]++
				seenE[ke] = true
			}
			if !seenS[ks] {
				shapes[ks]++
				seenS[ks] = true
				ys[ks] = append(ys[ks], l.base)
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	for i := range pages {
		h := raw[i].height
		// Walk in from each edge; stop at the first line that is body text.
		ls := pages[i]
		classify := func(l *pline) bool {
			top := l.base < h/2
			t := l.text()
			sh := shape(t)
			ks := key{squash(sh), top}
			// The same text, or the same text but for the page's own number.
			repeated := margin[l] && (exact[key{squash(t), top}] >= need ||
				(shapes[ks] >= need && hasNumber(t, raw[i].number) && sameHeight(ys[ks], l.base)))
			if repeated || pageNumber.MatchString(sh) || isPageLabel(t) {
				if top {
					l.kind = header
				} else {
					l.kind = footer
				}
				return true
			}
			return false
		}
		for k := 0; k < len(ls) && k < edgeLines && ls[k].base < 0.15*h; k++ {
			if !classify(ls[k]) {
				break
			}
		}
		for k := len(ls) - 1; k >= 0 && k >= len(ls)-edgeLines && ls[k].base > 0.85*h; k-- {
			if !classify(ls[k]) {
				break
			}
		}
	}
}

// sameHeight reports whether y is where most occurrences of a shape sit.
func sameHeight(ys []float64, y float64) bool {
	n := 0
	for _, v := range ys {
		if math.Abs(v-y) < 6 {
			n++
		}
	}
	return n*2 >= len(ys)
}

// isPageLabel accepts page labels whose words are not in the pattern's
// list: a number alone, or a word followed by "n/m" or "n".
func isPageLabel(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	if _, err := strconv.Atoi(strings.Trim(f[len(f)-1], "-–—")); err == nil && len(f) == 1 {
		return true
	}
	return false
}

// hasNumber reports whether n appears in s as a whole number, other than
// as the number a footnote starts with.
func hasNumber(s string, n int) bool {
	want := strconv.Itoa(n)
	if m := leadingNumber.FindString(s); m != "" && len(strings.Fields(s)) > 3 {
		s = s[len(m):]
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) {
		if f == want {
			return true
		}
	}
	return false
}

// squash removes spaces, which extraction may place differently in two
// copies of the same running header.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }
