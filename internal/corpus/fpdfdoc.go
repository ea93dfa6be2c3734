package corpus

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// geometry and spacing drawn from the document seed.
type geom struct {
	ml, mr, mt, mb float64
	split          float64 // share of the first column in two-column tables
	noW            float64 // width of the number column in three-column tables
	optGap         float64
	qGap, pGap     float64
	headRow        bool
	symRight       bool
	rule           bool
	titleCase      bool
	fitLabel       bool // table3: the number column fits whole labels (autofit), not only their longest word
}

func geomOf(sp *spec) geom {
	r := rand.New(rand.NewPCG(seedOf(sp.name), 77))
	g := geom{
		ml: 50 + float64(r.IntN(30)), mr: 45 + float64(r.IntN(30)),
		mt: 54 + float64(r.IntN(24)), mb: 50 + float64(r.IntN(24)),
		split: 0.38 + float64(r.IntN(14))/100, noW: 30 + float64(r.IntN(12)),
		optGap: 14 + float64(r.IntN(20)),
		qGap:   sp.size * (0.6 + float64(r.IntN(8))/10), pGap: sp.size * (0.25 + float64(r.IntN(5))/10),
		headRow: r.IntN(3) != 0, symRight: r.IntN(2) == 0, rule: r.IntN(2) == 0,
	}
	if sp.hard["tight"] {
		g.qGap, g.pGap = sp.size*0.3, 0
	}
	g.fitLabel = r.IntN(2) == 0
	return g
}

var fixedTime = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

// renderFpdf writes the document and returns its page count and the text
// runs drawn outside their boxes (none expected; see fw.overflow). It lays the
// document out twice: the first pass counts the pages for "Page n of m".
func renderFpdf(sp *spec, s *submission, path string, fonts *fontSet) (int, []string, error) {
	n, _, err := fpdfPass(sp, s, fonts, 0)
	if err != nil {
		return 0, nil, err
	}
	w, buf, err := fpdfRun(sp, s, fonts, n)
	if err != nil {
		return 0, nil, err
	}
	if w.page != n {
		if w, buf, err = fpdfRun(sp, s, fonts, w.page); err != nil {
			return 0, nil, err
		}
	}
	m := w.page
	for _, sec := range s.sections {
		for _, a := range sec.articles {
			for _, q := range a.questions {
				q.pageList = []int{}
				for p := range q.pages {
					q.pageList = append(q.pageList, p)
				}
				sort.Ints(q.pageList)
			}
		}
	}
	return m, w.overflow, os.WriteFile(path, buf, 0o644)
}

type fdoc struct {
	sp       *spec
	s        *submission
	w        *fw
	g        geom
	lg       *lang
	total    int
	lastPara string
	lineH    float64
	noW      float64 // width of the number column of three-column tables, once sized
}

// fpdfPass lays the document out and returns its page count and bytes.
func fpdfPass(sp *spec, s *submission, fonts *fontSet, total int) (int, []byte, error) {
	w, b, err := fpdfRun(sp, s, fonts, total)
	if err != nil {
		return 0, nil, err
	}
	return w.page, b, nil
}

