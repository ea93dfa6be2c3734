package mentions

// Sentences of an answer that state a technical-assistance need or give
// figures, in the six languages.
//
// Both work sentence by sentence, with cue expressions per language:
//
//   - a need is a clause with a need expression ("would welcome", "is
//     needed", "souhaiterait", "se requiere", "нуждается", "تحتاج", "需要")
//     and a subject of technical assistance ("training", "equipment",
//     "renforcement des capacités", "capacitación", "обучение", "بناء
//     القدرات", "培训"...), and without a negation of the need ("no
//     technical assistance is needed"). Plain "assistance" / "support"
//     counts only outside mutual legal assistance and victim support, which
//     the answers discuss at length. Sentences are cut into clauses at
//     "but", "however", ";"... so that "no legislative assistance is needed,
//     but training would be welcome" is a need.
//   - a statistic is a number tied to something counted: a counted noun
//     just after it ("245 persons were convicted", "1 234 affaires", "245
//     قضية", "1234起") or before it with a link ("the number of convictions
//     was 45", "Convictions: 45"). Years, dates, article and law numbers
//     and penalties ("10 years' imprisonment") are not.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mention is a sentence of an answer that states a technical-assistance need
// or gives statistics.
type Mention struct {
	Text string `json:"text"` // the sentence, trimmed, at most ~300 characters (cut at a word boundary with "…")
}

// Needs returns the sentences of text that state a need for, or request,
// technical assistance (training, capacity building, equipment, expertise,
// legislative drafting assistance, funding...) in any of the six languages.
// Sentences saying that no assistance is needed, or only that assistance
// was received, are not returned; nor are questions.
func Needs(lang, text string) []Mention {
	var out []Mention
	mentionForSentences(text, func(s string) {
		if mentionQuestion(s) {
			return
		}
		rs := mentionGated(lang, s)
		for _, c := range mentionClauses(s, rs) {
			for _, r := range rs {
				if r.isNeed(c) {
					out = mentionAdd(out, s)
					return
				}
			}
		}
	})
	return out
}

// mentionGated returns the rules of the languages of sentence s whose need
// stems occur in it.
func mentionGated(lang, s string) []*mentionRules {
	langs := mentionLangs(lang, s)
	lower := strings.ToLower(s)
	var rs []*mentionRules
	for _, l := range langs {
		if r := mentionRulesOf[l]; r != nil && r.gated(lower) {
			rs = append(rs, r)
		}
	}
	return rs
}

// Statistics returns the sentences of text that report figures: counts of
// cases, investigations, prosecutions, convictions, victims, requests,
// seizures... written with digits, in the six languages. A year alone ("in
// 2006", "Law No. 45 of 2003"), a date, an article or law number or a
// penalty is not a statistic.
func Statistics(lang, text string) []Mention {
	var out []Mention
	mentionForSentences(text, func(s string) {
		if mentionHasStat(s, mentionLangs(lang, s)) {
			out = mentionAdd(out, s)
		}
	})
	return out
}

// NoNeed reports whether text states that no technical assistance is needed
// ("No technical assistance is required", "Aucune assistance technique n'est
// nécessaire", "No se requiere asistencia técnica") and states no need.
// A short answer that only denies a need ("Not needed.") counts.
func NoNeed(lang, text string) bool {
	no := false
	short := utf8.RuneCountInString(strings.TrimSpace(text)) <= 80
	need := false
	mentionForSentences(text, func(s string) {
		if need || mentionQuestion(s) {
			return
		}
		rs := mentionGated(lang, s)
		for _, c := range mentionClauses(s, rs) {
			for _, r := range rs {
				if r.isNeed(c) {
					need = true
					return
				}
				if r.isNoNeed(c, short) {
					no = true
				}
			}
		}
	})
	return no && !need
}

func mentionForSentences(text string, f func(s string)) {
	if strings.TrimSpace(text) == "" {
		return
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	for _, sp := range mentionSentences(text) {
		f(text[sp.start:sp.end])
	}
}

// mentionAdd appends a sentence as a Mention: list markers removed, white
// space collapsed, cut to about 300 characters; the same text only once.
func mentionAdd(out []Mention, s string) []Mention {
	t := mentionListMark.ReplaceAllString(citeSpace(s), "")
	t = mentionCut(t, 300)
	if t == "" {
		return out
	}
	for _, m := range out {
		if m.Text == t {
			return out
		}
	}
	return append(out, Mention{Text: t})
}

var mentionListMark = regexp.MustCompile(`^(?:[-•*·▪–—]|\(?(?:[0-9]{1,3}|[a-z]|[ivx]{1,4})[.)])\s+`)

// mentionCut shortens s to at most n characters, at a word boundary when
// there is one in the second half, and marks the cut with "…".
func mentionCut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, i := 0, 0
	for j := range s {
		if i == n-1 {
			cut = j
			break
		}
		i++
	}
	head := s[:cut]
	if sp := strings.LastIndexFunc(head, unicode.IsSpace); sp > len(head)/2 {
		head = head[:sp]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '»' && r != '”'
	})
	return head + "…"
}

