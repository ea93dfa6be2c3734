package compare

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// The fixture is a small questionnaire round with planted truth: ten
// States in three languages answer the same six questions on UNTOC 5,
// UNTOC 23 and TIP 5, but print them differently (numbered per article or
// through the document, with or without paragraphs, some leaving a
// question out), tick planted choices and write planted narratives: groups
// of near-duplicate answers, citations, needs, and answers that should
// raise each flag.

// slotKinds is the questionnaire of every article, in order.
var slotKinds = []string{KindMeasures, KindLegislation, KindMeasures, KindExamples, KindChallenges, KindAssistance}

var slotParagraph = []string{"1", "1", "2", "", "", ""}

func questionText(lang, art string, slot int) string {
	en := []string{
		"Has your country adopted legislative and other measures to implement paragraph 1 of article %s?",
		"Please cite and summarize the applicable legislation and describe how it is applied.",
		"Has your country adopted legislative and other measures to implement paragraph 2 of article %s?",
		"Please provide examples of the implementation of article %s, including cases and their outcome.",
		"Has your country encountered any challenges in implementing article %s?",
		"Does your country require technical assistance to implement article %s?",
	}
	fr := []string{
		"Votre pays a-t-il adopté des mesures législatives et autres pour appliquer le paragraphe 1 de l'article %s ?",
		"Veuillez citer et résumer la législation applicable et décrire comment elle est appliquée.",
		"Votre pays a-t-il adopté des mesures législatives et autres pour appliquer le paragraphe 2 de l'article %s ?",
		"Veuillez fournir des exemples de l'application de l'article %s, y compris des affaires et leur issue.",
		"Votre pays a-t-il rencontré des difficultés dans l'application de l'article %s ?",
		"Votre pays a-t-il besoin d'une assistance technique pour appliquer l'article %s ?",
	}
	es := []string{
		"¿Ha adoptado su país medidas legislativas y de otra índole para aplicar el párrafo 1 del artículo %s?",
		"Sírvase citar y resumir la legislación aplicable y describir cómo se aplica.",
		"¿Ha adoptado su país medidas legislativas y de otra índole para aplicar el párrafo 2 del artículo %s?",
		"Sírvase proporcionar ejemplos de la aplicación del artículo %s, incluidos casos y su resultado.",
		"¿Ha encontrado su país dificultades para aplicar el artículo %s?",
		"¿Necesita su país asistencia técnica para aplicar el artículo %s?",
	}
	t := map[string][]string{"en": en, "fr": fr, "es": es}[lang][slot]
	if strings.Contains(t, "%s") {
		return fmt.Sprintf(t, art)
	}
	return t
}

// fixtureState is how one State printed and answered the questionnaire.
type fixtureState struct {
	code, lang  string
	global      bool   // questions numbered through the document
	paragraphs  bool   // paragraph printed
	omit        int    // slot left out of the document (-1: none)
	choices     string // per slot: Y yes, P yes in part, N no, - nothing ticked
	instruments []saq.Instrument
	// texts overrides the planted narrative of a slot.
	texts map[int]string
}

// Planted legislation answers (slot 1): three groups of near-duplicates
// and two answers unlike any other.
var (
	wpa = []string{
		"The Witness Protection Act 2006 establishes a national witness protection programme that provides relocation, change of identity and police protection for witnesses at risk and their relatives.",
		"Our Witness Protection Act 2006 sets up a national witness protection programme providing relocation, a change of identity and police protection to witnesses at risk and to their relatives.",
		"A national witness protection programme under the Witness Protection Act 2006 provides witnesses at risk and their relatives with relocation, change of identity and police protection.",
	}
	ccp = []string{
		"Articles 241 to 245 of the Code of Criminal Procedure allow testimony by video link and anonymous testimony, and courts may close hearings to the public when a witness is intimidated.",
		"Under articles 241 to 245 of the Code of Criminal Procedure, courts may hear testimony by video link or anonymous testimony and close hearings to the public when a witness is intimidated.",
	}
	frGroup = []string{
		"La loi n° 2005-67 du 12 juillet 2005 organise la protection des témoins menacés : changement d'identité, relogement et protection policière des témoins et de leurs proches.",
		"La protection des témoins menacés est organisée par la loi n° 2005-67 du 12 juillet 2005 : relogement, changement d'identité et protection policière des témoins et de leurs proches.",
	}
	lone = []string{
		"General safeguards of a fair trial are applied by the prosecution service case by case, without any dedicated statute for witnesses.",
		"Ley 1121 de 2006: las fiscalías especializadas coordinan con la policía nacional la custodia de los declarantes durante el juicio oral.",
	}
)