// fpdfRun lays the document out; total is the page count printed in "Page n of m".
func fpdfRun(sp *spec, s *submission, fonts *fontSet, total int) (*fw, []byte, error) {
	size := "A4"
	if sp.paper == "letter" {
		size = "Letter"
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: size})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true) // resources in a fixed order: the same bytes on every run
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCreator("saq corpus generator", false)
	g := geomOf(sp)
	pw, ph := pdf.GetPageSize()
	w := &fw{pdf: pdf, utf8Fams: map[string]bool{}, pw: pw, ph: ph, ml: g.ml, mr: g.mr, mt: g.mt, mb: g.mb,
		justify: sp.justify, fnSize: sp.size - 2, fnLead: 1.15, fnCache: map[*footnote]*fnLayout{}}
	switch sp.prod {
	case "utf8":
		if sp.lang == "zh" {
			pdf.AddUTF8FontFromBytes("cjk", "", fonts.cjk)
			w.body = "cjk"
		} else {
			pdf.AddUTF8FontFromBytes("dejavu", "", fonts.regular)
			pdf.AddUTF8FontFromBytes("dejavu", "B", fonts.bold)
			pdf.AddUTF8FontFromBytes("dejavu", "I", fonts.italic)
			w.body = "dejavu"
		}
		w.utf8Fams[w.body] = true
		pdf.SetTitle(docTitle(sp.lang, s.cluster, s.instruments[0]), true)
	default:
		w.body = sp.font
		w.tr = pdf.UnicodeTranslatorFromDescriptor("")
		pdf.SetTitle(docTitle(sp.lang, s.cluster, s.instruments[0]), true)
	}
	if pdf.Err() {
		return nil, nil, pdf.Error()
	}
	d := &fdoc{sp: sp, s: s, w: w, g: g, lg: langs[sp.lang], total: total, lineH: sp.size * sp.lead}
	w.fnNote = func(fn *footnote) []run {
		return []run{{text: fmt.Sprint(fn.num), sup: true}, {text: " " + fn.text}}
	}
	w.header = d.header
	w.footer = d.footer
	for _, sec := range s.sections {
		for _, a := range sec.articles {
			for _, q := range a.questions {
				q.pages = nil
			}
		}
	}
	w.newPage()
	d.cover()
	d.body()
	w.finishPage()
	if pdf.Err() {
		return nil, nil, pdf.Error()
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, nil, err
	}
	return w, buf.Bytes(), nil
}

func (d *fdoc) style(st string) string {
	if d.w.body == "cjk" {
		return ""
	}
	return st
}

func (d *fdoc) small(w *fw, text string, x, y float64, align string) {
	sz := d.sp.size - 2
	w.pdf.SetFont(w.body, "", sz)
	tw := w.measure(w.body, "", sz, text)
	switch align {
	case "R":
		x -= tw
	case "C":
		x -= tw / 2
	}
	w.pdf.SetFont(w.body, "", sz)
	w.checkBox(w.ml, w.pw-w.mr, x, tw, text)
	w.pdf.Text(x, y, w.enc(w.body, text))
}

func (d *fdoc) header(w *fw) {
	sp := d.sp
	if sp.symbol && sp.symbolPos == "top" {
		y := w.mt * 0.55
		if d.g.symRight {
			d.small(w, d.s.symbol, w.pw-w.mr, y, "R")
		} else {
			d.small(w, d.s.symbol, w.ml, y, "L")
		}
		if d.g.rule {
			w.pdf.SetLineWidth(0.4)
			w.pdf.Line(w.ml, y+4, w.pw-w.mr, y+4)
		}
	}
}

func (d *fdoc) footer(w *fw) {
	sp := d.sp
	y := w.ph - w.mb*0.45
	if sp.symbol && sp.symbolPos == "bottom" {
		d.small(w, d.s.symbol, w.ml, y, "L")
	}
	if sp.pageLabel != "" {
		lab := pageLabel(sp.lang, sp.pageLabel, w.page, d.total)
		if sp.pageLabel == "of" {
			d.small(w, lab, w.pw-w.mr, y, "R")
		} else {
			d.small(w, lab, w.pw/2, y, "C")
		}
	}
}

func (d *fdoc) ps(size float64, align string) pstyle {
	return pstyle{size: size, lead: d.sp.lead, align: align}
}

func (d *fdoc) text(runs []run, ps pstyle, before, keep float64, q *question) {
	b := d.w.para(runs, ps, before, q)
	b.keep = keep
	d.w.emit(b)
}

