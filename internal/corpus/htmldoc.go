package corpus

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

var cssFonts = map[string]string{
	"serif":     `"Liberation Serif", "DejaVu Serif", serif`,
	"sans":      `"Liberation Sans", "DejaVu Sans", sans-serif`,
	"dejavu":    `"DejaVu Sans", sans-serif`,
	"condensed": `"DejaVu Sans Condensed", "DejaVu Sans", sans-serif`,
	"cjk":       `"Droid Sans Fallback", "DejaVu Sans", sans-serif`,
}

func esc(s string) string { return html.EscapeString(s) }

// softHyphenate puts soft hyphens inside long lowercase words.
func softHyphenate(s string) string {
	words := strings.Split(s, " ")
	for i, wd := range words {
		core := strings.TrimRight(wd, ".,;:")
		rs := []rune(core)
		if len(rs) < 10 || !allLower(core) {
			continue
		}
		var b strings.Builder
		for j, r := range rs {
			if j >= 3 && j <= len(rs)-3 && j%4 == 0 {
				b.WriteRune('\u00ad')
			}
			b.WriteRune(r)
		}
		words[i] = b.String() + wd[len(core):]
	}
	return strings.Join(words, " ")
}

type hdoc struct {
	sp       *spec
	s        *submission
	lg       *lang
	b        strings.Builder
	lastPara string
	r        *rand.Rand
}

func cssString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func (h *hdoc) pageCSS() string {
	sp := h.sp
	var b strings.Builder
	size := "A4"
	if sp.paper == "letter" {
		size = "letter"
	}
	mt, ms := 18+h.r.IntN(10), 16+h.r.IntN(10)
	fmt.Fprintf(&b, "@page { size: %s; margin: %dmm %dmm %dmm %dmm;\n", size, mt, ms, mt, ms)
	small := fmt.Sprintf("font-family: %s; font-size: %.0fpt; color: #333;", cssFonts[sp.font], sp.size-2)
	if sp.symbol {
		box := "@top-right"
		if sp.symbolPos == "bottom" {
			box = "@bottom-left"
		} else if h.r.IntN(2) == 0 {
			box = "@top-left"
		}
		fmt.Fprintf(&b, "  %s { content: %s; %s }\n", box, cssString(h.s.symbol), small)
	}
	if sp.pageLabel != "" {
		var content string
		switch sp.pageLabel {
		case "of":
			f := h.lg.pageOf
			i, j := strings.Index(f, "{n}"), strings.Index(f, "{m}")
			content = cssString(f[:i]) + " counter(page) " + cssString(f[i+3:j]) + " counter(pages)"
			if rest := f[j+3:]; rest != "" {
				content += " " + cssString(rest)
			}
		case "dash":
			content = `"- " counter(page) " -"`
		case "bare":
			content = "counter(page)"
		}
		box := "@bottom-center"
		if sp.pageLabel == "of" {
			box = "@bottom-right"
		}
		fmt.Fprintf(&b, "  %s { content: %s; %s }\n", box, content, small)
	}
	b.WriteString("}\n")
	return b.String()
}

