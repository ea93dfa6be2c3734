package compare

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/saq-review/saq"
)

// The output formats of a Comparison and of a draft list of Observations,
// beside their JSON form (encoding/json of the types): the answer matrix as
// CSV, Markdown, and a self-contained HTML report with two inline SVG charts
// (svg.go). None of them carries anything the Comparison does not: they are
// projections of it, so a State outside the caller's scope cannot appear.

// Cell values of the answer matrix: the keys of the answer vocabulary
// (saq.Choice), plus what a cell holds when the State has no answer.
const (
	cellYes           = "yes"
	cellYesInPart     = "yes_in_part"
	cellNo            = "no"
	cellNotApplicable = "not_applicable"
	cellAnswered      = "answered"      // a narrative answer to a question without tick boxes
	cellUnanswered    = "unanswered"    // nothing ticked (tick-box question) or nothing said
	cellNotExpected   = "not_expected"  // no answers on the article, and none due from the State
	cellNotSubmitted  = "not_submitted" // no answers on the article from a State expected to answer
)

// matrixLabel is how a cell reads in the CSV matrix.
var matrixLabel = map[string]string{
	cellYes:           "yes",
	cellYesInPart:     "yes in part",
	cellNo:            "no",
	cellNotApplicable: "n/a",
	cellAnswered:      "answered",
	cellUnanswered:    "",
	cellNotExpected:   "not expected",
	cellNotSubmitted:  "not submitted",
}

// choiceTitle is how a cell reads in the reports.
var choiceTitle = map[string]string{
	cellYes:           "Yes",
	cellYesInPart:     "Yes, in part",
	cellNo:            "No",
	cellNotApplicable: "Not applicable",
	cellAnswered:      "Answered",
	cellUnanswered:    "Unanswered",
	cellNotExpected:   "Not expected",
	cellNotSubmitted:  "Not submitted",
}

// instrumentTitle is the full name of each instrument.
var instrumentTitle = map[saq.Instrument]string{
	saq.UNTOC:    "United Nations Convention against Transnational Organized Crime",
	saq.TIP:      "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
	saq.SOM:      "Protocol against the Smuggling of Migrants by Land, Sea and Air",
	saq.FIREARMS: "Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition",
}

func instrumentFullName(in saq.Instrument) string {
	if t, ok := instrumentTitle[in]; ok {
		return t
	}
	return string(in)
}

// reportRow is one State of the matrix, the heat-map and the tables: the
// States compared, then those that submitted nothing on the articles.
type reportRow struct {
	Code, Name, Language string
	// NotSubmitted: the State has no answers on an article it was
	// expected to answer on (it may have answers on other articles).
	NotSubmitted bool
	// Absent: the State has no answers at all (listed only in
	// Comparison.NotSubmitted).
	Absent bool
}

// Label is "Name (CODE)".
func (r reportRow) Label() string {
	if r.Name == "" || r.Name == r.Code {
		return r.Code
	}
	return r.Name + " (" + r.Code + ")"
}

// reportRows lists the States of c in the order of c.Countries (sorted
// codes), then the States only in c.NotSubmitted.
func reportRows(c *Comparison) []reportRow {
	names, langs := map[string]string{}, map[string]string{}
	for _, s := range c.States {
		names[s.CountryCode], langs[s.CountryCode] = s.Country, s.Language
	}
	for _, q := range c.Questions {
		for _, a := range q.Answers {
			if names[a.CountryCode] == "" {
				names[a.CountryCode] = a.Country
			}
		}
	}
	resolve := func(s string) (string, string) {
		s = strings.TrimSpace(s)
		if n, ok := names[s]; ok {
			return s, n
		}
		if ct, ok := saq.LookupCountry(s); ok {
			if n := names[ct.Code]; n != "" {
				return ct.Code, n
			}
			return ct.Code, ct.Name
		}
		return s, s
	}
	notSubmitted := map[string]bool{}
	for _, s := range c.NotSubmitted {
		code, _ := resolve(s)
		notSubmitted[code] = true
	}
	var rows []reportRow
	seen := map[string]bool{}
	add := func(s string, absent bool) {
		code, name := resolve(s)
		if code == "" || seen[code] {
			return
		}
		seen[code] = true
		rows = append(rows, reportRow{Code: code, Name: name, Language: langs[code],
			NotSubmitted: notSubmitted[code], Absent: absent})
	}
	for _, s := range c.Countries {
		add(s, false)
	}
	// Defensive: States summarised or answering but missing from Countries.
	for _, s := range c.States {
		add(s.CountryCode, false)
	}
	for _, q := range c.Questions {
		for _, a := range q.Answers {
			add(a.CountryCode, false)
		}
	}
	for _, s := range c.NotSubmitted {
		add(s, true)
	}
	return rows
}

