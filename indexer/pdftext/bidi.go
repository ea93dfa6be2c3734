package pdftext

import (
	"strings"
	"unicode"
)

// Right-to-left text. PDF producers draw Arabic and Hebrew glyphs in
// visual order, left to right on the page; readers and search need logical
// order. glyphRun holds a segment's glyph texts as drawn; logical reverses the
// segment when it is mainly right-to-left, keeping each glyph's own text
// (a lam-alef ligature decodes to two letters already in logical order)
// and putting runs of digits and Latin words back in left-to-right order.
type glyphRun []string

func (u glyphRun) logical() string {
	visual := strings.Join(u, "")
	if !rtlText(visual) {
		return visual
	}
	rev := make([]string, len(u))
	for i, s := range u {
		rev[len(u)-1-i] = mirror(s)
	}
	// Re-reverse runs of left-to-right units, with the neutral characters
	// inside them ("1,360", "No. 45").
	for i := 0; i < len(rev); {
		if !isLTRUnit(rev[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rev) && (isLTRUnit(rev[j]) || (isNeutralUnit(rev[j]) && j+1 < len(rev) && isLTRUnit(rev[j+1]))) {
			j++
		}
		for a, b := i, j-1; a < b; a, b = a+1, b-1 {
			rev[a], rev[b] = mirror(rev[b]), mirror(rev[a])
		}
		i = j
	}
	return strings.Join(rev, "")
}

func isLTRUnit(s string) bool {
	for _, r := range s {
		return unicode.IsDigit(r) || (unicode.IsLetter(r) && !isRTL(r))
	}
	return false
}

func isNeutralUnit(s string) bool {
	return s == " " || s == "." || s == "," || s == ":" || s == "/" || s == "-"
}

// mirror swaps the paired characters that right-to-left display mirrors.
func mirror(s string) string {
	switch s {
	case "(":
		return ")"
	case ")":
		return "("
	case "[":
		return "]"
	case "]":
		return "["
	case "«":
		return "»"
	case "»":
		return "«"
	case "<":
		return ">"
	case ">":
		return "<"
	}
	return s
}

// rtlText reports whether most letters of s are right-to-left.
func rtlText(s string) bool {
	rtl, ltr := 0, 0
	for _, r := range s {
		switch {
		case isRTL(r):
			rtl++
		case unicode.IsLetter(r):
			ltr++
		}
	}
	return rtl > ltr
}
