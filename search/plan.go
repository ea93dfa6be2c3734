package search

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"
	vregexp "github.com/blevesearch/vellum/regexp"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// planned is a request checked and turned into a bleve query.
type planned struct {
	query     *query.BooleanQuery
	match     bool     // the user typed a query (so there is something to highlight)
	countries []string // State codes of the country filter
	sort      []string
	limit     int
}

// plan checks a request and builds its query: the user's query, rewritten
// for our fields, with the structured filters as a non-scoring filter.
func plan(req Request) (*planned, error) {
	p := &planned{limit: req.Limit}
	switch {
	case req.Limit == 0:
		p.limit = DefaultLimit
	case req.Limit < 0 || req.Limit > MaxLimit:
		return nil, invalid("limit must be between 1 and %d, not %d", MaxLimit, req.Limit)
	}
	if req.Offset < 0 {
		return nil, invalid("offset must not be negative")
	}
	if req.Offset+p.limit > MaxWindow {
		return nil, invalid("offset + limit must not exceed %d: narrow the search instead", MaxWindow)
	}

	for _, c := range req.Countries {
		code, err := countryCode(c)
		if err != nil {
			return nil, err
		}
		p.countries = append(p.countries, code)
	}
	var filters []query.Query
	add := func(field, value string) {
		q := query.NewTermQuery(value)
		q.SetField(field)
		filters = append(filters, q)
	}
	if req.Instrument != "" {
		in, ok := saq.ParseInstrument(req.Instrument)
		if !ok {
			return nil, invalid("unknown instrument %q: use UNTOC, TIP, SOM or FIREARMS", req.Instrument)
		}
		add(indexer.FieldInstrument, string(in))
	}
	if req.Cluster != "" {
		c, err := cluster(req.Cluster)
		if err != nil {
			return nil, err
		}
		add(indexer.FieldCluster, c)
	}
	if req.Article != "" {
		field, v, err := article(req.Article)
		if err != nil {
			return nil, err
		}
		add(field, v)
	}
	if req.Question != "" {
		add(indexer.FieldQuestion, strings.TrimSpace(req.Question))
	}
	if req.Choice != "" {
		c, err := choice(req.Choice)
		if err != nil {
			return nil, err
		}
		add(indexer.FieldChoice, c)
	}
	if req.Language != "" {
		lang := strings.ToLower(strings.TrimSpace(req.Language))
		if !slices.Contains(indexer.Languages, lang) {
			return nil, invalid("unknown language %q: use one of %s", req.Language, strings.Join(indexer.Languages, ", "))
		}
		add(indexer.FieldLanguage, lang)
	}

	top := query.NewBooleanQuery(nil, nil, nil)
	if strings.TrimSpace(req.Query) != "" {
		// Bounds on what one request may cost: every word becomes a
		// clause over the text fields of each language, in every shard
		// of the scope.
		if len(req.Query) > MaxQueryBytes {
			return nil, invalid("the query is too long (%d bytes): at most %d", len(req.Query), MaxQueryBytes)
		}
		if n := words(req.Query); n > MaxQueryWords {
			return nil, invalid("the query has %d words: at most %d", n, MaxQueryWords)
		}
		parsed, err := query.NewQueryStringQuery(req.Query).Parse()
		if err != nil {
			return nil, invalid("invalid query %q: %s", req.Query, parseMessage(req.Query, err))
		}
		q, err := rewrite(parsed)
		if err != nil {
			return nil, err
		}
		top.Must = q
		p.match = true
	}
	switch len(filters) {
	case 0:
		if !p.match {
			top.Filter = query.NewMatchAllQuery()
		}
	case 1:
		top.Filter = filters[0]
	default:
		top.Filter = query.NewConjunctionQuery(filters)
	}
	p.query = top

	byCountry := []string{indexer.FieldCountryCode, indexer.FieldInstrumentNum, indexer.FieldArticleNum, indexer.FieldArticle, indexer.FieldQuestionNum, indexer.FieldQuestion, "_id"}
	byArticle := []string{indexer.FieldInstrumentNum, indexer.FieldArticleNum, indexer.FieldArticle, indexer.FieldQuestionNum, indexer.FieldQuestion, indexer.FieldCountryCode, "_id"}
	switch req.Sort {
	case "", SortRelevance:
		if p.match {
			p.sort = []string{"-_score", "_id"}
		} else {
			p.sort = byCountry // every score is the same
		}
	case SortCountry:
		p.sort = byCountry
	case SortArticle:
		p.sort = byArticle
	default:
		return nil, invalid("unknown sort %q: use relevance, country or article", req.Sort)
	}
	return p, nil
}

