package pdftext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cleanText normalises what PDF producers put in text: ligatures and
// Arabic presentation forms become plain letters, no-break and odd spaces
// become spaces, soft hyphens and zero-width characters go.
func cleanText(s string) string {
	needs := false
	for _, r := range s {
		if r >= 0xFB00 || r == 0xA0 || r == 0xAD || (r >= 0x2000 && r <= 0x200F) || r == 0x2028 || r == 0xFEFF || r == 0x202F {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == 0xAD || r == 0xFEFF || (r >= 0x200B && r <= 0x200F):
			continue
		case r == 0xA0 || r == 0x202F || (r >= 0x2000 && r <= 0x200A) || r == 0x2028:
			b.WriteRune(' ')
		case r >= 0xFB00 && r <= 0xFB06, r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFC:
			b.WriteString(norm.NFKC.String(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isRTL(r rune) bool {
	return unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r)
}
