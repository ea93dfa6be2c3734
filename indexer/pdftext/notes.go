package pdftext

import (
	"regexp"
	"strings"
)

// leadingNumber matches a footnote that starts with its number in plain
// text ("1 Published in…", "2. As amended…").
var leadingNumber = regexp.MustCompile(`^(\d{1,3}|[*†‡])[.)]?(\s+|$|\p{Lu})`)

// takeFootnotes finds the footnotes at the bottom of a page: a block of
// lines smaller than the body text, starting with a note number, below
// the last body line. It marks them and returns them as notes.
func takeFootnotes(lines []*pline, bodySize float64, page int, height float64) []Footnote {
	end := len(lines)
	for end > 0 && lines[end-1].kind != body {
		end--
	}
	start := end
	for start > 0 {
		l := lines[start-1]
		if l.kind != body || l.size >= 0.92*bodySize || l.base < 0.5*height {
			break
		}
		start--
	}
	if start == end {
		return nil
	}
	block := lines[start:end]
	if !startsNote(block[0]) {
		return nil
	}
	if start > 0 && isNotesHeading(lines[start-1].text()) {
		lines[start-1].kind = footnote // an endnote list in small print
	}
	var notes []Footnote
	for _, l := range block {
		l.kind = footnote
		marker, text := noteStart(l)
		if marker != "" || len(notes) == 0 {
			notes = append(notes, Footnote{Marker: marker, Text: text, Page: page})
			continue
		}
		notes[len(notes)-1].Text = joinNote(notes[len(notes)-1].Text, text)
	}
	return notes
}

func startsNote(l *pline) bool {
	m, _ := noteStart(l)
	return m != ""
}

// noteStart returns the note number a line starts with, raised or not,
// and the rest of its text.
func noteStart(l *pline) (string, string) {
	t := l.text()
	if len(l.segs) > 0 && len(l.segs[0].markers) > 0 && l.segs[0].first == 0 {
		return l.segs[0].markers[0], t
	}
	if len(l.glyphs) > 0 && l.glyphs[0].script > 0 && len(l.markers) > 0 {
		return l.markers[0], t
	}
	if m := leadingNumber.FindStringSubmatch(t); m != nil {
		return m[1], strings.TrimSpace(t[len(m[1]):])
	}
	return "", t
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

var notesHeading = map[string]bool{
	"notes": true, "endnotes": true, "footnotes": true, "notes de fin": true, "notes de bas de page": true,
	"notas": true, "notas finales": true, "notas al pie": true, "примечания": true, "сноски": true,
	"الحواشي": true, "ملاحظات": true, "الهوامش": true, "注释": true, "注": true, "尾注": true, "脚注": true,
}

// takeEndnotes removes an endnote list ("Notes" followed by numbered
// notes) from the end of the document and returns its notes.
func takeEndnotes(doc *Document) []Footnote {
	// Find the last notes heading.
	pi, li := -1, -1
	for p := len(doc.Pages) - 1; p >= 0 && pi < 0 && p >= len(doc.Pages)-3; p-- {
		for l := len(doc.Pages[p].Lines) - 1; l >= 0; l-- {
			if isNotesHeading(doc.Pages[p].Lines[l].Text) {
				pi, li = p, l
				break
			}
		}
	}
	if pi < 0 {
		return nil
	}
	// Everything after it must be numbered notes.
	var notes []Footnote
	var pending string // a number alone on its line: the note follows
	for p := pi; p < len(doc.Pages); p++ {
		from := 0
		if p == pi {
			from = li + 1
		}
		for _, l := range doc.Pages[p].Lines[from:] {
			t := strings.TrimSpace(l.Text)
			if len(l.Markers) > 0 && l.X0 > l.Left { // a raised number hanging before the note
				notes = append(notes, Footnote{Marker: l.Markers[0], Text: t, Page: l.Page})
				pending = ""
				continue
			}
			if m := leadingNumber.FindStringSubmatch(t); m != nil {
				rest := strings.TrimSpace(t[len(m[1]):])
				rest = strings.TrimLeft(rest, ".) ")
				if rest == "" {
					pending = m[1]
					continue
				}
				notes = append(notes, Footnote{Marker: m[1], Text: rest, Page: l.Page})
				continue
			}
			if pending != "" {
				notes = append(notes, Footnote{Marker: pending, Text: t, Page: l.Page})
				pending = ""
				continue
			}
			if len(notes) == 0 {
				return nil // not a list of notes
			}
			notes[len(notes)-1].Text = joinNote(notes[len(notes)-1].Text, t)
		}
	}
	if len(notes) == 0 {
		return nil
	}
	doc.Pages[pi].Lines = doc.Pages[pi].Lines[:li]
	for p := pi + 1; p < len(doc.Pages); p++ {
		doc.Pages[p].Lines = nil
	}
	return notes
}

func isNotesHeading(s string) bool {
	return notesHeading[strings.ToLower(strings.TrimRight(strings.TrimSpace(s), ":："))]
}