// Bounds of a query string.
const (
	MaxQueryBytes = 1000
	MaxQueryWords = 32
	MaxFuzziness  = 2
)

func invalid(format string, args ...any) error {
	return saq.Errorf(saq.KindInvalidQuery, format, args...)
}

// parseMessage names what is wrong with a query the parser rejected; the
// parser itself mostly says "syntax error".
func parseMessage(q string, err error) string {
	msg := strings.TrimPrefix(strings.TrimSpace(err.Error()), "parse error: ")
	switch {
	case strings.Contains(msg, "unterminated quote"):
		return "a phrase is not closed: add the missing '\"'"
	case strings.Contains(msg, "invalid fuzziness"):
		return "'~' must be followed by a number of edits (relocation~1) or nothing"
	case strings.Contains(msg, "invalid boost"):
		return "'^' must be followed by a number (witness^2)"
	case msg != "syntax error":
		return msg
	}
	for _, w := range strings.Fields(q) {
		t := strings.TrimLeft(w, "+-")
		switch {
		case t == "":
			return fmt.Sprintf("%q must be followed by a word or phrase, without a space", w)
		case strings.HasPrefix(t, ":"):
			return fmt.Sprintf("%q: a field name must come before ':'", w)
		case strings.HasSuffix(t, ":"):
			return fmt.Sprintf("%q: the field has no value (write field:value)", w)
		case strings.HasPrefix(t, "~"):
			return fmt.Sprintf("%q: '~' must follow a word", w)
		case strings.Contains(t, ":>") || strings.Contains(t, ":<"):
			return fmt.Sprintf("%q: a comparison needs a number (article:>20)", w)
		case strings.HasSuffix(t, "\\"):
			return fmt.Sprintf("%q: a backslash must be followed by the character it escapes", w)
		}
	}
	return "it does not follow the query syntax (words, \"phrases\", +must, -not, field:value, word~1, prefix*)"
}

func countryCode(s string) (string, error) {
	if c, ok := saq.LookupCountry(s); ok {
		return c.Code, nil
	}
	if strings.EqualFold(strings.TrimSpace(s), indexer.UnknownState) {
		return indexer.UnknownState, nil
	}
	return "", invalid("unknown State %q: use its ISO 3166 alpha-3 code (MEX) or its name", s)
}

func cluster(s string) (string, error) {
	if c, ok := saq.ParseCluster(s); ok {
		return c, nil
	}
	return "", invalid("unknown cluster %q: use I, II, III or IV", s)
}

// article reads "24" (the article 24 of any instrument) or "UNTOC 24".
func article(s string) (field, value string, err error) {
	f := strings.Fields(s)
	switch {
	case len(f) == 1 && isNumber(f[0]):
		return indexer.FieldArticle, f[0], nil
	case len(f) == 2 && isNumber(f[1]):
		if in, ok := saq.ParseInstrument(f[0]); ok {
			return indexer.FieldArticleKey, string(in) + " " + f[1], nil
		}
	}
	return "", "", invalid("unknown article %q: use a number (24) or an instrument and a number (UNTOC 24)", s)
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// choice reads a choice filter.
func choice(s string) (string, error) {
	switch strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ", ",", " ").Replace(s)), " ")) {
	case "yes":
		return string(saq.Yes), nil
	case "yes in part", "in part", "partially", "partial", "part":
		return string(saq.YesInPart), nil
	case "no":
		return string(saq.No), nil
	case "not applicable", "n/a", "na":
		return string(saq.NotApplicable), nil
	case "none", "unanswered", "blank":
		return indexer.NoChoice, nil
	}
	return "", invalid("unknown choice %q: use yes, yes_in_part, no, not_applicable or none", s)
}