func mentionQuestion(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)）`, r) })
	return strings.HasSuffix(s, "?") || strings.HasSuffix(s, "؟") || strings.HasSuffix(s, "？")
}

// ---------------------------------------------------------------------------
// Sentences and languages

type mentionSpan struct{ start, end int }

// Abbreviations after which a full stop does not end a sentence (besides
// single letters: initials, "s.", "L. 561-2", "г.").
var mentionAbbrev = citeSet("no nos nr art arts sec secs sect para paras cap chap ch p pp vol vols cf mr mrs ms dr prof st vs al seq ibid op cit approx ca inc ltd co corp dept gov rep ord fig figs tab approx nº núm num sr sra srta ud uds ст стст ч п пп гл т им тыс млн млрд руб ул д etc e.g i.e")

// mentionSentences splits text into sentences: at . ! ? … followed by a
// space and not a lower-case letter (and not after an abbreviation or a
// list number at the start of a line), at 。！？؟ always, at blank lines and
// before list items.
func mentionSentences(text string) []mentionSpan {
	var out []mentionSpan
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e {
			r, sz := utf8.DecodeRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			s += sz
		}
		for e > s {
			r, sz := utf8.DecodeLastRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= sz
		}
		for _, r := range text[s:e] {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, mentionSpan{s, e})
				break
			}
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, sz := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '。', '！', '？', '؟':
			j := mentionClosers(text, i+sz)
			emit(j)
			i = j
			continue
		case '.', '!', '?', '…':
			j := mentionClosers(text, i+sz)
			if j < len(text) {
				n, _ := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(n) {
					break // "467.11", "html?lng", "N.º"
				}
			}
			if r == '.' && !mentionPeriodEnds(text, start, i) {
				break
			}
			if k := mentionNextRune(text, j); k != 0 && unicode.IsLower(k) {
				break
			}
			emit(j)
			i = j
			continue
		case '\n':
			if mentionBreakAfterNewline(text, i+1) {
				emit(i)
			}
		}
		i += sz
	}
	emit(len(text))
	return out
}

// mentionClosers skips closing quotes and brackets after a sentence end.
func mentionClosers(text string, j int) int {
	for j < len(text) {
		r, sz := utf8.DecodeRuneInString(text[j:])
		if !strings.ContainsRune(`"'”’»)）」』]`, r) {
			break
		}
		j += sz
	}
	return j
}

func mentionNextRune(text string, j int) rune {
	for _, r := range text[j:] {
		if !unicode.IsSpace(r) {
			return r
		}
	}
	return 0
}

// mentionPeriodEnds decides whether the full stop at i ends a sentence.
func mentionPeriodEnds(text string, start, i int) bool {
	k := i
	for k > start {
		r, sz := utf8.DecodeLastRuneInString(text[start:k])
		if !(unicode.IsLetter(r) || r == '.' || r == 'º' || r == '°') {
			break
		}
		k -= sz
	}
	tok := strings.ToLower(strings.Trim(text[k:i], "."))
	if tok == "" {
		// a number: "1." at the start of a line is a list number
		d := i
		for d > start && text[d-1] >= '0' && text[d-1] <= '9' {
			d--
		}
		if d < i && i-d <= 3 {
			b := d
			for b > start && (text[b-1] == ' ' || text[b-1] == '\t') {
				b--
			}
			if b == start || text[b-1] == '\n' {
				return false
			}
		}
		return true
	}
	if utf8.RuneCountInString(tok) == 1 {
		return false
	}
	if mentionAbbrev[tok] {
		return false
	}
	// "e.g." / "i.e." / "U.S." : letters separated by full stops
	if strings.Contains(tok, ".") {
		return false
	}
	return true
}

var mentionBullet = regexp.MustCompile(`^[ \t]*(?:[-•*·▪–—]\s|\(?(?:[0-9]{1,3}|[a-z]|[ivx]{1,4})[.)]\s|\n)`)

// mentionBreakAfterNewline: a blank line or a list item starts a new sentence.
func mentionBreakAfterNewline(text string, j int) bool {
	end := min(len(text), j+12)
	return mentionBullet.MatchString(text[j:end])
}

// mentionLangs returns the languages whose rules apply to sentence s: lang
// for Latin script when it is en, fr or es (else a guess from function
// words), and ru, ar, zh for Cyrillic, Arabic and Chinese script.
func mentionLangs(lang, s string) []string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if len(lang) > 2 {
		lang = lang[:2]
	}
	var latin, cyr, arab, han bool
	for _, r := range s {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
				latin = true
			}
		case unicode.Is(unicode.Latin, r):
			latin = true
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Arabic, r):
			arab = true
		case unicode.Is(unicode.Han, r):
			han = true
		}
	}
	var out []string
	if latin {
		switch lang {
		case "en", "fr", "es":
			out = append(out, lang)
		default:
			if g := mentionGuessLatin(s); g != "" {
				out = append(out, g)
			} else {
				out = append(out, "en", "fr", "es")
			}
		}
	}
	if cyr {
		out = append(out, "ru")
	}
	if arab {
		out = append(out, "ar")
	}
	if han {
		out = append(out, "zh")
	}
	return out
}

// Function words that only one of English, French and Spanish uses.
var mentionLatinWords = map[string]string{
	"the": "en", "of": "en", "and": "en", "is": "en", "are": "en", "was": "en", "were": "en",
	"with": "en", "which": "en", "has": "en", "have": "en", "for": "en", "by": "en", "to": "en",
	"les": "fr", "des": "fr", "du": "fr", "et": "fr", "est": "fr", "sont": "fr", "aux": "fr",
	"au": "fr", "qui": "fr", "dans": "fr", "une": "fr", "pour": "fr", "sur": "fr", "été": "fr",
	"los": "es", "las": "es", "del": "es", "y": "es", "el": "es", "son": "es", "para": "es",
	"con": "es", "una": "es", "está": "es", "fue": "es", "como": "es", "sobre": "es", "ha": "es",
}

func mentionGuessLatin(s string) string {
	n := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if words++; words > 300 {
			break
		}
		if l, ok := mentionLatinWords[strings.ToLower(w)]; ok {
			n[l]++
		}
	}
	best, bn, tie := "", 0, false
	for _, l := range []string{"en", "fr", "es"} {
		switch {
		case n[l] > bn:
			best, bn, tie = l, n[l], false
		case n[l] == bn && bn > 0:
			tie = true
		}
	}
	if tie || bn == 0 {
		return ""
	}
	return best
}

