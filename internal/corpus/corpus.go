// Package corpus generates questionnaire-response PDFs of many layouts, each
// with a truth file in the schema of /work/shared/samples/*.truth.json, so the
// extractor can be measured on documents it was not tuned on.
package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Options controls generation.
type Options struct {
	FontDir  string // directory holding DejaVuSansCondensed.ttf, DejaVuSansCondensed-Bold.ttf (fpdf's module "font" dir); "" = skip docs that need UTF-8 fonts
	CJKFont  string // path of a TTF with CJK glyphs (e.g. pdfcpu's module pkg/testdata/fonts/unifont-13.0.03.ttf); "" = skip zh docs
	Chromium string // path of a chromium binary for HTML->PDF docs; "" = skip Chromium-made docs

	// Random > 0 replaces the fixed corpus by Random documents drawn with
	// RandomSpecs(Seed, Random): a held-out set whose variant combinations
	// and texts the extractor was not tuned on. Random == 0: the fixed corpus.
	Random int
	Seed   uint64
}

// Doc is one generated file.
type Doc struct {
	Name     string
	PDF      string
	Truth    string
	Producer string
	Variants map[string]any

	overflow []string // fpdf documents: text runs drawn outside their boxes (see fw.overflow)
}

// spec describes one document: content choices and layout.
type spec struct {
	name    string
	prod    string // core, utf8, chromium
	state   string
	lang    string
	cluster string   // "" = one instrument across clusters
	insts   []string // instruments (one for the instrument cut)

	layout    string // plain, table, borderless, table3
	numbering string // per_article, consecutive
	qlabel    string // question, question_colon, num, q, paren
	tick      string // box, box_check, bracket, paren, mark_after, check, answer, zapf_square, zapf_cross, rect_x
	partAlt   bool   // "Yes, in part" instead of "Partially"
	na        bool   // fourth option "Not applicable"
	heading   string // A, B, C, D
	parts     bool
	showPara  bool
	cover     string // kv, table, intro (no cover, intro sentence), none
	symbol    bool   // print a document symbol in the running header/footer
	symbolPos string // top, bottom
	pageLabel string // of, dash, bare, ""
	footnotes bool
	hyph      string // "", "hard" (hyphen inserted at line ends), "soft" (chromium soft hyphens)
	paper     string // a4, letter
	font      string // core: Helvetica/Times; chromium: CSS family key
	size      float64
	lead      float64
	justify   bool
	qBold     bool
	hard      map[string]bool // tight, numlist, conv5
	subheads  bool            // "Implementation in practice" before examples
	fewer     bool            // at most two substantive questions per article
	coverPage bool            // cover on its own page

	maxPerCluster int // instrument cut: articles kept per cluster (0 = all)
}

func (sp *spec) producerName() string {
	switch sp.prod {
	case "core":
		return "fpdf-core"
	case "utf8":
		return "fpdf-utf8"
	}
	return "chromium"
}

// Generate writes the corpus into dir (PDFs + NAME.truth.json) and returns what it wrote:
// the fixed corpus, or with opt.Random > 0 only the random documents of opt.Seed.
// Documents whose producer is unavailable (no fonts, no CJK font, no Chromium)
// are skipped, in either mode.
// Deterministic: same options -> same content (apart from producer timestamps).
func Generate(dir string, opt Options) ([]Doc, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var fonts *fontSet
	if opt.FontDir != "" {
		f, err := loadFonts(opt.FontDir, opt.CJKFont)
		if err != nil {
			return nil, err
		}
		fonts = f
	}
	all := specs()
	if opt.Random > 0 {
		all = RandomSpecs(opt.Seed, opt.Random)
	}
	var todo []*spec
	for _, sp := range all {
		switch {
		case sp.prod == "utf8" && fonts == nil:
			continue
		case sp.prod == "utf8" && sp.lang == "zh" && (fonts == nil || fonts.cjk == nil):
			continue
		case sp.prod == "chromium" && opt.Chromium == "":
			continue
		}
		todo = append(todo, sp)
	}
	docs := make([]Doc, len(todo))
	errs := make([]error, len(todo))
	// fpdf documents are generated serially; chromium ones two at a time.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, sp := range todo {
		if sp.prod == "chromium" {
			wg.Add(1)
			go func(i int, sp *spec) {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				docs[i], errs[i] = generateOne(dir, sp, opt, fonts)
			}(i, sp)
			continue
		}
		docs[i], errs[i] = generateOne(dir, sp, opt, fonts)
	}
	wg.Wait()
	var out []Doc
	for i := range docs {
		if errs[i] != nil {
			return out, fmt.Errorf("%s: %w", todo[i].name, errs[i])
		}
		out = append(out, docs[i])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func generateOne(dir string, sp *spec, opt Options, fonts *fontSet) (Doc, error) {
	sub := build(sp)
	pdfPath := filepath.Join(dir, sp.name+".pdf")
	var pages int
	var overflow []string
	var err error
	switch sp.prod {
	case "chromium":
		pages, err = renderChromium(sp, sub, pdfPath, opt.Chromium, fonts)
	default:
		pages, overflow, err = renderFpdf(sp, sub, pdfPath, fonts)
	}
	if err != nil {
		return Doc{}, err
	}
	t := makeTruth(sp, sub, pages)
	b, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return Doc{}, err
	}
	truthPath := filepath.Join(dir, sp.name+".truth.json")
	if err := os.WriteFile(truthPath, append(b, '\n'), 0o644); err != nil {
		return Doc{}, err
	}
	return Doc{Name: sp.name, PDF: pdfPath, Truth: truthPath, Producer: t.Producer, Variants: t.Variants, overflow: overflow}, nil
}

