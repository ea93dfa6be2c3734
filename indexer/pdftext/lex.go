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
	l.skipWhite()
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
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++ // stray delimiter: skip it
		return l.next()
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		s := l.regular()
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			f = parseLooseNumber(s)
		}
		return obj{kind: kNum, num: f}, "", true
	}
	w := l.regular()
	if w == "" { // a byte that is neither delimiter nor regular
		l.pos++
		return l.next()
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
// just after its "EI" operator.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for {
		i := bytes.Index(l.b[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.b)
			return
		}
		at := l.pos + i
		before := at == 0 || isWhite(l.b[at-1])
		after := at+2 >= len(l.b) || isWhite(l.b[at+2]) || isDelim(l.b[at+2])
		l.pos = at + 2
		if before && after {
			return
		}
	}
}
