package search

import (
	"context"
	"fmt"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// fuzzScope is the caller's scope in FuzzQuery: three of the fixture's
// eight States (English, French, Russian answers).
var fuzzScope = saq.StatesScope("MEX", "FRA", "RUS")

// FuzzQuery runs requests built from fuzzed strings, as `saq search` and
// GET /api/search pass them, against the small fixture index. Invariants:
//   - no panic, and an answer within a few seconds;
//   - a request is accepted, or rejected with kind invalid_query and a
//     message in valid UTF-8;
//   - an accepted request respects the paging bounds (limit 1..MaxLimit,
//     DefaultLimit when 0; offset >= 0; offset+limit <= MaxWindow), its
//     wildcards name at least two characters besides * and ?, its fuzzy
//     terms at most two edits, its regular expressions compile, its
//     leaves name indexed fields only;
//   - an accepted query runs on every shard without error (a shard's
//     error must not be dropped into a partial result);
//   - hits and facets come from States in scope only, there are no more
//     hits than the limit nor than the total, every facet key is present,
//     and fragments are escaped HTML whose only tags are <mark>.
func FuzzQuery(f *testing.F) {
	seeds := []struct {
		q, country, article, choice, sort string
		limit, offset                     int
	}{
		{"witness relocation", "", "", "", "", 0, 0},
		{`"witness relocation" -Canada +protection`, "MEX", "UNTOC 24", "yes", "relevance", 5, 0},
		{"relocation~1 prot* /witn.ss/ protection^2", "France", "24", "none", "country", 10, 20},
		{"article:>20 question:<3 version:1 country:MEX instrument:UNTOC cluster:II choice:yes_in_part", "", "", "", "article", 1000, 0},
		{"exact:Témoins text:témoin question_text:protection language:fr paragraph:1 submission_id:MEX-II-UNTOC", "FRA", "", "no", "", 3, 9997},
		{"свидетелей защита 证人 الشهود", "RUS", "", "n/a", "", 0, 0},
		{`w* ?? witness~5 "a b"~2 /[a-/ colour:blue country:Atlantis +`, "Atlantis", "twenty", "maybe", "date", -1, -1},
		{`\"script\" <b>bold</b> & "<mark>"`, "", "", "", "", 0, 0},
		{"", "", "", "", "", 0, 0},
		{"witness~5", "", "", "", "", 0, 0},
		{"/[a-z]{0,100}/ prot*ion", "", "", "", "", 0, 0},
		{"/witness(es)?/ /extradi(ción|tar)/ reloc* prot?ction", "", "", "", "", 0, 0},
		// Regressions: each was accepted and then held a core for
		// seconds (a minute for the first), or failed on every shard
		// while the search reported no hits.
		{`/ab\pL{5,20}/`, "", "", "", "", 0, 0},
		{`/ab\pL+/`, "", "", "", "", 0, 0},
		{"ab*a??????????", "", "", "", "", 0, 0},
		{"ab" + strings.Repeat("?", 300), "", "", "", "", 0, 0},
		{"/ab$/ /ab.*?/", "", "", "", "", 0, 0},
		{"*ab*", "", "", "", "", 0, 0},
		{"aa,ab,ac,ad,ae,af,ag,ah,ai,aj,ak,al,am,an,ao,ap,aq,ar,as,at,au,av,aw,ax,ay,az,ba,bb,bc,bd,be,bf,bg~2", "", "", "", "", 0, 0},
		{"country:France OR instrument:TIP AND NOT article:24", "", "", "", "", 0, 0},
		{"-witness", "", "", "", "", 0, 0},
		{"(witness OR relocation) AND protection", "", "", "", "", 0, 0},
	}
	for _, s := range seeds {
		f.Add(s.q, s.country, s.article, s.choice, s.sort, s.limit, s.offset)
	}
	idx := openFixture(f)
	// An answer with markup in its text, in a State in scope: fragments
	// must show it escaped.
	markup := saq.Record{File: "mex-html.pdf", SHA256: strings.Repeat("ab", 32),
		Submission: &saq.Submission{Country: "Mexico", CountryCode: "MEX", Language: "en", Instruments: []saq.Instrument{saq.UNTOC}, Cluster: "II"},
		Answers: []saq.Answer{{Instrument: saq.UNTOC, Article: "24", Question: "3", QuestionText: "Describe <b>witness</b> protection.",
			Text: `<script>alert("witness")</script> relocation & protection <mark>unmarked</mark> <img src=x onerror=1>`, Pages: []int{2}}}}
	up := indexer.Upload{SHA256: markup.SHA256, File: markup.File, SubmissionID: "MEX-II-UNTOC-html", Version: 1}
	if err := idx.Replace(context.Background(), "MEX", nil, indexer.Docs(markup, up)); err != nil {
		f.Fatal(err)
	}
	shards, err := idx.Shards(fuzzScope)
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, q, country, article, choice, sort string, limit, offset int) {
		req := Request{Query: q, Article: article, Choice: choice, Sort: sort, Limit: limit, Offset: offset}
		if country != "" {
			req.Countries = []string{country}
		}
		defer watchdog(20 * time.Second)()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		res, err := Answers(ctx, idx, fuzzScope, req)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("search took %s", d)
		}
		if err != nil {
			if k := saq.KindOf(err); k != saq.KindInvalidQuery {
				t.Fatalf("%+v: error of kind %s: %v", req, k, err)
			}
			if !utf8.ValidString(saq.AsError(err).Message) {
				t.Errorf("message is not valid UTF-8: %q", saq.AsError(err).Message)
			}
			return
		}

		// The request was accepted: check what plan made of it.
		p, err := plan(req)
		if err != nil {
			t.Fatalf("Answers accepted what plan rejects: %v", err)
		}
		if req.Limit < 0 || req.Limit > MaxLimit || req.Offset < 0 || req.Offset+p.limit > MaxWindow ||
			(req.Limit == 0 && p.limit != DefaultLimit) || (req.Limit > 0 && p.limit != req.Limit) {
			t.Errorf("accepted limit %d offset %d (planned limit %d)", req.Limit, req.Offset, p.limit)
		}
		if len(q) > MaxQueryBytes || len(strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })) > MaxQueryWords {
			t.Errorf("accepted a query of %d bytes, over %d words", len(q), MaxQueryWords)
		}
		checkLeaves(t, p.query)
		// Every shard runs the query itself without error; Answers
		// searches them through an alias, which reports a shard's error
		// in the result's status rather than as an error.
		for _, s := range shards {
			if _, err := s.SearchInContext(ctx, bleve.NewSearchRequest(p.query)); err != nil {
				t.Errorf("%+v: accepted, but shard %s fails: %v", req, s.Name(), err)
			}
		}

		if uint64(len(res.Hits)) > res.Total || len(res.Hits) > p.limit {
			t.Errorf("%d hits of %d, limit %d", len(res.Hits), res.Total, p.limit)
		}
		for _, h := range res.Hits {
			if !fuzzScope.Allows(h.CountryCode) {
				t.Errorf("hit %s outside the scope", key(h))
			}
			for _, fr := range h.Fragments {
				rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fr)
				if strings.ContainsAny(rest, "<>") || !utf8.ValidString(fr) {
					t.Errorf("fragment %q is not escaped text with <mark>", fr)
				}
			}
		}
		for _, ff := range facetFields {
			terms, ok := res.Facets[ff.name]
			if !ok {
				t.Errorf("facet %s missing", ff.name)
			}
			for _, term := range terms {
				if ff.name == "country" && !fuzzScope.Allows(term.Term) {
					t.Errorf("facet term %s outside the scope", term.Term)
				}
			}
		}
	})
}