// Clauses: a need and its denial often share a sentence.
var mentionContrast = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:but|however|although|though|whereas|nevertheless|mais|cependant|toutefois|néanmoins|pero|sin\s+embargo|aunque|no\s+obstante|но|однако|хотя|لكن|ولكن|غير\s+أن|إلا\s+أن|بيد\s+أن)(?:[^\p{L}]|$)|[;；؛]|但是|然而|不过|，但`)

func mentionClauses(s string, rs []*mentionRules) []string {
	if len(rs) == 0 {
		return nil
	}
	locs := mentionContrast.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return []string{s}
	}
	var out []string
	prev := 0
	for _, l := range locs {
		out = append(out, s[prev:l[0]])
		prev = l[0]
	}
	return append(out, s[prev:])
}

// ---------------------------------------------------------------------------
// Needs

type mentionRules struct {
	gate       []string       // lower-case stems of the need (and negated need) expressions: a cheap first test
	need       *regexp.Regexp // a need, a request, a wish
	strongNeed *regexp.Regexp // a wish that a nearby negation does not cancel ("would welcome")
	notNeed    *regexp.Regexp // phrases that look like a need and are not ("at the request of")
	strong     *regexp.Regexp // subjects of technical assistance
	weak       *regexp.Regexp // "assistance", "support": technical assistance only outside notTA
	notTA      *regexp.Regexp // mutual legal assistance, victims...
	neg        *regexp.Regexp // a negated need
	count      *regexp.Regexp // a counted noun (whole word)
	link       map[string]bool
	yearCtx    map[string]bool
}

func (r *mentionRules) topic(c string) bool {
	return r.strong.MatchString(c) || r.weak.MatchString(c) && !r.notTA.MatchString(c)
}

// gated reports whether the lower-cased clause contains one of the stems
// the need expressions are made of; the expressions need not run otherwise.
func (r *mentionRules) gated(lower string) bool {
	for _, g := range r.gate {
		if strings.Contains(lower, g) {
			return true
		}
	}
	return false
}

func (r *mentionRules) isNeed(c string) bool {
	if !r.gated(strings.ToLower(c)) {
		return false
	}
	if r.notNeed != nil {
		c = r.notNeed.ReplaceAllString(c, " ")
	}
	if !r.need.MatchString(c) || !r.topic(c) {
		return false
	}
	return !r.neg.MatchString(c) || r.strongNeed.MatchString(c)
}

func (r *mentionRules) isNoNeed(c string, short bool) bool {
	if !r.gated(strings.ToLower(c)) || !r.neg.MatchString(c) || r.strongNeed.MatchString(c) {
		return false
	}
	return short || r.strong.MatchString(c) || r.weak.MatchString(c)
}

func mrx(p string) *regexp.Regexp { return regexp.MustCompile(p) }

var mentionRulesOf = map[string]*mentionRules{
	"en": {
		gate:       strings.Fields("need requir necessar welcome appreciat benefit request seek priorit interested call useful helpful beneficial valuable desirable"),
		need:       mrx(`(?i)\bneed(?:s|ed|ing)?\b|\brequir(?:e|es|ed)\s+(?:technical\s+|further\s+|additional\s+|external\s+|international\s+|more\s+|specialized\s+|specialised\s+)?(?:assistance|support|training|equipment|funding|expertise|capacity)|\b(?:is|are|would\s+be|will\s+be|remains?)\s+(?:urgently\s+|also\s+|still\s+)?(?:required|necessary|needed)\b|\bwould\s+(?:also\s+|greatly\s+)?(?:welcome|appreciate|benefit|require|need)\b|\bwelcomes?\s+(?:any\s+|further\s+|additional\s+)?(?:technical|assistance|support|training)|\bwould\s+(?:also\s+)?be\s+(?:most\s+|very\s+|highly\s+|particularly\s+|greatly\s+|also\s+)?(?:welcome[d]?|appreciated|useful|helpful|beneficial|valuable|desirable)\b|\bappreciates\b|\brequest(?:s|ed|ing)?\b|\bseek(?:s|ing)?\b|\bpriorit(?:y|ies|ize|ise)\b|\binterested\s+in\s+(?:receiving|obtaining)|\bcalls?\s+for\b`),
		strongNeed: mrx(`(?i)\bwould\s+(?:also\s+|greatly\s+)?(?:welcome|appreciate|benefit)\b|\bwould\s+(?:also\s+)?be\s+(?:most\s+|very\s+|highly\s+|particularly\s+|greatly\s+|also\s+)?(?:welcome[d]?|appreciated|useful|helpful|beneficial)\b|\binterested\s+in\s+receiving`),
		notNeed:    mrx(`(?i)at\s+the\s+request\s+of|(?:up)?on\s+request|request(?:s|ed)?\s+(?:for|from|to)\s+(?:mutual\s+)?(?:legal|judicial)|request(?:ed|ing)\s+States?|needs\s+of\s+(?:the\s+)?victims|victims['’]?\s+needs|needs\s+assessment`),
		strong:     mrx(`(?i)technical\s+(?:assistance|support|cooperation|advice)|training|capacity[\s-]+(?:building|development)|strengthen(?:ing)?\s+(?:the\s+)?capacit|equipment|expertise|expert\s+advice|\bexperts?\b|legislative\s+(?:drafting|assistance|advice|review)|drafting\s+assistance|legal\s+advice|advisory\s+services|funding|financial\s+(?:support|assistance|resources)|\bfinancing\b|\bresources\b|study\s+visits?|exchange\s+of\s+(?:good|best)\s+practices|(?:good|best)\s+practices|workshops?|mentoring|software|database|case\s+management|information\s+systems?|\bIT\s+(?:system|equipment|support)|model\s+(?:legislation|laws?)|awareness[\s-]raising|data\s+collection|secondment`),
		weak:       mrx(`(?i)\b(?:assistance|support|help|cooperation)\b`),
		notTA:      mrx(`(?i)mutual\s+legal|legal\s+assistance|judicial\s+assistance|extradition|requesting\s+State|requested\s+State|victim|consular|witness`),
		neg:        mrx(`(?i)(?:^|[^\p{L}])(?:no|not|none|neither|nor|without|never)[^\p{L}](?:[^.;]{0,50}?[^\p{L}])?(?:need|needs|needed|require|requires|required|requirement|requirements|necessary)(?:[^\p{L}]|$)|n['’]t\s+(?:need|require)|(?:needs?|required|requirements?)\s*[:\-–]\s*(?:none|no|nil|n/?a)(?:[^\p{L}]|$)`),
		count:      mrx(`(?i)^(?:cases?|investigations?|prosecutions?|convictions?|persons?|people|individuals?|victims?|requests?|seizures?|arrests?|offenders?|suspects?|defendants?|accused|judgm?ents?|judgements?|verdicts?|sentences|proceedings?|indictments?|complaints?|reports?|charges|offences|offenses|crimes|members|traffickers|smugglers|migrants|firearms|weapons|guns|rounds|cartridges|kilograms?|kilogrammes?|kgs?|tons?|tonnes?|convicted|sentenced|arrested|prosecuted|charged|investigated|indicted|identified|rescued|seized|confiscated|registered|recorded|opened|initiated|referred|detected|dismantled|extradited|received|executed|granted|refused|rejected|submitted|sent|transmitted|filed|processed|groups|networks|operations|men|women|children|minors|girls|boys|nationals|foreigners|files|applications|strs?|transactions|detainees)$`),
		link:       citeSet("was were is are reached totalled totaled amounted stood numbered totalling totaling"),
		yearCtx:    citeSet("in since of from year until by between and to during before after for fy early late mid end"),
	},
	"fr": {
		gate:       strings.Fields("besoin nécessit necessit nécessaire indispensable requis souhait favorablement bienvenu utile appréci souhaitable précieu bénéfique sollicit demand requi priorit intéress"),
		need:       mrx(`(?i)besoin|nécessit|necessit|(?:est|sont|serait|seraient|demeure|demeurent|reste|restent)\s+(?:également\s+|encore\s+|donc\s+)?(?:nécessaire|indispensable|requis)|souhait|accueiller(?:ait|aient|ions)?\s+(?:très\s+)?favorablement|serai(?:t|ent)\s+(?:très\s+|particulièrement\s+|grandement\s+|également\s+|aussi\s+)?(?:la\s+|les\s+)?(?:bienvenu|utile|appréci|souhaitable|nécessaire|précieu|bénéfique)|apprécierai(?:t|ent)|sollicit|demande(?:nt|r)?\s+(?:une?\s+|l['’]\s*|des\s+|d['’]\s*)?(?:assistance|appui|aide|soutien|formation|renforcement)|requi(?:s|se|ses|ert)|priorit|intéress`),
		strongNeed: mrx(`(?i)souhaiter(?:ait|aient)|accueiller(?:ait|aient)\s+(?:très\s+)?favorablement|serai(?:t|ent)\s+(?:très\s+|particulièrement\s+|également\s+|aussi\s+)?(?:la\s+|les\s+)?(?:bienvenu|utile|appréci|précieu|bénéfique)|apprécierai(?:t|ent)`),
		notNeed:    mrx(`(?i)à\s+la\s+demande\s+d|sur\s+demande|demandes?\s+d['’]\s*entraide|État\s+requ[ié]r?[ae]?n?t?|besoins\s+des\s+victimes`),
		strong:     mrx(`(?i)assistance\s+technique|appui\s+technique|coopération\s+technique|formation|renforcement\s+des\s+capacités|renforcer\s+les\s+capacités|équipement|matériel|expertise|experts?|conseils?\s+(?:législatifs|juridiques|techniques)|rédaction\s+(?:législative|de\s+textes)|assistance\s+législative|financement|ressources\s+(?:financières|humaines)|moyens\s+(?:financiers|techniques|matériels)|voyages?\s+d['’]études?|échanges?\s+(?:de|d['’])\s*(?:bonnes\s+pratiques|expériences)|bonnes\s+pratiques|ateliers?|séminaires?|logiciel|base\s+de\s+données|gestion\s+des\s+affaires|système\s+d['’]information|sensibilisation|collecte\s+(?:et\s+(?:à\s+)?l['’]analyse\s+)?de(?:s)?\s+données`),
		weak:       mrx(`(?i)assistance|appui|aide|soutien|coopération|cooperation`),
		notTA:      mrx(`(?i)entraide|assistance\s+(?:judiciaire|juridique)|extradition|État\s+requis|État\s+requérant|victime|témoin|consulaire`),
		neg:        mrx(`(?i)(?:^|[^\p{L}])(?:(?:aucun|aucune|pas|ni|sans|jamais|ne)[^\p{L}]|n['’])[^.;]{0,60}?(?:besoin|nécessaire|nécessit|requis|sollicit)`),
		count:      mrx(`(?i)^(?:affaires?|enquêtes?|poursuites?|condamnations?|personnes?|individus|victimes?|demandes?|saisies?|arrestations?|interpellations?|dossiers?|procédures?|jugements?|décisions|infractions?|auteurs?|suspects?|prévenus?|membres|trafiquants?|passeurs?|migrants?|armes?|kilogrammes?|kilos?|kg|tonnes?|signalements?|déclarations|plaintes?|condamné(?:e)?s?|poursuivi(?:e)?s?|arrêté(?:e)?s?|interpellé(?:e)?s?|saisi(?:e)?s?|ouvert(?:e)?s?|identifié(?:e)?s?|enregistré(?:e)?s?|renvoyé(?:e)?s?|démantelé(?:e)?s?|reçu(?:e)?s?|extradé(?:e)?s?|déféré(?:e)?s?|inculpé(?:e)?s?|réseaux|groupes|opérations|femmes|hommes|enfants|mineurs|cas|procès)$`),
		link:       citeSet("est était a élève élevait élevé atteint atteignait été s'élève s'élevait"),
		yearCtx:    citeSet("en de depuis année jusqu entre et à au dès"),
	},
	"es": {
		gate:       strings.Fields("necesit requier requerir requiere requerid necesidad necesari agradecer útil utiles utilidad conveniente bienvenid apreciad provechos valios benefici solicit desear interesad prioridad prioritari"),
		need:       mrx(`(?i)necesit|requier|requerir|se\s+requiere|requerid|necesidad|(?:es|son|sería|serían|resulta|resultan)\s+(?:también\s+)?necesari|agradecer[íi]a|ser[íi]an?\s+(?:muy\s+|sumamente\s+|de\s+gran\s+)?(?:útil|utiles|útiles|utilidad|conveniente|bienvenid|apreciad|provechos|valios|benefici)|solicit|desear[íi]a|interesad|se\s+beneficiar[íi]a|prioridad|prioritari`),
		strongNeed: mrx(`(?i)agradecer[íi]a|ser[íi]an?\s+(?:muy\s+|sumamente\s+)?(?:útil|utiles|útiles|bienvenid|apreciad)|desear[íi]a`),
		notNeed:    mrx(`(?i)a\s+solicitud\s+de|a\s+petición\s+de|solicitudes?\s+de\s+(?:asistencia\s+judicial|extradición|asistencia\s+jurídica|asistencia\s+legal)|Estado\s+(?:requirente|requerido)|necesidades\s+de\s+las\s+víctimas`),
		strong:     mrx(`(?i)asistencia\s+técnica|apoyo\s+técnico|cooperación\s+técnica|capacitación|formación|fortalecimiento\s+de\s+(?:la(?:s)?\s+)?capacidad|creación\s+de\s+capacidad|desarrollo\s+de\s+capacidad|equipos?\b|equipamiento|conocimientos\s+especializados|expertos?|asesor[íi]a|asesoramiento|redacción\s+(?:de\s+leyes|legislativa|de\s+normas)|asistencia\s+legislativa|financiamiento|financiación|recursos\s+(?:financieros|humanos)|intercambio\s+de\s+(?:buenas\s+prácticas|experiencias)|buenas\s+prácticas|talleres?|pasantías?|visitas?\s+de\s+estudio|software|base\s+de\s+datos|sistema\s+de\s+(?:gestión|información)|recopilación\s+(?:y\s+(?:el\s+)?análisis\s+)?de\s+datos|sensibilización`),
		weak:       mrx(`(?i)asistencia|apoyo|ayuda|cooperación|cooperacion`),
		notTA:      mrx(`(?i)asistencia\s+(?:judicial|jurídica|juridica|legal)|extradición|Estado\s+requirente|Estado\s+requerido|víctima|testigo|consular`),
		neg:        mrx(`(?i)(?:^|[^\p{L}])(?:no|ningun[ao]?|ningún|sin|tampoco|nunca)[^\p{L}][^.;]{0,60}?(?:necesit|requier|requerid|necesari|necesidad|solicit)`),
		count:      mrx(`(?i)^(?:casos?|causas?|investigaciones?|procesos?|procesamientos?|enjuiciamientos?|condenas?|sentencias?|personas?|individuos|víctimas?|solicitudes?|pedidos?|incautaciones?|decomisos?|detenciones?|detenidos?|aprehensiones?|imputados?|acusados?|procesados?|condenad[oa]s?|investigad[oa]s?|denuncias?|delitos|armas?|migrantes?|kilogramos?|kilos?|kg|toneladas?|miembros|tratantes|traficantes|redes|grupos|operativos|operaciones|reportes?|informes?|carpetas|expedientes?|remitid[oa]s?|abiert[oa]s?|registrad[oa]s?|incautad[oa]s?|rescatad[oa]s?|identificad[oa]s?|recibid[oa]s?|extraditad[oa]s?|detenid[oa]s?|mujeres|hombres|niños|niñas|menores)$`),
		link:       citeSet("fue es era ascendió asciende alcanzó alcanza fueron son"),
		yearCtx:    citeSet("en de del desde año hasta entre y a al durante"),
	},
	"ru": {
		gate:       strings.Fields("нужда нуждаемост потребност необходим требу полез заинтересован признател благодар желательн приветств просит просьб хотел приоритет"),
		need:       mrx(`(?i)полезн\p{L}*\s+(?:был(?:а|о|и)?\s+бы|будет|будут)|нужда(?:ется|ются|емся|ться)|нуждаемост|потребност|необходим|требу(?:ется|ются|ет|ют)|был(?:а|о|и)?\s+бы\s+(?:очень\s+|весьма\s+|крайне\s+)?(?:полез|заинтересован|признател|благодар|желательн)|заинтересован|приветствовал(?:а|и)?\s+бы|приветству(?:ет|ем|ют)|просит|просьб|хотел(?:а|и)?\s+бы|желательн|приоритет`),
		strongNeed: mrx(`(?i)полезн\p{L}*\s+был(?:а|о|и)?\s+бы|был(?:а|о|и)?\s+бы\s+(?:очень\s+|весьма\s+)?(?:полез|заинтересован|признател)|приветствовал(?:а|и)?\s+бы|хотел(?:а|и)?\s+бы`),
		notNeed:    mrx(`(?i)по\s+просьбе|по\s+запросу|запрос\p{L}*\s+о\s+(?:правовой|взаимной|выдаче)`),
		strong:     mrx(`(?i)техническ\p{L}*\s+(?:помощ|содействи|поддержк)|обучени|подготовк|повышени\p{L}*\s+квалификации|наращивани\p{L}*\s+потенциал|укреплени\p{L}*\s+потенциал|оборудовани|экспертн|эксперт|консультац|методическ|финансир|ресурс|обмен\p{L}*\s+(?:передов\p{L}*\s+)?опыт|семинар|тренинг|стажировк|программн\p{L}*\s+обеспечени|баз\p{L}*\s+данных|сбор\p{L}*\s+(?:и\s+анализ\p{L}*\s+)?данных`),
		weak:       mrx(`(?i)помощ|содействи|поддержк`),
		notTA:      mrx(`(?i)правов\p{L}*\s+помощ|взаимн\p{L}*\s+правов|выдач|запрашивающ|запрашиваем|судебн\p{L}*\s+помощ|потерпевш|жертв|свидетел|консульск`),
		neg:        mrx(`(?i)(?:^|[^\p{L}])(?:не|нет|ни|отсутству\p{L}*)[^\p{L}][^.;]{0,60}?(?:нужда|требу|необходим|потребност)|(?:необходимост|потребност)\p{L}*\s+(?:в\s+[^.;]{0,60}?)?(?:нет|отсутствует)(?:[^\p{L}]|$)`),
		count:      mrx(`(?i)^(?:дел[аоу]?|делам|делами|делах|расследовани\p{L}*|преступлени\p{L}*|приговор\p{L}*|осужден\p{L}*|осуждено|лиц[аоу]?|лицам|лицами|человека?|граждан\p{L}*|потерпевш\p{L}*|жертв\p{L}*|запрос\p{L}*|просьб\p{L}*|изъят\p{L}*|задержан\p{L}*|арест\p{L}*|обвиняем\p{L}*|подозреваем\p{L}*|возбужден\p{L}*|направлен\p{L}*|случа\p{L}*|единиц\p{L}*|кг|килограмм\p{L}*|тонн\p{L}*|групп\p{L}*|сообщени\p{L}*|выдан\p{L}*|экстрадирован\p{L}*|исполнен\p{L}*|получен\p{L}*|зарегистрирован\p{L}*|выявлен\p{L}*|мигрант\p{L}*|оруж\p{L}*|женщин\p{L}*|детей|несовершеннолетн\p{L}*|производств\p{L}*|обращени\p{L}*|жалоб\p{L}*)$`),
		link:       citeSet("составило составляет составил составила составили достигло достиг достигла"),
		yearCtx:    citeSet("в с по году года год до и г годах годы"),
	},
	"ar": {
		gate:       strings.Fields("تحتاج يحتاج نحتاج حاجة احتياج يتطلب تتطلب يلزم مطلوب ترحب يرحب نرحب تود يود ترغب يرغب تلتمس تطلب يطلب طلب ضروري مفيد أولوية تستفيد"),
		need:       mrx(`تحتاج|يحتاج|نحتاج|بحاجة|حاجة|احتياج|الاحتياجات|يتطلب|تتطلب|يلزم|مطلوب|المطلوب|ترحب|يرحب|نرحب|سترحب|تود|يود|ترغب|يرغب|تلتمس|تطلب|يطلب|طلب|ضروري|الضروري|مفيد|المفيد|أولوية|الأولوية|تستفيد|ستستفيد`),
		strongNeed: mrx(`ترحب|سترحب|نرحب|تود|ترغب|تلتمس|ستستفيد|سيكون\s+من\s+المفيد`),
		notNeed:    mrx(`بناء\s+على\s+طلب|طلبات?\s+(?:ال)?مساعدة\s+(?:ال)?قانونية|طلبات?\s+(?:ال)?تسليم`),
		strong:     mrx(`المساعدة\s+التقنية|مساعدة\s+تقنية|المساعدة\s+الفنية|مساعدة\s+فنية|الدعم\s+التقني|دعم\s+تقني|الدعم\s+الفني|دعم\s+فني|التعاون\s+التقني|تدريب|التدريب|تدريبية|بناء\s+(?:ال)?قدرات|تعزيز\s+(?:ال)?قدرات|تنمية\s+(?:ال)?قدرات|معدات|المعدات|تجهيزات|خبرة|الخبرة|خبرات|خبراء|الخبراء|تمويل|التمويل|صياغة\s+(?:ال)?تشريعات|الصياغة\s+التشريعية|المشورة|مشورة|تبادل\s+(?:ال)?خبرات|أفضل\s+الممارسات|الممارسات\s+الجيدة|ورش|حلقات\s+عمل|قاعدة\s+بيانات|قواعد\s+البيانات|برمجيات`),
		weak:       mrx(`مساعدة|المساعدة|دعم|الدعم|عون|العون`),
		notTA:      mrx(`المساعدة\s+القانونية|المساعدة\s+القضائية|تسليم\s+المجرمين|التعاون\s+القضائي|الدولة\s+الطالبة|الدولة\s+متلقية\s+الطلب|الضحايا|ضحايا|الشهود`),
		neg:        mrx(`(?:^|[^\p{L}])(?:لا|ليس|ليست|لم|لن|عدم|غير|دون)[^\p{L}][^.;؛]{0,60}?(?:تحتاج|يحتاج|حاجة|بحاجة|احتياج|يلزم|مطلوب|تتطلب|يتطلب|ضروري|تطلب|يطلب)`),
		count:      mrx(`^(?:قضية|قضايا|قضيه|تحقيق|تحقيقات|ملاحقة|ملاحقات|إدانة|إدانات|ادانة|ادانات|حكم|أحكام|احكام|حكما|شخص|أشخاص|اشخاص|شخصا|ضحية|ضحايا|طلب|طلبات|طلبا|ضبط|ضبطيات|مضبوطات|حالة|حالات|متهم|متهما|متهمين|مشتبه|جريمة|جرائم|كيلوغرام|كيلوغراما|كغ|كلغ|طن|سلاح|أسلحة|اسلحة|قطعة|عملية|عمليات|مهاجر|مهاجرا|مهاجرين|شبكة|شبكات|بلاغ|بلاغات|محاكمة|محاكمات|دعوى|دعاوى|مدانا|مدانين|امرأة|نساء|طفلا|أطفال|اطفال|ملف|ملفات)$`),
		link:       citeSet("بلغ وبلغ يبلغ بلغت وبلغت"),
		yearCtx:    citeSet("عام سنة لعام لسنة في منذ العام"),
	},
	"zh": {
		gate:       strings.Fields("需要 需求 希望 欢迎 请求 亟需 急需 寻求 期待 期望 助益 有益 有帮助 裨益 优先 无需 不需"),
		need:       mrx(`需要|需求|希望|欢迎|请求|亟需|急需|寻求|期待|期望|有所助益|有益|有帮助|大有裨益|优先`),
		strongNeed: mrx(`欢迎|希望|亟需|急需|期待|有所助益`),
		notNeed:    mrx(`应[^。；]{0,10}请求|司法协助请求|引渡请求`),
		strong:     mrx(`技术援助|技术支持|技术协助|技术合作|培训|能力建设|设备|装备|专门知识|专业知识|专家|资金|经费|立法起草|立法援助|立法咨询|经验交流|交流经验|最佳做法|良好做法|研讨会|讲习班|软件|数据库|案件管理|数据收集|考察`),
		weak:       mrx(`援助|支持|协助|帮助`),
		notTA:      mrx(`司法协助|引渡|请求国|被请求国|被害人|受害人|证人`),
		neg:        mrx(`不需要|无需|不需|并不需要|暂不需要|没有[^。；，]{0,12}(?:需要|需求)|无[^。；，]{0,6}(?:需要|需求)|不存在[^。；，]{0,8}需求`),
		count:      nil, // measure words instead (mentionZhMeasure)
		link:       nil,
		yearCtx:    nil,
	},
}