// instList names the instruments inside a sentence.
func instList(lg string, insts []string) string {
	l := langs[lg]
	var parts []string
	for _, in := range insts {
		n := l.instName[in]
		switch lg {
		case "en":
			n = "the " + n
		case "fr":
			if in == untoc {
				n = "de la " + n
			} else {
				n = "du " + n
			}
		case "es":
			if in == untoc {
				n = "de la " + n
			} else {
				n = "del " + n
			}
		case "ru":
			if in == untoc {
				n = "Конвенции" + strings.TrimPrefix(n, "Конвенция")
			} else {
				n = "Протокола" + strings.TrimPrefix(n, "Протокол")
			}
		}
		parts = append(parts, n)
	}
	if lg == "zh" {
		return strings.Join(parts, "、")
	}
	and := map[string]string{"en": " and ", "fr": " et ", "es": " y ", "ru": " и "}[lg]
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + and + parts[len(parts)-1]
}

func introText(lg string, s *submission) string {
	il := instList(lg, s.instruments)
	date := langs[lg].formatDate(s.date)
	switch lg {
	case "fr":
		return "Le présent document contient les réponses " + s.st.self.gen + " au questionnaire d'auto-évaluation sur l'application " + il + ", établi aux fins du processus d'examen. Les informations fournies sont à jour au " + date + "."
	case "es":
		return "El presente documento contiene las respuestas " + s.st.self.gen + " al cuestionario de autoevaluación sobre la aplicación " + il + ", preparado para el proceso de examen. La información proporcionada está actualizada al " + date + "."
	case "ru":
		return "В настоящем документе содержатся ответы " + s.st.self.gen + " на вопросник для самооценки, касающийся осуществления " + il + ". Информация приводится по состоянию на " + date + "."
	case "zh":
		return "本文件载有" + s.st.self.nom + "对关于" + il + "执行情况的自评调查表的答复。所提供的资料截至" + date + "。"
	}
	return "This document contains the responses " + s.st.self.gen + " to the self-assessment questionnaire on the implementation of " + il + ", prepared for the review process under the Mechanism. The information provided is current as of " + date + "."
}

func coverValues(lg string, s *submission) [4]string {
	l := langs[lg]
	var names []string
	for _, in := range s.instruments {
		names = append(names, l.instName[in])
	}
	sep := "; "
	if lg == "zh" {
		sep = "；"
	}
	return [4]string{s.st.printed, strings.Join(names, sep), l.formatDate(s.date), l.langName}
}

func kvSep(lg string) string {
	switch lg {
	case "fr":
		return " : "
	case "zh":
		return "："
	}
	return ": "
}

func (d *fdoc) cover() {
	sp, s, w := d.sp, d.s, d.w
	sz := sp.size
	switch sp.cover {
	case "none":
		return
	case "intro":
		d.text([]run{{text: introText(sp.lang, s)}}, d.ps(sz, "L"), 0, 0, nil)
		return
	}
	title := docTitle(sp.lang, s.cluster, s.instruments[0])
	w.y += 10
	d.text([]run{{text: title, style: d.style("B")}}, pstyle{size: sz + 4, lead: 1.25, align: "C"}, 0, 0, nil)
	d.text([]run{{text: d.lg.mechanism}}, pstyle{size: sz - 1, lead: 1.25, align: "C"}, 6, 0, nil)
	w.y += 24
	vals := coverValues(sp.lang, s)
	if sp.cover == "kv" {
		for i, lab := range d.lg.coverLabels {
			d.text([]run{{text: lab + kvSep(sp.lang), style: d.style("B")}, {text: vals[i]}}, d.ps(sz, "L"), 4, 0, nil)
		}
	} else {
		lw := w.width() * 0.34
		for i, lab := range d.lg.coverLabels {
			c1 := &cell{x: w.ml, w: lw, pad: 5}
			c2 := &cell{x: w.ml + lw, w: w.width() - lw, pad: 5}
			c1.add(w.layout([]run{{text: lab, style: d.style("B")}}, c1.inner(), d.ps(sz, "L")), 0)
			c2.add(w.layout([]run{{text: vals[i]}}, c2.inner(), d.ps(sz, "L")), 0)
			w.emit(&block{cells: []*cell{c1, c2}, border: true, padT: 4, padB: 4})
		}
	}
	if sp.coverPage {
		w.newPage()
	} else {
		w.y += 20
	}
	d.text([]run{{text: d.lg.generalInfo, style: d.style("B")}}, d.ps(sz+1, "L"), 0, d.lineH*2, nil)
	d.text([]run{{text: introText(sp.lang, s)}}, d.ps(sz, d.align()), d.g.pGap+2, 0, nil)
}

