package hostile

import (
	"fmt"
	"strings"
)

// The questionnaire that readable hostile files carry: the wording of the
// ingest tests (a cover naming the State and cluster, UNTOC article 5,
// question 1 with tick boxes and a narrative answer, question 2 with a
// narrative answer). A correct reading gives two answers: question 1 with
// choice "yes" and text Answer1, question 2 with no choice and Answer2.
const (
	State   = "Mexico"
	Answer1 = "The Criminal Code covers participation in an organized criminal group."
	Answer2 = "Two cases were tried in 2024 under the same provisions."
)

// Questionnaire returns the lines of the questionnaire page, top to bottom.
func Questionnaire() []string { return questionnaire(State, Answer1, Answer2) }

func questionnaire(state, answer1, answer2 string) []string {
	return []string{
		"State party: " + state,
		"Cluster I",
		"Part I. United Nations Convention against Transnational Organized Crime",
		"Article 5. Criminalization of participation in an organized criminal group",
		"Question 1. Has your country adopted legislative measures?",
		"[X] Yes [ ] No [ ] Partially",
		answer1,
		"Question 2. Please provide examples of implementation.",
		answer2,
	}
}

// Lines of Questionnaire by role, for generators that draw some of them
// differently.
const (
	lineTicks   = 5
	lineAnswer1 = 6
	lineAnswer2 = 8
)

// lineY is the baseline of line i of the questionnaire: 11-point text
// from the top of an A4 page, 30 points apart.
func lineY(i int) float64 { return 760 - 30*float64(i) }

// questionnaireOps draws the lines of the questionnaire with font /F1,
// except those for which skip is true.
func questionnaireOps(skip func(i int) bool) string {
	var b strings.Builder
	for i, l := range Questionnaire() {
		if skip == nil || !skip(i) {
			b.WriteString(show(72, lineY(i), 11, l))
		}
	}
	return b.String()
}

// questionnairePage adds the questionnaire as one page under tree, drawn
// in Helvetica, plus extra content and page entries.
func (f *File) questionnairePage(tree int, extraContent, extraResources, extraEntries string) int {
	font := f.Helvetica()
	return f.Page(tree, questionnaireOps(nil)+extraContent, fmt.Sprintf("/Font << /F1 %d 0 R >> %s", font, extraResources), extraEntries)
}

// Plain is the questionnaire as a well-formed one-page file: the baseline
// the hostile variants are compared with.
func Plain() []byte { return plain(State, Answer1, Answer2) }

// plain is a well-formed one-page questionnaire of another State, with
// other answers.
func plain(state, answer1, answer2 string) []byte {
	f := &File{}
	tree := f.Reserve()
	font := f.Helvetica()
	var c strings.Builder
	for i, l := range questionnaire(state, answer1, answer2) {
		c.WriteString(show(72, lineY(i), 11, l))
	}
	f.Pages(tree, f.Page(tree, c.String(), fmt.Sprintf("/Font << /F1 %d 0 R >>", font), ""))
	f.Catalog(tree, "")
	return f.Bytes()
}