// Fields a query may name, as the user writes them.
var userFields = map[string]string{
	"text":          "", // the narrative answer, in its language's analysis
	"question_text": "", // the question's wording
	"exact":         indexer.FieldExact,
	"country":       indexer.FieldCountryCode,
	"country_code":  indexer.FieldCountryCode,
	"state":         indexer.FieldCountryCode,
	"instrument":    indexer.FieldInstrument,
	"cluster":       indexer.FieldCluster,
	"article":       indexer.FieldArticle,
	"paragraph":     indexer.FieldParagraph,
	"question":      indexer.FieldQuestion,
	"choice":        indexer.FieldChoice,
	"language":      indexer.FieldLanguage,
	"submission_id": indexer.FieldSubmission,
	"version":       indexer.FieldVersion,
}

// Numeric comparisons (article:>20) read these fields.
var numericFields = map[string]string{
	indexer.FieldArticle:  indexer.FieldArticleNum,
	indexer.FieldQuestion: indexer.FieldQuestionNum,
	indexer.FieldVersion:  indexer.FieldVersion,
}

func fieldNames() string {
	names := make([]string, 0, len(userFields))
	for n := range userFields {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// questionBoost weighs a match in the question's wording against one in
// the narrative answer.
const questionBoost = 0.3

// textFields are what a word without a field is looked for in: the answer
// and the question in each language's analysis (stemmed), and the exact
// field (every language, unstemmed) so a word is found as written.
func textFields(which string) []string {
	var fs []string
	for _, lang := range indexer.Languages {
		if which != "question_text" {
			fs = append(fs, indexer.TextField(lang))
		}
		if which != "text" {
			fs = append(fs, indexer.QuestionField(lang))
		}
	}
	if which == "" {
		fs = append(fs, indexer.FieldExact)
	}
	return fs
}

// rewrite points the leaves of a parsed query at our fields: a word or
// phrase without a field at every text field; a field the user names at
// the indexed field, with its value in the indexed form.
func rewrite(q query.Query) (query.Query, error) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, c := range []*query.Query{&q.Must, &q.Should, &q.MustNot} {
			if *c == nil {
				continue
			}
			r, err := rewrite(*c)
			if err != nil {
				return nil, err
			}
			*c = r
		}
		return q, nil
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			r, err := rewrite(c)
			if err != nil {
				return nil, err
			}
			q.Conjuncts[i] = r
		}
		return q, nil
	case *query.DisjunctionQuery:
		for i, c := range q.Disjuncts {
			r, err := rewrite(c)
			if err != nil {
				return nil, err
			}
			q.Disjuncts[i] = r
		}
		return q, nil
	case *query.MatchQuery:
		// More edits than two would match most of the dictionary (bleve
		// refuses them deep inside, or not at all for some fields).
		if q.Fuzziness > MaxFuzziness {
			return nil, invalid("%s~%d: fuzziness is at most %d edits", q.Match, q.Fuzziness, MaxFuzziness)
		}
		return leaf(q.Field(), q.Match, false, func(field string) query.Query {
			c := *q
			c.SetField(field)
			return &c
		})
	case *query.MatchPhraseQuery:
		at := func(field string) query.Query {
			c := *q
			c.SetField(field)
			return &c
		}
		if q.Field() == "" && !hasCJK(q.MatchPhrase) {
			// A quoted phrase is found as written: the exact field decides
			// which answers have it, so there is no false hit from a
			// stemmer or a dropped stop word. The analysed fields only add
			// to the score and give the passages to highlight. (Chinese is
			// indexed as characters and pairs: its phrases are left to the
			// analysed fields.)
			shown, err := leaf("", q.MatchPhrase, false, at)
			if err != nil {
				return nil, err
			}
			return query.NewBooleanQuery([]query.Query{at(indexer.FieldExact)}, []query.Query{shown}, nil), nil
		}
		return leaf(q.Field(), q.MatchPhrase, false, at)
	case *query.WildcardQuery:
		if err := termPattern(q.Wildcard); err != nil {
			return nil, err
		}
		return leaf(q.Field(), q.Wildcard, true, func(field string) query.Query {
			c := *q
			if isText(field) {
				c.Wildcard = strings.ToLower(c.Wildcard) // text is indexed in lower case
			}
			c.SetField(field)
			return &c
		})
	case *query.RegexpQuery:
		if _, err := syntax.Parse(q.Regexp, syntax.Perl); err != nil {
			return nil, invalid("invalid query: regular expression /%s/: %v", q.Regexp, err)
		}
		// Like a wildcard, a pattern without a literal start runs over
		// the whole dictionary of every shard.
		re, err := regexp.Compile(q.Regexp)
		if err != nil {
			return nil, invalid("invalid query: regular expression /%s/: %v", q.Regexp, err)
		}
		if prefix, _ := re.LiteralPrefix(); len([]rune(prefix)) < 2 {
			return nil, invalid("regular expression /%s/ is too broad: start it with at least two letters", q.Regexp)
		}
		if err := automaton(q.Regexp); errors.Is(err, errPatternTooLarge) {
			return nil, invalid("regular expression /%s/ is too complex: use fewer repeats, and classes narrower than \\pL", q.Regexp)
		} else if err != nil {
			return nil, invalid("regular expression /%s/ cannot be searched: %v", q.Regexp, err)
		}
		return leaf(q.Field(), q.Regexp, true, func(field string) query.Query {
			c := *q
			c.SetField(field)
			return &c
		})
	case *query.NumericRangeQuery:
		if q.Field() == "" {
			return query.NewMatchNoneQuery(), nil // the number is also a word: its match does the work
		}
		name := strings.ToLower(q.Field())
		if nf, ok := numericFields[userFields[name]]; ok {
			q.SetField(nf)
			return q, nil
		}
		if _, ok := userFields[name]; ok {
			return query.NewMatchNoneQuery(), nil // article:5 also matches the keyword
		}
		return nil, invalid("unknown field %q: use one of %s", q.Field(), fieldNames())
	case *query.DateRangeQuery:
		return nil, invalid("dates cannot be searched: answers have no date field")
	}
	return nil, invalid("unsupported query %T", q)
}

