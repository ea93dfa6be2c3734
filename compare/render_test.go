package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/mentions"
)

const scriptText = "<script>alert(1)</script>"

// renderFixture is a hand-built comparison covering what the writers must
// handle: names and answers in Latin, Cyrillic, Arabic and Chinese script;
// markup and "&" in question, answer and citation texts; a State expected
// to answer that submitted nothing (TUV), one that submitted on one article
// only (CHN), one not expected on an article (EGY on TIP 5); a question
// without tick boxes; and questions without groups.
func renderFixture() *Comparison {
	ev := func(sub, file string, inst saq.Instrument, art, q string, pages ...int) Evidence {
		return Evidence{SubmissionID: sub, Upload: "sha256-" + sub, File: file, Instrument: inst, Article: art, Question: q, Pages: pages}
	}
	const (
		mexFile = "MEX_2023 cluster I.pdf"
		rusFile = "RUS-2023.pdf"
		egyFile = "EGY.pdf"
		chnFile = "CHN (2023).pdf"
		fraFile = "FRA.pdf"
	)
	q1 := Question{Instrument: saq.UNTOC, Article: "5", Question: "1", Paragraph: "1(a)(i)", Kind: KindMeasures, TickBox: true,
		QuestionText: "Has your State adopted measures to criminalize participation in an organized criminal group? " + scriptText + " Tom & Jerry",
		Distribution: Distribution{Yes: 2, YesInPart: 1, No: 1, Unanswered: 1, Answered: 4},
		Answers: []Answer{
			{CountryCode: "CHN", Country: "中国", Choice: "", Text: "中国刑法第二百九十四条规定了组织、领导、参加黑社会性质组织罪。",
				Pages: []int{7}, Citations: []string{"刑法 第294条"}, Flags: []string{"not_ticked"}, Evidence: ev("CHN-1", chnFile, saq.UNTOC, "5", "3", 7)},
			{CountryCode: "EGY", Country: "مصر", Choice: "no", Text: "", Pages: []int{}, Citations: []string{},
				Flags: []string{"no_explanation"}, Evidence: ev("EGY-1", egyFile, saq.UNTOC, "5", "1", 3)},
			{CountryCode: "FRA", Country: "France", Choice: "yes", Text: "Article 450-1 du Code pénal " + scriptText + " & association de malfaiteurs.",
				Pages: []int{2, 3}, Citations: []string{"code pénal art. 450-1"}, Flags: []string{}, Evidence: ev("FRA-1", fraFile, saq.UNTOC, "5", "1", 2, 3)},
			{CountryCode: "MEX", Country: "México", Choice: "yes", Text: "La Ley Federal contra la Delincuencia Organizada tipifica la participación en una organización criminal; el Código Penal Federal, en su artículo 164, sanciona la asociación delictuosa con prisión de cinco a diez años y multa.",
				Pages: []int{4, 5}, Citations: []string{"código penal federal art. 164"}, Flags: []string{}, Evidence: ev("MEX-1", mexFile, saq.UNTOC, "5", "1", 4, 5)},
			{CountryCode: "RUS", Country: "Российская Федерация", Choice: "yes_in_part", Text: "Статья 210 Уголовного кодекса Российской Федерации устанавливает ответственность за организацию преступного сообщества.",
				Pages: []int{11}, Citations: []string{"ук рф ст. 210"}, Flags: []string{}, Evidence: ev("RUS-1", rusFile, saq.UNTOC, "5", "2", 11)},
		},
		Groups: []Group{{Countries: []string{"MEX", "FRA"}, Excerpt: "La Ley Federal contra la Delincuencia Organizada tipifica la participación en una organización criminal.",
			ExcerptCountry: "MEX", Terms: []string{"criminal", "organización"}, Similarity: 0.7314}},
	}
	q2 := Question{Instrument: saq.UNTOC, Article: "5", Question: "2", Paragraph: "1(a)", Kind: KindLegislation, TickBox: false,
		QuestionText: "Please cite the applicable legislation.",
		Distribution: Distribution{Unanswered: 1, Answered: 4},
		Answers: []Answer{
			{CountryCode: "CHN", Country: "中国", Text: "《中华人民共和国刑法》第二百九十四条。", Pages: []int{8}, Citations: []string{"刑法 第294条"}, Flags: []string{}, Evidence: ev("CHN-1", chnFile, saq.UNTOC, "5", "4", 8)},
			{CountryCode: "EGY", Country: "مصر", Text: "", Pages: []int{}, Citations: []string{}, Flags: []string{"unanswered"}, Evidence: Evidence{Pages: []int{}}},
			{CountryCode: "FRA", Country: "France", Text: "Code pénal, articles 450-1 à 450-5.", Pages: []int{3}, Citations: []string{"code pénal art. 450-1"}, Flags: []string{}, Evidence: ev("FRA-1", fraFile, saq.UNTOC, "5", "2", 3)},
			{CountryCode: "MEX", Country: "México", Text: "Código Penal Federal, artículo 164 | Ley Federal contra la Delincuencia Organizada, artículo 2.", Pages: []int{5}, Citations: []string{"código penal federal art. 164"}, Flags: []string{}, Evidence: ev("MEX-1", mexFile, saq.UNTOC, "5", "2", 5)},
			{CountryCode: "RUS", Country: "Российская Федерация", Text: "Уголовный кодекс, статья 210.", Pages: []int{12}, Citations: []string{"ук рф ст. 210"}, Flags: []string{}, Evidence: ev("RUS-1", rusFile, saq.UNTOC, "5", "3", 12)},
		},
		Groups: []Group{},
	}
	q3 := Question{Instrument: saq.TIP, Article: "5", Question: "1", Paragraph: "1", Kind: KindMeasures, TickBox: true,
		QuestionText: "هل اعتمدت دولتكم تدابير لتجريم الاتجار بالأشخاص؟", NotSubmitted: []string{"CHN", "TUV"},
		Distribution: Distribution{Yes: 1, No: 1, NotApplicable: 1, Answered: 1},
		Answers: []Answer{
			{CountryCode: "FRA", Country: "France", Choice: "not_applicable", Pages: []int{9}, Citations: []string{}, Flags: []string{}, Evidence: ev("FRA-2", fraFile, saq.TIP, "5", "1", 9)},
			{CountryCode: "MEX", Country: "México", Choice: "yes", Pages: []int{20}, Citations: []string{}, Flags: []string{"no_citation"}, Evidence: ev("MEX-1", mexFile, saq.TIP, "5", "1", 20)},
			{CountryCode: "RUS", Country: "Российская Федерация", Choice: "no", Text: "Ведётся подготовка законопроекта.", Pages: []int{30, 31}, Citations: []string{}, Flags: []string{}, Evidence: ev("RUS-2", rusFile, saq.TIP, "5", "1", 30, 31)},
		},
		Groups: []Group{},
	}
	cited := func(text, key, kind string, e ...Evidence) Cited {
		return Cited{Citation: mentions.Citation{Text: text, Key: key, Kind: kind}, Evidence: e}
	}
	return &Comparison{
		Theme:        "criminalization",
		Title:        "Criminalization & participation",
		Articles:     []saq.ArticleRef{{Instrument: saq.UNTOC, Article: "5"}, {Instrument: saq.TIP, Article: "5"}},
		Countries:    []string{"CHN", "EGY", "FRA", "MEX", "RUS"},
		NotSubmitted: []string{"CHN", "TUV"},
		Questions:    []Question{q1, q2, q3},
		States: []State{
			{CountryCode: "CHN", Country: "中国", Language: "zh", Submissions: []string{"CHN-1"},
				Legislation: []Cited{cited("《中华人民共和国刑法》第二百九十四条", "刑法 第294条", "code", q2.Answers[0].Evidence)},
				Needs:       []Mentioned{},
				Statistics:  []Mentioned{{Text: "2022年共立案侦查有组织犯罪案件1,234起。", Evidence: q1.Answers[0].Evidence}},
				Distinctive: []string{"黑社会性质组织", "刑法"}},
			{CountryCode: "EGY", Country: "مصر", Language: "ar", Submissions: []string{"EGY-1"},
				Legislation: []Cited{}, Needs: []Mentioned{{Text: "تحتاج مصر إلى مساعدة تقنية في مجال التحقيقات المالية.", Evidence: q1.Answers[1].Evidence}},
				Statistics: []Mentioned{}, Distinctive: []string{}, Distribution: Distribution{No: 1}},
			{CountryCode: "FRA", Country: "France", Language: "fr", Submissions: []string{"FRA-1", "FRA-2"},
				Legislation: []Cited{cited("Code pénal & "+scriptText, "code pénal art. 450-1", "code", q1.Answers[2].Evidence, q2.Answers[2].Evidence)},
				Needs:       []Mentioned{}, Statistics: []Mentioned{}, Distinctive: []string{"malfaiteurs", "association"},
				Distribution: Distribution{Yes: 1, NotApplicable: 1, Answered: 1}},
			{CountryCode: "MEX", Country: "México", Language: "es", Submissions: []string{"MEX-1"},
				Legislation: []Cited{cited("Código Penal Federal, artículo 164", "código penal federal art. 164", "code", q1.Answers[3].Evidence)},
				Needs:       []Mentioned{}, Statistics: []Mentioned{}, Distinctive: []string{"delincuencia", "organizada"},
				Distribution: Distribution{Yes: 2, Answered: 1}},
			{CountryCode: "RUS", Country: "Российская Федерация", Language: "ru", Submissions: []string{"RUS-1", "RUS-2"},
				Legislation: []Cited{cited("Уголовный кодекс Российской Федерации, статья 210", "ук рф ст. 210", "code", q1.Answers[4].Evidence)},
				Needs:       []Mentioned{{Text: "Требуется техническая помощь в подготовке следователей.", Evidence: q3.Answers[2].Evidence}},
				Statistics:  []Mentioned{}, Distinctive: []string{"сообщества"},
				Distribution: Distribution{YesInPart: 1, No: 1, Answered: 2}},
		},
	}
}