// Truth is the schema of the samples' *.truth.json.
type Truth struct {
	File            string         `json:"file"`
	Producer        string         `json:"producer"`
	Country         string         `json:"country"`
	CountryPrinted  string         `json:"country_printed"`
	ISO3            string         `json:"iso3"`
	Language        string         `json:"language"`
	Instruments     []string       `json:"instruments"`
	Cluster         string         `json:"cluster"`
	Date            string         `json:"date"`
	DocSymbol       string         `json:"doc_symbol"`
	PageLabelFormat string         `json:"page_label_format"`
	Variants        map[string]any `json:"variants"`
	Answers         []TruthAnswer  `json:"answers"`
	Planted         []any          `json:"planted"` // as in the samples: always empty here
	Pages           int            `json:"pages"`
}

// TruthAnswer is one question of a truth file.
type TruthAnswer struct {
	Instrument    string   `json:"instrument"`
	Article       string   `json:"article"`
	Paragraph     string   `json:"paragraph"`
	Question      string   `json:"question"`
	QuestionText  string   `json:"question_text"`
	Choice        string   `json:"choice"`
	Text          string   `json:"text"`
	ChoiceOffered bool     `json:"choice_offered"`
	Footnotes     []string `json:"footnotes"`
	Pages         []int    `json:"pages"`
}

func makeTruth(sp *spec, s *submission, pages int) *Truth {
	t := &Truth{
		File: sp.name + ".pdf", Producer: sp.producerName(),
		Country: s.st.name, CountryPrinted: s.st.printed, ISO3: s.st.iso3,
		Language: sp.lang, Instruments: s.instruments, Cluster: s.cluster,
		Date: s.date.Format("2006-01-02"), DocSymbol: s.symbol,
		PageLabelFormat: pageLabelFormat(sp.lang, sp.pageLabel), Pages: pages, Planted: []any{},
	}
	if sp.cover == "none" {
		t.Country, t.CountryPrinted, t.ISO3, t.Date = "", "", "", ""
	}
	if !sp.symbol {
		t.DocSymbol = ""
	}
	hard := []string{}
	for k := range sp.hard {
		hard = append(hard, k)
	}
	sort.Strings(hard)
	cut := "cluster"
	if sp.cluster == "" {
		cut = "instrument"
	}
	t.Variants = map[string]any{
		"layout": sp.layout, "numbering": sp.numbering, "choice_style": sp.tick, "qlabel": sp.qlabel,
		"heading_style": sp.heading, "header_footer": sp.symbol || sp.pageLabel != "", "footnotes_on": sp.footnotes,
		"show_para": sp.showPara, "paper": sp.paper, "cover_table": sp.cover == "table", "part_headings": sp.parts,
		"hyphenate": sp.hyph != "", "hyphenation": sp.hyph, "cover": sp.cover, "cut": cut, "font": sp.font,
		"font_size": sp.size, "line_spacing": sp.lead, "justify": sp.justify, "page_label": sp.pageLabel,
		"symbol_pos": sp.symbolPos, "na_option": sp.na, "partial_label": map[bool]string{false: "partially", true: "yes_in_part"}[sp.partAlt],
		"hard": hard, "question_bold": sp.qBold, "subheads": sp.subheads, "cover_page": sp.coverPage,
	}
	t.Answers = []TruthAnswer{}
	for _, sec := range s.sections {
		for _, a := range sec.articles {
			for _, q := range a.questions {
				ta := TruthAnswer{
					Instrument: a.inst, Article: fmt.Sprint(a.num), Question: fmt.Sprint(q.number),
					QuestionText: q.text, Choice: q.choice, ChoiceOffered: q.offered,
					Footnotes: []string{}, Pages: []int{},
				}
				if sp.showPara {
					ta.Paragraph = q.para
				}
				var ps []string
				for _, p := range q.paras {
					ps = append(ps, paraText(sp.lang, p))
				}
				ta.Text = strings.Join(ps, "\n\n")
				for _, fn := range q.notes {
					ta.Footnotes = append(ta.Footnotes, fn.text)
				}
				if q.pageList != nil {
					ta.Pages = q.pageList
				}
				t.Answers = append(t.Answers, ta)
			}
		}
	}
	return t
}
