package compare

// The two charts of the HTML report are drawn here as plain SVG text by a
// few small functions, without a chart library: a stacked bar per question
// and a grid of coloured cells do not justify the weight of a dependency
// (the Go chart libraries pull in font rasterisers and image encoders), and
// writing the elements directly lets every bar and cell carry what the
// report needs: a text label so that the charts read in black and white, a
// <title> tooltip, and data-* attributes that tests count.
//
// All text is escaped with template.HTMLEscapeString. Sizes are computed
// from the number of questions and States, from 1 question × 1 State to
// ~150 × ~195; the SVG has a viewBox, so the page scales it to its width.

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/width"
)

// svgStyle is how one kind of cell is drawn: its fill, the colour of its
// label, a short label printed on it and its legend text. The palette
// (blue / orange / red-brown, greys for the rest) stays distinguishable for
// colour-blind readers, and the short labels carry the meaning in print.
type svgStyle struct {
	Key, Short, Label, Fill, Ink, Stroke string
}

var svgStyles = map[string]svgStyle{
	cellYes:           {cellYes, "Y", "Yes", "#1f5fa8", "#ffffff", "#ffffff"},
	cellYesInPart:     {cellYesInPart, "P", "Yes, in part", "#f0a030", "#000000", "#ffffff"},
	cellNo:            {cellNo, "N", "No", "#8b3a1a", "#ffffff", "#ffffff"},
	cellNotApplicable: {cellNotApplicable, "NA", "Not applicable", "#b8b8b8", "#000000", "#ffffff"},
	cellAnswered:      {cellAnswered, "A", "Answered (no tick box)", "#9cc3e6", "#000000", "#ffffff"},
	cellUnanswered:    {cellUnanswered, "–", "Unanswered", "#ffffff", "#444444", "#777777"},
	cellNotExpected:   {cellNotExpected, "·", "Not expected to answer", "#ececec", "#444444", "#bbbbbb"},
	cellNotSubmitted:  {cellNotSubmitted, "", "Not submitted", "url(#saq-hatch)", "#444444", "#bbbbbb"},
}

var (
	spreadLegend  = []string{cellYes, cellYesInPart, cellNo, cellNotApplicable, cellAnswered, cellUnanswered}
	heatmapLegend = []string{cellYes, cellYesInPart, cellNo, cellNotApplicable, cellAnswered, cellUnanswered,
		cellNotExpected, cellNotSubmitted}
)

// heatmapTitledCells is the largest heat-map whose cells each get a
// tooltip.
const heatmapTitledCells = 6000

const svgFont = `'Noto Sans', 'DejaVu Sans', Arial, 'Noto Sans Arabic', 'Noto Sans CJK SC', sans-serif`

func svgEsc(s string) string { return template.HTMLEscapeString(s) }

// svgNum formats a coordinate with at most one decimal.
func svgNum(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// svgTextWidth estimates the width of s set at size px: East Asian wide
// characters take a full em, combining marks none, others about half.
func svgTextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch k := width.LookupRune(r).Kind(); {
		case k == width.EastAsianWide || k == width.EastAsianFullwidth:
			w += 1
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		case unicode.IsUpper(r) || r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 0.7
		default:
			w += 0.56
		}
	}
	return w * size
}