// answersByState indexes a question's answers by country code.
func answersByState(q *Question) map[string]*Answer {
	m := make(map[string]*Answer, len(q.Answers))
	for i := range q.Answers {
		m[q.Answers[i].CountryCode] = &q.Answers[i]
	}
	return m
}

// cellOf is the matrix cell of a State for a question; a is nil when the
// State has no answer to it.
func cellOf(q *Question, r reportRow, a *Answer) string {
	switch {
	case r.Absent:
		return cellNotSubmitted
	case a == nil && slices.Contains(q.NotSubmitted, r.Code):
		return cellNotSubmitted
	case a == nil:
		return cellNotExpected
	case !q.TickBox:
		if strings.TrimSpace(a.Text) != "" {
			return cellAnswered
		}
		return cellUnanswered
	}
	switch saq.Choice(a.Choice) {
	case saq.Yes:
		return cellYes
	case saq.YesInPart:
		return cellYesInPart
	case saq.No:
		return cellNo
	case saq.NotApplicable:
		return cellNotApplicable
	}
	return cellUnanswered
}

// questionRef is "UNTOC 5 Q1", the aligned question's short key.
func questionRef(q *Question) string {
	return fmt.Sprintf("%s %s Q%s", q.Instrument, q.Article, q.Question)
}

// questionHeader is the matrix column header and the report heading of a
// question: "UNTOC 5 Q1 (1(a)) measures".
func questionHeader(q *Question) string {
	h := questionRef(q)
	if p := strings.TrimSpace(q.Paragraph); p != "" {
		h += " (" + p + ")"
	}
	if q.Kind != "" {
		h += " " + q.Kind
	}
	return h
}

// distributionParts lists the counts shown for a question, in chart order.
func distributionParts(q *Question) []struct {
	Key string
	N   int
} {
	d := q.Distribution
	type part = struct {
		Key string
		N   int
	}
	if !q.TickBox {
		return []part{{cellAnswered, d.Answered}, {cellUnanswered, d.Unanswered}}
	}
	return []part{{cellYes, d.Yes}, {cellYesInPart, d.YesInPart}, {cellNo, d.No},
		{cellNotApplicable, d.NotApplicable}, {cellUnanswered, d.Unanswered}}
}

// distributionLine is the one-line spread of a question.
func distributionLine(q *Question) string {
	var parts []string
	for _, p := range distributionParts(q) {
		parts = append(parts, fmt.Sprintf("%s %d", choiceTitle[p.Key], p.N))
	}
	if q.TickBox {
		parts = append(parts, fmt.Sprintf("narrative answers %d", q.Distribution.Answered))
	}
	return strings.Join(parts, " · ")
}

// shortExcerpt collapses whitespace and cuts text to at most n characters
// (runes), at a word boundary when there is one, ending with "…".
func shortExcerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	rs := []rune(text)[:n-1]
	cut := len(rs)
	for i := len(rs) - 1; i > len(rs)/2; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:") + "…"
}

func pagesText(pages []int) string {
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ", ")
}

// evidenceHref is the relative link to the evidence's file, at its first
// page: "file.pdf#page=4". File names are percent-encoded, and a first
// segment with a colon is prefixed with "./" so that it cannot read as a
// URL scheme.
func evidenceHref(file string, pages []int) string {
	if strings.TrimSpace(file) == "" {
		return ""
	}
	p := (&url.URL{Path: file}).EscapedPath()
	p = strings.NewReplacer("(", "%28", ")", "%29").Replace(p)
	if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ":") {
		p = "./" + p
	}
	if len(pages) > 0 {
		p += "#page=" + strconv.Itoa(pages[0])
	}
	return p
}

// evidenceLabel is "submission_id, UNTOC 5 Q3, p. 4, 5".
func evidenceLabel(e Evidence) string {
	var parts []string
	if e.SubmissionID != "" {
		parts = append(parts, e.SubmissionID)
	}
	if e.Instrument != "" || e.Article != "" {
		ref := strings.TrimSpace(string(e.Instrument) + " " + e.Article)
		if e.Question != "" {
			ref += " Q" + e.Question
		}
		parts = append(parts, ref)
	}
	if len(e.Pages) > 0 {
		parts = append(parts, "p. "+pagesText(e.Pages))
	}
	return strings.Join(parts, ", ")
}

// ---- view model shared by the Markdown and HTML writers ----

type viewLink struct{ Label, Href string }

func evidenceLink(e Evidence) viewLink {
	return viewLink{Label: evidenceLabel(e), Href: evidenceHref(e.File, e.Pages)}
}

type viewAnswer struct {
	State, Lang      string
	Cell, Choice     string
	Flags, Citations []string
	Excerpt          string
	Pages            viewLink // Label: the pages
	Evidence         viewLink
}