// observationsFixture is a hand-built draft with lines in four scripts,
// markup in a line, and an article with nothing suggested.
func observationsFixture() *Observations {
	ev := Evidence{SubmissionID: "MEX-1", File: "MEX_2023 cluster I.pdf", Instrument: saq.UNTOC, Article: "5", Question: "1", Pages: []int{4, 5}}
	return &Observations{
		CountryCode: "MEX", Country: "México", Language: "es", Cluster: "I", ClusterName: "Criminalization and jurisdiction",
		Instruments: []saq.Instrument{saq.UNTOC, saq.TIP},
		Submissions: []Source{{SubmissionID: "MEX-1", Upload: "sha256-MEX-1", File: "MEX_2023 cluster I.pdf", Version: 2}},
		Notice:      Notice,
		Introduction: []string{
			"México submitted its self-assessment answers on the Convention and the Trafficking in Persons Protocol.",
			"Answers quoted below keep their original wording, e.g. " + scriptText + " & others.",
		},
		Articles: []ArticleObservations{
			{Instrument: saq.UNTOC, Article: "5", Title: "Criminalization of participation in an organized criminal group",
				Measures: []Line{
					{Text: "México reported that article 164 of the Federal Criminal Code criminalizes criminal association.",
						Basis: `ticked "Yes"`, Citations: []string{"código penal federal art. 164"}, Evidence: ev},
					{Text: "Cited in another language: Статья 210 Уголовного кодекса; 刑法第二百九十四条; المادة 86 من قانون العقوبات.",
						Basis: "legislation cited", Evidence: Evidence{SubmissionID: "MEX-1", File: "MEX_2023 cluster I.pdf", Instrument: saq.UNTOC, Article: "5", Question: "2", Pages: []int{5}}},
				},
				Successes: []Line{},
				Challenges: []Line{{Text: "Line with markup " + scriptText + " & an ampersand.", Basis: `ticked "Yes, in part"`,
					Evidence: Evidence{SubmissionID: "MEX-1", File: "MEX_2023 cluster I.pdf", Instrument: saq.UNTOC, Article: "5", Question: "4", Pages: []int{6}}}},
				Needs: []Line{}},
			{Instrument: saq.TIP, Article: "5", Title: "Criminalization",
				Measures: []Line{}, Successes: []Line{}, Challenges: []Line{}, Needs: []Line{}},
		},
	}
}