func (d *fdoc) align() string {
	if d.sp.justify {
		return "J"
	}
	return "L"
}

// choiceRuns renders the answer options of a question.
func choiceRuns(sp *spec, choice string, fpdfCore bool) []run {
	labels, vals := optionLabels(sp.lang, sp.partAlt, sp.na)
	l := langs[sp.lang]
	gap := run{gap: 22}
	var rs []run
	if sp.tick == "answer" {
		rs = append(rs, run{text: l.answer, style: "B"})
		for i, v := range vals {
			if v == choice {
				rs = append(rs, run{text: " " + labels[i], nobreak: true})
			}
		}
		return rs
	}
	for i, v := range vals {
		on := v == choice
		if i > 0 {
			rs = append(rs, gap)
		}
		lab := labels[i]
		mark := func(a, b string) string {
			if on {
				return a
			}
			return b
		}
		switch sp.tick {
		case "box":
			rs = append(rs, run{text: mark("☒", "☐") + " " + lab, nobreak: true})
		case "box_check":
			rs = append(rs, run{text: mark("☑", "☐") + " " + lab, nobreak: true})
		case "bracket":
			rs = append(rs, run{text: mark("[X]", "[ ]") + " " + lab, nobreak: true})
		case "paren":
			rs = append(rs, run{text: mark("(X)", "( )") + " " + lab, nobreak: true})
		case "mark_after":
			if fpdfCore {
				rs = append(rs, run{text: lab + " " + mark("[X]", "[ ]"), nobreak: true})
			} else {
				rs = append(rs, run{text: lab + " " + mark("☒", "☐"), nobreak: true})
			}
		case "check":
			if on {
				if fpdfCore {
					rs = append(rs, run{text: "3", fam: "ZapfDingbats"}, run{text: " " + lab, nobreak: true})
				} else {
					rs = append(rs, run{text: "✓ " + lab, nobreak: true})
				}
			} else {
				rs = append(rs, run{text: lab, nobreak: true})
			}
		case "zapf_square":
			rs = append(rs, run{text: mark("n", "o"), fam: "ZapfDingbats"}, run{text: " " + lab, nobreak: true})
		case "zapf_cross":
			rs = append(rs, run{text: mark("8", "q"), fam: "ZapfDingbats"}, run{text: " " + lab, nobreak: true})
		case "rect_x":
			b := 1
			if on {
				b = 2
			}
			rs = append(rs, run{box: b}, run{text: " " + lab, nobreak: true})
		}
	}
	return rs
}

// narrativeRuns renders one answer paragraph with its footnote markers.
func narrativeRuns(lg string, q *question, pi int) []run {
	var rs []run
	for j, snt := range q.paras[pi] {
		t := snt
		if j > 0 && lg != "zh" {
			t = " " + t
		}
		rs = append(rs, run{text: t})
		for _, fn := range q.notes {
			if fn.para == pi && fn.snt == j {
				rs = append(rs, run{text: fmt.Sprint(fn.num), sup: true, fn: fn})
			}
		}
	}
	return rs
}

