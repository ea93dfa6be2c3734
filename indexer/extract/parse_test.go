package extract

import (
	"testing"

	"github.com/saq-review/saq"
)

func TestParseChoiceLine(t *testing.T) {
	tests := []struct {
		line string
		want saq.Choice
		ok   bool
	}{
		{"[X] Yes [ ] No [ ] Partially", saq.Yes, true},
		{"[ ] Yes [ ] No [x] Partially", saq.YesInPart, true},
		{"[ ] Yes [ ] No [ ] Partially", saq.Unanswered, true},
		{"☐ Oui ☒ Non ☐ Partiellement", saq.No, true},
		{"☐ Oui ☐ Non ☒ Oui, en partie", saq.YesInPart, true},
		{"☐ Sí ☐ No ☒ Sí, en parte", saq.YesInPart, true},
		{"(X) Sí ( ) No ( ) Parcialmente", saq.Yes, true},
		{"Yes ☒ No ☐ Partially ☐", saq.Yes, true},
		{"Yes ☐ No ☒", saq.No, true},
		{"✓ Yes", saq.Yes, true},
		{"Да Нет ✓ Частично", saq.YesInPart, true},
		{"Yes No Partially ✓", saq.YesInPart, true},
		{"Yes No Partially", saq.Unanswered, true},
		{"No.", "", false},
		{"☐ Yes ☐ No ☐ Yes, in part ☒ Not applicable", saq.NotApplicable, true},
		{"☐ Да ☒ Нет ☐ Частично", saq.No, true},
		{"☒ 是 ☐ 否 ☐ 部分", saq.Yes, true},
		{"Yes. The Criminal Code provides for it.", "", false},
		{"The law [X] applies", "", false},
		{"No information is available.", "", false},
	}
	for _, tc := range tests {
		got, ok := parseChoiceLine(tc.line)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseChoiceLine(%q) = %q, %v; want %q, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseAnswerLabel(t *testing.T) {
	tests := []struct {
		line, rest string
		want       saq.Choice
		ok         bool
	}{
		{"Answer: Yes", "", saq.Yes, true},
		{"Réponse : Partiellement", "", saq.YesInPart, true},
		{"Respuesta: Sí, en parte", "", saq.YesInPart, true},
		{"Answer: No. The bill is pending.", "The bill is pending.", saq.No, true},
		{"Answer:", "", saq.Unanswered, true},
		{"Answer: No information is available.", "No information is available.", saq.Unanswered, true},
		{"Ответ: Да", "", saq.Yes, true},
		{"Answers were coordinated by the Ministry.", "", "", false},
	}
	for _, tc := range tests {
		got, rest, ok := parseAnswerLabel(tc.line)
		if got != tc.want || rest != tc.rest || ok != tc.ok {
			t.Errorf("parseAnswerLabel(%q) = %q, %q, %v; want %q, %q, %v", tc.line, got, rest, ok, tc.want, tc.rest, tc.ok)
		}
	}
}

func TestParseArticleHeading(t *testing.T) {
	tests := []struct {
		line  string
		bold  bool
		n     int
		inst  saq.Instrument
		title string
		ok    bool
	}{
		{"Article 5. Criminalization of participation in an organized criminal group", false, 5, "", "Criminalization of participation in an organized criminal group", true},
		{"Art. 24 – Protection des témoins", false, 24, "", "Protection des témoins", true},
		{"ARTICLE 9", true, 9, "", "", true},
		{"Article 9 of the Convention", true, 9, saq.UNTOC, "", true},
		{"Article 5 of the Trafficking in Persons Protocol", true, 5, saq.TIP, "", true},
		{"Artículo 6. Penalización", false, 6, "", "Penalización", true},
		{"Article premier. Objet", false, 1, "", "Objet", true},
		{"Статья 5. Криминализация", true, 5, "", "Криминализация", true},
		{"第5条 刑事定罪", true, 5, "", "刑事定罪", true},
		{"《公约》第5条", false, 5, saq.UNTOC, "", true},
		{"《贩运人口议定书》第5条", false, 5, saq.TIP, "", true},
		{"Статья 5 Протокола о торговле людьми", true, 5, saq.TIP, "", true},
		{"Artículo 6 del Protocolo contra el tráfico ilícito de migrantes", true, 6, saq.SOM, "", true},
		{"المادة 5 من الاتفاقية", true, 5, saq.UNTOC, "", true},
		{"Article 27 of the Criminal Code establishes the offence.", false, 0, "", "", false},
		{"Article 58 of the Immigration Act provides for it.", false, 0, "", "", false},
		{"article 9 of the Convention?", true, 0, "", "", false},
		{"Article 99. Nothing", true, 0, "", "", false},
	}
	for _, tc := range tests {
		h, ok := parseArticleHeading(tc.line, tc.bold)
		if ok != tc.ok || h.number != tc.n || h.inst != tc.inst || h.title != tc.title {
			t.Errorf("parseArticleHeading(%q) = %+v, %v; want %d %q %q %v", tc.line, h, ok, tc.n, tc.inst, tc.title, tc.ok)
		}
	}
}

func TestParseParagraph(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Paragraph 1 (a) (i)", "1(a)(i)"},
		{"Paragraphe 2 a)", "2(a)"},
		{"Subparagraph (b)", "(b)"},
		{"Párrafo 3", "3"},
		{"Paragraphs 1 and 2", "1 and 2"},
		{"Пункт 1", "1"},
		{"Paragraph 1 of article 5 provides that the offence", ""},
	}
	for _, tc := range tests {
		got, ok := parseParagraph(tc.line)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("parseParagraph(%q) = %q, %v; want %q", tc.line, got, ok, tc.want)
		}
	}
}

