package extract

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/pdftext"
)

// The segmenter reads the lines of a document in order and cuts them into
// questions: instrument parts and article headings set the context,
// paragraph labels the paragraph, a question label opens a question, and
// a question's text runs until its tick boxes, an "Answer:" label, or the
// point where the print says the question has ended (a question mark or
// full stop at a paragraph end, a change of style, a new table cell).
// Everything after that, up to the next heading or question, is the answer.

type phase uint8

const (
	inQuestion phase = iota // reading the question's own text
	inAnswer                // reading the narrative answer
)

type draft struct {
	section   int  // which article heading it came under
	guessed   bool // the instrument was guessed, not printed
	inst      saq.Instrument
	article   int
	paragraph string
	cluster   string
	label     questionLabel
	qlines    []pdftext.Line
	alines    []pdftext.Line
	choice    saq.Choice
	offered   bool // tick boxes or an answer label were printed
	phase     phase
	pages     []int
}

type segmenter struct {
	lay      layout
	docInsts []saq.Instrument // instruments the cover names
	inst     saq.Instrument
	partSet  bool // inst comes from a part heading, not from guessing
	section  int  // counts article headings
	guessed  bool // the current section's instrument is a guess
	cluster  string
	article  int
	para     string
	pending  *saq.Choice // boxes met before the question they belong to
	lastQ    int         // number of the last question
	fresh    bool        // no question yet under the current article
	cur      *draft
	done     []*draft
	preamble []pdftext.Line // lines before the first article: cover and general information
	warnings []string
	clusters map[string]bool // cluster sections met (instrument-cut questionnaires)
}

func segment(lines []pdftext.Line, docInsts []saq.Instrument) *segmenter {
	s := &segmenter{lay: measureLayout(lines), docInsts: docInsts, fresh: true, clusters: map[string]bool{}}
	for i := 0; i < len(lines); i++ {
		i = s.line(lines, i)
	}
	s.close()
	return s
}

// line handles lines[i] and returns the index of the last line it used.
func (s *segmenter) line(lines []pdftext.Line, i int) int {
	l := lines[i]
	t := strings.TrimSpace(l.Text)
	if t == "" || isTableHeader(t) || (l.Column > 0 && tableHeaders[strings.ToLower(t)]) {
		return i
	}
	{
		if inst, isPart := parsePart(t); isPart && (inst != "" || headingStyle(l)) {
			// The part's title may wrap over the next lines.
			j := s.headingTail(lines, i)
			if inst == "" || j > i {
				joined := ""
				for k := i; k <= j; k++ {
					joined = joinWords(joined, lines[k].Text)
				}
				if i == j && i+1 < len(lines) {
					joined = joinWords(joined, lines[i+1].Text)
					j = i + 1
				}
				inst, _ = parsePart(joined)
			}
			if inst != "" {
				s.close()
				s.setInstrument(inst)
				return j
			}
		}
		if _, isArticle := parseArticleHeading(t, l.Bold); isArticle {
			// handled below
		} else if inst, ok := instrumentTitleLine(t); ok && headingStyle(l) && s.canHead() {
			s.close()
			s.setInstrument(inst)
			return s.headingTail(lines, i)
		}
		if cl, ok := clusterIn(t); ok && headingStyle(l) && len(strings.Fields(t)) <= 14 && s.canHead() {
			s.close()
			s.cluster = cl
			s.clusters[cl] = true
			return s.headingTail(lines, i)
		}
	}
	if h, ok := parseArticleHeading(t, l.Bold); ok && s.acceptArticle(h, l) {
		s.close()
		j := i
		if h.needTitle && i+1 < len(lines) {
			next := strings.TrimSpace(lines[i+1].Text)
			if _, isQ := parseQuestionLabel(next); !isQ && (knownTitle(next) || (headingStyle(lines[i+1]) && looksLikeTitle(next))) {
				h.title = next
				j = i + 1
			}
		}
		s.setArticle(h)
		return j
	}
	if p, ok := parseParagraph(t); ok {
		s.close()
		s.para = p
		return i
	}
	if q, ok := parseQuestionLabel(t); ok && s.acceptQuestion(q, lines, i) {
		s.close()
		s.open(q, l)
		return i
	}
	if s.cur == nil {
		if s.article == 0 {
			s.preamble = append(s.preamble, l)
			return i
		}
		// Boxes before their question: a table row cut between a paragraph
		// label and the question can put the answer cell first.
		if c, ok := parseChoiceLine(t); ok {
			s.pending = &c
		} else if c, rest, ok := parseAnswerLabel(t); ok && rest == "" {
			s.pending = &c
		}
		return i
	}
	return s.cur.add(s, lines, i)
}