// golden compares got with testdata/render/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "render", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run go test -run %s -update to accept)", name, i+1, g, w, t.Name())
			}
		}
	}
}

func TestRenderCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, renderFixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "matrix.csv", b.Bytes())
	data, ok := bytes.CutPrefix(b.Bytes(), []byte("\ufeff"))
	if !ok {
		t.Fatal("no UTF-8 byte-order mark")
	}
	if !utf8.Valid(data) {
		t.Fatal("not UTF-8")
	}
	got, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ns := "not submitted"
	want := [][]string{
		{"country_code", "country", "UNTOC 5 Q1 (1(a)(i)) measures", "UNTOC 5 Q2 (1(a)) legislation", "TIP 5 Q1 (1) measures"},
		{"CHN", "中国", "", "answered", ns},
		{"EGY", "مصر", "no", "", "not expected"},
		{"FRA", "France", "yes", "answered", "n/a"},
		{"MEX", "México", "yes", "answered", "yes"},
		{"RUS", "Российская Федерация", "yes in part", "answered", "no"},
		{"TUV", "Tuvalu", ns, ns, ns},
	}
	for i, row := range got {
		if len(row) != len(want[0]) {
			t.Errorf("row %d has %d cells, want %d: the matrix is not rectangular", i, len(row), len(want[0]))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matrix:\n got %q\nwant %q", got, want)
	}

	// Edge cases: the matrix stays rectangular.
	for _, tc := range []struct {
		name       string
		c          *Comparison
		rows, cols int
	}{
		{"empty", &Comparison{}, 1, 2},
		{"only not submitted", &Comparison{NotSubmitted: []string{"TUV", "NRU"}, Questions: []Question{{Instrument: saq.UNTOC, Article: "5", Question: "1"}}}, 3, 3},
		{"large", largeFixture(150, 195), 196, 152},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteCSV(&b, tc.c); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff"))))
			recs, err := r.ReadAll() // FieldsPerRecord 0: every record as long as the first
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != tc.rows || len(recs[0]) != tc.cols {
				t.Errorf("%d×%d matrix, want %d×%d", len(recs), len(recs[0]), tc.rows, tc.cols)
			}
		})
	}
}

