package pdftext

import (
	"sort"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// cmap is a parsed ToUnicode (or encoding) CMap: how to cut a string into
// character codes, and the Unicode text of each code.
//
// The library's own CMap decoder offsets only the last byte of a bfrange
// destination, so ranges wider than 256 codes (common for Cyrillic, Arabic
// and CJK subsets) decode to garbage; this one carries into the higher
// bytes, as the ranges are meant.
type cmap struct {
	space  []codeRange // codespace ranges, by byte length
	chars  map[uint32]string
	ranges []bfRange // sorted by lo
}

type codeRange struct {
	n      int // bytes per code
	lo, hi []byte
}

type bfRange struct {
	lo, hi uint32
	dst    []uint16 // UTF-16 of lo's text; the last unit counts up through the range
	arr    []string // or one destination per code
}

// parseCMap reads a CMap stream and reports the bytes it decoded. It never
// panics; a stream it cannot read yields nil.
func parseCMap(v pdf.Value) (m *cmap, decoded int) {
	defer func() {
		if recover() != nil {
			m = nil
		}
	}()
	data, err := readStream(v, maxCMapBytes)
	if err != nil {
		return nil, len(data)
	}
	return parseCMapBytes(data), len(data)
}

const maxCMapBytes = 4 << 20

// parseCMapBytes reads the operators of a CMap that matter for text:
// codespace ranges, bfchar and bfrange. PostScript around them (dict, def,
// findresource) is skipped, which the library's Interpret cannot do without
// its unexported dictionary values.
func parseCMapBytes(data []byte) *cmap {
	m := &cmap{chars: map[uint32]string{}}
	l := &lexer{b: data}
	var stk []obj // operands since the last operator
	for {
		o, op, ok := l.next()
		if !ok {
			break
		}
		if op == "" {
			stk = append(stk, o)
			continue
		}
		items := stk
		switch op {
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar", "beginnotdefrange":
			stk = stk[:0] // drop the count: we read what is there instead
			continue
		case "endcodespacerange":
			for i := 0; i+1 < len(items); i += 2 {
				lo, hi := []byte(items[i].str), []byte(items[i+1].str)
				if items[i].kind != kStr || len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				m.space = append(m.space, codeRange{len(lo), lo, hi})
			}
		case "endbfchar":
			for i := 0; i+1 < len(items); i += 2 {
				if items[i].kind == kStr {
					m.chars[codeOf(items[i].str)] = objText(items[i+1])
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(items); i += 3 {
				lo, hi, dst := items[i], items[i+1], items[i+2]
				if lo.kind != kStr || hi.kind != kStr {
					continue
				}
				r := bfRange{lo: codeOf(lo.str), hi: codeOf(hi.str)}
				if r.hi < r.lo {
					continue
				}
				switch dst.kind {
				case kStr:
					r.dst = units(dst.str)
				case kArr:
					for _, d := range dst.arr {
						r.arr = append(r.arr, objText(d))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
		}
		stk = stk[:0]
	}
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	if len(m.chars) == 0 && len(m.ranges) == 0 && len(m.space) == 0 {
		return nil
	}
	return m
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination: treat it as a code unit
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

// objText is the text of a bfchar/bfrange destination: UTF-16BE bytes, or
// (rarely) a glyph name.
func objText(o obj) string {
	switch o.kind {
	case kName:
		return glyphNameText(o.str)
	case kStr:
		return string(utf16.Decode(units(o.str)))
	}
	return ""
}

// lookup returns the text of code and whether the CMap maps it.
func (m *cmap) lookup(code uint32) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].hi >= code })
	for ; i < len(m.ranges) && m.ranges[i].lo <= code; i++ {
		r := m.ranges[i]
		if code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", false
		}
		if len(r.dst) == 0 {
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		last := uint32(u[len(u)-1]) + off
		u[len(u)-1] = uint16(last)
		if last > 0xFFFF && len(u) >= 2 { // carry into the preceding unit
			u[len(u)-2] += uint16(last >> 16)
		}
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// split cuts raw into character codes following the codespace ranges;
// without ranges every code is n bytes long.
func (m *cmap) split(raw string, n int) []code {
	if m == nil || len(m.space) == 0 {
		return fixedCodes(raw, n)
	}
	var out []code
	for len(raw) > 0 {
		taken := 0
		for _, r := range m.space {
			if r.n > len(raw) || (taken != 0 && r.n >= taken) {
				continue
			}
			if inRange(raw[:r.n], r) {
				taken = r.n
			}
		}
		if taken == 0 { // no range matches: fall back to the shortest range width
			taken = m.space[0].n
			for _, r := range m.space {
				taken = min(taken, r.n)
			}
			taken = min(taken, len(raw))
		}
		out = append(out, code{codeOf(raw[:taken]), taken})
		raw = raw[taken:]
	}
	return out
}

func inRange(b string, r codeRange) bool {
	for i := 0; i < r.n; i++ {
		if b[i] < r.lo[i] || b[i] > r.hi[i] {
			return false
		}
	}
	return true
}

type code struct {
	v uint32
	n int // bytes
}

func fixedCodes(raw string, n int) []code {
	out := make([]code, 0, len(raw)/n+1)
	for len(raw) > 0 {
		k := min(n, len(raw))
		out = append(out, code{codeOf(raw[:k]), k})
		raw = raw[k:]
	}
	return out
}
