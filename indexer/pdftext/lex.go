package pdftext

import (
	"bytes"
	"strconv"
)

// A content stream is a flat sequence of operands followed by an operator.
// We lex it ourselves (rather than through pdf.Interpret) so that inline
// images, stray bytes and truncated streams cost at most the token they
// spoil instead of the whole page.

type objKind uint8

const (
	kNull objKind = iota
	kNum
	kStr
	kName
	kArr
	kDict
	kBool
)

type obj struct {
	kind objKind
	num  float64
	str  string // string bytes, or name without the slash
	arr  []obj  // array items; for dicts alternating key, value
}

type lexer struct {
	b     []byte
	pos   int
	depth int // nesting of arrays and dictionaries being read
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// isStray reports whether c is a delimiter that cannot start a token.
func isStray(c byte) bool {
	return c == ']' || c == '>' || c == ')' || c == '{' || c == '}'
}

func (l *lexer) skipWhite() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' { // comment to end of line
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next operand, or an operator in op. ok is false at the end.
func (l *lexer) next() (o obj, op string, ok bool) {
	// Stray delimiters are skipped in a loop, not by calling next again:
	// a stream of millions of them (kilobytes compressed) would otherwise
	// overflow the stack, which is fatal in Go.
	l.skipWhite()
	for l.pos < len(l.b) && isStray(l.b[l.pos]) {
		l.pos++
		l.skipWhite()
	}
	if l.pos >= len(l.b) {
		return obj{}, "", false
	}
	c := l.b[l.pos]
	switch {
	case c == '(':
		return obj{kind: kStr, str: l.literal()}, "", true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return l.dict(), "", true
		}
		return obj{kind: kStr, str: l.hex()}, "", true
	case c == '/':
		l.pos++
		return obj{kind: kName, str: l.regular()}, "", true
	case c == '[':
		l.pos++
		return l.array(), "", true
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		s := l.regular()
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			f = parseLooseNumber(s)
		}
		return obj{kind: kNum, num: f}, "", true
	}
	w := l.regular()
	if w == "" { // unreachable: white space and delimiters are handled above
		l.pos++
		return obj{}, "", l.pos < len(l.b)
	}
	switch w {
	case "true":
		return obj{kind: kBool, num: 1}, "", true
	case "false":
		return obj{kind: kBool}, "", true
	case "null":
		return obj{}, "", true
	}
	return obj{}, w, true
}

// parseLooseNumber reads numbers producers write badly ("--5", "1.2.3", "5-").
func parseLooseNumber(s string) float64 {
	neg := false
	for len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = neg != (s[0] == '-')
		s = s[1:]
	}
	end := 0
	dot := false
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || (s[end] == '.' && !dot)) {
		if s[end] == '.' {
			dot = true
		}
		end++
	}
	f, _ := strconv.ParseFloat(s[:end], 64)
	if neg {
		f = -f
	}
	return f
}

func (l *lexer) regular() string {
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	return string(l.b[start:l.pos])
}