// svgRTL reports whether the first strongly directional character of s is
// right to left (Arabic, Hebrew).
func svgRTL(s string) bool {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// svgFit cuts s to fit in maxW px at size px, ending with "…".
func svgFit(s string, maxW, size float64) string {
	s = strings.Join(strings.Fields(s), " ")
	if svgTextWidth(s, size) <= maxW {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimRight(string(rs[:n]), " ,;:") + "…"
		if svgTextWidth(t, size) <= maxW {
			return t
		}
	}
	return "…"
}

// svgWrap breaks s into at most maxLines lines of maxW px at size px,
// at spaces, or anywhere in words too long for a line (and in text without
// spaces, such as Chinese); the last line ends with "…" if s is cut.
func svgWrap(s string, maxW, size float64, maxLines int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		cand := word
		if cur != "" {
			cand = cur + " " + word
		}
		if svgTextWidth(cand, size) <= maxW {
			cur = cand
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for svgTextWidth(word, size) > maxW {
			rs := []rune(word)
			n := 1
			for n < len(rs) && svgTextWidth(string(rs[:n+1]), size) <= maxW {
				n++
			}
			lines = append(lines, string(rs[:n]))
			word = string(rs[n:])
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > maxLines {
		lines = append(lines[:maxLines-1], svgFit(strings.Join(lines[maxLines-1:], " ")+" …", maxW, size))
	}
	return lines
}

// svgChart is a drawn chart and its size in px.
type svgChart struct {
	SVG  string
	W, H float64
}

// FitsPage reports whether the chart, scaled to the width of an A4 or
// Letter page (about 680 px inside the margins), is short enough to keep
// on one page; taller charts are printed at full width across pages.
func (c svgChart) FitsPage() bool { return c.H*680/c.W <= 900 }

// svgOpen starts an accessible SVG: role img, labelled by its <title> and
// described by its <desc>.
func svgOpen(b *strings.Builder, id string, w, h float64, title, desc string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" class="chart" role="img" aria-labelledby="%s-title %s-desc" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s" font-size="10">`+"\n",
		id, id, id, svgNum(w), svgNum(h), svgNum(w), svgNum(h), svgEsc(svgFont))
	fmt.Fprintf(b, "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", id, svgEsc(title), id, svgEsc(desc))
	b.WriteString(`<rect x="0" y="0" width="` + svgNum(w) + `" height="` + svgNum(h) + `" fill="#ffffff"/>` + "\n")
}

// svgLegend draws the legend of keys from (x, y), wrapping at maxW, and
// returns its height. Each swatch carries its short label.
func svgLegend(b *strings.Builder, keys []string, x, y, maxW float64) float64 {
	const sw, size, gap, lineH = 16.0, 11.0, 16.0, 22.0
	b.WriteString(`<g class="legend" aria-hidden="true">` + "\n")
	cx, cy := x, y
	for _, k := range keys {
		st := svgStyles[k]
		w := sw + 5 + svgTextWidth(st.Label, size) + gap
		if cx > x && cx+w > x+maxW {
			cx, cy = x, cy+lineH
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#555555" stroke-width="0.8" data-legend="%s"/>`,
			svgNum(cx), svgNum(cy), svgNum(sw), svgNum(sw), st.Fill, k)
		if st.Short != "" {
			fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="8" font-weight="bold" fill="%s">%s</text>`,
				svgNum(cx+sw/2), svgNum(cy+sw/2+3), st.Ink, svgEsc(st.Short))
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s">%s</text>`+"\n", svgNum(cx+sw+5), svgNum(cy+12), svgNum(size), svgEsc(st.Label))
		cx += w
	}
	b.WriteString("</g>\n")
	return cy - y + lineH
}

// svgHatch is the grey hatching of "not submitted" cells.
const svgHatch = `<defs><pattern id="saq-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
	`<rect width="5" height="5" fill="#e4e4e4"/><line x1="0" y1="0" x2="0" y2="5" stroke="#8a8a8a" stroke-width="1.6"/></pattern></defs>` + "\n"

// svgSpread draws, per question, a horizontal stacked bar of its spread:
// Yes / Yes, in part / No / Not applicable / Unanswered (answered and
// unanswered for questions without tick boxes), on one scale, with the
// counts written on the segments that have room and after every bar.
func svgSpread(qs []Question) svgChart {
	const (
		margin = 10.0
		labelW = 290.0
		barW   = 370.0
		sumW   = 180.0
		rowH   = 50.0
		barH   = 22.0
	)
	barX := margin + labelW + 12
	sumX := barX + barW + 10
	w := sumX + sumW + margin
	var body strings.Builder
	legendH := svgLegend(&body, spreadLegend, margin, margin, w-2*margin)
	top := margin + legendH + 18
	maxTotal := 0
	for i := range qs {
		t := 0
		for _, p := range distributionParts(&qs[i]) {
			t += p.N
		}
		maxTotal = max(maxTotal, t)
	}
	scale := barW / float64(max(maxTotal, 1))
	// Scale: 0 and the largest number of States answering a question.
	fmt.Fprintf(&body, `<g class="axis" aria-hidden="true" fill="#444444"><text x="%s" y="%s" text-anchor="middle">0</text><text x="%s" y="%s" text-anchor="end">%d States</text></g>`+"\n",
		svgNum(barX), svgNum(top-5), svgNum(barX+float64(maxTotal)*scale), svgNum(top-5), maxTotal)
	if len(qs) == 0 {
		fmt.Fprintf(&body, `<text x="%s" y="%s">No questions to chart.</text>`+"\n", svgNum(margin), svgNum(top+20))
	}
	for i := range qs {
		q := &qs[i]
		y := top + float64(i)*rowH
		if i%2 == 1 {
			fmt.Fprintf(&body, `<rect x="0" y="%s" width="%s" height="%s" fill="#f3f3f3"/>`+"\n", svgNum(y), svgNum(w), svgNum(rowH))
		}
		ref := questionRef(q)
		fmt.Fprintf(&body, `<text x="%s" y="%s" font-size="11" font-weight="bold">%s</text>`+"\n",
			svgNum(margin), svgNum(y+14), svgEsc(svgFit(questionHeader(q), labelW, 11)))
		if lines := svgWrap(q.QuestionText, labelW, 10, 2); len(lines) > 0 {
			// Arabic text is set right to left from the right edge of the column.
			tx, dir := margin, ""
			if svgRTL(q.QuestionText) {
				tx, dir = margin+labelW, ` direction="rtl"`
			}
			fmt.Fprintf(&body, `<text x="%s" y="%s" fill="#333333"%s><title>%s</title>`,
				svgNum(tx), svgNum(y+28), dir, svgEsc(strings.Join(strings.Fields(q.QuestionText), " ")))
			for j, l := range lines {
				fmt.Fprintf(&body, `<tspan x="%s" y="%s">%s</tspan>`, svgNum(tx), svgNum(y+28+float64(j)*12), svgEsc(l))
			}
			body.WriteString("</text>\n")
		}
		parts := distributionParts(q)
		var aria, summary []string
		for _, p := range parts {
			aria = append(aria, fmt.Sprintf("%s %d", choiceTitle[p.Key], p.N))
			summary = append(summary, fmt.Sprintf("%s %d", svgStyles[p.Key].Short, p.N))
		}
		fmt.Fprintf(&body, `<g class="bar" data-question="%s" aria-label="%s">`+"\n", svgEsc(ref), svgEsc(ref+": "+strings.Join(aria, ", ")))
		x, by := barX, y+(rowH-barH)/2
		for _, p := range parts {
			if p.N == 0 {
				continue
			}
			st := svgStyles[p.Key]
			sw := float64(p.N) * scale
			fmt.Fprintf(&body, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="%s" stroke-width="1" data-choice="%s" data-count="%d"><title>%s</title></rect>`,
				svgNum(x), svgNum(by), svgNum(sw), svgNum(barH), st.Fill, st.Stroke, p.Key, p.N, svgEsc(fmt.Sprintf("%s — %s: %d", ref, choiceTitle[p.Key], p.N)))
			label := st.Short + " " + strconv.Itoa(p.N)
			if svgTextWidth(label, 10)+6 > sw {
				label = strconv.Itoa(p.N)
			}
			if svgTextWidth(label, 10)+4 <= sw {
				fmt.Fprintf(&body, `<text x="%s" y="%s" text-anchor="middle" fill="%s" font-weight="bold" pointer-events="none">%s</text>`,
					svgNum(x+sw/2), svgNum(by+barH/2+3.5), st.Ink, svgEsc(label))
			}
			body.WriteString("\n")
			x += sw
		}
		fmt.Fprintf(&body, `<text x="%s" y="%s" fill="#222222">%s</text>`+"\n</g>\n",
			svgNum(sumX), svgNum(by+barH/2+3.5), svgEsc(svgFit(strings.Join(summary, " · "), sumW, 10)))
	}
	h := top + float64(max(len(qs), 1))*rowH + margin
	var b strings.Builder
	svgOpen(&b, "saq-spread", w, h, "Answer spread per question",
		fmt.Sprintf("Stacked horizontal bars, one per question (%d questions), counting the States that ticked Yes (Y), Yes, in part (P), No (N), Not applicable (NA) or nothing (–); for questions without tick boxes, the States that answered (A) or not (–). The counts are written after each bar.", len(qs)))
	b.WriteString(body.String())
	b.WriteString("</svg>")
	return svgChart{SVG: b.String(), W: w, H: h}
}

