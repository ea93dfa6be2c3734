package pdftext

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/font"
	"golang.org/x/text/encoding/charmap"
)

// fontInfo is what text extraction needs of a font: how to cut strings
// into codes, the text and the advance width of every code, and its style.
type fontInfo struct {
	name         string
	bold, italic bool
	codeLen      int   // bytes per code when cmap has no codespace
	toUni        *cmap // ToUnicode, when present
	simple       *[256]string
	widthOf      func(c uint32) float64 // in glyph space: 1/1000 em, or Type3 glyph units
	scale        float64                // glyph space to text space: 0.001, or the Type3 FontMatrix
	space        float64                // width of the space glyph in text space
	unmapped     bool                   // codes without any Unicode mapping (Type0 without ToUnicode)
	symbolic     string                 // "dingbats", "wingdings", "wingdings2", "symbol" or ""
	decoded      int                    // bytes of CMap streams decoded to load the font
}

// glyphText returns the text of one code and whether it was decodable.
func (f *fontInfo) glyphText(c code) (string, bool) {
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(c.v); ok {
			return f.fixSymbol(s, c.v), true
		}
	}
	if f.simple != nil && c.v < 256 {
		s := f.simple[c.v]
		return f.fixSymbol(s, c.v), s != "" || c.v == 0
	}
	return "\uFFFD", false
}

// fixSymbol maps the private-use and ASCII codes of symbol fonts (Word's
// Wingdings tick boxes, Zapf Dingbats) onto the Unicode symbols they draw.
func (f *fontInfo) fixSymbol(s string, c uint32) string {
	if f.symbolic == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	b := c
	if r >= 0xF000 && r <= 0xF0FF {
		b = uint32(r - 0xF000)
	} else if f.toUni != nil && r >= 0x80 {
		return s // a proper mapping already
	}
	if m, ok := symbolTables[f.symbolic][byte(b)]; ok && b < 256 {
		return string(m)
	}
	return s
}

func (f *fontInfo) codes(raw string) []code {
	if f.simple != nil {
		// A simple font's codes are single bytes whatever its ToUnicode
		// CMap declares: producers write 2-byte codespaces (<0000> <FFFF>)
		// over 1-byte entries, and cutting by them pairs the letters up
		// into codes that map to nothing.
		return fixedCodes(raw, 1)
	}
	return f.toUni.split(raw, f.codeLen)
}

// loadFont reads a font dictionary. It never fails: what cannot be read
// degrades to replacement characters and default widths, which the
// document's quality signals then report.
func loadFont(v pdf.Value) (f *fontInfo) {
	f = &fontInfo{codeLen: 1, scale: 0.001}
	defer func() {
		if recover() != nil && f.widthOf == nil {
			f.widthOf = func(uint32) float64 { return 500 }
		}
	}()
	subtype := v.Key("Subtype").Name()
	base := v.Key("BaseFont").Name()
	desc := v.Key("FontDescriptor")
	if subtype == "Type0" {
		df := v.Key("DescendantFonts").Index(0)
		desc = df.Key("FontDescriptor")
		if base == "" {
			base = df.Key("BaseFont").Name()
		}
	}
	f.name = stripSubset(base)
	f.style(desc)
	lname := strings.ToLower(f.name)
	switch {
	case strings.Contains(lname, "dingbat"):
		f.symbolic = "dingbats"
	case strings.Contains(lname, "wingdings2") || strings.Contains(lname, "wingdings-2"):
		f.symbolic = "wingdings2"
	case strings.Contains(lname, "wingding"):
		f.symbolic = "wingdings"
	}

	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		var n int
		f.toUni, n = parseCMap(tu)
		f.decoded += n
	}

	switch subtype {
	case "Type0":
		f.loadType0(v)
	default:
		f.loadSimple(v, subtype, desc)
	}
	f.space = f.widthOf(32)
	if f.codeLen == 2 || f.space <= 0 {
		f.space = f.spaceFromText()
	}
	return f
}