// headingTail consumes the lines that continue a heading at i (a long
// part title wraps) and returns the last one.
func (s *segmenter) headingTail(lines []pdftext.Line, i int) int {
	for i+1 < len(lines) {
		n := lines[i+1]
		t := strings.TrimSpace(n.Text)
		if n.Bold != lines[i].Bold || n.Gap < 0 || n.Gap > s.lay.paraGap(n.Size) || n.Size < lines[i].Size-0.5 {
			break
		}
		if _, ok := parseArticleHeading(t, n.Bold); ok {
			break
		}
		if _, ok := parseQuestionLabel(t); ok {
			break
		}
		if !headingStyle(n) {
			break
		}
		i++
	}
	return i
}

// insideText reports whether a question is open and still reading its text.
func (s *segmenter) insideText() bool {
	return s.cur != nil && s.cur.phase == inQuestion && !s.cur.labelOnly()
}

// canHead reports whether a heading may come now: no question is open, or
// its text has ended (a question left unanswered before the next section).
func (s *segmenter) canHead() bool {
	if !s.insideText() {
		return true
	}
	q := s.cur.qlines
	return endsSentence(q[len(q)-1].Text)
}

func headingStyle(l pdftext.Line) bool { return l.Bold || l.Size >= 12.5 }

func (s *segmenter) setInstrument(inst saq.Instrument) {
	s.inst, s.partSet = inst, true
	s.article, s.para, s.fresh = 0, "", true
}

// acceptArticle resolves the heading's instrument and checks the article
// exists; headings in running text (inside a question) need heading style.
func (s *segmenter) acceptArticle(h articleHeading, l pdftext.Line) bool {
	if s.insideText() {
		// A question without an answer is followed directly by the next
		// heading; a question's own text ends a sentence before one, or
		// sits in a table the heading is outside of.
		q := s.cur.qlines
		last := q[len(q)-1]
		outside := last.Column > 0 && l.Column == 0
		if !outside && (!endsSentence(last.Text) || !(headingStyle(l) || h.needTitle || l.Gap > s.lay.paraGap(l.Size))) {
			return false
		}
	}
	inst := s.resolveInstrument(h)
	_, ok := saq.LookupArticle(inst, h.number)
	return ok
}