// writers are the document writers checked against golden files.
var writers = []struct {
	name, golden string
	html         bool
	write        func(io.Writer) error
}{
	{"comparison Markdown", "comparison.md", false, func(w io.Writer) error { return WriteMarkdown(w, renderFixture()) }},
	{"comparison HTML", "comparison.html", true, func(w io.Writer) error { return WriteHTML(w, renderFixture()) }},
	{"observations Markdown", "observations.md", false, func(w io.Writer) error { return WriteObservationsMarkdown(w, observationsFixture()) }},
	{"observations HTML", "observations.html", true, func(w io.Writer) error { return WriteObservationsHTML(w, observationsFixture()) }},
}

func TestRenderMarkdownHTMLGolden(t *testing.T) {
	for _, tc := range writers {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, b.Bytes())
			out := b.String()
			if !utf8.ValidString(out) {
				t.Fatal("not UTF-8")
			}
			if strings.Contains(out, "<script") || strings.Contains(out, "alert(1)</") {
				t.Error("markup from the answers passed through unescaped")
			}
			for _, s := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;"} {
				if !strings.Contains(out, s) {
					t.Errorf("no %q: the text is missing or escaped differently", s)
				}
			}
			var want []string
			if strings.HasPrefix(tc.golden, "comparison") {
				want = []string{"中国", "مصر", "Российская Федерация", "México", "Tuvalu (TUV)", "TIP 5 Q1 (1) measures",
					"Question without tick boxes", "ук рф ст. 210"}
			} else {
				want = []string{"Draft list of observations — México", "Machine-suggested draft", "Article 5. Criminalization of participation in an organized criminal group",
					"Measures reported", "Successes and good practices", "Challenges and gaps", "Technical assistance needs",
					"None suggested.", "Статья 210", "刑法第二百九十四条", "المادة 86", "MEX-1, UNTOC 5 Q1, p. 4, 5",
					"MEX_2023%20cluster%20I.pdf#page=4", "United Nations Convention against Transnational Organized Crime"}
				if tc.html {
					want = append(want, "☐ confirm", `<em class="basis">ticked &#34;Yes&#34;</em>`)
				} else {
					want = append(want, `- [ ] `, `*ticked "Yes"*`)
				}
			}
			for _, s := range want {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q", s)
				}
			}
		})
	}
}

