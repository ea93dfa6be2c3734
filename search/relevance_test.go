package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
	"github.com/saq-review/saq/indexer/ingest"
	"github.com/saq-review/saq/infra/filestore"
	"github.com/saq-review/saq/internal/corpus"
)

// corpusIndex generates the test corpus (PDFs from several producers, in
// five languages), ingests it through the pipeline, and returns the index
// with the truth files and the extracted records of the documents it
// holds. (The corpus has several documents for the same State and
// cluster: the last one supersedes the others.)
func corpusIndex(t *testing.T) (*indexer.Index, []corpus.Truth, []saq.Record) {
	t.Helper()
	if testing.Short() {
		t.Skip("generates and ingests PDFs; skipped with -short")
	}
	shared.once.Do(func() { shared.idx, shared.truths, shared.recs, shared.err = buildCorpusIndex() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.idx, shared.truths, shared.recs
}

// shared is the corpus index, built once for the tests that need it.
var shared struct {
	once   sync.Once
	dir    string
	idx    *indexer.Index
	truths []corpus.Truth
	recs   []saq.Record
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.idx != nil {
		shared.idx.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func buildCorpusIndex() (*indexer.Index, []corpus.Truth, []saq.Record, error) {
	opt, err := corpus.LocalOptions()
	if err != nil {
		return nil, nil, nil, err
	}
	if opt.Chromium == "" && os.Getenv("SAQ_REQUIRE_TOOLS") != "" {
		return nil, nil, nil, errors.New("chromium is required (SAQ_REQUIRE_TOOLS is set)")
	}
	dir, err := os.MkdirTemp("", "saq-search-corpus-")
	if err != nil {
		return nil, nil, nil, err
	}
	shared.dir = dir
	docs, err := corpus.Generate(filepath.Join(dir, "pdf"), opt)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := filestore.Open(filepath.Join(dir, "blobs"))
	if err != nil {
		return nil, nil, nil, err
	}
	idx, err := indexer.Open(filepath.Join(dir, "index"), indexer.Options{})
	if err != nil {
		return nil, nil, nil, err
	}
	ctx := context.Background()
	p := &ingest.Pipeline{Store: st, Index: idx}
	for _, d := range docs {
		data, err := os.ReadFile(d.PDF)
		if err != nil {
			return nil, nil, nil, err
		}
		if out, st, err := p.Ingest(ctx, filepath.Base(d.PDF), data); err != nil || out != ingest.Ingested {
			return nil, nil, nil, fmt.Errorf("%s: %s %v %v", d.PDF, out, st.Error, err)
		}
	}
	sts, err := p.Statuses(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	current := map[string]bool{}
	var recs []saq.Record
	for _, st := range sts {
		if st.State != ingest.StateExtracted {
			continue
		}
		current[st.File] = true
		rec, err := p.Record(ctx, st.SHA256)
		if err != nil {
			return nil, nil, nil, err
		}
		recs = append(recs, rec)
	}
	var truths []corpus.Truth
	for _, d := range docs {
		if !current[filepath.Base(d.PDF)] {
			continue
		}
		b, err := os.ReadFile(d.Truth)
		if err != nil {
			return nil, nil, nil, err
		}
		var tr corpus.Truth
		if err := json.Unmarshal(b, &tr); err != nil {
			return nil, nil, nil, err
		}
		truths = append(truths, tr)
	}
	return idx, truths, recs, nil
}

// answerKey names an answer across truth and hits.
func answerKey(file, inst, art, q string) string {
	return file + " " + inst + " " + art + "." + q
}

// tokens analyses text as the index's exact field does.
func tokens(a analysis.Analyzer, text string) []string {
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func containsRun(hay, needle []string) bool {
	for i := 0; i+len(needle) <= len(hay); i++ {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// TestPlantedPhrases takes phrases from answers of the corpus and checks
// that searching for them finds exactly the answers that contain them:
// as an exact phrase, no answer more or less; as a plain phrase (stemmed),
// every answer that contains it, ranked in the top 10.
//
// "Contain" is judged on the extracted text, which is what search can know;
// how often that differs from the documents' truth (extraction errors that
// break a phrase) is logged, and measured on its own by saq eval.
func TestPlantedPhrases(t *testing.T) {
	idx, truths, recs := corpusIndex(t)
	m, err := indexer.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	exact := m.AnalyzerNamed(m.AnalyzerNameForPath(indexer.FieldExact))

	// Every answer's text and question as the exact field sees them.
	type answer struct {
		key      string
		text, qt []string
	}
	var all, inTruth []answer
	for _, rec := range recs {
		for _, a := range rec.Answers {
			all = append(all, answer{answerKey(rec.File, string(a.Instrument), a.Article, a.Question), tokens(exact, a.Text), tokens(exact, a.QuestionText)})
		}
	}
	for _, tr := range truths {
		for _, a := range tr.Answers {
			inTruth = append(inTruth, answer{answerKey(tr.File, a.Instrument, a.Article, a.Question), tokens(exact, a.Text), tokens(exact, a.QuestionText)})
		}
	}
	holders := func(in []answer, phrase []string) []string {
		var out []string
		for _, a := range in {
			if containsRun(a.text, phrase) || containsRun(a.qt, phrase) {
				out = append(out, a.key)
			}
		}
		sort.Strings(out)
		return out
	}

	r := rand.New(rand.NewPCG(2026, 11))
	var phrases, found, exactHits, want, pipelineDiff int
	for _, tr := range truths {
		if tr.Language == "zh" {
			continue // CJK text is indexed as characters and pairs: no word phrases (see TestAnswers)
		}
		var withText []answer
		for _, a := range all {
			if strings.HasPrefix(a.key, tr.File+" ") && len(a.text) >= 8 {
				withText = append(withText, a)
			}
		}
		for range 3 {
			if len(withText) == 0 {
				break
			}
			src := withText[r.IntN(len(withText))]
			n := 3 + r.IntN(2)
			at := r.IntN(len(src.text) - n + 1)
			phrase := src.text[at : at+n]
			truth := holders(all, phrase)
			if doc := holders(inTruth, phrase); !slices.Equal(doc, truth) {
				pipelineDiff++
				t.Logf("%q: in %d answers of the documents, %d of the extracted text (missed %v, extra %v)",
					strings.Join(phrase, " "), len(doc), len(truth), minus(doc, truth), minus(truth, doc))
			}
			phrases++
			want += len(truth)

			q := `"` + strings.Join(phrase, " ") + `"`
			res, err := Answers(context.Background(), idx, saq.AllStates, Request{Query: "exact:" + q, Limit: MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			got := hitKeys(res.Hits)
			sort.Strings(got)
			exactHits += len(got)
			if !slices.Equal(got, truth) {
				t.Errorf("exact:%s (from %s): %d answers found, %d have it; missed %v; found without it %v",
					q, src.key, len(got), len(truth), minus(truth, got), minus(got, truth))
			}

			res, err = Answers(context.Background(), idx, saq.AllStates, Request{Query: q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			top := hitKeys(res.Hits)
			k := min(10, len(truth))
			for _, h := range top[:min(k, len(top))] {
				if slices.Contains(truth, h) {
					found++
				} else {
					t.Errorf("%s: hit %s in the top %d does not contain the phrase", q, h, k)
				}
			}
			if len(top) < k {
				t.Errorf("%s: %d hits in the top 10, want %d", q, len(top), k)
			}
			if res.Total < uint64(len(truth)) {
				t.Errorf("%s: %d hits in all, fewer than the %d answers with the phrase", q, res.Total, len(truth))
			}
		}
	}
	t.Logf("%d phrases of 3-4 words, in %d answers: exact search found %d; plain search ranked %d of the first min(10, n) in the top 10; "+
		"%d phrases held by other answers in the documents than in the extracted text", phrases, want, exactHits, found, pipelineDiff)
	if phrases < 50 {
		t.Errorf("only %d phrases tried", phrases)
	}
}

// minus returns the elements of a not in b.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func hitKeys(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = answerKey(h.File, h.Instrument, h.Article, h.Question)
	}
	return out
}

// TestInflections checks each language's analysis on the corpus: for words
// that appear in several forms (the language's analyzer gives them one
// stem), a search for one form finds the answers with any of the forms.
func TestInflections(t *testing.T) {
	idx, truths, _ := corpusIndex(t)
	m, err := indexer.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	exact := m.AnalyzerNamed(m.AnalyzerNameForPath(indexer.FieldExact))
	for _, lang := range []string{"en", "fr", "es", "ru"} {
		stem := m.AnalyzerNamed(m.AnalyzerNameForPath(indexer.TextField(lang)))
		// stem -> surface forms, and the answers holding each stem
		forms := map[string]map[string]bool{}
		holders := map[string]map[string]bool{}
		for _, tr := range truths {
			if tr.Language != lang {
				continue
			}
			for _, a := range tr.Answers {
				key := answerKey(tr.File, a.Instrument, a.Article, a.Question)
				for _, w := range tokens(exact, a.Text) {
					if len([]rune(w)) < 6 || strings.ContainsAny(w, "0123456789'’") {
						continue
					}
					s := tokens(stem, w)
					if len(s) != 1 {
						continue // a stop word
					}
					if forms[s[0]] == nil {
						forms[s[0]], holders[s[0]] = map[string]bool{}, map[string]bool{}
					}
					forms[s[0]][w] = true
					holders[s[0]][key] = true
				}
			}
		}
		var stems []string
		for s, fs := range forms {
			if len(fs) >= 2 && len(holders[s]) <= MaxLimit {
				stems = append(stems, s)
			}
		}
		sort.Strings(stems)
		if len(stems) > 15 {
			r := rand.New(rand.NewPCG(7, uint64(len(lang))))
			r.Shuffle(len(stems), func(i, j int) { stems[i], stems[j] = stems[j], stems[i] })
			stems = stems[:15]
		}
		checked := 0
		for _, s := range stems {
			var fs []string
			for f := range forms[s] {
				fs = append(fs, f)
			}
			sort.Strings(fs)
			res, err := Answers(context.Background(), idx, saq.AllStates, Request{Query: "text:" + fs[0], Language: lang, Limit: MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, k := range hitKeys(res.Hits) {
				got[k] = true
			}
			for k := range holders[s] {
				if !got[k] {
					t.Errorf("%s: %q does not find %s, which has another form of it (%v)", lang, fs[0], k, fs)
				}
			}
			checked++
		}
		t.Logf("%s: %d words with several forms checked, e.g. %s", lang, checked, example(stems, forms))
		if checked == 0 {
			t.Errorf("%s: no word with several forms in the corpus", lang)
		}
	}
}

func example(stems []string, forms map[string]map[string]bool) string {
	if len(stems) == 0 {
		return "none"
	}
	var fs []string
	for f := range forms[stems[0]] {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	return fmt.Sprintf("%s → %s", strings.Join(fs, ", "), stems[0])
}
