// Package saq holds the domain of the UNTOC review questionnaire pipeline:
// the instruments and their articles, the thematic clusters, the answer
// vocabulary, the records that extraction produces, and the typed errors that
// every layer returns.
//
// Everything downstream of an extracted Record (the search index, the
// comparisons, the drafts) is a projection that can be rebuilt from records,
// so the Record's JSON form is a contract: see README.md.
package saq

import "strings"

// Instrument identifies one of the four treaties under review.
type Instrument string

// The four instruments. Articles are always keyed by (Instrument, article).
const (
	UNTOC    Instrument = "UNTOC"    // the Convention
	TIP      Instrument = "TIP"      // Trafficking in Persons Protocol
	SOM      Instrument = "SOM"      // Smuggling of Migrants Protocol
	FIREARMS Instrument = "FIREARMS" // Firearms Protocol
)

// Instruments lists the instruments in their conventional order.
var Instruments = []Instrument{UNTOC, TIP, SOM, FIREARMS}

// ParseInstrument accepts the canonical codes and common spellings
// ("untoc", "tip", "som", "firearms", "fa", "convention") and reports
// whether s named an instrument.
func ParseInstrument(s string) (Instrument, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "UNTOC", "CONVENTION", "CTOC":
		return UNTOC, true
	case "TIP", "TRAFFICKING":
		return TIP, true
	case "SOM", "SMUGGLING":
		return SOM, true
	case "FIREARMS", "FA", "FIREARM":
		return FIREARMS, true
	}
	return "", false
}

// Choice is the normalised ticked answer of a question.
type Choice string

// The answer vocabulary. The zero value means nothing was ticked, or the
// question offers no tick box.
const (
	Unanswered    Choice = ""
	Yes           Choice = "yes"
	YesInPart     Choice = "yes_in_part"
	No            Choice = "no"
	NotApplicable Choice = "not_applicable"
)

// Answer is one question of the questionnaire as a State answered it.
// A question left blank is still an Answer, with empty Choice and Text.
type Answer struct {
	Instrument   Instrument `json:"instrument"`
	Article      string     `json:"article"`
	Paragraph    string     `json:"paragraph"`
	Question     string     `json:"question"`
	QuestionText string     `json:"question_text"`
	Choice       Choice     `json:"choice"`
	// Text is the narrative answer; paragraphs are separated by "\n\n".
	Text string `json:"text"`
	// Pages are the 1-based pages the question and its answer were read from.
	Pages []int `json:"pages"`
	// Footnotes holds the text of footnotes referenced from the answer.
	Footnotes []string `json:"footnotes,omitempty"`
}

// Submission describes the document a State submitted.
type Submission struct {
	Country     string       `json:"country"`      // UN short name in English
	CountryCode string       `json:"country_code"` // ISO 3166-1 alpha-3
	Language    string       `json:"language"`     // ISO 639-1 code of the answers
	Instruments []Instrument `json:"instruments"`
	Cluster     string       `json:"cluster"` // "I".."IV", or "" when the document is cut by instrument
}

// Record is the result of extracting one file: the contract of
// `saq extract` and the unit stored next to every original upload.
// Exactly one of Error and (Submission, Answers) is meaningful.
type Record struct {
	File       string      `json:"file"`
	SHA256     string      `json:"sha256,omitempty"`
	Pages      int         `json:"pages,omitempty"`
	Submission *Submission `json:"submission,omitempty"`
	Answers    []Answer    `json:"answers,omitempty"`
	Warnings   []string    `json:"warnings,omitempty"`
	Error      *Error      `json:"error,omitempty"`
}