func (h *hdoc) css() string {
	sp := h.sp
	var b strings.Builder
	b.WriteString(h.pageCSS())
	align := "left"
	if sp.justify {
		align = "justify"
	}
	qw := "bold"
	if !sp.qBold || sp.hard["tight"] {
		qw = "normal"
	}
	gap := 0.5 + float64(h.r.IntN(6))/10
	if sp.hard["tight"] {
		gap = 0
	}
	fmt.Fprintf(&b, `body { font-family: %s; font-size: %.1fpt; line-height: %.2f; text-align: %s; margin: 0; }
p { margin: 0 0 %.1fem 0; }
h1 { font-size: 1.45em; text-align: center; margin: 0.8em 0 0.3em 0; }
.mech { text-align: center; font-size: 0.92em; margin-bottom: 2.5em; }
h2 { font-size: 1.2em; margin: 1.4em 0 0.6em 0; break-after: avoid; }
h3 { font-size: 1.08em; margin: 1.2em 0 0.2em 0; break-after: avoid; }
.arttitle { font-weight: bold; margin-top: 0; break-after: avoid; }
.arttitle.it { font-style: italic; }
.para { font-style: italic; margin: 0.9em 0 0.2em 0; break-after: avoid; }
.sub { font-weight: bold; font-style: italic; margin-top: 1em; break-after: avoid; }
.q { font-weight: %s; margin-top: %.1fem; break-after: avoid; }
.q .lab { font-weight: %s; }
.choice { margin: 0.2em 0 0.3em 0; }
.gap { display: inline-block; width: 2.2em; }
.box { display: inline-block; border: 1px solid #000; width: 0.9em; height: 0.9em; line-height: 0.9em; text-align: center; font-size: 0.85em; vertical-align: middle; }
.li { padding-left: 2.2em; text-indent: -1.2em; margin: 0; }
sup { font-size: 0.65em; line-height: 0; }
table { border-collapse: collapse; width: 100%%; margin: 0.4em 0 1em 0; }
td, th { vertical-align: top; text-align: left; padding: %s; }
td > p:first-child, td > .q:first-child { margin-top: 0; }
th { background: %s; }
.kv td { padding: 4pt 6pt; }
.notes p { font-size: 0.9em; margin: 0 0 0.3em 0; }
`, cssFonts[sp.font], sp.size, sp.lead, align, gap, qw, gap+0.4, map[bool]string{true: "normal", false: "bold"}[sp.hard["tight"]],
		map[bool]string{true: "4pt 5pt", false: "3pt 4pt 6pt 0"}[sp.layout != "borderless"],
		map[bool]string{true: "#ddd", false: "none"}[sp.layout != "borderless"])
	if sp.layout == "table" || sp.layout == "table3" {
		b.WriteString("table.qt td, table.qt th { border: 1px solid #000; }\n")
	}
	b.WriteString(".kv td { border: 1px solid #555; }\n")
	if sp.coverPage {
		b.WriteString(".coverend { break-after: page; }\n")
	}
	return b.String()
}

func (h *hdoc) choiceHTML(q *question) string {
	sp := h.sp
	labels, vals := optionLabels(sp.lang, sp.partAlt, sp.na)
	if sp.tick == "answer" {
		s := `<b>` + esc(h.lg.answer) + `</b>`
		for i, v := range vals {
			if v == q.choice {
				s += " " + esc(labels[i])
			}
		}
		return s
	}
	var parts []string
	for i, v := range vals {
		on := v == q.choice
		m := func(a, b string) string {
			if on {
				return a
			}
			return b
		}
		lab := esc(labels[i])
		var p string
		switch sp.tick {
		case "box":
			p = m("☒", "☐") + " " + lab
		case "box_check":
			p = m("☑", "☐") + " " + lab
		case "bracket":
			p = m("[X]", "[ ]") + " " + lab
		case "paren":
			p = m("(X)", "( )") + " " + lab
		case "mark_after":
			p = lab + " " + m("☒", "☐")
		case "check":
			p = m("✓ ", "") + lab
		case "rect_x":
			p = `<span class="box">` + m("X", "&nbsp;") + `</span> ` + lab
		}
		parts = append(parts, `<span style="white-space:nowrap">`+p+`</span>`)
	}
	return strings.Join(parts, `<span class="gap"></span>`)
}