// ---------------------------------------------------------------------------
// Statistics

// A number: digits with thousands separators (1,234 / 1.234 / 1 234 / 1'234)
// and decimals, in ASCII, Arabic-Indic or full-width digits.
var mentionNum = regexp.MustCompile(`[0-9٠-٩۰-۹０-９]{1,3}(?:(?:,|\.|\x{00A0}|\x{202F}|\x{2009}| |')[0-9٠-٩۰-۹]{3})+(?:[.,][0-9]+)?|[0-9٠-٩۰-۹０-９]+(?:[.,][0-9٠-٩۰-۹]+)?`)

// Words after which a number is an identifier (an article, a law, a page, a
// date), not a count. Russian words are matched by their stem.
var mentionMarkers = citeSet("art art. arts arts. article articles artículo artículos articulo articulos section sections sect. s. ss. § §§ no no. nos nos. nr nr. n° nº n.° n.º № # cap cap. chapter chap. paragraph paragraphs para. paras. rule rules regulation regulations decree decrees decreto decretos décret law laws act acts loi lois ley leyes resolution resolutions résolution resolución page pages p. pp. alinéa alinéas al. inciso numeral párrafo annex annexes annexe anexo table tables tableau cuadro figure figures question questions q. level levels grade grades category class phase phases step steps version item items point points clause clauses subparagraph subparagraphs protocol protocols convention conventions code codes código ст. ч. п. пп. مادة المادة مواد المواد رقم فقرة الفقرة البند الفصل القانون قانون")