var (
	attrURL = regexp.MustCompile(`(?i)\b(src|href|action|srcset|poster|data)\s*=\s*["']?([^"' >]*)`)
	svgPart = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)
)

// checkSelfContained reports anything an HTML document would load or run.
func checkSelfContained(t *testing.T, doc string) {
	t.Helper()
	lower := strings.ToLower(doc)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "javascript:", " onload=", " onclick="} {
		if strings.Contains(lower, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	for _, m := range attrURL.FindAllStringSubmatch(doc, -1) {
		u := strings.ToLower(m[2])
		if strings.Contains(u, "http") || strings.Contains(u, "//") || strings.Contains(u, ":") {
			t.Errorf("%s=%q is not a relative file link", m[1], m[2])
		}
	}
	for _, m := range regexp.MustCompile(`url\(([^)]*)\)`).FindAllStringSubmatch(doc, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("url(%s) is not a local reference", m[1])
		}
	}
}

// countRects counts the <rect> elements with a data-choice attribute in
// each <svg> of doc, by choice.
func countRects(doc string) []map[string]int {
	choice := regexp.MustCompile(`<rect\b[^>]*\bdata-choice="([a-z_]+)"`)
	var out []map[string]int
	for _, s := range svgPart.FindAllString(doc, -1) {
		m := map[string]int{}
		for _, c := range choice.FindAllStringSubmatch(s, -1) {
			m[c[1]]++
			m[""]++
		}
		out = append(out, m)
	}
	return out
}

// chartCounts are the data-choice rects the two charts of the fixture
// hold: the spread has one per non-empty segment, the heat-map one per
// State and question.
func chartCounts(c *Comparison) (spread, heatmap int) {
	for i := range c.Questions {
		for _, p := range distributionParts(&c.Questions[i]) {
			if p.N > 0 {
				spread++
			}
		}
	}
	return spread, len(reportRows(c)) * len(c.Questions)
}