func (f *fontInfo) style(desc pdf.Value) {
	n := strings.ToLower(f.name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi", "-bd", ",bd"} {
		if strings.Contains(n, w) {
			f.bold = true
		}
	}
	if strings.Contains(n, "italic") || strings.Contains(n, "oblique") || strings.HasSuffix(n, "-it") {
		f.italic = true
	}
	if desc.Kind() != pdf.Dict {
		return
	}
	if desc.Key("FontWeight").Float64() >= 600 || desc.Key("Flags").Int64()&(1<<18) != 0 {
		f.bold = true
	}
	if desc.Key("ItalicAngle").Float64() != 0 {
		f.italic = true
	}
}

func (f *fontInfo) loadType0(v pdf.Value) {
	f.codeLen = 2
	enc := v.Key("Encoding")
	if enc.Kind() == pdf.Stream { // an embedded CMap: take its codespace if ToUnicode has none
		m, n := parseCMap(enc)
		f.decoded += n
		if m != nil && (f.toUni == nil || len(f.toUni.space) == 0) {
			if f.toUni == nil {
				f.toUni = &cmap{chars: map[uint32]string{}}
			}
			f.toUni.space = m.space
		}
	}
	name := enc.Name()
	if f.toUni == nil || (len(f.toUni.chars) == 0 && len(f.toUni.ranges) == 0) {
		// Predefined Unicode CMaps carry UCS-2/UTF-16 codes themselves.
		if strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16") {
			f.toUni = utf16CMap(f.toUni)
		} else {
			f.unmapped = true
		}
	}
	df := v.Key("DescendantFonts").Index(0)
	dw := 1000.0
	if d := df.Key("DW"); d.Kind() == pdf.Integer || d.Kind() == pdf.Real {
		dw = d.Float64()
	}
	widths := map[uint32]float64{}
	w := df.Key("W")
	for i := 0; i < w.Len() && len(widths) < 1<<17; {
		first := w.Index(i)
		if i+1 >= w.Len() {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for j := 0; j < next.Len(); j++ {
				widths[c+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		lo, hi, wd := uint32(first.Int64()), uint32(next.Int64()), w.Index(i+2).Float64()
		for c := lo; c <= hi && c-lo < 1<<16; c++ {
			widths[c] = wd
		}
		i += 3
	}
	f.widthOf = func(c uint32) float64 {
		if w, ok := widths[c]; ok {
			return w
		}
		return dw
	}
}

// utf16CMap decodes 2-byte codes as UTF-16 units, keeping a codespace that
// came from the font's encoding.
func utf16CMap(m *cmap) *cmap {
	out := &cmap{chars: map[uint32]string{}, ranges: []bfRange{{lo: 0, hi: 0xFFFF, dst: []uint16{0}}}}
	if m != nil {
		out.space = m.space
	}
	return out
}

func (f *fontInfo) loadSimple(v pdf.Value, subtype string, desc pdf.Value) {
	if subtype == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() == 6 {
			f.scale = m.Index(0).Float64()
		}
	}
	f.simple = simpleEncoding(v, f)

	first := int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	widths := make([]float64, ws.Len())
	for i := range widths {
		widths[i] = ws.Index(i).Float64()
	}
	missing := desc.Key("MissingWidth").Float64()
	core := coreFontName(f.name)
	simple := f.simple
	f.widthOf = func(c uint32) float64 {
		i := int(c) - first
		if i >= 0 && i < len(widths) && widths[i] > 0 {
			return widths[i]
		}
		if core != "" && c < 256 {
			r, _ := utf8.DecodeRuneInString(simple[c])
			if w, err := font.CharWidth(core, r); err == nil && w > 0 {
				return float64(w)
			}
		}
		if missing > 0 {
			return missing
		}
		if len(widths) == 0 { // no metrics at all: a typical average
			return 500
		}
		return 0
	}
}

// spaceFromText guesses the width of a space when the font has none.
func (f *fontInfo) spaceFromText() float64 {
	if f.toUni != nil {
		for c, s := range f.toUni.chars {
			if s == " " {
				return f.widthOf(c)
			}
		}
	}
	return 250
}

// simpleEncoding builds the code → text table of a one-byte font from its
// ToUnicode map, /Encoding (base encoding + Differences) or built-in
// encoding, in that order of trust.
func simpleEncoding(v pdf.Value, f *fontInfo) *[256]string {
	var t [256]string
	enc := v.Key("Encoding")
	baseName := enc.Name()
	if enc.Kind() == pdf.Dict {
		baseName = enc.Key("BaseEncoding").Name()
	}
	for c := 0; c < 256; c++ {
		t[c] = baseChar(baseName, f.symbolic, byte(c))
	}
	if enc.Kind() == pdf.Dict {
		diffs := enc.Key("Differences")
		custom := ownCodes(diffs)
		c := 0
		for i := 0; i < diffs.Len(); i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdf.Integer, pdf.Real:
				c = int(d.Int64())
			case pdf.Name:
				if c >= 0 && c < 256 {
					if s := glyphNameText(d.Name()); s != "" {
						t[c] = s
					} else if f.symbolic == "dingbats" {
						t[c] = string(dingbat(byte(c)))
					} else if lib := libraryGlyphName(v, byte(c)); lib != "" {
						t[c] = lib
					} else if custom && d.Name() != ".notdef" {
						t[c] = "\uFFFD"
					}
				}
				c++
			}
		}
	}
	if f.toUni != nil { // ToUnicode wins where it speaks
		for c := 0; c < 256; c++ {
			if s, ok := f.toUni.lookup(uint32(c)); ok {
				t[c] = s
			}
		}
	}
	return &t
}

