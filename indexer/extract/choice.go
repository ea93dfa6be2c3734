package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saq-review/saq"
)

// Tick boxes and the words printed next to them, in the six UN languages.
// A questionnaire prints the options of a closed question on one line (or
// one per line) with a mark for each: "☒ Yes ☐ No ☐ Partially",
// "[X] Oui [ ] Non", "Sí (X) No ( )", or names the choice after a label:
// "Answer: Yes", "Réponse : Oui", "Respuesta: Sí".

// optionWords maps the folded printed option to the choice it means. Longer
// phrases are matched first, so "yes, in part" wins over "yes" and "not
// applicable" over "no".
var optionWords = map[string]saq.Choice{
	// English
	"yes": saq.Yes, "no": saq.No, "yes, in part": saq.YesInPart, "yes in part": saq.YesInPart,
	"partially": saq.YesInPart, "partly": saq.YesInPart, "in part": saq.YesInPart, "yes, partially": saq.YesInPart,
	"not applicable": saq.NotApplicable, "n/a": saq.NotApplicable,
	// French
	"oui": saq.Yes, "non": saq.No, "oui, en partie": saq.YesInPart, "oui en partie": saq.YesInPart,
	"partiellement": saq.YesInPart, "en partie": saq.YesInPart, "oui, partiellement": saq.YesInPart,
	"sans objet": saq.NotApplicable, "non applicable": saq.NotApplicable, "s.o.": saq.NotApplicable,
	// Spanish
	"si": saq.Yes, "sí": saq.Yes, "sí, en parte": saq.YesInPart, "si, en parte": saq.YesInPart, "sí en parte": saq.YesInPart,
	"parcialmente": saq.YesInPart, "en parte": saq.YesInPart, "sí, parcialmente": saq.YesInPart,
	"no se aplica": saq.NotApplicable, "no aplicable": saq.NotApplicable, "no procede": saq.NotApplicable,
	// Russian
	"да": saq.Yes, "нет": saq.No, "да, частично": saq.YesInPart, "частично": saq.YesInPart,
	"неприменимо": saq.NotApplicable, "не применимо": saq.NotApplicable, "не применяется": saq.NotApplicable,
	// Arabic
	"نعم": saq.Yes, "لا": saq.No, "نعم، جزئيا": saq.YesInPart, "نعم، جزئياً": saq.YesInPart, "جزئيا": saq.YesInPart,
	"جزئياً": saq.YesInPart, "نعم جزئيا": saq.YesInPart, "لا ينطبق": saq.NotApplicable, "غير منطبق": saq.NotApplicable,
	// Chinese
	"是": saq.Yes, "否": saq.No, "是，部分": saq.YesInPart, "是,部分": saq.YesInPart, "部分": saq.YesInPart,
	"部分是": saq.YesInPart, "不适用": saq.NotApplicable,
}

// answerLabels introduce a choice written out: "Answer: Yes".
var answerLabels = []string{
	"answer", "response", "reply", "réponse", "reponse", "respuesta", "ответ", "الجواب", "الإجابة", "الرد", "答复", "回答", "答",
}

var optionList []string // option words, longest first

func init() {
	for w := range optionWords {
		optionList = append(optionList, w)
	}
	sort.Slice(optionList, func(i, j int) bool {
		if len([]rune(optionList[i])) != len([]rune(optionList[j])) {
			return len([]rune(optionList[i])) > len([]rune(optionList[j]))
		}
		return optionList[i] < optionList[j]
	})
}

// Marks, after normalisation to one rune: checked or not.
const (
	markOn  = '☒'
	markOff = '☐'
)

var checkedMarks = "☒☑✓✔✗✘■●◉⊠⊗⦿▣◼▪☓🗹🗷⬛"
var uncheckedMarks = "☐□◻○◯❏❑❒❐⬜▫◽"

// bracketMark matches marks typed with brackets: [X], [ ], (x), ( ), {X}.
var bracketMark = regexp.MustCompile(`[\[(]\s*([xX✓✔✗✘■●•*]?)\s*[\])]`)