func TestRenderHTMLCharts(t *testing.T) {
	for _, tc := range []struct {
		name                           string
		c                              *Comparison
		spread, heatmap, ns, notExpect int
	}{
		// spread: Q1 yes, part, no, unanswered; Q2 answered, unanswered; Q3 yes, no, n/a.
		// heat-map: 6 States × 3 questions; TUV ×3 and CHN on TIP 5 not submitted; EGY on TIP 5 not expected.
		{"fixture", renderFixture(), 9, 18, 4, 1},
		{"empty", &Comparison{Title: "Nothing"}, 0, 0, 0, 0},
		{"one by one", largeFixture(1, 1), 1, 1, 0, 0},
		{"150 questions by 195 States", largeFixture(150, 195), -1, 150 * 195, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteHTML(&b, tc.c); err != nil {
				t.Fatal(err)
			}
			doc := b.String()
			if n := strings.Count(doc, "<svg"); n != 2 {
				t.Fatalf("%d <svg> charts, want 2", n)
			}
			checkSelfContained(t, doc)
			if strings.Contains(doc, "ZgotmplZ") {
				t.Error("html/template rejected a value (ZgotmplZ)")
			}
			svgs := svgPart.FindAllString(doc, -1)
			for i, s := range svgs {
				// The charts are generated as strings: they must be well-formed XML.
				d := xml.NewDecoder(strings.NewReader(s))
				for {
					_, err := d.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("chart %d is not well-formed: %v", i+1, err)
					}
				}
				for _, need := range []string{`role="img"`, `aria-labelledby=`, "<title id=", "<desc id=", `viewBox="0 0 `} {
					if !strings.Contains(s, need) {
						t.Errorf("chart %d lacks %s", i+1, need)
					}
				}
			}
			counts := countRects(doc)
			spread, heatmap := chartCounts(tc.c)
			if tc.spread >= 0 && spread != tc.spread {
				t.Fatalf("fixture has %d spread segments, test expects %d", spread, tc.spread)
			}
			if heatmap != tc.heatmap {
				t.Fatalf("fixture has %d heat-map cells, test expects %d", heatmap, tc.heatmap)
			}
			if counts[0][""] != spread {
				t.Errorf("spread chart: %d bars, want %d", counts[0][""], spread)
			}
			if counts[1][""] != heatmap {
				t.Errorf("heat-map: %d cells, want %d", counts[1][""], heatmap)
			}
			if counts[1][cellNotSubmitted] != tc.ns || counts[1][cellNotExpected] != tc.notExpect {
				t.Errorf("heat-map: %d not submitted, %d not expected; want %d, %d",
					counts[1][cellNotSubmitted], counts[1][cellNotExpected], tc.ns, tc.notExpect)
			}
			var w, h float64
			if _, err := fmt.Sscanf(regexp.MustCompile(`viewBox="0 0 [0-9.]+ [0-9.]+"`).FindAllString(doc, -1)[1], `viewBox="0 0 %g %g"`, &w, &h); err != nil {
				t.Fatal(err)
			}
			rows := len(reportRows(tc.c))
			if w < float64(len(tc.c.Questions))*12 || h < float64(rows)*12 {
				t.Errorf("heat-map %g×%g too small for %d questions × %d States", w, h, len(tc.c.Questions), rows)
			}
			t.Logf("report %d KiB; heat-map %g×%g", b.Len()/1024, w, h)
		})
	}
}

func TestRenderHTMLObservations(t *testing.T) {
	var b bytes.Buffer
	if err := WriteObservationsHTML(&b, observationsFixture()); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	checkSelfContained(t, doc)
	lines := 0
	for _, a := range observationsFixture().Articles {
		lines += len(a.Measures) + len(a.Successes) + len(a.Challenges) + len(a.Needs)
	}
	if n := strings.Count(doc, "☐ confirm"); n != lines {
		t.Errorf("%d confirm markers, want one per line (%d)", n, lines)
	}
	if n := strings.Count(doc, `<a href="MEX_2023%20cluster%20I.pdf#page=`); n != lines {
		t.Errorf("%d evidence links, want %d", n, lines)
	}
	// Empty sections: 2 on UNTOC 5 (successes, needs), 4 on TIP 5.
	if n := strings.Count(doc, "None suggested."); n != 6 {
		t.Errorf("%d empty sections, want 6", n)
	}
}

// largeFixture is a synthetic comparison of q questions (over several
// articles) and n States, to check that the charts scale.
func largeFixture(q, n int) *Comparison {
	all := saq.AllCountries()
	c := &Comparison{Title: fmt.Sprintf("%d questions by %d States", q, n)}
	for i := 0; i < n; i++ {
		code, name := fmt.Sprintf("S%03d", i), fmt.Sprintf("State %d", i)
		if i < len(all) {
			code, name = all[i].Code, all[i].Name
		}
		c.Countries = append(c.Countries, code)
		c.States = append(c.States, State{CountryCode: code, Country: name})
	}
	choices := []string{"yes", "yes_in_part", "no", "not_applicable", ""}
	for j := 0; j < q; j++ {
		qu := Question{Instrument: saq.UNTOC, Article: fmt.Sprint(5 + j/10), Question: fmt.Sprint(j%10 + 1), TickBox: j%4 != 3,
			Kind: KindMeasures, QuestionText: strings.Repeat("A long question about measures and legislation. ", 1+j%5) + "有组织犯罪",
		}
		for i, s := range c.States {
			a := Answer{CountryCode: s.CountryCode, Country: s.Country, Choice: choices[(i+j)%len(choices)], Text: "text"}
			if !qu.TickBox {
				a.Choice = ""
				if (i+j)%3 == 0 {
					a.Text = ""
				}
			}
			qu.Distribution.count(&answer{Choice: saq.Choice(a.Choice), Text: a.Text}, qu.TickBox)
			qu.Answers = append(qu.Answers, a)
		}
		c.Questions = append(c.Questions, qu)
	}
	return c
}