// resolveInstrument decides which instrument an article heading belongs
// to. The heading's own reference wins ("Article 5 of the Convention").
// Then its title: "Article 11. Border measures" cannot be the Convention's
// article 11, so it is the TIP or SOM article among the instruments the
// document covers. Then the section we are in — unless the numbering
// starts again lower without a part heading, which in a document covering
// several instruments means the next instrument. Last, the only instrument
// the document covers, or the Convention.
func (s *segmenter) resolveInstrument(h articleHeading) saq.Instrument {
	if h.inst != "" {
		return h.inst
	}
	if h.title != "" {
		if as, ok := titleMatch(h.title); ok {
			cands := map[saq.Instrument]bool{}
			for _, a := range as {
				if a.Number == h.number {
					cands[a.Instrument] = true
				}
			}
			if cands[s.inst] {
				return s.inst
			}
			for _, di := range s.docInsts {
				if cands[di] && (s.inst == "" || instIndex(di) >= instIndex(s.inst)) {
					return di
				}
			}
			for _, i := range saq.Instruments {
				if cands[i] {
					return i
				}
			}
		}
	}
	if s.inst != "" {
		if s.partSet {
			return s.inst
		}
		// Without part headings the document moves on to the next
		// instrument it covers where the numbering starts again lower, or
		// where the article belongs to the document's cluster only in a
		// later instrument (TIP 5 then "Article 6": SOM article 6 is in
		// cluster I, TIP article 6 is not).
		var later []saq.Instrument
		for _, di := range s.docInsts {
			if instIndex(di) > instIndex(s.inst) {
				later = append(later, di)
			}
		}
		if s.cluster != "" && !inCluster(s.inst, h.number, s.cluster) {
			for _, di := range later {
				if inCluster(di, h.number, s.cluster) {
					return di
				}
			}
		}
		if h.number <= s.article { // the numbering starts again (or repeats)
			for _, di := range later {
				if s.cluster == "" || inCluster(di, h.number, s.cluster) {
					return di
				}
			}
			if len(later) > 0 {
				return later[0]
			}
		}
		return s.inst
	}
	if len(s.docInsts) > 0 {
		return s.docInsts[0]
	}
	return saq.UNTOC
}

// inCluster reports whether the cluster map places an article in a cluster.
func inCluster(inst saq.Instrument, article int, cluster string) bool {
	m, err := saq.DefaultClusterMap()
	if err != nil {
		return false
	}
	for _, e := range m.ClustersOf(inst, article) {
		if e.Cluster == cluster {
			return true
		}
	}
	return false
}

func instIndex(i saq.Instrument) int {
	for k, v := range saq.Instruments {
		if v == i {
			return k
		}
	}
	return len(saq.Instruments)
}

func (s *segmenter) setArticle(h articleHeading) {
	s.pending = nil
	if inst := s.resolveInstrument(h); inst != s.inst {
		s.inst, s.partSet = inst, false
	}
	s.article, s.para, s.fresh = h.number, "", true
	s.section++
	// Only a heading that names its instrument, or a part heading, is sure.
	s.guessed = h.inst == "" && !s.partSet
}

// acceptQuestion decides whether a numbered line opens a question. A label
// with the word "Question" always does. A bare number ("3.") must come next
// in the numbering and read like a question, so that numbered lists inside
// answers stay in the answers.
func (s *segmenter) acceptQuestion(q questionLabel, lines []pdftext.Line, i int) bool {
	if s.article == 0 {
		return false
	}
	// The question's first sentence: enough to see its question mark. A
	// paragraph label may open the cell: "2. Paragraph 1 / Has your …".
	text := q.text
	if _, ok := parseParagraph(text); ok {
		text = ""
	}
	for k := i + 1; k < len(lines) && k <= i+8 && (text == "" || !endsSentence(text)); k++ {
		if lines[k].Column != lines[i].Column || lines[k].RowStart {
			break
		}
		text += " " + lines[k].Text
	}
	if q.explicit {
		return true
	}
	next := q.n == s.lastQ+1 || (s.fresh && q.n == 1) || (strings.Contains(q.number, "(") && q.n == s.lastQ)
	skip := q.n > s.lastQ+1 && q.n <= s.lastQ+3
	like := questionLike(text)
	switch {
	case next && like:
		return true
	case next && lines[i].Bold && (s.cur == nil || !s.answerBold()):
		return true
	case next && lines[i].RowStart:
		return true // a numbered first cell of a table row
	case skip && like && strings.ContainsAny(text, "?？؟") && (s.cur == nil || s.cur.phase == inAnswer):
		return true
	}
	return false
}

// answerBold reports whether the open answer is printed in bold (then bold
// is no sign of a question).
func (s *segmenter) answerBold() bool {
	if s.cur == nil || len(s.cur.alines) == 0 {
		return false
	}
	n := 0
	for _, l := range s.cur.alines {
		if l.Bold {
			n++
		}
	}
	return n*2 > len(s.cur.alines)
}