var mentionRuMarkerStems = []string{"стать", "част", "пункт", "закон", "указ", "кодекс", "глав", "постановлени"}

// Words between the numbers of a list or a range: "articles 61 to 70".
var mentionListSeps = citeSet(", - – and or to et ou à au y e o a al и или по و إلى الى 至 和 、")

var mentionArMonths = citeSet("يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين")

func mentionIsMarker(t string) bool {
	if mentionMarkers[t] || mentionMarkers[strings.TrimSuffix(t, ".")] || citeMonths[strings.TrimSuffix(t, ",")] > 0 || mentionArMonths[t] {
		return true
	}
	for _, p := range mentionRuMarkerStems {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	st := mentionArStem("ar", t)
	return st != t && mentionMarkers[st]
}

// mentionIdentifier reports whether the text before a number makes it an
// identifier: "article 5", "No. 45", "n°5", "第5", "July 12", and the later
// numbers of "articles 61 to 70", "Nos. 5, 6 and 7".
func mentionIdentifier(before string) bool {
	b := strings.TrimRight(before, " \t\u00a0(")
	if strings.HasSuffix(b, "第") {
		return true
	}
	fields := strings.Fields(before)
	for i := len(fields) - 1; i >= 0 && i >= len(fields)-8; i-- {
		t := strings.ToLower(strings.Trim(fields[i], "(\"'“«"))
		if t == "" {
			continue
		}
		if mentionIsMarker(t) {
			return true
		}
		tt := strings.TrimRight(t, ",;")
		if mentionListSeps[tt] || mentionListSeps[t] || mentionNumLike(tt) {
			continue
		}
		return false
	}
	return false
}

func mentionNumLike(t string) bool {
	if t == "" {
		return false
	}
	digit := false
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case strings.ContainsRune(".,/-–()", r):
		default:
			return false
		}
	}
	return digit
}