func (l *lexer) literal() string {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; i++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func (l *lexer) hex() string {
	l.pos++ // <
	var out []byte
	hi := -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

const maxNesting = 32

func (l *lexer) array() obj {
	a := obj{kind: kArr}
	if l.depth++; l.depth > maxNesting {
		l.depth--
		return a // the remaining brackets are skipped as stray delimiters
	}
	defer func() { l.depth-- }()
	for l.pos < len(l.b) {
		l.skipWhite()
		if l.pos < len(l.b) && l.b[l.pos] == ']' {
			l.pos++
			return a
		}
		o, op, ok := l.next()
		if !ok {
			break
		}
		if op != "" { // an operator inside an array: the array is broken
			return a
		}
		if len(a.arr) < 1<<16 {
			a.arr = append(a.arr, o)
		}
	}
	return a
}

func (l *lexer) dict() obj {
	d := obj{kind: kDict}
	if l.depth++; l.depth > maxNesting {
		l.depth--
		return d
	}
	defer func() { l.depth-- }()
	for l.pos < len(l.b) {
		l.skipWhite()
		if l.pos+1 < len(l.b) && l.b[l.pos] == '>' && l.b[l.pos+1] == '>' {
			l.pos += 2
			return d
		}
		o, op, ok := l.next()
		if !ok || op != "" {
			return d
		}
		d.arr = append(d.arr, o)
	}
	return d
}

// skipInlineImage moves past the data of an inline image (after "ID") to
// just after its "EI" operator. n is the length of the data when the image
// dictionary tells it (see inlineImageLength), else -1.
//
// Image data is binary and may contain "EI" between white space: ending
// the image there resumes lexing inside the pixels, where a stray "("
// opens a string that swallows the rest of the page. So the length is
// used when known, and otherwise an "EI" counts only when what follows
// it looks like content-stream text.
func (l *lexer) skipInlineImage(n int) {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	if n >= 0 && n <= len(l.b)-l.pos {
		j := l.pos + n
		for j < len(l.b) && isWhite(l.b[j]) {
			j++
		}
		if l.isEI(j) {
			l.pos = j + 2
			return
		}
	}
	for {
		i := bytes.Index(l.b[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.b)
			return
		}
		at := l.pos + i
		l.pos = at + 2
		if (at == 0 || isWhite(l.b[at-1])) && l.isEI(at) && l.textFollows(at+2) {
			return
		}
	}
}

// isEI reports whether an EI operator starts at i.
func (l *lexer) isEI(i int) bool {
	return i+2 <= len(l.b) && l.b[i] == 'E' && l.b[i+1] == 'I' &&
		(i+2 == len(l.b) || isWhite(l.b[i+2]) || isDelim(l.b[i+2]))
}

// textFollows reports whether the bytes from i look like content-stream
// operators rather than image data: printable ASCII and white space up to
// the end, 32 bytes, or a string that follows an operator or operand.
func (l *lexer) textFollows(i int) bool {
	seen := false
	for j := i; j < len(l.b) && j < i+32; j++ {
		c := l.b[j]
		switch {
		case (c == '(' || c == '<') && seen:
			return true // string bytes may be binary
		case isWhite(c):
		case c < 0x20 || c >= 0x7F || c == '(' || c == '<':
			return false
		default:
			seen = true
		}
	}
	return true
}

// inlineImageLength is the length of an inline image's data from its
// dictionary (alternating keys and values): rows of width × components ×
// bits per component, rounded up to whole bytes, times the height. It is
// -1 when the data is filtered (its length is then unknown) or the
// dictionary does not say enough.
func inlineImageLength(dict []obj) int {
	w, h, bpc, comps := -1, -1, 8, -1
	for i := 0; i+1 < len(dict); i += 2 {
		if dict[i].kind != kName {
			continue
		}
		v := dict[i+1]
		switch dict[i].str {
		case "W", "Width":
			w = int(v.num)
		case "H", "Height":
			h = int(v.num)
		case "BPC", "BitsPerComponent":
			bpc = int(v.num)
		case "IM", "ImageMask":
			if v.kind == kBool && v.num == 1 {
				bpc, comps = 1, 1
			}
		case "F", "Filter":
			if v.kind == kName || (v.kind == kArr && len(v.arr) > 0) {
				return -1
			}
		case "CS", "ColorSpace":
			name := v.str
			if v.kind == kArr && len(v.arr) > 0 {
				name = v.arr[0].str
			}
			switch name {
			case "G", "DeviceGray", "CalGray", "I", "Indexed":
				comps = 1
			case "RGB", "DeviceRGB", "CalRGB":
				comps = 3
			case "CMYK", "DeviceCMYK":
				comps = 4
			}
		}
	}
	if w <= 0 || h <= 0 || comps <= 0 || (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) || w > 1<<16 || h > 1<<16 {
		return -1
	}
	return (w*comps*bpc + 7) / 8 * h
}