func (s *segmenter) open(q questionLabel, l pdftext.Line) {
	if p, ok := parseParagraph(q.text); ok {
		// "1. | Paragraph 1 / question…": the number cell sits beside the
		// paragraph label that opens the question cell.
		s.para, q.text = p, ""
	}
	s.cur = &draft{inst: s.inst, article: s.article, paragraph: s.para, cluster: s.cluster, label: q,
		section: s.section, guessed: s.guessed}
	if s.pending != nil {
		s.cur.choice, s.cur.offered = *s.pending, true
		s.pending = nil
	}
	if q.text != "" {
		ql := l
		ql.Text = q.text
		s.cur.qlines = append(s.cur.qlines, ql)
	}
	s.cur.pages = append(s.cur.pages, l.Page)
	s.lastQ, s.fresh = q.n, false
}

// close finishes the open question: trailing subheadings ("Implementation
// in practice") are not part of its answer, and they end the paragraph.
func (s *segmenter) close() {
	if s.cur == nil {
		return
	}
	for len(s.cur.alines) > 0 {
		k := len(s.cur.alines) - 1
		if !s.subheading(s.cur.alines, k) {
			break
		}
		s.cur.alines = s.cur.alines[:k]
		s.para = ""
	}
	s.done = append(s.done, s.cur)
	s.cur = nil
}

// subheading reports whether lines[k], the last line of an answer, is a
// heading of the next part of the questionnaire rather than answer text.
func (s *segmenter) subheading(lines []pdftext.Line, k int) bool {
	l := lines[k]
	t := strings.TrimSpace(l.Text)
	if knownSubheading(t) {
		return true
	}
	words := len(strings.Fields(t))
	if words == 0 || words > 8 || endsSentence(t) || !startsSentence(t) || strings.ContainsAny(t, ",;") {
		return false
	}
	if k == 0 {
		return l.Bold || l.Italic
	}
	prev := lines[k-1]
	styled := (l.Bold && !prev.Bold) || (l.Italic && !prev.Italic)
	apart := l.Gap > s.lay.paraGap(l.Size) && endsSentence(prev.Text)
	return styled || (apart && short(l))
}

var subheadings = map[string]bool{}

func init() {
	for _, h := range []string{
		"implementation in practice", "implementation", "practical implementation", "legislation", "legislative framework",
		"technical assistance", "challenges", "challenges and technical assistance", "statistics", "examples", "good practices",
		"application dans la pratique", "mise en oeuvre dans la pratique", "mise en œuvre dans la pratique", "mise en œuvre",
		"législation", "assistance technique", "difficultés", "statistiques", "exemples", "bonnes pratiques",
		"aplicación en la práctica", "aplicación práctica", "aplicación", "legislación", "asistencia técnica", "dificultades",
		"estadísticas", "ejemplos", "buenas prácticas",
		"применение на практике", "практическое применение", "законодательство", "техническая помощь", "трудности",
		"статистика", "примеры",
		"التطبيق العملي", "التنفيذ العملي", "التشريعات", "المساعدة التقنية", "التحديات", "الإحصاءات",
		"实际执行情况", "实际执行", "立法", "技术援助", "挑战", "统计数据",
	} {
		subheadings[strings.ToLower(h)] = true
	}
}

func knownSubheading(t string) bool {
	return subheadings[strings.ToLower(strings.TrimRight(strings.TrimSpace(t), ":："))]
}

func (d *draft) labelOnly() bool { return d.phase == inQuestion && len(d.qlines) == 0 }