// mentionNotCount reports whether the text after a number makes it a date,
// a time, a part of an identifier, an ordinal or a Chinese year, article...
func mentionNotCount(after string) bool {
	if after == "" {
		return false
	}
	r, sz := utf8.DecodeRuneInString(after)
	if strings.ContainsRune("/-–:.", r) {
		n, _ := utf8.DecodeRuneInString(after[sz:])
		if unicode.IsDigit(n) {
			return true // 55/25, 2015-2019, 10:30, 12.06.2003
		}
	}
	t := strings.TrimLeft(after, " \t\u00a0")
	r, _ = utf8.DecodeRuneInString(t)
	if strings.ContainsRune("年月日条款项号章节岁时", r) {
		return true
	}
	// an ordinal: "1st", "5th", "1er", "2.º"
	if w := mentionFirstWord(after); w != "" && len(t) == len(after) {
		switch strings.ToLower(w) {
		case "st", "nd", "rd", "th", "er", "ère", "e", "ème", "º", "°", "ª", "re":
			return true
		}
	}
	w := strings.ToLower(mentionFirstWord(t))
	if w == "de" || w == "of" {
		w = strings.ToLower(mentionFirstWord(strings.TrimLeft(t[len(w):], " ")))
	}
	return citeMonths[w] > 0 || mentionArMonths[w]
}

