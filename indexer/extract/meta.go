package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer/pdftext"
)

// Submission metadata from the cover page: "State party: Mexico",
// "Instrument(s) covered: …", the cluster in the title, the language.
// Covers print these as "Label: value" lines or as a two-column table
// (label cell, value cell), which reading order turns into a label line
// followed by value lines.

var coverLabels = map[string][]string{
	"country": {"state party", "state", "country", "member state", "etat partie", "etat", "pays", "estado parte", "estado", "pais",
		"государство-участник", "государство участник", "государство", "страна", "الدولة الطرف", "الدولة", "缔约国", "国家"},
	"instruments": {"instrument(s) covered", "instruments covered", "instrument(s)", "instruments", "instrument", "instrument(s) vise(s)",
		"instruments vises", "instrumento(s)", "instrumentos", "instrumento(s) abarcado(s)", "instrumentos abarcados", "документ(ы)",
		"документы", "охватываемые документы", "الصك (الصكوك)", "الصكوك", "所涉文书", "文书"},
	"language": {"language", "langue", "idioma", "lengua", "язык", "اللغة", "语文", "语言"},
	"cluster":  {"cluster", "groupe", "grupo", "блок", "кластер", "المجموعة", "专题组"},
}

type meta struct {
	country, printed string
	code             string
	instruments      []saq.Instrument
	cluster          string
	language         string
}

var labelRe = regexp.MustCompile(`^\s*([^:：]{2,40}?)\s*[:：]\s*(.*)$`)

// foldedLabels maps each folded cover label to its field.
var foldedLabels = func() map[string]string {
	m := map[string]string{}
	for field, labels := range coverLabels {
		for _, l := range labels {
			m[saq.FoldName(l)] = field
		}
	}
	return m
}()

// coverField returns which field a label names.
func coverField(label string) string {
	return foldedLabels[saq.FoldName(label)]
}

// readMeta reads the preamble lines (before the first article).
func readMeta(pre []pdftext.Line, all []pdftext.Line) meta {
	var m meta
	values := map[string]string{}
	for i := 0; i < len(pre); i++ {
		t := strings.TrimSpace(pre[i].Text)
		field, value := "", ""
		if sub := labelRe.FindStringSubmatch(t); sub != nil {
			field, value = coverField(sub[1]), sub[2]
		}
		if field == "" {
			// A table: the label is a cell of its own, or starts the line
			// ("State party Mexico" when the cells share a line).
			ft := saq.FoldName(t)
			for fl, f := range foldedLabels {
				if ft == fl {
					field = f
				} else if strings.HasPrefix(ft, fl+" ") && pre[i].Column > 0 && len([]rune(t)) > len([]rune(fl)) {
					field, value = f, strings.TrimSpace(string([]rune(t)[len([]rune(fl)):]))
				}
			}
		}
		if field == "" || values[field] != "" {
			continue
		}
		// The value goes on over the next lines of the same cell/line group.
		j := i + 1
		for ; j < len(pre); j++ {
			n := pre[j]
			nt := strings.TrimSpace(n.Text)
			if labelRe.MatchString(nt) && coverField(labelRe.FindStringSubmatch(nt)[1]) != "" {
				break
			}
			if isCoverLabel(nt) || (value != "" && (n.RowStart || n.Gap > 6 || n.Gap < 0 && pre[i].Column == 0)) {
				break
			}
			if value == "" && pre[i].Column > 0 && n.Column == pre[i].Column && n.RowStart {
				break
			}
			value = joinWords(value, nt)
			if field != "instruments" {
				j++
				break
			}
		}
		values[field] = value
		i = j - 1
	}
	if v := values["country"]; v != "" {
		m.printed = v
		if c, ok := saq.LookupCountry(v); ok {
			m.country, m.code = c.Name, c.Code
		}
	}
	if m.code == "" {
		// "This document contains the responses of Mexico to …"
		for _, l := range pre {
			if c, ok := saq.FindCountry(l.Text); ok {
				m.country, m.code = c.Name, c.Code
				break
			}
		}
	}
	if v := values["instruments"]; v != "" {
		m.instruments = instrumentsIn(v)
	} else {
		m.instruments = introInstruments(pre)
	}
	if v := values["cluster"]; v != "" {
		m.cluster, _ = saq.ParseCluster(strings.Fields(v + " x")[0])
	}
	if m.cluster == "" {
		for _, l := range pre {
			if cl, ok := clusterIn(l.Text); ok {
				m.cluster = cl
				break
			}
		}
	}
	m.language = detectLanguage(all)
	if m.language == "" {
		m.language = languageName(values["language"])
	}
	return m
}