// libraryGlyphName decodes code c of a font whose /Differences names it
// with a name our short glyph list lacks, through the PDF library's full
// Adobe Glyph List; "" when the library does not know the name either.
func libraryGlyphName(font pdf.Value, c byte) string {
	// The library returns the code itself when it does not know the name.
	s := (&pdf.Font{V: font}).Encoder().Decode(string([]byte{c}))
	if r, _ := utf8.DecodeRuneInString(s); s != "" && r != rune(c) && r != utf8.RuneError {
		return s
	}
	return ""
}

// ownCodes reports whether /Differences names glyphs at codes below 32,
// where no standard encoding has characters: the font numbers its glyphs
// in its own order (subsetting producers give codes 1, 2, 3… in order of
// use). A name nobody knows ("g12", "glyph7") then says nothing of the
// character, and the base encoding's character for the code is garbage
// that would pass for text, so such codes read as U+FFFD (which the
// quality checks count). In other fonts an unknown name keeps the base
// encoding's character, as other readers do: names such as /G50 at code
// 0x50 restate the code, and producers that name glyphs by glyph id
// often keep the standard codes.
func ownCodes(diffs pdf.Value) bool {
	c := 0
	for i := 0; i < diffs.Len(); i++ {
		switch d := diffs.Index(i); d.Kind() {
		case pdf.Integer, pdf.Real:
			c = int(d.Int64())
		case pdf.Name:
			if c >= 0 && c < 32 && d.Name() != ".notdef" {
				return true
			}
			c++
		}
	}
	return false
}

func baseChar(enc, symbolic string, c byte) string {
	if symbolic == "dingbats" && c >= 0x20 {
		return string(dingbat(c))
	}
	if c < 0x20 {
		return ""
	}
	switch enc {
	case "MacRomanEncoding":
		return string(charmap.Macintosh.DecodeByte(c))
	case "StandardEncoding", "":
		if r, ok := standardHigh[c]; ok {
			return string(r)
		}
		if c >= 0x80 && enc == "StandardEncoding" {
			return ""
		}
	}
	if c == 0x7F || c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D {
		return ""
	}
	return string(charmap.Windows1252.DecodeByte(c))
}

// standardHigh lists where Adobe StandardEncoding differs from WinAnsi.
var standardHigh = map[byte]rune{
	0x27: '’', 0x60: '‘', 0xA4: '⁄', 0xA6: 'ƒ', 0xA8: '¤', 0xA9: '\'', 0xAA: '“', 0xAC: '‹', 0xAD: '›',
	0xAE: 'ﬁ', 0xAF: 'ﬂ', 0xB1: '–', 0xB2: '†', 0xB3: '‡', 0xB4: '·', 0xB7: '•', 0xB8: '‚', 0xB9: '„',
	0xBA: '”', 0xBC: '…', 0xBD: '‰', 0xC1: '`', 0xC2: '´', 0xC3: 'ˆ', 0xC4: '˜', 0xC5: '¯', 0xC6: '˘',
	0xC7: '˙', 0xC8: '¨', 0xCA: '˚', 0xCB: '¸', 0xCD: '˝', 0xCE: '˛', 0xCF: 'ˇ', 0xD0: '—', 0xE1: 'Æ',
	0xE3: 'ª', 0xE8: 'Ł', 0xE9: 'Ø', 0xEA: 'Œ', 0xEB: 'º', 0xF1: 'æ', 0xF5: 'ı', 0xF8: 'ł', 0xF9: 'ø',
	0xFA: 'œ', 0xFB: 'ß',
}