func TestParseQuestionLabel(t *testing.T) {
	tests := []struct {
		line, number string
		explicit     bool
		ok           bool
	}{
		{"Question 1. Has your country adopted", "1", true, true},
		{"Question 12: Please describe", "12", true, true},
		{"Q3. Please describe", "3", true, true},
		{"Pregunta 4. ¿Ha adoptado su país", "4", true, true},
		{"Вопрос 2. Приняла ли ваша страна", "2", true, true},
		{"3. Has your country adopted", "3", false, true},
		{"3) Has your country adopted", "3", false, true},
		{"3 (a). Please specify", "3(a)", false, true},
		{"2006 was the year", "", false, false},
		{"Quebec has adopted", "", false, false},
	}
	for _, tc := range tests {
		q, ok := parseQuestionLabel(tc.line)
		if ok != tc.ok || q.number != tc.number || q.explicit != tc.explicit {
			t.Errorf("parseQuestionLabel(%q) = %+v, %v; want %q explicit=%v %v", tc.line, q, ok, tc.number, tc.explicit, tc.ok)
		}
	}
}

func TestInstruments(t *testing.T) {
	tests := []struct {
		s    string
		want []saq.Instrument
	}{
		{"United Nations Convention against Transnational Organized Crime; Protocol against the Smuggling of Migrants by Land, Sea and Air", []saq.Instrument{saq.UNTOC, saq.SOM}},
		{"Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime", []saq.Instrument{saq.TIP}},
		{"Convention des Nations Unies contre la criminalité transnationale organisée; Protocole contre la fabrication et le trafic illicites d'armes à feu", []saq.Instrument{saq.UNTOC, saq.FIREARMS}},
	}
	for _, tc := range tests {
		if got := instrumentsIn(tc.s); len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) || (len(got) > 1 && got[1] != tc.want[1]) {
			t.Errorf("instrumentsIn(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestDehyphenate(t *testing.T) {
	lay := layout{vocab: map[string]bool{"co-operation": true}}
	tests := []struct{ a, b, want string }{
		{"the imple-", "mentation of", "the implementation of"},
		{"the Anti-", "Money Laundering Act", "the Anti-Money Laundering Act"},
		{"Law No. 2006-", "22 of 7 May", "Law No. 2006-22 of 7 May"},
		{"international co-", "operation", "international co-operation"},
	}
	for _, tc := range tests {
		got, ok := lay.dehyphenate(tc.a, tc.b)
		if !ok || got != tc.want {
			t.Errorf("dehyphenate(%q, %q) = %q, %v; want %q", tc.a, tc.b, got, ok, tc.want)
		}
	}
	if _, ok := lay.dehyphenate("a dash –", "then text"); ok {
		t.Error("a spaced dash is not a hyphenated word")
	}
}

func TestSplitChoice(t *testing.T) {
	tests := []struct {
		line, before string
		c            saq.Choice
		after        string
		ok           bool
	}{
		{"Has your country adopted such measures? ☒ Yes ☐ No ☐ Partially", "Has your country adopted such measures?", saq.Yes, "", true},
		{"☒ Yes. The Penal Code provides for it.", "", saq.Yes, "The Penal Code provides for it.", true},
		{"[ ] Sí [X] No - La ley está en preparación.", "", saq.No, "- La ley está en preparación.", true},
		{"The answer is yes and no.", "", "", "", false},
		{"Yes. The Penal Code provides for it.", "", "", "", false},
	}
	for _, tc := range tests {
		b, c, a, ok := splitChoice(tc.line)
		if b != tc.before || c != tc.c || a != tc.after || ok != tc.ok {
			t.Errorf("splitChoice(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tc.line, b, c, a, ok, tc.before, tc.c, tc.after, tc.ok)
		}
	}
}