func TestRenderTextFit(t *testing.T) {
	long := strings.Repeat("有组织犯罪集团", 30)
	for _, tc := range []struct {
		name     string
		in       string
		maxLines int
	}{
		{"latin", "Has your State adopted measures to criminalize participation in an organized criminal group, as required by article 5?", 2},
		{"chinese without spaces", long, 2},
		{"one long word", strings.Repeat("x", 200), 3},
		{"arabic", "هل اعتمدت دولتكم تدابير لتجريم الاتجار بالأشخاص وفقا للمادة 5 من البروتوكول؟", 2},
		{"empty", "", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := svgWrap(tc.in, 200, 10, tc.maxLines)
			if len(lines) > tc.maxLines {
				t.Errorf("%d lines, want at most %d", len(lines), tc.maxLines)
			}
			for _, l := range lines {
				if svgTextWidth(l, 10) > 200 {
					t.Errorf("line %q is %g px wide, more than 200", l, svgTextWidth(l, 10))
				}
			}
			if joined := strings.Join(lines, ""); svgTextWidth(tc.in, 10) > 2*200*float64(tc.maxLines) && !strings.HasSuffix(joined, "…") {
				t.Errorf("cut text %q does not end with …", joined)
			}
			if f := svgFit(tc.in, 120, 10); svgTextWidth(f, 10) > 120 {
				t.Errorf("svgFit: %q wider than 120 px", f)
			}
		})
	}
	if got := shortExcerpt(long, 160); utf8.RuneCountInString(got) > 160 || !strings.HasSuffix(got, "…") {
		t.Errorf("shortExcerpt: %d runes %q", utf8.RuneCountInString(got), got)
	}
}

func TestRenderEvidenceHref(t *testing.T) {
	for _, tc := range []struct {
		file  string
		pages []int
		want  string
	}{
		{"MEX.pdf", []int{4, 5}, "MEX.pdf#page=4"},
		{"CHN (2023).pdf", []int{7}, "CHN%20%282023%29.pdf#page=7"},
		{"uploads/a b.pdf", nil, "uploads/a%20b.pdf"},
		{"javascript:alert(1)", []int{1}, "./javascript:alert%281%29#page=1"},
		{"", []int{1}, ""},
	} {
		if got := evidenceHref(tc.file, tc.pages); got != tc.want {
			t.Errorf("evidenceHref(%q, %v) = %q, want %q", tc.file, tc.pages, got, tc.want)
		}
	}
}

func TestRenderCSVFormula(t *testing.T) {
	c := &Comparison{Countries: []string{"XXA"}, States: []State{{CountryCode: "XXA", Country: "=HYPERLINK(\"x\")"}}}
	var b bytes.Buffer
	if err := WriteCSV(&b, c); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][1]; got != `'=HYPERLINK("x")` {
		t.Errorf("formula cell written as %q", got)
	}
}

func TestRenderMarkdownEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a | b", `a \| b`},
		{scriptText, `&lt;script&gt;alert(1)&lt;/script&gt;`},
		{"Tom & Jerry", `Tom &amp; Jerry`},
		{"&lt; stays text", `&amp;lt; stays text`},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"1. not a list", `1\. not a list`},
		{"line\n\nbreak", "line break"},
		{"*emphasis* [link](x)", `\*emphasis\* \[link\](x)`},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