func (h *hdoc) narrative(q *question) string {
	var b strings.Builder
	for pi, p := range q.paras {
		var s strings.Builder
		for j, snt := range p {
			if j > 0 && h.sp.lang != "zh" {
				s.WriteString(" ")
			}
			t := esc(snt)
			if h.sp.hyph == "soft" {
				t = softHyphenate(t)
			}
			s.WriteString(t)
			for _, fn := range q.notes {
				if fn.para == pi && fn.snt == j {
					fmt.Fprintf(&s, "<sup>%d</sup>", fn.num)
				}
			}
		}
		cls := "ans"
		if q.list > 0 && pi >= q.listAt && pi < q.listAt+q.list {
			cls = "li"
		}
		fmt.Fprintf(&b, "<p class=%q>%s</p>\n", cls, s.String())
	}
	return b.String()
}

func (h *hdoc) questionHTML(q *question, withLabel bool) string {
	lab := qLabel(h.sp.lang, h.sp.qlabel, q.number)
	if !withLabel {
		return esc(q.text)
	}
	return `<span class="lab">` + esc(lab) + `</span> ` + esc(q.text)
}

func (h *hdoc) render() string {
	sp, s := h.sp, h.s
	b := &h.b
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=%q><head><meta charset=\"utf-8\"><title>%s</title>\n<style>\n%s</style></head><body>\n",
		sp.lang, esc(docTitle(sp.lang, s.cluster, s.instruments[0])), h.css())
	switch sp.cover {
	case "intro":
		fmt.Fprintf(b, "<p>%s</p>\n", esc(introText(sp.lang, s)))
	case "kv", "table":
		fmt.Fprintf(b, "<h1>%s</h1>\n<p class=\"mech\">%s</p>\n", esc(docTitle(sp.lang, s.cluster, s.instruments[0])), esc(h.lg.mechanism))
		vals := coverValues(sp.lang, s)
		if sp.cover == "kv" {
			for i, l := range h.lg.coverLabels {
				fmt.Fprintf(b, "<p><b>%s</b>%s</p>\n", esc(l+strings.TrimRight(kvSep(sp.lang), " ")), " "+esc(vals[i]))
			}
		} else {
			b.WriteString("<table class=\"kv\">\n")
			for i, l := range h.lg.coverLabels {
				fmt.Fprintf(b, "<tr><td style=\"width:32%%\"><b>%s</b></td><td>%s</td></tr>\n", esc(l), esc(vals[i]))
			}
			b.WriteString("</table>\n")
		}
		b.WriteString("<div class=\"coverend\"></div>\n")
		fmt.Fprintf(b, "<h2>%s</h2>\n<p>%s</p>\n", esc(h.lg.generalInfo), esc(introText(sp.lang, s)))
	}
	for _, sec := range s.sections {
		if s.cluster == "" {
			fmt.Fprintf(b, "<h2>%s</h2>\n", esc(clusterHeading(sp.lang, sec.cluster)))
		} else if sp.parts {
			fmt.Fprintf(b, "<h2>%s</h2>\n", esc(partHeading(sp.lang, sec.partIdx, sec.inst)))
		}
		for _, a := range sec.articles {
			h.lastPara = ""
			hs := articleHeading(sp.lang, sp.heading, a.inst, a.num)
			fmt.Fprintf(b, "<h3>%s</h3>\n", esc(hs[0]))
			if len(hs) > 1 {
				cls := "arttitle"
				if sp.heading == "D" {
					cls += " it"
				}
				fmt.Fprintf(b, "<p class=%q>%s</p>\n", cls, esc(hs[1]))
			}
			if sp.layout == "plain" {
				h.plainArticle(a)
			} else {
				h.tableArticle(a)
			}
		}
	}
	if sp.footnotes && s.nfoot > 0 {
		fmt.Fprintf(b, "<div class=\"notes\"><h3>%s</h3>\n", esc(h.lg.notes))
		for _, sec := range s.sections {
			for _, a := range sec.articles {
				for _, q := range a.questions {
					for _, fn := range q.notes {
						fmt.Fprintf(b, "<p><sup>%d</sup> %s</p>\n", fn.num, esc(fn.text))
					}
				}
			}
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

func (h *hdoc) plainArticle(a *article) {
	sp, b := h.sp, &h.b
	for _, q := range a.questions {
		if sp.showPara && q.para != "" && q.para != h.lastPara {
			fmt.Fprintf(b, "<p class=\"para\">%s</p>\n", esc(paraLabel(sp.lang, q.para)))
		}
		if q.para != "" {
			h.lastPara = q.para
		}
		if sp.subheads && q.kind == "examples" {
			fmt.Fprintf(b, "<p class=\"sub\">%s</p>\n", esc(h.lg.implPract))
		}
		fmt.Fprintf(b, "<p class=\"q\">%s</p>\n", h.questionHTML(q, true))
		if q.offered {
			fmt.Fprintf(b, "<p class=\"choice\">%s</p>\n", h.choiceHTML(q))
		}
		b.WriteString(h.narrative(q))
	}
}

func (h *hdoc) tableArticle(a *article) {
	sp, b := h.sp, &h.b
	fmt.Fprintf(b, "<table class=\"qt\">\n")
	if sp.layout == "table3" {
		fmt.Fprintf(b, "<colgroup><col style=\"width:9%%\"><col style=\"width:40%%\"><col></colgroup>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", esc(h.lg.head3[0]), esc(h.lg.head3[1]), esc(h.lg.head3[2]))
	} else {
		fmt.Fprintf(b, "<colgroup><col style=\"width:42%%\"><col></colgroup>\n<tr><th>%s</th><th>%s</th></tr>\n", esc(h.lg.head2[0]), esc(h.lg.head2[1]))
	}
	for _, q := range a.questions {
		b.WriteString("<tr>")
		para := ""
		if sp.showPara && q.para != "" && q.para != h.lastPara {
			para = fmt.Sprintf("<p class=\"para\">%s</p>", esc(paraLabel(sp.lang, q.para)))
		}
		if q.para != "" {
			h.lastPara = q.para
		}
		if sp.layout == "table3" {
			fmt.Fprintf(b, "<td><b>%s</b></td><td>%s<p class=\"q\">%s</p></td>", esc(qLabel(sp.lang, sp.qlabel, q.number)), para, h.questionHTML(q, false))
		} else {
			fmt.Fprintf(b, "<td>%s<p class=\"q\">%s</p></td>", para, h.questionHTML(q, true))
		}
		b.WriteString("<td>")
		if q.offered {
			fmt.Fprintf(b, "<p class=\"choice\">%s</p>", h.choiceHTML(q))
		}
		b.WriteString(h.narrative(q))
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table>\n")
}

var pageObj = regexp.MustCompile(`/Type\s*/Page[^s]`)

// countPages counts page objects in an uncompressed-xref PDF (as Chromium writes).
func countPages(b []byte) int { return len(pageObj.FindAllIndex(b, -1)) }

func renderChromium(sp *spec, s *submission, path, chromium string, _ *fontSet) (int, error) {
	h := &hdoc{sp: sp, s: s, lg: langs[sp.lang], r: rand.New(rand.NewPCG(seedOf(sp.name), 99))}
	page := h.render()
	tmp, err := os.MkdirTemp("", "saqcorpus-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	htmlPath := filepath.Join(tmp, sp.name+".html")
	if err := os.WriteFile(htmlPath, []byte(page), 0o644); err != nil {
		return 0, err
	}
	out, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--no-pdf-header-footer",
		"--print-to-pdf="+out, "file://"+htmlPath)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("chromium: %v: %s", err, lastLines(string(msg), 5))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return 0, fmt.Errorf("chromium wrote no PDF: %v: %s", err, lastLines(string(msg), 5))
	}
	n := countPages(b)
	if n == 0 {
		return 0, fmt.Errorf("chromium output has no pages")
	}
	_ = locatePages(out, s) // best effort: answers not found keep no pages
	return n, nil
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	out := strings.Join(ls, " | ")
	if utf8.RuneCountInString(out) > 600 {
		out = string([]rune(out)[:600])
	}
	return out
}