// add takes line i into the open question.
// add takes line i into the open question and returns the last line used.
func (d *draft) add(s *segmenter, lines []pdftext.Line, i int) int {
	l := lines[i]
	t := strings.TrimSpace(l.Text)
	if !slices.Contains(d.pages, l.Page) {
		d.pages = append(d.pages, l.Page)
	}
	if c, ok := parseChoiceLine(t); ok && (d.phase == inQuestion || len(d.alines) == 0) {
		// Options that wrap onto a second line: "Yes No Partially ✓" /
		// "Not applicable".
		used := i
		if i+1 < len(lines) && lines[i+1].Column == l.Column {
			if c2, ok := parseChoiceLine(t + " " + strings.TrimSpace(lines[i+1].Text)); ok && onlyOptions(lines[i+1].Text) {
				c, used = c2, i+1
			}
		}
		d.offered = true
		if d.choice == saq.Unanswered {
			d.choice = c
		}
		d.phase = inAnswer
		return used
	}
	if before, c, after, ok := splitChoice(t); ok && (d.phase == inQuestion || len(d.alines) == 0) {
		// Boxes sharing a line with the end of the question or the start of
		// the answer.
		d.offered = true
		if d.choice == saq.Unanswered {
			d.choice = c
		}
		if before != "" && d.phase == inQuestion {
			l.Text = before
			d.qlines = append(d.qlines, l)
		}
		d.phase = inAnswer
		if after != "" {
			l.Text = after
			d.alines = append(d.alines, l)
		}
		return i
	}
	if c, rest, ok := parseAnswerLabel(t); ok && (d.phase == inQuestion || len(d.alines) == 0) {
		d.offered = d.offered || c != saq.Unanswered || rest == ""
		if d.choice == saq.Unanswered {
			d.choice = c
		}
		d.phase = inAnswer
		if rest != "" {
			l.Text = rest
			d.alines = append(d.alines, l)
		}
		return i
	}
	if d.phase == inAnswer && len(d.qlines) > 0 {
		// A table row cut by a page break: the answer cell was read to the
		// bottom of the page, then the question cell goes on overleaf.
		lq := d.qlines[len(d.qlines)-1]
		if l.Page > lq.Page && l.Column > 0 && math.Abs(l.X0-lq.X0) < 3 && !endsSentence(lq.Text) &&
			(len(d.alines) == 0 || d.alines[len(d.alines)-1].Page < l.Page) {
			d.qlines = append(d.qlines, l)
			return i
		}
	}
	if d.phase == inQuestion {
		if len(d.qlines) == 0 || !s.questionEnded(d.qlines[len(d.qlines)-1], l) {
			d.qlines = append(d.qlines, l)
			return i
		}
		d.phase = inAnswer
	}
	d.alines = append(d.alines, l)
	return i
}

// questionEnded decides whether line next, after question line last,
// starts the answer.
func (s *segmenter) questionEnded(last, next pdftext.Line) bool {
	if next.Page == last.Page && (next.Column != last.Column || next.RowStart) {
		return true // the answer is in its own table cell
	}
	if last.Bold != next.Bold || last.Italic != next.Italic {
		return true
	}
	t := strings.TrimSpace(last.Text)
	if !endsSentence(t) {
		return false
	}
	return endsEarly(last, next) || next.Gap > s.lay.paraGap(next.Size) || next.Gap < 0 && startsSentence(next.Text)
}

// answers turns the drafts into answers.
func (s *segmenter) answers(notes []pdftext.Footnote) ([]saq.Answer, []string) {
	s.checkInstruments()
	var out []saq.Answer
	var warnings []string
	dropped := 0
	for _, d := range s.done {
		if d.article == 0 {
			dropped++
			continue
		}
		inst := d.inst
		if inst == "" {
			inst = saq.UNTOC
		}
		a := saq.Answer{
			Instrument:   inst,
			Article:      fmt.Sprint(d.article),
			Paragraph:    d.paragraph,
			Question:     d.label.number,
			QuestionText: s.lay.join(d.qlines),
			Choice:       d.choice,
			Text:         s.lay.join(d.alines),
			Pages:        d.answerPages(),
		}
		a.Footnotes = footnotesFor(d, notes)
		out = append(out, a)
	}
	if dropped > 0 {
		warnings = append(warnings, fmt.Sprintf("%d numbered item(s) outside any article were not read as questions", dropped))
	}
	return out, warnings
}