// mentionFirstWord returns the letters at the start of s.
func mentionFirstWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) && r != 'º' && r != '°' && r != 'ª' {
			return s[:i]
		}
	}
	return s
}

// Chinese measure words of counted things: "1234起", "245人", "30余名".
var mentionZhMeasure = regexp.MustCompile(`^\s*(?:[万千百亿])?(?:余|多)?(?:起|件|宗|例|人次|人|名|次|份|个|公斤|千克|吨|支|枚|批)`)

var mentionTokenRe = regexp.MustCompile(`[\p{L}\p{M}][\p{L}\p{M}'’\-]*|%|[.,;:()!?؟،؛。，；：（）]`)

// mentionArClitics are the prefixes joined to Arabic words ("والقضايا").
var mentionArClitics = []string{"وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"}

func mentionHasStat(s string, langs []string) bool {
	for _, loc := range mentionNum.FindAllStringIndex(s, -1) {
		ns, ne := loc[0], loc[1]
		// not inside a word or an identifier ("A1", "55/25", "v2")
		if ns > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:ns])
			if (unicode.IsLetter(p) && !unicode.Is(unicode.Han, p)) || strings.ContainsRune("/-–.", p) {
				continue
			}
		}
		after := s[ne:min(len(s), ne+80)]
		for len(after) > 0 && !utf8.RuneStart(after[len(after)-1]) {
			after = after[:len(after)-1]
		}
		if mentionNotCount(after) {
			continue
		}
		before := s[max(0, ns-120):ns]
		for len(before) > 0 && !utf8.RuneStart(before[0]) {
			before = before[1:]
		}
		if mentionIdentifier(before) {
			continue
		}
		num := citeDigits(s[ns:ne])
		year := len(num) == 4 && citeAllDigits(num) && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20"))
		for _, l := range langs {
			if mentionCounted(l, before, after, year) {
				return true
			}
		}
	}
	return false
}