func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

// termPattern rejects wildcards that would enumerate the whole dictionary
// of every shard, or compile into an automaton too large to build.
//
// The leading letters are what bounds the walk over the dictionary (the
// README's rule): "*ab*" has two letters, but no prefix, and used to pass.
func termPattern(p string) error {
	r := []rune(p)
	if len(r) < 2 || strings.ContainsAny(string(r[:2]), "*?") {
		return invalid("wildcard %q is too broad: start it with at least two letters", p)
	}
	if err := automaton(wildcardRegexp.Replace(p)); err != nil {
		return invalid("wildcard %q is too complex: use fewer '*' and '?'", p)
	}
	return nil
}

// wildcardRegexp is how bleve turns a wildcard into the regular
// expression it searches (search/query/wildcard.go).
var wildcardRegexp = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`,
	"{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, `|`, `\|`, `\`, `\\`,
	"*", ".*", "?", ".")

// Bounds of the automaton of a pattern. Bleve builds it afresh for every
// text field of every shard, eagerly and without looking at the deadline;
// byte-level Unicode classes and counted repeats make it explode, so that
// a dozen bytes such as /ab\pL+/ or ab*a?????????? held a core for
// seconds (and /ab\pL{5,20}/ for a minute) on a handful of answers.
// Within them, one build takes milliseconds; refusing a pattern costs one
// build, under half a second at worst (vellum stops at 10,000 states).
const (
	maxPatternSize   = 12000 // vellum's estimate of the compiled program, in bytes (about 300 instructions)
	maxPatternStates = 500   // states of the automaton
)

var errPatternTooLarge = errors.New("the automaton of the pattern is too large")

// automaton builds the automaton of a regular expression once, as the
// index would, and refuses it when it is over the bounds
// (errPatternTooLarge), or when the index would refuse it (zero-width
// assertions, lazy repeats).
func automaton(re string) error {
	a, err := vregexp.NewWithLimit(re, maxPatternSize)
	switch {
	case errors.Is(err, vregexp.ErrCompiledTooBig), errors.Is(err, vregexp.ErrTooManyStates):
		return errPatternTooLarge
	case err != nil:
		return err
	}
	seen := map[int]bool{a.Start(): true}
	todo := []int{a.Start()}
	for len(todo) > 0 {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for b := 0; b < 256; b++ {
			if n := a.Accept(s, byte(b)); n != 0 && !seen[n] {
				if len(seen) >= maxPatternStates {
					return errPatternTooLarge
				}
				seen[n] = true
				todo = append(todo, n)
			}
		}
	}
	return nil
}

// words counts the words of a query as the analyzers split them: runs of
// letters and digits, and each Chinese, Japanese or Korean character (the
// Chinese analysis indexes characters). Counting the fields between
// spaces let "a,b,c,…" or "a~2,b,c,…" through as one word: hundreds of
// terms (seconds of fuzzy matching) within the byte limit.
func words(q string) int {
	n := 0
	in := false
	for _, r := range q {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			n++
			in = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if !in {
				n++
			}
			in = true
		default:
			in = false
		}
	}
	return n
}

func isText(field string) bool {
	return field == indexer.FieldExact || strings.HasPrefix(field, "text_") || strings.HasPrefix(field, "question_")
}

// leaf builds the query of one word, phrase or pattern: over the text
// fields when it has no field, over the named field otherwise.
func leaf(field, value string, pattern bool, at func(field string) query.Query) (query.Query, error) {
	name := strings.ToLower(field)
	switch name {
	case "", "text", "question_text":
		var qs []query.Query
		for _, f := range textFields(name) {
			q := at(f)
			if b, ok := q.(query.BoostableQuery); ok && name == "" && strings.HasPrefix(f, "question_") {
				// Every State answers the same questions: a word of the
				// question should not outweigh the same word in an answer.
				b.SetBoost(b.Boost() * questionBoost)
			}
			qs = append(qs, q)
		}
		return query.NewDisjunctionQuery(qs), nil
	}
	target, ok := userFields[name]
	if !ok {
		return nil, invalid("unknown field %q: use one of %s", field, fieldNames())
	}
	if target == indexer.FieldExact || pattern {
		return at(target), nil // patterns are matched as written
	}
	// A keyword: normalise the value as the filters do, and look for it
	// as one term.
	v := strings.TrimSpace(value)
	var err error
	switch target {
	case indexer.FieldCountryCode:
		v, err = countryCode(v)
	case indexer.FieldInstrument:
		in, ok := saq.ParseInstrument(v)
		if !ok {
			err = invalid("unknown instrument %q: use UNTOC, TIP, SOM or FIREARMS", v)
		}
		v = string(in)
	case indexer.FieldCluster:
		v, err = cluster(v)
	case indexer.FieldArticle:
		target, v, err = article(v)
	case indexer.FieldChoice:
		v, err = choice(v)
	case indexer.FieldLanguage:
		v = strings.ToLower(v)
	case indexer.FieldVersion:
		n, perr := strconv.Atoi(v)
		if perr != nil {
			return nil, invalid("version must be a number, not %q", v)
		}
		f := float64(n)
		incl := true
		q := query.NewNumericRangeInclusiveQuery(&f, &f, &incl, &incl)
		q.SetField(indexer.FieldVersion)
		return q, nil
	}
	if err != nil {
		return nil, err
	}
	q := query.NewTermQuery(v)
	q.SetField(target)
	return q, nil
}