func (d *fdoc) body() {
	sp, s := d.sp, d.s
	sz := sp.size
	for _, sec := range s.sections {
		if s.cluster == "" {
			d.text([]run{{text: clusterHeading(sp.lang, sec.cluster), style: d.style("B")}}, d.ps(sz+2, "L"), d.g.qGap*2, d.lineH*4, nil)
		} else if sp.parts {
			d.text([]run{{text: partHeading(sp.lang, sec.partIdx, sec.inst), style: d.style("B")}}, d.ps(sz+2, "L"), d.g.qGap*2, d.lineH*4, nil)
		}
		for _, a := range sec.articles {
			d.lastPara = ""
			hs := articleHeading(sp.lang, sp.heading, a.inst, a.num)
			for i, h := range hs {
				before := d.g.qGap * 1.5
				st := "B"
				if i > 0 {
					before = 1
					if sp.heading == "D" {
						st = "I"
					}
				}
				d.text([]run{{text: h, style: d.style(st)}}, d.ps(sz+1, "L"), before, d.lineH*3, nil)
			}
			switch sp.layout {
			case "plain":
				for _, q := range a.questions {
					d.plainQuestion(q)
				}
			default:
				d.tableArticle(a)
			}
		}
	}
}

func (d *fdoc) questionRuns(q *question) []run {
	sp := d.sp
	lab := qLabel(sp.lang, sp.qlabel, q.number)
	ls, ts := "B", ""
	if sp.qBold {
		ts = "B"
	}
	if sp.hard["tight"] {
		ls, ts = "", ""
	}
	return []run{{text: lab, style: d.style(ls), nobreak: true}, {text: " " + q.text, style: d.style(ts)}}
}

func (d *fdoc) plainQuestion(q *question) {
	sp := d.sp
	sz := sp.size
	if sp.showPara && q.para != "" && q.para != d.lastPara {
		d.text([]run{{text: paraLabel(sp.lang, q.para), style: d.style("I")}}, d.ps(sz, "L"), d.g.qGap, d.lineH*3, nil)
		d.lastPara = q.para
	} else if q.para != "" {
		d.lastPara = q.para
	}
	if sp.subheads && q.kind == "examples" {
		d.text([]run{{text: d.lg.implPract, style: d.style("BI")}}, d.ps(sz, "L"), d.g.qGap, d.lineH*3, nil)
	}
	before := d.g.qGap
	if sp.showPara && q.para != "" {
		before = d.g.pGap
	}
	d.text(d.questionRuns(q), d.ps(sz, d.align()), before, d.lineH*1.5, nil)
	if q.offered {
		d.text(choiceRuns(sp, q.choice, sp.prod == "core"), d.ps(sz, "L"), d.g.pGap, 0, nil)
	}
	d.narrative(q, d.w.ml, d.w.width(), nil)
}

// narrative emits (or, with c set, adds to a cell) the answer paragraphs.
func (d *fdoc) narrative(q *question, x, width float64, c *cell) {
	sp := d.sp
	for pi := range q.paras {
		ps := d.ps(sp.size, d.align())
		ps.hyph = sp.hyph == "hard"
		before := d.g.pGap
		if q.list > 0 && pi >= q.listAt && pi < q.listAt+q.list {
			ps.firstLeft, ps.left = 12, 26
			ps.align = "L"
			if pi > q.listAt {
				before = 0
			}
		}
		runs := narrativeRuns(sp.lang, q, pi)
		if c != nil {
			ls := d.w.layout(runs, width, ps)
			for i := range ls {
				ls[i].q = q
			}
			c.add(ls, before)
			continue
		}
		d.text(runs, ps, before, 0, q)
	}
}

