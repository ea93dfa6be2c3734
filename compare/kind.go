package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Question kinds: what a question asks for. They align questions across
// languages and numbering schemes, and tell the draft of observations where
// an answer belongs (measures, good practices, gaps, assistance needs).
const (
	KindMeasures    = "measures"    // has the State adopted measures (usually Yes / Yes, in part / No)
	KindLegislation = "legislation" // cite or summarise the legislation
	KindExamples    = "examples"    // examples of implementation, cases
	KindStatistics  = "statistics"  // figures
	KindChallenges  = "challenges"  // difficulties met
	KindAssistance  = "assistance"  // technical assistance needed
	KindOther       = "other"
)

// kindCues are stems of the words that mark each kind in the six
// languages, tried in this order: a question on "challenges in
// implementing the legislation" is about challenges, not legislation, and
// "examples, including … statistics" asks for examples.
var kindCues = []struct {
	kind string
	cues []string
}{
	{KindAssistance, []string{"technical assistance", "assistance technique", "asistencia técnica", "техническ", "المساعدة التقنية", "المساعدة الفنية", "技术援助", "技术协助"}},
	{KindChallenges, []string{"challenge", "difficult", "obstacle", "difficulté", "défis", "dificultad", "desafío", "problemas", "трудност", "проблем", "сложност", "препятств", "تحديات", "صعوبات", "عقبات", "困难", "挑战", "障碍"}},
	{KindExamples, []string{"example", "exemple", "ejemplo", "пример", "أمثلة", "مثال", "实例", "例子", "事例", "案例"}},
	{KindStatistics, []string{"statistic", "statistique", "estadístic", "статистич", "إحصاء", "احصاء", "统计"}},
	{KindLegislation, []string{"cite", "summari", "citer", "résum", "cítese", "citar", "resum", "приведите", "изложите", "укажите соответствующ", "اذكر", "يرجى ذكر", "تلخيص", "引述", "概述", "列出", "援引"}},
	{KindMeasures, []string{"measure", "mesure", "medida", "меры", "мер ", "تدابير", "措施", "adopted", "adopté", "adoptado", "приня", "اعتمد", "通过", "criminali", "incrimin", "tipific", "penaliz", "уголовн", "تجريم", "定为刑事犯罪"}},
}

// questionKind classifies a question by its wording: by its first
// sentence, where the question is asked ("Has your country adopted
// measures …? If so, please cite …" asks about measures), else by all of it.
func questionKind(text string) string {
	t := strings.ToLower(text)
	if k := kindOf(firstSentence(t)); k != KindOther {
		return k
	}
	return kindOf(t)
}

func kindOf(t string) string {
	for _, k := range kindCues {
		for _, c := range k.cues {
			if hasWordStart(t, c) {
				return k.kind
			}
		}
	}
	return KindOther
}

// hasWordStart reports whether cue occurs in t at the start of a word
// ("cite" in "please cite", not in "illicite"). In Arabic and Chinese,
// where words take prefixes or are not separated, any occurrence counts.
func hasWordStart(t, cue string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], cue)
		if i < 0 {
			return false
		}
		i += from
		r, _ := utf8.DecodeLastRuneInString(t[:i])
		if i == 0 || !unicode.IsLetter(r) || unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Han, r) {
			return true
		}
		from = i + len(cue)
	}
}

// firstSentence cuts t after its first question mark or full stop that
// ends a sentence.
func firstSentence(t string) string {
	for i, r := range t {
		switch r {
		case '?', '？', '؟', '。':
			return t[:i]
		case '.':
			if i+1 < len(t) && t[i+1] == ' ' && i > 3 && t[i-3:i] != "art" && t[i-2:i] != "no" {
				return t[:i]
			}
		}
	}
	return t
}