type viewGroup struct {
	N          int
	States     string
	Similarity string
	Terms      string
	Excerpt    string
	From, Lang string
}

type viewQuestion struct {
	Anchor  string
	Heading string
	Text    string
	Dist    string
	TickBox bool
	Answers []viewAnswer
	Groups  []viewGroup
}

type viewCited struct {
	Key, Kind, Text string
	Links           []viewLink
}

type viewMention struct {
	Text string
	Link viewLink
}

type viewState struct {
	Anchor       string
	Heading      string
	Lang         string
	Submissions  string
	Dist         string
	Legislation  []viewCited
	Needs        []viewMention
	Statistics   []viewMention
	Distinctive  string
	NotSubmitted bool
}

type viewReport struct {
	Title, Theme string
	Articles     string
	Compared     []string
	NotSubmitted []string
	Questions    []viewQuestion
	States       []viewState
	// The charts, and whether each fits on a printed page.
	DistSVG, HeatSVG   template.HTML
	DistFits, HeatFits bool
}

func buildView(c *Comparison) *viewReport {
	rows := reportRows(c)
	v := &viewReport{Title: c.Title, Theme: c.Theme}
	if strings.TrimSpace(v.Title) == "" {
		v.Title = "Thematic comparison"
	}
	var arts []string
	for _, a := range c.Articles {
		arts = append(arts, a.String())
	}
	v.Articles = strings.Join(arts, ", ")
	label, lang := map[string]string{}, map[string]string{}
	for _, r := range rows {
		label[r.Code], lang[r.Code] = r.Label(), r.Language
		switch {
		case r.Absent:
			v.NotSubmitted = append(v.NotSubmitted, r.Label())
		case r.NotSubmitted:
			v.Compared = append(v.Compared, r.Label())
			v.NotSubmitted = append(v.NotSubmitted, r.Label()+" on some articles")
		default:
			v.Compared = append(v.Compared, r.Label())
		}
	}
	stateLabel := func(code string) string {
		if l, ok := label[code]; ok {
			return l
		}
		return code
	}
	for i := range c.Questions {
		q := &c.Questions[i]
		vq := viewQuestion{Anchor: anchorOf("q", string(q.Instrument), q.Article, q.Question),
			Heading: questionHeader(q), Text: strings.Join(strings.Fields(q.QuestionText), " "),
			Dist: distributionLine(q), TickBox: q.TickBox}
		by := answersByState(q)
		for _, r := range rows {
			a := by[r.Code]
			if a == nil {
				continue
			}
			cell := cellOf(q, r, a)
			pages := a.Pages
			if len(pages) == 0 {
				pages = a.Evidence.Pages
			}
			vq.Answers = append(vq.Answers, viewAnswer{State: r.Label(), Lang: r.Language, Cell: cell,
				Choice: choiceTitle[cell], Flags: a.Flags, Citations: a.Citations,
				Excerpt:  shortExcerpt(a.Text, 160),
				Pages:    viewLink{Label: pagesText(pages), Href: evidenceHref(a.Evidence.File, pages)},
				Evidence: evidenceLink(a.Evidence)})
		}
		for n, g := range q.Groups {
			var states []string
			for _, s := range g.Countries {
				states = append(states, stateLabel(s))
			}
			vq.Groups = append(vq.Groups, viewGroup{N: n + 1, States: strings.Join(states, ", "),
				Similarity: strconv.FormatFloat(g.Similarity, 'f', 2, 64), Terms: strings.Join(g.Terms, ", "),
				Excerpt: shortExcerpt(g.Excerpt, 300), From: stateLabel(g.ExcerptCountry), Lang: lang[g.ExcerptCountry]})
		}
		v.Questions = append(v.Questions, vq)
	}
	for _, s := range c.States {
		vs := viewState{Anchor: anchorOf("s", s.CountryCode), Heading: stateLabel(s.CountryCode), Lang: s.Language,
			Submissions: strings.Join(s.Submissions, ", "), Distinctive: strings.Join(s.Distinctive, ", ")}
		if vs.Heading == s.CountryCode && s.Country != "" {
			vs.Heading = s.Country + " (" + s.CountryCode + ")"
		}
		d := s.Distribution
		vs.Dist = fmt.Sprintf("Yes %d · Yes, in part %d · No %d · Not applicable %d · Unanswered %d",
			d.Yes, d.YesInPart, d.No, d.NotApplicable, d.Unanswered)
		vs.NotSubmitted = slices.Contains(c.NotSubmitted, s.CountryCode)
		for _, l := range s.Legislation {
			vc := viewCited{Key: l.Key, Kind: l.Kind, Text: shortExcerpt(l.Text, 300)}
			if vc.Text == vc.Key {
				vc.Text = ""
			}
			for _, e := range l.Evidence {
				vc.Links = append(vc.Links, evidenceLink(e))
			}
			vs.Legislation = append(vs.Legislation, vc)
		}
		for _, m := range s.Needs {
			vs.Needs = append(vs.Needs, viewMention{Text: shortExcerpt(m.Text, 400), Link: evidenceLink(m.Evidence)})
		}
		for _, m := range s.Statistics {
			vs.Statistics = append(vs.Statistics, viewMention{Text: shortExcerpt(m.Text, 400), Link: evidenceLink(m.Evidence)})
		}
		v.States = append(v.States, vs)
	}
	return v
}