// numberColWidth sizes the number column of three-column tables, the same for
// the whole document, from its labels ("Pregunta 12:", "Вопрос 3.") and its
// header: wide enough for the longest word, so that a label wraps inside its
// cell as in a word processor's fixed-width table, or, with g.fitLabel, for
// the longest whole label, as an autofit column. Never narrower than the
// drawn g.noW.
func (d *fdoc) numberColWidth(pad float64) float64 {
	sp, w := d.sp, d.w
	ps := d.ps(sp.size, "L")
	need := 0.0
	fit := func(text string) {
		rs := []run{{text: text, style: d.style("B"), nobreak: d.g.fitLabel}}
		for _, t := range w.tokens(rs, ps) {
			need = math.Max(need, t.w)
		}
	}
	fit(d.lg.head3[0])
	for _, sec := range d.s.sections {
		for _, a := range sec.articles {
			for _, q := range a.questions {
				fit(qLabel(sp.lang, sp.qlabel, q.number))
			}
		}
	}
	wd := math.Max(d.g.noW, math.Ceil(need+2*pad+2))
	// a label too long even for this is broken by the layout
	return math.Min(wd, w.width()*0.3)
}

func (d *fdoc) tableArticle(a *article) {
	sp, w, g := d.sp, d.w, d.g
	sz := sp.size
	border := sp.layout != "borderless"
	pad := 5.0
	if !border {
		pad = 2
	}
	var xs, ws []float64
	if sp.layout == "table3" {
		if d.noW == 0 {
			d.noW = d.numberColWidth(pad)
		}
		rest := w.width() - d.noW
		xs = []float64{w.ml, w.ml + d.noW, w.ml + d.noW + rest*0.45}
		ws = []float64{d.noW, rest * 0.45, rest * 0.55}
	} else {
		l := w.width() * g.split
		xs = []float64{w.ml, w.ml + l}
		ws = []float64{l, w.width() - l}
	}
	mk := func() []*cell {
		var cs []*cell
		for i := range xs {
			cs = append(cs, &cell{x: xs[i], w: ws[i], pad: pad})
		}
		return cs
	}
	minSplit := (w.ph - w.mt - w.mb) * 0.3
	if g.headRow {
		cs := mk()
		heads := d.lg.head2[:]
		if sp.layout == "table3" {
			heads = d.lg.head3[:]
		}
		for i, c := range cs {
			c.fill = border
			c.add(w.layout([]run{{text: heads[i], style: d.style("B")}}, c.inner(), d.ps(sz, "L")), 0)
		}
		w.emit(&block{cells: cs, border: border, padT: 3, padB: 3, before: d.g.pGap, keep: d.lineH * 3})
	}
	for _, q := range a.questions {
		cs := mk()
		qc, ac := cs[0], cs[1]
		if sp.layout == "table3" {
			qc, ac = cs[1], cs[2]
			cs[0].add(w.layout([]run{{text: qLabel(sp.lang, sp.qlabel, q.number), style: d.style("B")}}, cs[0].inner(), d.ps(sz, "L")), 0)
		}
		if sp.showPara && q.para != "" && q.para != d.lastPara {
			qc.add(w.layout([]run{{text: paraLabel(sp.lang, q.para), style: d.style("I")}}, qc.inner(), d.ps(sz-1, "L")), 0)
		}
		if q.para != "" {
			d.lastPara = q.para
		}
		var qr []run
		if sp.layout == "table3" {
			ts := ""
			if sp.qBold {
				ts = "B"
			}
			qr = []run{{text: q.text, style: d.style(ts)}}
		} else {
			qr = d.questionRuns(q)
		}
		qc.add(w.layout(qr, qc.inner(), d.ps(sz, "L")), 2)
		if q.offered {
			ac.add(w.layout(choiceRuns(sp, q.choice, sp.prod == "core"), ac.inner(), d.ps(sz, "L")), 0)
		}
		d.narrative(q, ac.x+ac.pad, ac.inner(), ac)
		before := 0.0
		if !border {
			before = d.g.qGap
		}
		w.emit(&block{cells: cs, border: border, padT: pad, padB: pad, before: before, minSplit: minSplit})
	}
	w.y += d.g.pGap
}