// dingbat maps a Zapf Dingbats code to Unicode: the Dingbats block was
// laid out after this font, with a few glyphs placed elsewhere.
func dingbat(c byte) rune {
	switch c {
	case 0x20:
		return ' '
	case 0x25:
		return '☎'
	case 0x2A:
		return '☛'
	case 0x2B:
		return '☞'
	case 0x48:
		return '★'
	case 0x6C:
		return '●'
	case 0x6E:
		return '■'
	case 0x73:
		return '▲'
	case 0x74:
		return '▼'
	case 0x75:
		return '◆'
	case 0x77:
		return '◗'
	}
	if c > 0x20 && c < 0x7F {
		return rune(0x2700 + int(c) - 0x20)
	}
	return '\uFFFD'
}

// symbolTables maps codes of symbol fonts to the box and tick glyphs that
// questionnaires use; other codes keep their decoded text.
var symbolTables = map[string]map[byte]rune{
	"wingdings": {
		0x6E: '■', 0x6F: '□', 0x70: '◻', 0x71: '❑', 0x72: '❒', 0x78: '☒', 0xA8: '☐',
		0xFB: '✗', 0xFC: '✓', 0xFD: '☒', 0xFE: '☑', 0x9F: '•', 0x6C: '●', 0xA1: '○',
	},
	"wingdings2": {
		0xA3: '☐', 0x2A: '☐', 0x53: '☒', 0x54: '☒', 0x52: '☑', 0x51: '☒', 0x50: '✓', 0x4F: '✗',
	},
	"dingbats": {},
}

// glyphNameText resolves a glyph name: the common Adobe Glyph List names,
// uniXXXX and uXXXX[XX] forms, and ligatures like "f_i".
func glyphNameText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 { // "a.sc", "one.oldstyle"
		name = name[:i]
	}
	if r, ok := aglNames[name]; ok {
		return string(r)
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil {
			return string(rune(v))
		}
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, p := range strings.Split(name, "_") {
			s := glyphNameText(p)
			if s == "" {
				return ""
			}
			b.WriteString(s)
		}
		return b.String()
	}
	if len(name) == 1 {
		return name
	}
	return ""
}

func stripSubset(name string) string {
	if len(name) > 7 && name[6] == '+' {
		return name[7:]
	}
	return name
}

// coreFontName maps a font name onto one of the standard 14 fonts whose
// metrics pdfcpu ships, for files that omit /Widths.
func coreFontName(name string) string {
	n := strings.ToLower(strings.NewReplacer(" ", "", ",", "-").Replace(name))
	bold := strings.Contains(n, "bold")
	italic := strings.Contains(n, "italic") || strings.Contains(n, "oblique")
	var family string
	switch {
	case strings.HasPrefix(n, "helvetica"), strings.HasPrefix(n, "arial"):
		family = "Helvetica"
	case strings.HasPrefix(n, "times"):
		family = "Times"
	case strings.HasPrefix(n, "courier"):
		family = "Courier"
	case strings.HasPrefix(n, "symbol"):
		return "Symbol"
	case strings.Contains(n, "dingbats"):
		return "ZapfDingbats"
	default:
		return ""
	}
	switch {
	case family == "Times" && bold && italic:
		return "Times-BoldItalic"
	case family == "Times" && bold:
		return "Times-Bold"
	case family == "Times" && italic:
		return "Times-Italic"
	case family == "Times":
		return "Times-Roman"
	case bold && italic:
		return family + "-BoldOblique"
	case bold:
		return family + "-Bold"
	case italic:
		return family + "-Oblique"
	}
	return family
}