// anchorOf makes an HTML id from parts, keeping letters and digits.
func anchorOf(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('-')
		}
		for _, r := range p {
			if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
	}
	return b.String()
}

// ---- CSV ----

// WriteCSV writes the answer matrix: one row per State (country_code,
// country, then one column per aligned question headed "UNTOC 5 Q1 (1(a))
// measures"), each cell the State's answer: "yes", "yes in part", "no",
// "n/a", or "" when nothing was ticked; on questions without tick boxes
// "answered" or "". A State with no answers on an article it was expected
// to answer on has "not submitted" there (in every cell when it answered
// nothing), and "not expected" on an article it was not due to answer.
// The file starts with a UTF-8 byte-order mark so that spreadsheet
// programs read non-Latin names correctly.
func WriteCSV(w io.Writer, c *Comparison) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true // RFC 4180, what spreadsheet programs expect
	header := []string{"country_code", "country"}
	index := make([]map[string]*Answer, len(c.Questions))
	for i := range c.Questions {
		header = append(header, questionHeader(&c.Questions[i]))
		index[i] = answersByState(&c.Questions[i])
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range reportRows(c) {
		rec := []string{csvSafe(r.Code), csvSafe(r.Name)}
		for i := range c.Questions {
			rec = append(rec, matrixLabel[cellOf(&c.Questions[i], r, index[i][r.Code])])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// csvSafe keeps a text cell from being read as a formula by spreadsheet
// programs (CSV injection): one starting with =, +, -, @ or a control
// character is prefixed with an apostrophe.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ---- Markdown ----

// mdEscaper escapes what Markdown (CommonMark and GitHub's tables) would
// read as markup: "<", ">" and "&" become HTML entities, which every
// Markdown processor renders as the characters (a backslash before "<" is
// not an escape in the original Markdown, so text could pass as raw HTML);
// the other markup characters are backslash-escaped.
var mdEscaper = strings.NewReplacer(
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"|", `\|`, "#", `\#`, "~", `\~`,
)

// mdText escapes text for one line of Markdown: whitespace, newlines included,
// is collapsed, and a leading list or heading marker is escaped.
func mdText(s string) string {
	s = mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// mdCode is an inline code span of a program identifier (a flag).
func mdCode(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

// mdLink is "[label](href)", or the escaped label alone without href.
func mdLink(l viewLink) string {
	if l.Label == "" {
		return ""
	}
	if l.Href == "" {
		return mdText(l.Label)
	}
	return "[" + mdText(l.Label) + "](" + l.Href + ")"
}

func mdLinks(ls []viewLink) string {
	var out []string
	for _, l := range ls {
		out = append(out, mdLink(l))
	}
	return strings.Join(out, "; ")
}

func mdList(items []string, f func(string) string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = f(s)
	}
	return strings.Join(out, ", ")
}

// WriteMarkdown writes the comparison as Markdown: the title, articles,
// States compared and not submitted; then per question its heading, text,
// spread, a table of the answers (State, choice, flags, citations, an
// excerpt and the pages, linked to the file) and the groups of similar
// answers; then per State the legislation cited, assistance needs,
// statistics and distinctive terms.
func WriteMarkdown(w io.Writer, c *Comparison) error {
	v := buildView(c)
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n\n", mdText(v.Title))
	if v.Theme != "" {
		p("- **Theme:** %s\n", mdText(v.Theme))
	}
	p("- **Articles:** %s\n", mdText(v.Articles))
	p("- **States compared (%d):** %s\n", len(v.Compared), mdOrNone(mdList(v.Compared, mdText)))
	p("- **Not submitted (%d):** %s\n", len(v.NotSubmitted), mdOrNone(mdList(v.NotSubmitted, mdText)))
	p("\n## Questions\n")
	if len(v.Questions) == 0 {
		p("\nNo questions.\n")
	}
	for _, q := range v.Questions {
		p("\n### %s\n\n", mdText(q.Heading))
		if q.Text != "" {
			p("> %s\n\n", mdText(q.Text))
		}
		if !q.TickBox {
			p("Question without tick boxes: only the narrative answers are compared.\n\n")
		}
		p("**Spread:** %s\n\n", mdText(q.Dist))
		if len(q.Answers) > 0 {
			p("| State | Choice | Flags | Citations | Excerpt | Pages |\n")
			p("|---|---|---|---|---|---|\n")
			for _, a := range q.Answers {
				p("| %s | %s | %s | %s | %s | %s |\n", mdText(a.State), mdText(a.Choice), mdList(a.Flags, mdCode),
					strings.Join(mdMap(a.Citations, mdText), "; "), mdText(a.Excerpt), mdLink(a.Pages))
			}
			p("\n")
		}
		if len(q.Groups) == 0 {
			p("**Similar answers:** none found.\n")
			continue
		}
		p("**Similar answers:**\n\n")
		for _, g := range q.Groups {
			p("%d. %s (similarity %s); shared terms: %s; excerpt from %s: “%s”\n",
				g.N, mdText(g.States), g.Similarity, mdOrNone(mdText(g.Terms)), mdText(g.From), mdText(g.Excerpt))
		}
	}
	p("\n## States\n")
	if len(v.States) == 0 {
		p("\nNo State summaries.\n")
	}
	for _, s := range v.States {
		p("\n### %s\n\n", mdText(s.Heading))
		p("- **Language:** %s\n", mdOrNone(mdText(s.Lang)))
		p("- **Submissions:** %s\n", mdOrNone(mdText(s.Submissions)))
		p("- **Tick-box answers:** %s\n", mdText(s.Dist))
		if s.NotSubmitted {
			p("- **Not submitted** on some of the articles it was expected to answer on.\n")
		}
		p("- **Distinctive terms:** %s\n", mdOrNone(mdText(s.Distinctive)))
		p("\n**Legislation cited:**")
		if len(s.Legislation) == 0 {
			p(" none.\n")
		} else {
			p("\n\n")
			for _, l := range s.Legislation {
				line := mdText(l.Key)
				if l.Kind != "" {
					line += " (" + mdText(l.Kind) + ")"
				}
				if l.Text != "" {
					line += ": " + mdText(l.Text)
				}
				if len(l.Links) > 0 {
					line += " — " + mdLinks(l.Links)
				}
				p("- %s\n", line)
			}
		}
		for _, sec := range []struct {
			title string
			items []viewMention
		}{{"Technical assistance needs", s.Needs}, {"Statistics", s.Statistics}} {
			p("\n**%s:**", sec.title)
			if len(sec.items) == 0 {
				p(" none.\n")
				continue
			}
			p("\n\n")
			for _, m := range sec.items {
				line := mdText(m.Text)
				if l := mdLink(m.Link); l != "" {
					line += " — " + l
				}
				p("- %s\n", line)
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func mdOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func mdMap(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// ---- HTML ----

// reportCSS is embedded in both HTML documents: plain CSS (no grid or
// flex) that word processors also read, with print rules.
const reportCSS = `
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;
  font-size: 11pt; line-height: 1.4; color: #111; background: #fff; margin: 1.5em auto; max-width: 62em; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #444; padding-bottom: .1em; margin-top: 1.6em; }
h3 { font-size: 1.1em; margin: 1.4em 0 .3em; }
h4 { font-size: 1em; margin: .8em 0 .2em; }
table.meta { width: auto; border: none; margin: 0 0 .6em; font-size: 1em; }
table.meta th, table.meta td { border: none; background: none; padding: .1em 1em .1em 0; }
table.meta th { white-space: nowrap; }
blockquote { margin: .3em 0 .6em; padding: .2em .8em; border-left: 4px solid #999; background: #f5f5f5; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: .92em; }
th, td { border: 1px solid #999; padding: .2em .4em; vertical-align: top; text-align: start; }
th { background: #e8e8e8; }
code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: .88em; }
.choice { white-space: nowrap; font-weight: bold; }
.c-yes { background: #1f5fa8; color: #fff; }
.c-yes_in_part { background: #f0a030; color: #000; }
.c-no { background: #8b3a1a; color: #fff; }
.c-not_applicable { background: #b8b8b8; color: #000; }
.c-answered { background: #9cc3e6; color: #000; }
.c-unanswered { background: #fff; color: #444; }
.muted { color: #555; }
figure { margin: 1em 0 1.5em; }
figcaption { font-weight: bold; margin-bottom: .3em; }
figure svg { max-width: 100%; height: auto; display: block; }
a { color: #1a4f8b; }
.notice { border: 3px solid #8b3a1a; background: #fff4e5; padding: .6em .9em; margin: 1em 0; font-weight: bold; }
ul.lines { list-style: none; padding-left: 0; }
ul.lines li { margin: .35em 0; padding: .3em .5em; border-left: 3px solid #f0a030; background: #fafafa; }
.confirm { display: inline-block; border: 1px solid #444; padding: 0 .3em; margin-right: .4em; font-size: .85em; white-space: nowrap; }
.basis { color: #333; }
.cites, .ev { font-size: .92em; }
.none { font-style: italic; color: #555; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  @page { margin: 15mm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h2.page { break-before: page; }
  h2, h3, h4, figcaption { break-after: avoid; }
  tr, li, blockquote, figure.fits { break-inside: avoid; }
  thead { display: table-header-group; }
  /* Charts take the page width; one taller than a page (many questions
     or States) continues on the next pages rather than shrinking. */
  figure svg { width: 100%; height: auto; }
  ul.lines li { background: none; }
}
`

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{with .V}}<h1>{{.Title}}</h1>
<table class="meta"><tbody>
{{if .Theme}}<tr><th scope="row">Theme</th><td>{{.Theme}}</td></tr>
{{end}}<tr><th scope="row">Articles</th><td>{{.Articles}}</td></tr>
<tr><th scope="row">States compared ({{len .Compared}})</th><td>{{range $i, $s := .Compared}}{{if $i}}, {{end}}{{$s}}{{else}}none{{end}}</td></tr>
<tr><th scope="row">Not submitted ({{len .NotSubmitted}})</th><td>{{range $i, $s := .NotSubmitted}}{{if $i}}, {{end}}{{$s}}{{else}}none{{end}}</td></tr>
</tbody></table>

<h2 id="charts">Overview</h2>
<figure id="chart-spread"{{if .DistFits}} class="fits"{{end}}>
<figcaption>Answer spread per question</figcaption>
{{.DistSVG}}
</figure>
<figure id="chart-heatmap"{{if .HeatFits}} class="fits"{{end}}>
<figcaption>Answers by State and question</figcaption>
{{.HeatSVG}}
</figure>

<h2 class="page" id="questions">Questions</h2>
{{range .Questions}}<section class="question" id="{{.Anchor}}">
<h3>{{.Heading}}</h3>
{{if .Text}}<blockquote dir="auto">{{.Text}}</blockquote>
{{end}}{{if not .TickBox}}<p class="muted">Question without tick boxes: only the narrative answers are compared.</p>
{{end}}<p><strong>Spread:</strong> {{.Dist}}</p>
{{if .Answers}}<table>
<thead><tr><th scope="col">State</th><th scope="col">Choice</th><th scope="col">Flags</th><th scope="col">Citations</th><th scope="col">Excerpt</th><th scope="col">Pages</th></tr></thead>
<tbody>
{{range .Answers}}<tr><th scope="row">{{.State}}</th><td class="choice c-{{.Cell}}">{{.Choice}}</td><td>{{range $i, $f := .Flags}}{{if $i}}, {{end}}<code>{{$f}}</code>{{end}}</td><td dir="auto">{{range $i, $c := .Citations}}{{if $i}}; {{end}}{{$c}}{{end}}</td><td dir="auto"{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Excerpt}}</td><td>{{if .Pages.Href}}<a href="{{.Pages.Href}}" title="{{.Evidence.Label}}">{{.Pages.Label}}</a>{{else}}{{.Pages.Label}}{{end}}</td></tr>
{{end}}</tbody>
</table>
{{end}}{{if .Groups}}<h4>Similar answers</h4>
<ol class="groups">
{{range .Groups}}<li>{{.States}} (similarity {{.Similarity}}){{if .Terms}}; shared terms: <em>{{.Terms}}</em>{{end}}; excerpt from {{.From}}: <q dir="auto"{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Excerpt}}</q></li>
{{end}}</ol>
{{else}}<p><strong>Similar answers:</strong> <span class="none">none found.</span></p>
{{end}}</section>
{{else}}<p class="none">No questions.</p>
{{end}}
<h2 class="page" id="states">States</h2>
{{range .States}}<section class="state" id="{{.Anchor}}">
<h3>{{.Heading}}</h3>
<table class="meta"><tbody>
<tr><th scope="row">Language</th><td>{{or .Lang "none"}}</td></tr>
<tr><th scope="row">Submissions</th><td>{{or .Submissions "none"}}</td></tr>
<tr><th scope="row">Tick-box answers</th><td>{{.Dist}}</td></tr>
{{if .NotSubmitted}}<tr><th scope="row">Not submitted</th><td>on some of the articles it was expected to answer on</td></tr>
{{end}}<tr><th scope="row">Distinctive terms</th><td dir="auto">{{or .Distinctive "none"}}</td></tr>
</tbody></table>
<h4>Legislation cited</h4>
{{if .Legislation}}<table>
<thead><tr><th scope="col">Key</th><th scope="col">Kind</th><th scope="col">As cited</th><th scope="col">Where</th></tr></thead>
<tbody>
{{range .Legislation}}<tr><td dir="auto">{{.Key}}</td><td>{{.Kind}}</td><td dir="auto">{{.Text}}</td><td>{{range $i, $l := .Links}}{{if $i}}; {{end}}{{template "link" $l}}{{end}}</td></tr>
{{end}}</tbody>
</table>
{{else}}<p class="none">None.</p>
{{end}}<h4>Technical assistance needs</h4>
{{template "mentions" .Needs}}<h4>Statistics</h4>
{{template "mentions" .Statistics}}</section>
{{else}}<p class="none">No State summaries.</p>
{{end}}{{end}}</body>
</html>
{{define "link"}}{{if .Href}}<a href="{{.Href}}">{{.Label}}</a>{{else}}{{.Label}}{{end}}{{end}}
{{define "mentions"}}{{if .}}<ul>
{{range .}}<li><span dir="auto">{{.Text}}</span>{{if .Link.Label}} <span class="ev">({{template "link" .Link}})</span>{{end}}</li>
{{end}}</ul>
{{else}}<p class="none">None.</p>
{{end}}{{end}}`))

// WriteHTML writes the comparison as one self-contained, printable HTML
// file (no script, no external resource; CSS embedded with print rules):
// the content of WriteMarkdown and two inline SVG charts, the answer spread
// per question as stacked bars and a heat-map of States by questions.
func WriteHTML(w io.Writer, c *Comparison) error {
	v := buildView(c)
	rows := reportRows(c)
	spread, heat := svgSpread(c.Questions), svgHeatmap(c, rows)
	// The SVG text is built by svg.go, which escapes every string it draws.
	v.DistSVG, v.DistFits = template.HTML(spread.SVG), spread.FitsPage()
	v.HeatSVG, v.HeatFits = template.HTML(heat.SVG), heat.FitsPage()
	return executeTemplate(w, reportTemplate, map[string]any{"Title": v.Title, "CSS": template.CSS(reportCSS), "V": v})
}

func executeTemplate(w io.Writer, t *template.Template, data any) error {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ---- Observations ----

type viewLine struct {
	Text, Basis string
	Citations   []string
	Evidence    viewLink
}

type viewSection struct {
	Title string
	Lines []viewLine
}

type viewArticle struct {
	Anchor, Heading, Instrument string
	Sections                    []viewSection
}

type viewSource struct {
	ID, File, Href string
	Version        int
}

type viewObservations struct {
	Title, Notice string
	Country, Code string
	Lang          string
	Cluster       string
	Instruments   string
	Sources       []viewSource
	Introduction  []string
	Articles      []viewArticle
}

func buildObservationsView(o *Observations) *viewObservations {
	country := o.Country
	if country == "" {
		country = o.CountryCode
	}
	v := &viewObservations{Title: "Draft list of observations — " + country, Notice: o.Notice,
		Country: country, Code: o.CountryCode, Lang: o.Language, Introduction: o.Introduction}
	if strings.TrimSpace(v.Notice) == "" {
		v.Notice = Notice
	}
	if o.Cluster != "" {
		v.Cluster = o.Cluster
		if o.ClusterName != "" {
			v.Cluster += ": " + o.ClusterName
		}
	}
	var ins []string
	for _, in := range o.Instruments {
		ins = append(ins, instrumentFullName(in))
	}
	v.Instruments = strings.Join(ins, "; ")
	for _, s := range o.Submissions {
		v.Sources = append(v.Sources, viewSource{ID: s.SubmissionID, File: s.File, Href: evidenceHref(s.File, nil), Version: s.Version})
	}
	for _, a := range o.Articles {
		heading := "Article " + a.Article
		if t := strings.TrimSpace(a.Title); t != "" {
			heading += ". " + t
		}
		va := viewArticle{Anchor: anchorOf("art", string(a.Instrument), a.Article), Heading: heading,
			Instrument: instrumentFullName(a.Instrument)}
		for _, sec := range []struct {
			title string
			lines []Line
		}{
			{"Measures reported", a.Measures},
			{"Successes and good practices", a.Successes},
			{"Challenges and gaps", a.Challenges},
			{"Technical assistance needs", a.Needs},
		} {
			vs := viewSection{Title: sec.title}
			for _, l := range sec.lines {
				vs.Lines = append(vs.Lines, viewLine{Text: strings.Join(strings.Fields(l.Text), " "),
					Basis: strings.TrimSpace(l.Basis), Citations: l.Citations, Evidence: evidenceLink(l.Evidence)})
			}
			va.Sections = append(va.Sections, vs)
		}
		v.Articles = append(v.Articles, va)
	}
	return v
}

// WriteObservationsMarkdown writes a draft list of observations: its
// heading, the notice that every line is a machine suggestion, the
// introduction, then per article the measures reported, successes and good
// practices, challenges and gaps, and technical assistance needs. Each line
// is a task-list item (to confirm) with its basis in italics, the
// legislation it cites and a link to the page of the answer it rests on.
func WriteObservationsMarkdown(w io.Writer, o *Observations) error {
	v := buildObservationsView(o)
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n\n", mdText(v.Title))
	p("> **%s**\n\n", mdText(v.Notice))
	if v.Cluster != "" {
		p("- **Cluster:** %s\n", mdText(v.Cluster))
	}
	if v.Instruments != "" {
		p("- **Instruments:** %s\n", mdText(v.Instruments))
	}
	for _, s := range v.Sources {
		l := mdText(s.ID)
		if s.Version > 0 {
			l += fmt.Sprintf(" (version %d)", s.Version)
		}
		if s.File != "" {
			l += ": " + mdLink(viewLink{Label: s.File, Href: s.Href})
		}
		p("- **Submission:** %s\n", l)
	}
	if v.Cluster != "" || v.Instruments != "" || len(v.Sources) > 0 {
		p("\n")
	}
	p("## Introduction\n")
	if len(v.Introduction) == 0 {
		p("\nNone suggested.\n")
	}
	for _, l := range v.Introduction {
		p("\n%s\n", mdText(l))
	}
	for _, a := range v.Articles {
		p("\n## %s\n\n*%s*\n", mdText(a.Heading), mdText(a.Instrument))
		for _, s := range a.Sections {
			p("\n### %s\n\n", mdText(s.Title))
			if len(s.Lines) == 0 {
				p("None suggested.\n")
				continue
			}
			for _, l := range s.Lines {
				line := "- [ ] " + mdText(l.Text)
				if l.Basis != "" {
					line += " — *" + mdText(l.Basis) + "*"
				}
				if len(l.Citations) > 0 {
					line += " — legislation: " + strings.Join(mdMap(l.Citations, mdText), "; ")
				}
				if e := mdLink(l.Evidence); e != "" {
					line += " — " + e
				}
				p("%s\n", line)
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

var observationsTemplate = template.Must(template.New("observations").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.V.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{with .V}}<h1>{{.Title}}</h1>
<p class="notice" role="note">{{.Notice}}</p>
{{if or .Cluster .Instruments .Sources}}<table class="meta"><tbody>
{{if .Cluster}}<tr><th scope="row">Cluster</th><td>{{.Cluster}}</td></tr>
{{end}}{{if .Instruments}}<tr><th scope="row">Instruments</th><td>{{.Instruments}}</td></tr>
{{end}}{{range .Sources}}<tr><th scope="row">Submission</th><td>{{.ID}}{{if .Version}} (version {{.Version}}){{end}}{{if .File}}: {{if .Href}}<a href="{{.Href}}">{{.File}}</a>{{else}}{{.File}}{{end}}{{end}}</td></tr>
{{end}}</tbody></table>
{{end}}<h2>Introduction</h2>
{{range .Introduction}}<p>{{.}}</p>
{{else}}<p class="none">None suggested.</p>
{{end}}{{range .Articles}}<section class="article" id="{{.Anchor}}">
<h2>{{.Heading}}</h2>
<p class="muted"><em>{{.Instrument}}</em></p>
{{range .Sections}}<h3>{{.Title}}</h3>
{{if .Lines}}<ul class="lines">
{{range .Lines}}<li><span class="confirm" title="Suggestion: confirm, reword or strike">☐ confirm</span> <span dir="auto">{{.Text}}</span>{{if .Basis}} — <em class="basis">{{.Basis}}</em>{{end}}{{if .Citations}} <span class="cites">— legislation: {{range $i, $c := .Citations}}{{if $i}}; {{end}}<span dir="auto">{{$c}}</span>{{end}}</span>{{end}}{{if .Evidence.Label}} <span class="ev">— {{if .Evidence.Href}}<a href="{{.Evidence.Href}}">{{.Evidence.Label}}</a>{{else}}{{.Evidence.Label}}{{end}}</span>{{end}}</li>
{{end}}</ul>
{{else}}<p class="none">None suggested.</p>
{{end}}{{end}}</section>
{{end}}{{end}}</body>
</html>
`))

// WriteObservationsHTML writes the draft list of observations as one
// self-contained, printable HTML file; every line carries a "☐ confirm"
// marker and links to the page of the answer it rests on.
func WriteObservationsHTML(w io.Writer, o *Observations) error {
	return executeTemplate(w, observationsTemplate, map[string]any{"CSS": template.CSS(reportCSS), "V": buildObservationsView(o)})
}