var fixtureStates = []fixtureState{
	{code: "AUS", lang: "en", paragraphs: true, omit: -1, choices: "Y-Y-NN", texts: map[int]string{1: wpa[0], 2: "Section 467.11 of the Criminal Code creates the offence."}},
	{code: "CAN", lang: "en", global: true, omit: -1, choices: "Y-P-YY", texts: map[int]string{1: wpa[1]}},
	{code: "NZL", lang: "en", paragraphs: true, omit: 3, choices: "Y-N-NN", texts: map[int]string{1: wpa[2]}},
	{code: "KEN", lang: "en", omit: -1, choices: "Y-Y-Y-", texts: map[int]string{1: ccp[0], 4: "Courts lack video-link equipment in rural districts."}},
	{code: "NGA", lang: "en", global: true, paragraphs: true, omit: -1, choices: "Y-Y-NN", texts: map[int]string{1: ccp[1]}, instruments: []saq.Instrument{saq.UNTOC}},
	{code: "GBR", lang: "en", omit: -1, choices: "Y-Y-N-", texts: map[int]string{0: "Yes, this provision is fully implemented.", 1: lone[0]}},
	{code: "FRA", lang: "fr", paragraphs: true, omit: -1, choices: "Y-Y-NN", texts: map[int]string{1: frGroup[0]}},
	{code: "SEN", lang: "fr", global: true, omit: 3, choices: "Y-N-Y-", texts: map[int]string{1: frGroup[1], 2: ""}},
	{code: "MEX", lang: "es", paragraphs: true, omit: -1, choices: "P---NY", texts: map[int]string{1: lone[1], 4: "", 5: "Se requiere capacitación especializada para fiscales y jueces en materia de protección de testigos."}},
	{code: "PER", lang: "es", omit: -1, choices: "--Y-NN", texts: map[int]string{0: "", 1: "", 2: ""}},
}

var fixtureArticles = []saq.ArticleRef{{Instrument: saq.UNTOC, Article: "5"}, {Instrument: saq.UNTOC, Article: "23"}, {Instrument: saq.TIP, Article: "5"}}

// plantedText is the narrative of a State's answer to a slot.
func (s fixtureState) plantedText(art saq.ArticleRef, slot int) string {
	if t, ok := s.texts[slot]; ok {
		return t
	}
	switch s.lang {
	case "fr":
		return fmt.Sprintf("Réponse de l'État %s à la question %d sur l'article %s du %s.", s.code, slot+1, art.Article, art.Instrument)
	case "es":
		return fmt.Sprintf("Respuesta del Estado %s a la pregunta %d sobre el artículo %s del %s.", s.code, slot+1, art.Article, art.Instrument)
	}
	return fmt.Sprintf("Answer of State %s to question %d on %s article %s.", s.code, slot+1, art.Instrument, art.Article)
}

func (s fixtureState) choice(slot int) saq.Choice {
	return map[byte]saq.Choice{'Y': saq.Yes, 'P': saq.YesInPart, 'N': saq.No, '-': ""}[s.choices[slot]]
}

// record prints the State's questionnaire as an extracted record.
func (s fixtureState) record() saq.Record {
	c, _ := saq.LookupCountry(s.code)
	insts := s.instruments
	if insts == nil {
		insts = []saq.Instrument{saq.UNTOC, saq.TIP}
	}
	rec := saq.Record{File: strings.ToLower(s.code) + ".pdf", SHA256: strings.Repeat(strings.ToLower(s.code), 22)[:64],
		Submission: &saq.Submission{Country: c.Name, CountryCode: s.code, Language: s.lang, Instruments: insts, Cluster: "I"}}
	n, page := 0, 2
	for _, art := range fixtureArticles {
		if art.Instrument != saq.UNTOC && len(insts) == 1 {
			continue
		}
		for slot := range slotKinds {
			if slot == s.omit {
				continue
			}
			n++
			num := slot + 1
			if s.omit >= 0 && slot > s.omit {
				num-- // the printed numbering closes the gap
			}
			if s.global {
				num = n
			}
			a := saq.Answer{Instrument: art.Instrument, Article: art.Article, Question: fmt.Sprint(num),
				QuestionText: questionText(s.lang, art.Article, slot), Choice: s.choice(slot),
				Text: s.plantedText(art, slot), Pages: []int{page}}
			if s.paragraphs {
				a.Paragraph = slotParagraph[slot]
			}
			rec.Answers = append(rec.Answers, a)
			if n%3 == 0 {
				page++
			}
		}
	}
	rec.Pages = page
	return rec
}

// indexFixture indexes the fixture States (all but those left out) and
// returns the index.
func indexFixture(t testing.TB, without ...string) *indexer.Index {
	t.Helper()
	idx, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for _, s := range fixtureStates {
		if contains(without, s.code) {
			continue
		}
		rec := s.record()
		up := indexer.Upload{SHA256: rec.SHA256, File: rec.File, SubmissionID: s.code + "-I-UNTOC", Version: 1}
		if err := idx.Replace(context.Background(), s.code, nil, indexer.Docs(rec, up)); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