// mentionCounted: is the number between before and after a count of
// something, in language l?
func mentionCounted(l, before, after string, year bool) bool {
	if l == "zh" {
		return !year && mentionZhMeasure.MatchString(after)
	}
	r := mentionRulesOf[l]
	if r == nil || r.count == nil {
		return false
	}
	bt := mentionTokens(before, true, 8)
	if year {
		// "in 2019 cases rose": a year, unless it reads as a count
		if len(bt) > 0 && r.yearCtx[strings.ToLower(bt[len(bt)-1])] {
			return false
		}
		at := mentionTokens(after, false, 1)
		if len(at) == 0 {
			return false
		}
		if c, _ := utf8.DecodeRuneInString(at[0]); unicode.IsUpper(c) {
			return false // "the 2011 Foreigners Act"
		}
		return r.counts(l, at[0])
	}
	// a counted noun within the next three words: "245 persons", "45
	// criminal cases", "3 million were seized", "25% of cases"
	for _, t := range mentionTokens(after, false, 3) {
		if c, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(c) {
			break // a name: "articles 61 to 70 of the Foreigners Act"
		}
		if r.counts(l, t) {
			return true
		}
	}
	// "the number of convictions was 45", "Convictions: 45", "بلغ عدد القضايا 245"
	colon := strings.HasSuffix(strings.TrimSpace(before), ":")
	counted, linked := false, colon
	for _, t := range bt {
		lt := strings.ToLower(t)
		if r.counts(l, t) {
			counted = true
		}
		if r.link[lt] {
			linked = true
		}
	}
	return counted && linked
}

// mentionTokens returns up to n words next to a number, in the same clause:
// the words after it (back=false) or before it (back=true), stopping at
// punctuation. "%" is kept as a word.
func mentionTokens(s string, back bool, n int) []string {
	locs := mentionTokenRe.FindAllStringIndex(s, -1)
	var out []string
	if back {
		for i := len(locs) - 1; i >= 0 && len(out) < n; i-- {
			t := s[locs[i][0]:locs[i][1]]
			if len(t) == 1 && strings.ContainsRune(".,;()!?", rune(t[0])) || strings.ContainsAny(t, "؟،؛。，；（）") {
				break
			}
			if t == ":" {
				continue
			}
			out = append([]string{t}, out...)
		}
		return out
	}
	for _, l := range locs {
		if len(out) >= n {
			break
		}
		t := s[l[0]:l[1]]
		if len(t) == 1 && strings.ContainsRune(".,;:()!?", rune(t[0])) || strings.ContainsAny(t, "؟،؛。，；：（）") {
			break
		}
		out = append(out, t)
	}
	return out
}

// counts reports whether word t is a counted noun (or participle).
func (r *mentionRules) counts(l, t string) bool {
	return r.count.MatchString(t) || l == "ar" && r.count.MatchString(mentionArStem(l, t))
}

// mentionArStem removes the joined prefixes of an Arabic word.
func mentionArStem(l, t string) string {
	if l != "ar" {
		return t
	}
	for _, p := range mentionArClitics {
		if strings.HasPrefix(t, p) && utf8.RuneCountInString(t)-utf8.RuneCountInString(p) >= 2 {
			return strings.TrimPrefix(t, p)
		}
	}
	return t
}
