package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"github.com/ledongthuc/pdf"
)

func moduleDir(t *testing.T, mod string) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
	if err != nil {
		t.Logf("go list -m %s: %v", mod, err)
		return ""
	}
	return strings.TrimSpace(string(out))
}

func testOptions(t *testing.T) Options {
	var opt Options
	if d := moduleDir(t, "github.com/go-pdf/fpdf"); d != "" {
		opt.FontDir = filepath.Join(d, "font")
	}
	if d := moduleDir(t, "github.com/pdfcpu/pdfcpu"); d != "" {
		p := filepath.Join(d, "pkg", "testdata", "fonts", "unifont-13.0.03.ttf")
		if _, err := os.Stat(p); err == nil {
			opt.CJKFont = p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		opt.Chromium = p
	}
	return opt
}

var spaceRun = strings.NewReplacer("\n", " ", "\t", " ", "\f", " ", "\u00ad", "")

func normalize(s string, zh bool) string {
	s = spaceRun.Replace(s)
	if zh {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// firstWords is the start of a question as the check looks for it.
func firstWords(s string, zh bool) string {
	if zh {
		rs := []rune(normalize(s, true))
		if len(rs) > 8 {
			rs = rs[:8]
		}
		return string(rs)
	}
	f := strings.Fields(s)
	if len(f) > 5 {
		f = f[:5]
	}
	return strings.Join(f, " ")
}

// inOrder reports whether the words of w occur in txt in order, with at most gap
// other words between neighbours: in two-column layouts pdftotext interleaves
// the lines of the question and answer cells.
func inOrder(txt, w string, gap int) bool {
	words := strings.Fields(txt)
	want := strings.Fields(w)
	for i := range words {
		if words[i] != want[0] {
			continue
		}
		j, k := i, 1
		for ; k < len(want); k++ {
			found := false
			for l := j + 1; l <= j+1+gap && l < len(words); l++ {
				if words[l] == want[k] {
					j, found = l, true
					break
				}
			}
			if !found {
				break
			}
		}
		if k == len(want) {
			return true
		}
	}
	return false
}

func TestGenerate(t *testing.T) {
	opt := testOptions(t)
	t.Logf("options: %+v", opt)
	dir := t.TempDir()
	start := time.Now()
	docs, err := Generate(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d documents in %s", len(docs), time.Since(start).Round(time.Millisecond))
	if len(docs) == 0 {
		t.Fatal("no documents")
	}
	checkDocs(t, docs)
}

// checkDocs runs the truth checks on generated documents: the truth parses and
// is complete, the PDF opens with the page count the truth gives, and
// pdftotext (when installed) finds the first words of every question.
func checkDocs(t *testing.T, docs []Doc) {
	t.Helper()
	_, haveText := exec.LookPath("pdftotext")
	for _, d := range docs {
		b, err := os.ReadFile(d.Truth)
		if err != nil {
			t.Fatal(err)
		}
		var tr Truth
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&tr); err != nil {
			t.Errorf("%s: truth does not parse: %v", d.Name, err)
			continue
		}
		if tr.File != d.Name+".pdf" || len(tr.Answers) == 0 || tr.Language == "" || len(tr.Instruments) == 0 {
			t.Errorf("%s: incomplete truth: file %q, %d answers", d.Name, tr.File, len(tr.Answers))
		}
		checkOverflow(t, d)
		if tr.Pages < 3 || tr.Pages > 12 {
			t.Errorf("%s: %d pages, want 3-12", d.Name, tr.Pages)
		}
		f, r, err := pdf.Open(d.PDF)
		if err != nil {
			t.Errorf("%s: does not open: %v", d.Name, err)
			continue
		}
		if n := r.NumPage(); n != tr.Pages {
			t.Errorf("%s: reader sees %d pages, truth says %d", d.Name, n, tr.Pages)
		}
		f.Close()
		for i, a := range tr.Answers {
			if a.Choice != "" && !a.ChoiceOffered {
				t.Errorf("%s: answer %d has a choice but no boxes", d.Name, i)
			}
			if strings.Contains(a.Text, "  ") || strings.Contains(a.Text, "\u00ad") {
				t.Errorf("%s: answer %d text is not normalized", d.Name, i)
			}
			if d.Producer != "chromium" && a.Text != "" && len(a.Pages) == 0 {
				t.Errorf("%s: answer %d has text but no pages", d.Name, i)
			}
		}
		if haveText != nil {
			continue
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", d.PDF, "-").Output()
		if err != nil {
			t.Errorf("%s: pdftotext: %v", d.Name, err)
			continue
		}
		zh := tr.Language == "zh"
		txt := normalize(string(out), zh)
		for _, a := range tr.Answers {
			w := firstWords(a.QuestionText, zh)
			if !strings.Contains(txt, w) && (zh || !inOrder(txt, w, 12)) {
				t.Errorf("%s: question %s/%s/%s %q not found in the text", d.Name, a.Instrument, a.Article, a.Question, w)
			}
		}
	}
}

// checkOverflow fails the test for a document with text drawn outside its box
// (a table cell minus its padding, the text area, the footnote area).
func checkOverflow(t *testing.T, d Doc) {
	t.Helper()
	for i, o := range d.overflow {
		if i == 5 {
			t.Errorf("%s: ... %d more runs outside their boxes", d.Name, len(d.overflow)-i)
			break
		}
		t.Errorf("%s: text outside its box: %s", d.Name, o)
	}
}

// TestNoOverflow lays out every fpdf document of the random sets the extractor
// is measured on and checks that no text run leaves its cell: labels such as
// "Pregunta 12:" in the number column of three-column tables once ran over
// the rule into the question text.
func TestNoOverflow(t *testing.T) {
	opt := testOptions(t)
	opt.Chromium = ""
	var fonts *fontSet
	if opt.FontDir != "" {
		var err error
		if fonts, err = loadFonts(opt.FontDir, opt.CJKFont); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	n := 0
	for _, seed := range []uint64{777, heldOutSeed} {
		for _, sp := range RandomSpecs(seed, 40) {
			if sp.prod == "chromium" || sp.prod == "utf8" && (fonts == nil || sp.lang == "zh" && fonts.cjk == nil) {
				continue
			}
			d, err := generateOne(dir, sp, opt, fonts)
			if err != nil {
				t.Fatalf("%s: %v", sp.name, err)
			}
			checkOverflow(t, d)
			n++
		}
	}
	t.Logf("%d fpdf documents laid out", n)
}

// TestLayoutFits checks the line breaker on words wider than their box and
// that the overflow check sees a run drawn past its box.
func TestLayoutFits(t *testing.T) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "A4"})
	pdf.AddPage()
	w := &fw{pdf: pdf, body: "Helvetica", tr: pdf.UnicodeTranslatorFromDescriptor(""), utf8Fams: map[string]bool{}}
	ps := pstyle{size: 11, lead: 1.2, align: "L"}
	cases := []struct {
		runs  []run
		width float64
		text  string // the words of the text, in order, as drawn
	}{
		{[]run{{text: "Pregunta 12:", style: "B"}}, 30, "Pregunta 12:"},
		{[]run{{text: "Pregunta 12:", style: "B", nobreak: true}}, 40, "Pregunta 12:"},
		{[]run{{text: "[X] Parcialmente", nobreak: true}, {gap: 22}, {text: "[ ] No", nobreak: true}}, 45, "[X] Parcialmente [ ] No"},
		{[]run{{text: "Unos Desproporcionadamente largos"}, {text: "12", sup: true}}, 25, "Unos Desproporcionadamente largos12"},
		{[]run{{box: 2}, {text: " Sí", nobreak: true}}, 12, "Sí"},
		{[]run{{text: "W"}}, 3, "W"}, // narrower than one letter: the letter is set anyway
	}
	for _, c := range cases {
		ls := w.layout(c.runs, c.width, ps)
		var words []string
		for _, l := range ls {
			for _, s := range l.segs {
				if s.text == "" {
					continue
				}
				words = append(words, s.text)
				if c.width >= 10 && (s.x < -0.01 || s.x+w.measure(s.fam, s.style, s.size, s.text) > c.width+0.05) {
					t.Errorf("%q in %.0fpt: %q set at %.2f-%.2f", c.text, c.width, s.text, s.x, s.x+s.w)
				}
			}
		}
		// the pieces put together give the text back (a word broken inside
		// has no hyphen; spaces may fall at line ends)
		if got := strings.Join(words, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(c.text, " ", "") {
			t.Errorf("%q in %.0fpt: laid out as %q", c.text, c.width, words)
		}
		if c.width >= 10 && len(ls) < 2 {
			t.Errorf("%q in %.0fpt: not broken", c.text, c.width)
		}
	}

	// the check itself: a label set wider than its cell is reported
	w.page = 1
	ls := w.layout([]run{{text: "Pregunta", style: "B"}}, 1000, ps)
	w.drawLine(&ls[0], 50, 75, 100)
	if len(w.overflow) != 1 {
		t.Errorf("overflow not seen: %q", w.overflow)
	}
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	got, err := BadFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for name, kind := range got {
		count[kind]++
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "empty":
			if len(b) != 0 {
				t.Errorf("%s: not empty", name)
			}
		case "not_pdf":
			if bytes.HasPrefix(b, []byte("%PDF")) {
				t.Errorf("%s: starts like a PDF", name)
			}
		case "encrypted":
			if !bytes.Contains(b, []byte("/Encrypt")) {
				t.Errorf("%s: no /Encrypt", name)
			}
		case "corrupt", "no_text":
			if !bytes.HasPrefix(b, []byte("%PDF")) {
				t.Errorf("%s: does not start like a PDF", name)
			}
		}
		if kind == "no_text" {
			if f, r, err := pdf.Open(filepath.Join(dir, name)); err != nil {
				t.Errorf("%s: does not open: %v", name, err)
			} else {
				if r.NumPage() == 0 {
					t.Errorf("%s: no pages", name)
				}
				f.Close()
			}
		}
	}
	for _, k := range []string{"not_pdf", "empty", "encrypted", "corrupt", "no_text"} {
		if count[k] == 0 {
			t.Errorf("no %s file", k)
		}
	}
}

// TestCoverage checks that every value of every variation axis occurs at least twice.
func TestCoverage(t *testing.T) {
	axes := map[string]func(*spec) string{
		"producer":  func(s *spec) string { return s.prod },
		"language":  func(s *spec) string { return s.lang },
		"layout":    func(s *spec) string { return s.layout },
		"numbering": func(s *spec) string { return s.numbering },
		"qlabel":    func(s *spec) string { return s.qlabel },
		"tick": func(s *spec) string {
			if strings.HasPrefix(s.tick, "zapf") {
				return "zapf"
			}
			return s.tick
		},
		"partial":    func(s *spec) string { return fmt.Sprint(s.partAlt) },
		"na":         func(s *spec) string { return fmt.Sprint(s.na) },
		"heading":    func(s *spec) string { return s.heading },
		"parts":      func(s *spec) string { return fmt.Sprint(s.parts) },
		"show_para":  func(s *spec) string { return fmt.Sprint(s.showPara) },
		"cut":        func(s *spec) string { return fmt.Sprint(s.cluster == "") },
		"cover":      func(s *spec) string { return s.cover },
		"symbol":     func(s *spec) string { return fmt.Sprint(s.symbol) + s.symbolPos },
		"page_label": func(s *spec) string { return s.pageLabel },
		"footnotes":  func(s *spec) string { return fmt.Sprint(s.footnotes) },
		"hyphenate":  func(s *spec) string { return fmt.Sprint(s.hyph == "hard") },
		"paper":      func(s *spec) string { return s.paper },
		"justify":    func(s *spec) string { return fmt.Sprint(s.justify) },
		"tight":      func(s *spec) string { return fmt.Sprint(s.hard["tight"]) },
		"numlist":    func(s *spec) string { return fmt.Sprint(s.hard["numlist"]) },
	}
	for name, f := range axes {
		count := map[string]int{}
		for _, s := range specs() {
			count[f(s)]++
		}
		for v, n := range count {
			if n < 2 {
				t.Errorf("axis %s value %q occurs %d time(s)", name, v, n)
			}
		}
	}
	names := map[string]bool{}
	for _, s := range specs() {
		if names[s.name] {
			t.Errorf("duplicate name %s", s.name)
		}
		names[s.name] = true
		if s.prod == "core" && (s.lang == "ru" || s.lang == "zh") {
			t.Errorf("%s: core fonts cannot print %s", s.name, s.lang)
		}
	}
}

// TestDeterministic checks that content does not depend on anything but the spec.
func TestDeterministic(t *testing.T) {
	for _, sp := range specs() {
		a, _ := json.Marshal(makeTruth(sp, build(sp), 0))
		b, _ := json.Marshal(makeTruth(sp, build(sp), 0))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: content differs between builds", sp.name)
		}
	}
}

// heldOutSeed is the seed of the documented held-out set.
const heldOutSeed = 20261128

// TestRandomGenerate generates random documents through Options.Random and a
// handful picked to cover every producer and language, and runs the truth checks.
func TestRandomGenerate(t *testing.T) {
	opt := testOptions(t)
	start := time.Now()

	// through Generate: only the random documents are written
	dir := t.TempDir()
	ropt := opt
	ropt.Random, ropt.Seed = 3, 7
	docs, err := Generate(dir, ropt)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no random documents")
	}
	for _, d := range docs {
		if !strings.HasPrefix(d.Name, "r7-") {
			t.Errorf("Generate with Random wrote %s", d.Name)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2*len(docs) {
		t.Errorf("%d files in the output directory, want %d", len(ents), 2*len(docs))
	}
	checkDocs(t, docs)

	// a few of the held-out seed: each producer and language at least once
	dir2 := t.TempDir()
	seen := map[string]bool{}
	var fonts *fontSet
	if opt.FontDir != "" {
		if fonts, err = loadFonts(opt.FontDir, opt.CJKFont); err != nil {
			t.Fatal(err)
		}
	}
	var more []Doc
	for _, sp := range RandomSpecs(heldOutSeed, 40) {
		if seen["p"+sp.prod] && seen["l"+sp.lang] {
			continue
		}
		if (sp.prod == "utf8" && (fonts == nil || sp.lang == "zh" && fonts.cjk == nil)) || (sp.prod == "chromium" && opt.Chromium == "") {
			continue
		}
		seen["p"+sp.prod], seen["l"+sp.lang] = true, true
		d, err := generateOne(dir2, sp, opt, fonts)
		if err != nil {
			t.Fatalf("%s: %v", sp.name, err)
		}
		more = append(more, d)
	}
	for _, d := range append(docs, more...) {
		t.Logf("%s: %v %v %v", d.Name, d.Variants["layout"], d.Variants["choice_style"], d.Variants["cut"])
	}
	checkDocs(t, more)
	t.Logf("generated and checked %d random documents in %s", len(docs)+len(more), time.Since(start).Round(time.Millisecond))
}

// TestRandomSpecs checks determinism, the constraints and the coverage of the axes.
func TestRandomSpecs(t *testing.T) {
	fixed := map[string]bool{}
	for _, sp := range specs() {
		fixed[sp.name] = true
	}
	truthOf := func(sp *spec) string {
		b, _ := json.Marshal(makeTruth(sp, build(sp), 0))
		return string(b)
	}
	for _, seed := range []uint64{1, 2, 7, heldOutSeed} {
		a, b := RandomSpecs(seed, 40), RandomSpecs(seed, 40)
		short := RandomSpecs(seed, 5)
		names := map[string]bool{}
		for i, sp := range a {
			if truthOf(sp) != truthOf(b[i]) || sp.name != b[i].name {
				t.Errorf("seed %d: spec %d differs between draws", seed, i)
			}
			if i < len(short) && truthOf(sp) != truthOf(short[i]) {
				t.Errorf("seed %d: spec %d depends on n", seed, i)
			}
			want := fmt.Sprintf("r%d-%02d-%s-%s-%s", seed, i+1, strings.ToLower(sp.state), sp.lang, sp.prod)
			if sp.name != want || names[sp.name] || fixed[sp.name] {
				t.Errorf("bad or duplicate name %s (want %s)", sp.name, want)
			}
			names[sp.name] = true
			checkConstraints(t, sp)
		}

		// every value of these axes occurs at least once in 40 specs
		axes := map[string]struct {
			f    func(*spec) string
			want []string
		}{
			"producer": {func(s *spec) string { return s.prod }, []string{"core", "utf8", "chromium"}},
			"language": {func(s *spec) string { return s.lang }, []string{"en", "fr", "es", "ru", "zh"}},
			"layout":   {func(s *spec) string { return s.layout }, []string{"plain", "table", "borderless", "table3"}},
			"tick": {func(s *spec) string { return s.tick }, []string{"box", "box_check", "bracket", "paren", "mark_after",
				"check", "answer", "zapf_square", "zapf_cross", "rect_x"}},
			"numbering": {func(s *spec) string { return s.numbering }, []string{"per_article", "consecutive"}},
			"qlabel":    {func(s *spec) string { return s.qlabel }, []string{"question", "question_colon", "num", "q", "paren"}},
			"heading":   {func(s *spec) string { return s.heading }, []string{"A", "B", "C", "D"}},
			"cover":     {func(s *spec) string { return s.cover }, []string{"kv", "table", "intro", "none"}},
			"cut":       {func(s *spec) string { return fmt.Sprint(s.cluster == "") }, []string{"true", "false"}},
			"paper":     {func(s *spec) string { return s.paper }, []string{"a4", "letter"}},
		}
		for name, ax := range axes {
			count := map[string]int{}
			for _, sp := range a {
				count[ax.f(sp)]++
			}
			for _, v := range ax.want {
				if count[v] == 0 {
					t.Errorf("seed %d: axis %s value %q never drawn in 40 specs", seed, name, v)
				}
			}
		}
	}
	if RandomSpecs(1, 1)[0].name == RandomSpecs(2, 1)[0].name {
		t.Error("seeds 1 and 2 draw the same first name")
	}
}

// checkConstraints checks the rules a random spec must obey.
func checkConstraints(t *testing.T, sp *spec) {
	t.Helper()
	bad := func(format string, a ...any) { t.Errorf("%s: "+format, append([]any{sp.name}, a...)...) }
	if !contains(randLangs[sp.prod], sp.lang) {
		bad("producer %s cannot print %s", sp.prod, sp.lang)
	}
	if st := states[sp.state]; st == nil || st.lang != sp.lang {
		bad("state %s does not write %s", sp.state, sp.lang)
	}
	if !contains(randTicks[sp.prod], sp.tick) {
		bad("producer %s cannot draw tick %s", sp.prod, sp.tick)
	}
	switch {
	case sp.lang == "zh" && sp.prod != "core" && sp.font != "cjk",
		sp.lang != "zh" && !contains(randFonts[sp.prod], sp.font):
		bad("font %s for %s/%s", sp.font, sp.prod, sp.lang)
	}
	if len(sp.insts) == 0 || !hasBank(sp.lang, sp.cluster, sp.insts) {
		bad("no questions for %s cluster %q %v", sp.lang, sp.cluster, sp.insts)
	}
	if (sp.lang == "ru" || sp.lang == "zh") && sp.cluster != "I" {
		bad("%s outside cluster I", sp.lang)
	}
	if sp.cluster == "" && (len(sp.insts) != 1 || sp.insts[0] == untoc && sp.maxPerCluster == 0) {
		bad("instrument cut %v, %d per cluster", sp.insts, sp.maxPerCluster)
	}
	if sp.cluster != "" && sp.insts[0] != untoc {
		bad("cluster cut without UNTOC: %v", sp.insts)
	}
	if sp.parts && (sp.cluster == "" || len(sp.insts) < 2) {
		bad("part headings for %q %v", sp.cluster, sp.insts)
	}
	if sp.symbol != (sp.symbolPos != "") {
		bad("symbol %v at %q", sp.symbol, sp.symbolPos)
	}
	if h := sp.hyph; h != "" && (sp.lang == "zh" || (h == "soft") != (sp.prod == "chromium")) {
		bad("hyphenation %q for %s/%s", h, sp.prod, sp.lang)
	}
	if sp.subheads && sp.layout != "plain" {
		bad("subheads in layout %s", sp.layout)
	}
	if sp.coverPage && sp.cover != "kv" && sp.cover != "table" {
		bad("cover page with cover %s", sp.cover)
	}
	if sp.hard["numlist"] && phraseBook[sp.lang].listIntro == "" {
		bad("numbered list in %s", sp.lang)
	}
	if sp.hard["conv5"] && !contains(sp.insts, tip) {
		bad("conv5 without TIP")
	}
	if sp.hard["tight"] && sp.qBold {
		bad("tight with bold questions")
	}
	if sp.size < 9 || sp.size > 12 || sp.lead < 1.15 || sp.lead > 1.4 {
		bad("size %v leading %v", sp.size, sp.lead)
	}
	if e := estimatePages(sp, build(sp)); e < randMinPages || e > randMaxPages {
		bad("estimated %.1f pages", e)
	}
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
