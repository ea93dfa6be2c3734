// Package indexer keeps the search index of the answers: the bleve
// mapping, the documents made from answer records, and writing them in
// batches. (Its subpackages read PDFs into records: pdftext, extract.)
package indexer

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	// Analyzers register themselves when imported; every program that
	// opens the index imports this package, and so these.
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
)

// The mapping, in one place. One document per answer.
//
// Keyword fields (exact terms, facets, filters, sorting): the State's
// code and name, instrument, cluster, article ("5") and article key
// ("UNTOC 5"), paragraph, question, choice ("none" when nothing is
// ticked), language, submission id,
// version, upload (the original's SHA-256).
//
// Text: the narrative answer and the question text are indexed once with
// the analyzer of the answer's language, into text_<lang> and
// question_<lang> (stored, with term vectors, so results can show
// highlighted passages), and once into the language-neutral "exact" field
// (lower case, no stemming; CJK as characters and pairs), so that a query
// always finds the words it names even when a stemmer would not.
//
// Stored only: pages, file name, question text as printed, and two
// projections of the answer text that comparisons read instead of
// analysing every answer again: its analysed terms with their counts
// ("terms") and what it mentions ("mentions": legislation cited, needs,
// figures; the legislation's keys are also a keyword field, "citation").

// Languages with their own analyzer. Text in any other language goes to
// the neutral field only.
var Languages = []string{"en", "fr", "es", "ru", "ar", "zh"}

// Field names.
const (
	FieldCountryCode   = "country_code"
	FieldCountry       = "country"
	FieldInstrument    = "instrument"
	FieldInstrumentNum = "instrument_num" // 1..4 in the conventional order, for sorting
	FieldCluster       = "cluster"
	FieldArticle       = "article"
	FieldArticleKey    = "article_key"
	FieldArticleNum    = "article_num"
	FieldParagraph     = "paragraph"
	FieldQuestion      = "question"
	FieldQuestionNum   = "question_num"
	FieldChoice        = "choice"
	FieldLanguage      = "language"
	FieldSubmission    = "submission_id"
	FieldVersion       = "version"
	FieldUpload        = "upload"
	FieldPages         = "pages"
	FieldFile          = "file"
	FieldExact         = "exact"
	FieldQuestionText  = "question_text" // stored original question, shown in results
	FieldTerms         = "terms"         // stored analysed terms of the answer text, for comparisons (EncodeTerms)
	FieldCitation      = "citation"      // keys of the legislation the answer cites (mentions.Citations)
	FieldMentions      = "mentions"      // stored JSON of the answer's Mentions
)

// TextField and QuestionField name the analysed fields of a language.
func TextField(lang string) string     { return "text_" + lang }
func QuestionField(lang string) string { return "question_" + lang }

// Analyzer names defined by the mapping.
const (
	analyzerExact = "saq_exact" // neutral: unicode words, lower case, CJK unigrams and bigrams
	analyzerRU    = "saq_ru"    // Russian snowball, with ё read as е
	analyzerFR    = "saq_fr"    // French snowball (the stock "fr" uses a light stemmer)
	analyzerES    = "saq_es"    // Spanish snowball
	analyzerZH    = "saq_zh"    // CJK with unigrams: a one-character query finds its word
)

// analyzerFor maps an answer language to its analyzer.
var analyzerFor = map[string]string{
	"en": en.AnalyzerName,
	"fr": analyzerFR,
	"es": analyzerES,
	"ru": analyzerRU,
	"ar": "ar",
	"zh": analyzerZH,
}

// NewMapping returns the index mapping.
func NewMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzerExact
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.ScoringModel = "bm25"

	if err := m.AddCustomCharFilter("saq_yo", map[string]any{
		"type": regexp.Name, "regexp": "[ёЁ]", "replace": "е",
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter("saq_cjk_bigram", map[string]any{
		"type": cjk.BigramName, "output_unigram": true,
	}); err != nil {
		return nil, err
	}
	analyzers := map[string]map[string]any{
		analyzerExact: {"type": custom.Name, "tokenizer": unicode.Name,
			"token_filters": []any{cjk.WidthName, lowercase.Name, "saq_cjk_bigram"}},
		analyzerRU: {"type": custom.Name, "char_filters": []any{"saq_yo"}, "tokenizer": unicode.Name,
			"token_filters": []any{lowercase.Name, ru.StopName, ru.SnowballStemmerName}},
		analyzerFR: {"type": custom.Name, "tokenizer": unicode.Name,
			"token_filters": []any{lowercase.Name, fr.ElisionName, fr.StopName, fr.SnowballStemmerName}},
		analyzerES: {"type": custom.Name, "tokenizer": unicode.Name,
			"token_filters": []any{lowercase.Name, es.StopName, es.NormalizeName, es.SnowballStemmerName}},
		analyzerZH: {"type": custom.Name, "tokenizer": unicode.Name,
			"token_filters": []any{cjk.WidthName, lowercase.Name, "saq_cjk_bigram"}},
	}
	for name, cfg := range analyzers {
		if err := m.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, err
		}
	}

	doc := bleve.NewDocumentStaticMapping()
	keyword := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		return f
	}
	for _, name := range []string{FieldCountryCode, FieldCountry, FieldInstrument, FieldCluster, FieldArticle,
		FieldArticleKey, FieldParagraph, FieldQuestion, FieldChoice, FieldLanguage, FieldSubmission, FieldUpload} {
		doc.AddFieldMappingsAt(name, keyword(true))
	}
	doc.AddFieldMappingsAt(FieldCitation, keyword(false))
	version := bleve.NewNumericFieldMapping()
	version.Store = true
	doc.AddFieldMappingsAt(FieldVersion, version)
	for _, name := range []string{FieldInstrumentNum, FieldArticleNum, FieldQuestionNum} {
		n := bleve.NewNumericFieldMapping()
		n.Store = false
		n.IncludeInAll = false
		doc.AddFieldMappingsAt(name, n)
	}
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.DocValues = false
	doc.AddFieldMappingsAt(FieldPages, stored)
	doc.AddFieldMappingsAt(FieldFile, stored)
	doc.AddFieldMappingsAt(FieldQuestionText, stored)
	doc.AddFieldMappingsAt(FieldTerms, stored)
	doc.AddFieldMappingsAt(FieldMentions, stored)

	for _, lang := range Languages {
		for _, name := range []string{TextField(lang), QuestionField(lang)} {
			f := bleve.NewTextFieldMapping()
			f.Analyzer = analyzerFor[lang]
			f.Store = true
			f.IncludeTermVectors = true // highlighting
			f.DocValues = false         // long text: no facets or sorting on it
			f.IncludeInAll = false
			doc.AddFieldMappingsAt(name, f)
		}
	}
	exact := bleve.NewTextFieldMapping()
	exact.Analyzer = analyzerExact
	exact.Store = false
	exact.IncludeTermVectors = true // positions: phrase queries need them
	exact.DocValues = false
	exact.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldExact, exact)

	m.DefaultMapping = doc
	m.DefaultField = FieldExact
	return m, m.Validate()
}