func isCoverLabel(t string) bool {
	return coverField(strings.TrimRight(t, ":： ")) != ""
}

// languageName maps a printed language name to its code.
func languageName(s string) string {
	switch f := saq.FoldName(s); {
	case strings.HasPrefix(f, "engl") || strings.HasPrefix(f, "angl") || strings.HasPrefix(f, "ingl") || strings.HasPrefix(f, "англ"):
		return "en"
	case strings.HasPrefix(f, "fr"), strings.HasPrefix(f, "фр"):
		return "fr"
	case strings.HasPrefix(f, "espa") || strings.HasPrefix(f, "span") || strings.HasPrefix(f, "исп"):
		return "es"
	case strings.HasPrefix(f, "rus") || strings.HasPrefix(f, "рус"):
		return "ru"
	case strings.HasPrefix(f, "arab") || strings.HasPrefix(f, "العرب") || strings.HasPrefix(f, "араб"):
		return "ar"
	case strings.HasPrefix(f, "chin") || strings.HasPrefix(f, "中文") || strings.HasPrefix(f, "кит"):
		return "zh"
	}
	return ""
}

var stopwords = map[string][]string{
	"en": {"the", "of", "and", "to", "in", "is", "has", "by", "for", "with", "was", "which", "that", "under"},
	"fr": {"le", "la", "les", "de", "des", "du", "et", "en", "est", "pour", "par", "dans", "une", "sur", "au", "aux"},
	"es": {"el", "la", "los", "las", "de", "del", "y", "en", "es", "por", "para", "con", "una", "que", "se", "al"},
}

// detectLanguage tells the language of the document from its letters
// (Cyrillic, Arabic, Han) or, for Latin script, from common words.
func detectLanguage(lines []pdftext.Line) string {
	var cyr, arab, han, latin int
	words := map[string]int{}
	n := 0
	for _, l := range lines {
		for _, r := range l.Text {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Arabic, r):
				arab++
			case unicode.Is(unicode.Han, r):
				han++
			case unicode.Is(unicode.Latin, r):
				latin++
			}
		}
		for _, w := range strings.Fields(strings.ToLower(l.Text)) {
			words[strings.Trim(w, ".,;:()")]++
		}
		if n++; n > 4000 {
			break
		}
	}
	switch {
	case han > latin && han >= cyr && han >= arab:
		return "zh"
	case arab > latin && arab >= cyr:
		return "ar"
	case cyr > latin:
		return "ru"
	case latin == 0:
		return ""
	}
	best, bestN := "", 0
	for lang, sw := range stopwords {
		c := 0
		for _, w := range sw {
			c += words[w]
		}
		if c > bestN {
			best, bestN = lang, c
		}
	}
	return best
}

// scopeEnd cuts the introductory sentence before the name of the review
// mechanism, which names the Convention whatever the document covers.
var scopeEnd = regexp.MustCompile(`(?i)(prepared for|établi(es)? aux fins|preparad[oa]s? para|mechanism|mécanisme|mecanismo|механизм|آلية|机制)`)

// introInstruments reads the instruments from the sentence that introduces
// the responses ("This document contains the responses of Mexico to the
// self-assessment questionnaire on the implementation of …").
func introInstruments(pre []pdftext.Line) []saq.Instrument {
	s := ""
	for i, l := range pre {
		if i > 0 && l.Gap > 6 && s != "" {
			low := strings.ToLower(s)
			if strings.Contains(low, "questionnaire") || strings.Contains(low, "cuestionario") ||
				strings.Contains(low, "вопросник") || strings.Contains(s, "الاستبيان") || strings.Contains(s, "调查表") {
				break
			}
			s = ""
		}
		s = joinWords(s, l.Text)
	}
	if loc := scopeEnd.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return instrumentsIn(s)
}

// joinWords joins two pieces of a wrapped line: with a space, except
// between CJK characters.
func joinWords(a, b string) string {
	if a == "" {
		return b
	}
	last, _ := lastRune(a)
	if first := []rune(b); len(first) > 0 && cjk(last) && cjk(first[0]) {
		return a + b
	}
	return a + " " + b
}