// svgHeatmap draws the States (rows) by the questions (columns), each cell
// coloured by the State's answer and marked with its short label; the
// States that submitted nothing on an article are hatched in grey. Columns
// are labelled by question key, vertically, and a line separates articles.
func svgHeatmap(c *Comparison, rows []reportRow) svgChart {
	const margin, size = 10.0, 10.0
	qs := c.Questions
	cell := 18.0
	switch {
	case len(qs) > 90 || len(rows) > 120:
		cell = 12
	case len(qs) > 40 || len(rows) > 60:
		cell = 14
	}
	rowLabel := func(r reportRow) string {
		if r.Absent {
			return r.Label() + " · not submitted"
		}
		return r.Label()
	}
	labelW := 60.0
	for _, r := range rows {
		labelW = max(labelW, svgTextWidth(rowLabel(r), size))
	}
	labelW = math.Ceil(min(labelW, 240) + 8)
	colH := 30.0
	for i := range qs {
		colH = max(colH, math.Ceil(svgTextWidth(questionRef(&qs[i]), size)+8))
	}
	gridX := margin + labelW
	w := max(gridX+float64(len(qs))*cell+margin, 600)
	var body strings.Builder
	body.WriteString(svgHatch)
	legendH := svgLegend(&body, heatmapLegend, margin, margin, w-2*margin)
	gridY := margin + legendH + 10 + colH
	gridH := float64(len(rows)) * cell
	if len(qs) == 0 || len(rows) == 0 {
		fmt.Fprintf(&body, `<text x="%s" y="%s">No answers to chart.</text>`+"\n", svgNum(margin), svgNum(gridY+14))
	}
	// Column labels and article separators.
	body.WriteString(`<g class="columns" font-size="10">` + "\n")
	for j := range qs {
		q := &qs[j]
		x := gridX + float64(j)*cell
		fmt.Fprintf(&body, `<text transform="translate(%s %s) rotate(-90)">%s</text>`+"\n",
			svgNum(x+cell/2+3.5), svgNum(gridY-4), svgEsc(questionRef(q)))
		if j > 0 && (qs[j-1].Instrument != q.Instrument || qs[j-1].Article != q.Article) {
			fmt.Fprintf(&body, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000" stroke-width="1.5"/>`+"\n",
				svgNum(x), svgNum(gridY-colH), svgNum(x), svgNum(gridY+gridH))
		}
	}
	body.WriteString("</g>\n")
	index := make([]map[string]*Answer, len(qs))
	for j := range qs {
		index[j] = answersByState(&qs[j])
	}
	// Each cell has its own tooltip up to heatmapTitledCells cells; above
	// that only the rows do, to keep the file small (150 questions × 195
	// States is ~29,000 cells).
	cellTitles := len(qs)*len(rows) <= heatmapTitledCells
	ts := cell * 0.48
	for i, r := range rows {
		y := gridY + float64(i)*cell
		label := svgFit(rowLabel(r), labelW-8, size)
		style := ""
		if r.Absent {
			style = ` fill="#666666" font-style="italic"`
		}
		fmt.Fprintf(&body, `<g class="row" data-state="%s"><title>%s</title>`+"\n"+`<text x="%s" y="%s" text-anchor="end"%s>%s</text>`+"\n",
			svgEsc(r.Code), svgEsc(rowLabel(r)), svgNum(gridX-6), svgNum(y+cell/2+3.5), style, svgEsc(label))
		var texts strings.Builder
		body.WriteString(`<g stroke="#ffffff" stroke-width="0.5">`)
		for j := range qs {
			q := &qs[j]
			k := cellOf(q, r, index[j][r.Code])
			st := svgStyles[k]
			x := gridX + float64(j)*cell
			fmt.Fprintf(&body, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" data-choice="%s"`,
				svgNum(x), svgNum(y), svgNum(cell), svgNum(cell), st.Fill, k)
			if cellTitles {
				fmt.Fprintf(&body, `><title>%s</title></rect>`, svgEsc(r.Label()+" — "+questionRef(q)+": "+choiceTitle[k]))
			} else {
				body.WriteString("/>")
			}
			if st.Short != "" {
				fill := ""
				if st.Ink != "#000000" {
					fill = ` fill="` + st.Ink + `"`
				}
				fmt.Fprintf(&texts, `<text x="%s" y="%s"%s>%s</text>`, svgNum(x+cell/2), svgNum(y+cell/2+cell*0.17), fill, svgEsc(st.Short))
			}
		}
		body.WriteString("</g>\n")
		fmt.Fprintf(&body, `<g text-anchor="middle" font-size="%s" pointer-events="none" aria-hidden="true">%s</g>`+"\n</g>\n", svgNum(ts), texts.String())
	}
	if len(qs) > 0 && len(rows) > 0 {
		fmt.Fprintf(&body, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#555555" stroke-width="1"/>`+"\n",
			svgNum(gridX), svgNum(gridY), svgNum(float64(len(qs))*cell), svgNum(gridH))
	}
	h := gridY + max(gridH, 24) + margin
	var b strings.Builder
	svgOpen(&b, "saq-heatmap", w, h, "Answers by State and question",
		fmt.Sprintf("Grid of %d States (rows) by %d questions (columns). Each cell shows the State's answer by colour and letter: Y Yes, P Yes, in part, N No, NA Not applicable, A answered (question without tick boxes), – unanswered, · not expected to answer; grey hatching marks a State that submitted nothing on the article.", len(rows), len(qs)))
	b.WriteString(body.String())
	b.WriteString("</svg>")
	return svgChart{SVG: b.String(), W: w, H: h}
}
