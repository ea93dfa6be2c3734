package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/saq-review/saq/indexer/pdftext"
)

// layout holds what the document's own typography says about paragraphs.
type layout struct {
	lineGap float64 // usual space between two lines of a paragraph
	vocab   map[string]bool
}

func measureLayout(lines []pdftext.Line) layout {
	var gaps []float64
	vocab := map[string]bool{}
	for _, l := range lines {
		if l.Gap >= 0 {
			gaps = append(gaps, l.Gap)
		}
		for _, w := range strings.Fields(l.Text) {
			vocab[strings.ToLower(strings.Trim(w, ".,;:()\"'“”«»"))] = true
		}
	}
	lg := 2.0
	if len(gaps) > 0 {
		sort.Float64s(gaps)
		lg = gaps[len(gaps)/3] // most gaps are line gaps; paragraphs and headings add larger ones
	}
	return layout{lineGap: lg, vocab: vocab}
}

// paraGap: a blank this tall or taller between two lines separates
// paragraphs.
func (lay layout) paraGap(size float64) float64 { return lay.lineGap + 0.35*size }

// short reports whether a line stops well before the right edge of its
// flow: the last line of a paragraph.
func short(l pdftext.Line) bool {
	w := l.Right - l.Left
	return room(l) > max(0.12*w, 2.5*l.Size)
}

// room is the space a line leaves at its end: on the right, or on the
// left for right-to-left text.
func room(l pdftext.Line) float64 {
	if l.RTL {
		return l.X0 - l.Left
	}
	return l.Right - l.X1
}

// endsEarly reports whether line a stops before the right edge of its
// flow by more than the first word of line b would need: a break the
// writer chose (a paragraph end), not one the line width forced.
func endsEarly(a, b pdftext.Line) bool {
	room := room(a)
	n := len([]rune(a.Text))
	if n == 0 {
		return true
	}
	char := (a.X1 - a.X0) / float64(n)
	first := strings.Fields(b.Text)
	if len(first) == 0 {
		return short(a)
	}
	word := len([]rune(first[0]))
	if r := []rune(first[0]); cjk(r[0]) {
		word = 1 // CJK lines break between any two characters
	}
	// Wide letters make a word up to a fifth wider than average.
	need := float64(word+1) * char * 1.2
	return room > need+char
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”»)’")
	if s == "" {
		return false
	}
	r := []rune(s)
	return strings.ContainsRune(".!?:;…？。！؟：", r[len(r)-1])
}

func startsSentence(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("•●▪■–—-*(«\"“¿¡", r) || !unicode.IsLower(r) && unicode.IsLetter(r)
	}
	return false
}

// newParagraph decides whether b starts a new paragraph after a.
func (lay layout) newParagraph(a, b pdftext.Line) bool {
	if b.Gap > lay.paraGap(b.Size) {
		return true
	}
	if b.Gap >= 0 && b.X0-a.X0 > 1.5*b.Size && b.X0-a.X0 < 6*b.Size && !short(a) {
		return false // an indented continuation? keep together
	}
	if endsEarly(a, b) && endsSentence(a.Text) && startsSentence(b.Text) {
		return true
	}
	return false
}

// join assembles lines into text: lines of a paragraph joined by a space
// (none between CJK characters, none across a hyphenated break),
// paragraphs by a blank line.
func (lay layout) join(lines []pdftext.Line) string {
	var b strings.Builder
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(t)
			continue
		}
		prev := lines[i-1]
		if lay.newParagraph(prev, l) {
			b.WriteString("\n\n")
			b.WriteString(t)
			continue
		}
		cur := b.String()
		if joined, ok := lay.dehyphenate(cur, t); ok {
			b.Reset()
			b.WriteString(joined)
			continue
		}
		last, _ := lastRune(cur)
		first := []rune(t)[0]
		if !(cjk(last) && cjk(first)) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// dehyphenate joins a word broken across lines: "imple-" + "mentation" →
// "implementation", keeping the hyphen of compounds ("Anti-" + "Money",
// "co-" + "operation" when the document writes "co-operation" elsewhere).
func (lay layout) dehyphenate(cur, next string) (string, bool) {
	r := []rune(cur)
	if len(r) < 3 {
		return "", false
	}
	h := r[len(r)-1]
	if h != '-' && h != '‐' && h != '\u00AD' || unicode.IsSpace(r[len(r)-2]) {
		return "", false
	}
	nr := []rune(next)
	if !unicode.IsLetter(r[len(r)-2]) || !unicode.IsLower(nr[0]) {
		// "2006-" + "22", "Anti-" + "Money": a hyphen that stays, and no space.
		if unicode.IsLetter(nr[0]) || unicode.IsDigit(nr[0]) {
			return string(r[:len(r)-1]) + "-" + next, true
		}
		return "", false
	}
	// The two halves of the word.
	start := len(r) - 2
	for start > 0 && unicode.IsLetter(r[start-1]) {
		start--
	}
	left := string(r[start : len(r)-1])
	end := 0
	for end < len(nr) && (unicode.IsLetter(nr[end]) || nr[end] == '-') {
		end++
	}
	right := string(nr[:end])
	base := string(r[:len(r)-1])
	keep := lay.vocab[strings.ToLower(left+"-"+right)]
	if lay.vocab[strings.ToLower(left+right)] {
		keep = false
	}
	if keep && h != '\u00AD' {
		return base + "-" + next, true
	}
	return base + next, true
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
