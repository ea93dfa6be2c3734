package pdftext

import (
	"github.com/ledongthuc/pdf"
)

// addForms draws the values of filled AcroForm fields where their widgets
// sit, so that answers typed into a form read like printed text: a text
// field becomes its value, a ticked check box becomes ☒ and an empty one ☐.
// The library ignores form fields; without this, filled forms lose their
// answers.
func (in *interp) addForms(p pdf.Page, dev matrix) {
	annots := p.V.Key("Annots")
	for i := 0; i < annots.Len() && i < 4096; i++ {
		a := annots.Index(i)
		if a.Key("Subtype").Name() != "Widget" {
			continue
		}
		rect := a.Key("Rect")
		if rect.Len() != 4 {
			continue
		}
		x0, y0 := dev.apply(rect.Index(0).Float64(), rect.Index(1).Float64())
		x1, y1 := dev.apply(rect.Index(2).Float64(), rect.Index(3).Float64())
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		ft, v := fieldType(a), fieldValue(a)
		switch ft {
		case "Btn":
			state := a.Key("AS").Name()
			if state == "" {
				state = v.Name()
			}
			if a.Key("Ff").Int64()&(1<<16) != 0 { // push button: no value
				continue
			}
			mark := "☐"
			if state != "" && state != "Off" {
				mark = "☒"
			}
			size := min(y1-y0, 12.0)
			in.formGlyph(mark, x0, x0+size, y1-0.2*size, size)
		case "Tx", "Ch":
			text := ""
			switch v.Kind() {
			case pdf.String:
				text = v.Text()
			case pdf.Name:
				text = v.Name()
			case pdf.Array:
				for j := 0; j < v.Len(); j++ {
					if j > 0 {
						text += ", "
					}
					text += v.Index(j).Text()
				}
			}
			in.formText(text, x0, y0, x1, y1)
		}
	}
}

// fieldType and fieldValue look up /FT and /V on the widget or its parents
// (a widget is often a kid of the field that holds them).
func fieldType(a pdf.Value) string {
	for v, i := a, 0; !v.IsNull() && i < 16; v, i = v.Key("Parent"), i+1 {
		if t := v.Key("FT").Name(); t != "" {
			return t
		}
	}
	return ""
}

func fieldValue(a pdf.Value) pdf.Value {
	for v, i := a, 0; !v.IsNull() && i < 16; v, i = v.Key("Parent"), i+1 {
		if x := v.Key("V"); !x.IsNull() {
			return x
		}
	}
	return pdf.Value{}
}

func (in *interp) formGlyph(s string, x0, x1, base, size float64) {
	if size <= 0 {
		size = 10
	}
	in.glyphs = append(in.glyphs, glyph{s: s, x0: x0, x1: x1, y: base, size: size,
		font: in.fonts.fallback(), space: size * 0.25, seq: len(in.glyphs)})
}

// formText lays a field value out in its rectangle, one line per line of
// the value, with an even advance per character.
func (in *interp) formText(text string, x0, y0, x1, y1 float64) {
	if text == "" {
		return
	}
	size := 10.0
	if h := y1 - y0; h < 14 && h > 4 {
		size = h * 0.7
	}
	lines := splitLines(text)
	for li, line := range lines {
		base := y0 + size*(1.1+1.2*float64(li))
		x := x0 + 2
		adv := size * 0.5
		for _, r := range line {
			in.glyphs = append(in.glyphs, glyph{s: string(r), x0: x, x1: x + adv, y: base, size: size,
				font: in.fonts.fallback(), space: size * 0.25, seq: len(in.glyphs)})
			x += adv
		}
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			out = append(out, s[start:i])
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	return append(out, s[start:])
}