// watchdog ends the process with every goroutine's stack when the call
// it guards runs past d: the fuzzer has no time limit of its own, and
// records the input of a worker that dies as a crasher.
func watchdog(d time.Duration) (stop func()) {
	t := time.AfterFunc(d, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("still running after %s", d))
	})
	return func() { t.Stop() }
}

// indexedFields are the fields a planned query may name.
func indexedFields() []string {
	fs := []string{indexer.FieldExact, indexer.FieldArticleKey, indexer.FieldArticleNum, indexer.FieldQuestionNum}
	for _, f := range userFields {
		if f != "" {
			fs = append(fs, f)
		}
	}
	for _, lang := range indexer.Languages {
		fs = append(fs, indexer.TextField(lang), indexer.QuestionField(lang))
	}
	return fs
}

// checkLeaves walks a planned query and checks the bounds on its leaves.
func checkLeaves(t *testing.T, q query.Query) {
	t.Helper()
	known := indexedFields()
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case nil:
		case *query.BooleanQuery:
			walk(q.Must)
			walk(q.Should)
			walk(q.MustNot)
			walk(q.Filter)
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		case *query.WildcardQuery:
			if r := []rune(q.Wildcard); len(r) < 2 || strings.ContainsAny(string(r[:2]), "*?") {
				t.Errorf("wildcard %q accepted without two leading letters", q.Wildcard)
			}
		case *query.RegexpQuery:
			re, err := regexp.Compile(q.Regexp)
			if err != nil {
				t.Errorf("regular expression /%s/ accepted: %v", q.Regexp, err)
			} else if prefix, _ := re.LiteralPrefix(); utf8.RuneCountInString(prefix) < 2 {
				t.Errorf("regular expression /%s/ accepted without two leading letters", q.Regexp)
			}
		case *query.MatchQuery:
			if q.Fuzziness > 2 || q.Fuzziness < 0 {
				t.Errorf("match %q accepted with fuzziness %d", q.Match, q.Fuzziness)
			}
		case *query.MatchPhraseQuery:
			if q.Fuzziness > 2 || q.Fuzziness < 0 {
				t.Errorf("phrase %q accepted with fuzziness %d", q.MatchPhrase, q.Fuzziness)
			}
		case *query.FuzzyQuery:
			if q.Fuzziness > 2 || q.Fuzziness < 0 {
				t.Errorf("fuzzy %q accepted with fuzziness %d", q.Term, q.Fuzziness)
			}
		}
		if fq, ok := q.(query.FieldableQuery); ok && !slices.Contains(known, fq.Field()) {
			t.Errorf("%T on field %q, which is not indexed", q, fq.Field())
		}
	}
	walk(q)
}