func (d *draft) answerPages() []int {
	ps := map[int]bool{}
	for _, l := range d.qlines {
		ps[l.Page] = true
	}
	for _, l := range d.alines {
		ps[l.Page] = true
	}
	if len(ps) == 0 {
		for _, p := range d.pages {
			ps[p] = true
		}
	}
	out := make([]int, 0, len(ps))
	for p := range ps {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// footnotesFor returns the notes whose markers the answer carries: the
// note of the same number on the same page, else in the endnotes.
func footnotesFor(d *draft, notes []pdftext.Footnote) []string {
	var out []string
	for _, l := range append(append([]pdftext.Line(nil), d.qlines...), d.alines...) {
		for _, m := range l.Markers {
			var found *pdftext.Footnote
			for k := range notes {
				n := &notes[k]
				if n.Marker == m && (n.Page == l.Page || found == nil) {
					found = n
					if n.Page == l.Page {
						break
					}
				}
			}
			if found != nil && !slices.Contains(out, found.Text) {
				out = append(out, found.Text)
			}
		}
	}
	return out
}

var tableHeaders = map[string]bool{}

func init() {
	for _, h := range []string{"question", "questions", "answer", "answers", "response", "responses", "reply", "no.", "no", "n°", "nº", "n.º", "n.°", "núm.", "№", "#",
		"réponse", "réponses", "pregunta", "preguntas", "respuesta", "respuestas", "вопрос", "ответ", "السؤال", "الجواب", "الإجابة",
		"问题", "答复", "article", "artículo", "статья", "المادة", "条款", "reference", "référence", "referencia"} {
		tableHeaders[h] = true
	}
}

// isTableHeader recognises the header row of a question/answer table
// ("Question Answer", "No. Question Response").
func isTableHeader(t string) bool {
	f := strings.Fields(strings.ToLower(t))
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		if !tableHeaders[w] {
			return false
		}
	}
	return true
}

// checkInstruments corrects guessed instruments with what the questions
// themselves say: "Please provide examples of the implementation of
// article 5 of the Trafficking in Persons Protocol" places its section
// in TIP whatever the numbering suggested.
func (s *segmenter) checkInstruments() {
	votes := map[int]map[saq.Instrument]int{}
	for _, d := range s.done {
		if !d.guessed || d.article == 0 {
			continue
		}
		if inst, ok := articleReference(s.lay.join(d.qlines), d.article); ok {
			if votes[d.section] == nil {
				votes[d.section] = map[saq.Instrument]int{}
			}
			votes[d.section][inst]++
		}
	}
	for _, d := range s.done {
		v := votes[d.section]
		if len(v) != 1 {
			continue // no reference, or references that disagree
		}
		for inst := range v {
			if _, ok := saq.LookupArticle(inst, d.article); ok {
				d.inst = inst
			}
		}
	}
}

var numberRe = regexp.MustCompile(`\d+`)

// articleReference finds "article N of <instrument>" (in any language and
// word order) in a question and returns the instrument named next to N.
func articleReference(q string, n int) (saq.Instrument, bool) {
	want := strconv.Itoa(n)
	for _, loc := range numberRe.FindAllStringIndex(q, -1) {
		if q[loc[0]:loc[1]] != want {
			continue
		}
		// The instrument is named just after the number ("article 5 of the
		// Convention") or just before it ("《公约》第5条").
		after := q[loc[1]:min(len(q), loc[1]+90)]
		before := q[max(0, loc[0]-40):loc[0]]
		if inst, ok := instrumentIn(after); ok {
			return inst, true
		}
		if inst, ok := instrumentIn(before); ok && strings.ContainsAny(before, "》") {
			return inst, true
		}
	}
	return "", false
}