// normalizeMarks rewrites every mark in s as markOn or markOff.
func normalizeMarks(s string) string {
	s = bracketMark.ReplaceAllStringFunc(s, func(m string) string {
		sub := bracketMark.FindStringSubmatch(m)
		if sub[1] == "" {
			return string(markOff)
		}
		return string(markOn)
	})
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(checkedMarks, r):
			b.WriteRune(markOn)
		case strings.ContainsRune(uncheckedMarks, r):
			b.WriteRune(markOff)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type token struct {
	mark   rune       // markOn/markOff, or 0 for an option word
	choice saq.Choice // for option words
	start  int        // byte offset in the normalised line
	end    int
}

// tokenize finds marks and option words in a normalised line. It returns
// the tokens and whether anything else (narrative text) is on the line.
func tokenize(s string) (toks []token, rest string) {
	low := strings.ToLower(s)
	var other strings.Builder
	for i := 0; i < len(low); {
		r, size := utf8.DecodeRuneInString(low[i:])
		if r == markOn || r == markOff {
			toks = append(toks, token{mark: r, start: i, end: i + size})
			i += size
			continue
		}
		if w, ok := optionAt(low, i); ok {
			toks = append(toks, token{choice: optionWords[w], start: i, end: i + len(w)})
			i += len(w)
			continue
		}
		other.WriteRune(r)
		i += size
	}
	return toks, other.String()
}

// optionAt returns the option word starting at byte i of low, matched as
// whole words.
func optionAt(low string, i int) (string, bool) {
	if i > 0 {
		if p, _ := utf8.DecodeLastRuneInString(low[:i]); unicode.IsLetter(p) || unicode.IsDigit(p) {
			return "", false
		}
	}
	for _, w := range optionList {
		if !strings.HasPrefix(low[i:], w) {
			continue
		}
		if after := low[i+len(w):]; after != "" {
			n, _ := utf8.DecodeRuneInString(after)
			if (unicode.IsLetter(n) || unicode.IsDigit(n)) && !isHan(n) {
				continue
			}
		}
		return w, true
	}
	return "", false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// parseChoiceLine reads a line of tick boxes. ok is false when the line is
// not one (fewer than one mark, or no option word next to a mark, or
// narrative text mixed in). A line of marks where nothing is ticked is a
// choice line with the Unanswered choice.
func parseChoiceLine(line string) (c saq.Choice, ok bool) {
	s := normalizeMarks(line)
	toks, rest := tokenize(s)
	marks, words := 0, 0
	for _, t := range toks {
		if t.mark != 0 {
			marks++
		} else {
			words++
		}
	}
	if words == 0 || letters(rest) > 3 {
		return "", false
	}
	if marks == 0 {
		// The options printed with nothing marked: an unanswered question.
		distinct := map[saq.Choice]bool{}
		for _, t := range toks {
			distinct[t.choice] = true
		}
		return saq.Unanswered, len(distinct) >= 2
	}
	// Pair each mark with an option word. When every option has a box, the
	// line's first token tells the side ("☒ Yes ☐ No" or "Yes ☒ No ☐").
	// When only the chosen option is marked ("Yes No ✓ Partially"), the
	// mark precedes its word unless it ends the line.
	markFirst := toks[0].mark != 0 || marks < words
	for i, t := range toks {
		if t.mark != markOn {
			continue
		}
		j := i + 1
		if !markFirst || j == len(toks) {
			j = i - 1
		}
		if j >= 0 && j < len(toks) && toks[j].mark == 0 {
			return toks[j].choice, true
		}
	}
	return saq.Unanswered, true
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// parseAnswerLabel reads "Answer: Yes …". It returns the choice named right
// after the label (Unanswered when none), the text after it, and whether
// the line starts with an answer label at all.
func parseAnswerLabel(line string) (c saq.Choice, rest string, ok bool) {
	t := strings.TrimSpace(line)
	low := strings.ToLower(t)
	for _, lab := range answerLabels {
		if !strings.HasPrefix(low, lab) {
			continue
		}
		after := strings.TrimLeft(t[len(lab):], " \u00a0")
		if !strings.HasPrefix(after, ":") && !strings.HasPrefix(after, "：") {
			continue
		}
		after = strings.TrimSpace(strings.TrimLeft(after, ":："))
		if after == "" {
			return saq.Unanswered, "", true
		}
		lowAfter := strings.ToLower(after)
		if w, found := optionAt(lowAfter, 0); found && len(w) <= len(after) {
			// The option must stand alone: "Answer: No." but not
			// "Answer: No information is available".
			tail := strings.TrimSpace(after[len(w):])
			if tail == "" || strings.ContainsRune(".;:,)–—-。；", []rune(tail)[0]) {
				tail = strings.TrimSpace(strings.TrimLeft(tail, ".;:,)–—-。； "))
				return optionWords[w], tail, true
			}
		}
		return saq.Unanswered, after, true
	}
	return "", "", false
}

// splitChoice finds tick boxes at the start or the end of a line that also
// holds text: "…adopted such measures? ☒ Yes ☐ No" or "☒ Yes. The Penal
// Code provides …". It returns the text before and after the boxes and the
// choice; ok is false when the line holds no such run of boxes.
func splitChoice(line string) (before string, c saq.Choice, after string, ok bool) {
	s := normalizeMarks(line)
	low := strings.ToLower(s)
	if len(low) != len(s) {
		return "", "", "", false
	}
	toks, _ := tokenize(s)
	if len(toks) < 2 {
		return "", "", "", false
	}
	// The run of tokens separated only by spaces and punctuation.
	gapOK := func(a, b int) bool { return letters(s[a:b]) == 0 }
	try := func(from, to int) (string, saq.Choice, string, bool) {
		run := toks[from:to]
		marks, words := 0, 0
		for _, t := range run {
			if t.mark != 0 {
				marks++
			} else {
				words++
			}
		}
		if marks == 0 || words == 0 || (marks == 1 && words == 1 && run[0].mark == 0) {
			return "", "", "", false
		}
		for k := 1; k < len(run); k++ {
			if !gapOK(run[k-1].end, run[k].start) {
				return "", "", "", false
			}
		}
		ch, ok := parseChoiceLine(s[run[0].start:run[len(run)-1].end])
		if !ok {
			return "", "", "", false
		}
		return strings.TrimSpace(s[:run[0].start]), ch, strings.TrimSpace(strings.TrimLeft(s[run[len(run)-1].end:], ".;:,")), true
	}
	// Boxes ending the line.
	for from := 0; from < len(toks)-1; from++ {
		if gapOK(toks[len(toks)-1].end, len(s)) {
			if b, ch, a, ok := try(from, len(toks)); ok && a == "" {
				return b, ch, "", true
			}
		}
	}
	// Boxes opening the line.
	for to := len(toks); to > 1; to-- {
		if gapOK(0, toks[0].start) {
			if b, ch, a, ok := try(0, to); ok && b == "" {
				return "", ch, a, true
			}
		}
	}
	return "", "", "", false
}

// onlyOptions reports whether a line holds nothing but option words and
// marks.
func onlyOptions(line string) bool {
	toks, rest := tokenize(normalizeMarks(line))
	return len(toks) > 0 && letters(rest) == 0
}
