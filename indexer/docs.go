package indexer

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/mentions"
)

// Doc is the indexed form of one answer. Its JSON names are the fields of
// the mapping; text goes into the fields of the answer's language.
type Doc map[string]any

// Upload identifies a stored submission for the index: which record the
// answers come from, and which submission and version they belong to.
type Upload struct {
	SHA256       string
	File         string
	SubmissionID string
	Version      int
}

// Mentions is what an answer's narrative refers to, as the index stores
// it (FieldMentions).
type Mentions struct {
	Citations  []mentions.Citation `json:"citations,omitempty"`
	Needs      []mentions.Mention  `json:"needs,omitempty"`
	Statistics []mentions.Mention  `json:"statistics,omitempty"`
}

// MentionsOf finds the legislation, needs and figures of a text; nil when
// it mentions none.
func MentionsOf(lang, text string) *Mentions {
	m := &Mentions{Citations: mentions.Citations(lang, text), Needs: mentions.Needs(lang, text), Statistics: mentions.Statistics(lang, text)}
	if len(m.Citations)+len(m.Needs)+len(m.Statistics) == 0 {
		return nil
	}
	return m
}

// DecodeMentions reads a FieldMentions value back (empty for none).
func DecodeMentions(s string) Mentions {
	var m Mentions
	if s != "" {
		json.Unmarshal([]byte(s), &m)
	}
	return m
}

// DocID is the index identifier of the n-th answer of an upload.
func DocID(sha string, n int) string { return fmt.Sprintf("%s:%d", sha, n) }

// Docs returns the documents of a record's answers, keyed by DocID.
func Docs(rec saq.Record, up Upload) map[string]Doc {
	out := make(map[string]Doc, len(rec.Answers))
	sub := rec.Submission
	if sub == nil {
		sub = &saq.Submission{}
	}
	lang := sub.Language
	clusters, _ := saq.DefaultClusterMap()
	for i, a := range rec.Answers {
		d := Doc{
			FieldCountryCode:  sub.CountryCode,
			FieldCountry:      sub.Country,
			FieldInstrument:   string(a.Instrument),
			FieldArticle:      a.Article,
			FieldArticleKey:   string(a.Instrument) + " " + a.Article,
			FieldParagraph:    a.Paragraph,
			FieldQuestion:     a.Question,
			FieldChoice:       ChoiceTerm(a.Choice),
			FieldLanguage:     lang,
			FieldSubmission:   up.SubmissionID,
			FieldVersion:      float64(up.Version),
			FieldUpload:       up.SHA256,
			FieldFile:         up.File,
			FieldPages:        pagesText(a.Pages),
			FieldQuestionText: a.QuestionText,
			FieldExact:        []string{a.QuestionText, a.Text},
		}
		if n := slices.Index(saq.Instruments, a.Instrument); n >= 0 {
			d[FieldInstrumentNum] = float64(n + 1)
		}
		if n, err := strconv.Atoi(a.Article); err == nil {
			d[FieldArticleNum] = float64(n)
		}
		if n, err := strconv.Atoi(strings.TrimRightFunc(a.Question, func(r rune) bool { return r < '0' || r > '9' })); err == nil {
			d[FieldQuestionNum] = float64(n)
		}
		d[FieldCluster] = answerCluster(sub.Cluster, a, clusters)
		if analyzerFor[lang] != "" {
			d[TextField(lang)] = a.Text
			d[QuestionField(lang)] = a.QuestionText
		}
		if a.Text != "" {
			if analyzerFor[lang] != "" {
				d[FieldTerms] = EncodeTerms(TermCounts(lang, a.Text))
			}
			if m := MentionsOf(lang, a.Text); m != nil {
				b, _ := json.Marshal(m)
				d[FieldMentions] = string(b)
				var keys []string
				for _, c := range m.Citations {
					keys = append(keys, c.Key)
				}
				d[FieldCitation] = keys
			}
		}
		out[DocID(up.SHA256, i)] = d
	}
	return out
}

// NoChoice is the indexed choice of an answer where nothing is ticked (or
// the question has no tick boxes), so it can be counted and filtered.
const NoChoice = "none"

// ChoiceTerm is the indexed form of a choice.
func ChoiceTerm(c saq.Choice) string {
	if c == saq.Unanswered {
		return NoChoice
	}
	return string(c)
}

// answerCluster is the submission's cluster, or for a questionnaire cut by
// instrument the cluster(s) the map places the article in.
func answerCluster(sub string, a saq.Answer, m *saq.ClusterMap) any {
	if sub != "" || m == nil {
		return sub
	}
	n, _ := strconv.Atoi(a.Article)
	var cs []string
	for _, e := range m.ClustersOf(a.Instrument, n) {
		cs = append(cs, e.Cluster)
	}
	if len(cs) == 1 {
		return cs[0]
	}
	return cs
}

func pagesText(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}

// ParsePages reads the stored pages field back.
func ParsePages(s string) []int {
	out := []int{}
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}
