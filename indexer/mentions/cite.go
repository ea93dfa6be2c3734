package mentions

// Legislation citations in answer texts.
//
// An answer cites legislation in many shapes: "article 241 of the Criminal
// Code", "Criminal Code (art. 241)", "Law No. 45 of 2003", "loi n° 2005-67
// du 12 juillet 2005", "статья 210 УК РФ", "المادة 5 من قانون العقوبات",
// "《中华人民共和国刑法》第二百九十四条", a SHERLOC link... Citations finds them
// in three steps, sentence by sentence:
//
//  1. law names: per-language rules (a regular expression plus a function
//     that canonicalises the match) find the codes, numbered laws and
//     decrees, named acts, constitutions, treaties and SHERLOC links. The
//     longest of overlapping matches wins.
//  2. articles: the text just before a law name ("article 241 of the",
//     "статьи 210", "المادة 5 من") and just after it ("(art. 241)",
//     "第294条") is matched with anchored expressions, so that an article
//     number counts only when it is tied to a named law: "article 5 of the
//     Convention" names no law we report and is left out.
//  3. the text as a whole: "the same Code" / "ladite loi" / "该法" take the
//     law cited before them, and one law cited in two ways ("Law No. 45 of
//     2003" then "Law No. 45"; "Федеральный закон № 150-ФЗ «Об оружии»" then
//     "Федеральный закон «Об оружии»") gets one key.
//
// Everything is RE2 (linear time). Each rule runs only on the sentences that
// contain one of its cue words, so long texts cost little more than a scan.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation is one piece of legislation an answer cites.
type Citation struct {
	Text string `json:"text"` // as written in the answer (white space collapsed), e.g. "article 241 of the Criminal Code"
	Key  string `json:"key"`  // normalised, language-independent where possible, e.g. "Criminal Code, art. 241"; "Law No. 45/2003"; "Witness Protection Act 2006"; "SHERLOC: <url>"
	Kind string `json:"kind"` // "code", "law", "decree", "constitution", "sherloc" or "treaty"
}

// Citations returns the distinct legislation cited in text (in order of first
// appearance). lang is the ISO 639-1 language of the text ("" = unknown: try
// all languages). It only decides between the Latin-script languages (en, fr,
// es): a sentence in Cyrillic, Arabic or Chinese script is read with the
// rules of that script's language whatever lang says, since answers quote
// legislation in its original language.
//
// Keys: "<law>" or "<law>, art. <n>" (one Citation per article; a range stays
// one: "art. 58-59"; sections are "s. 467.11"). The standard codes get an
// English name ("Criminal Code", "Code of Criminal Procedure", "Code of
// Administrative Offences", "Constitution"); numbered laws and decrees are
// "<Type> No. <number>[/<year>]" with an English type ("Law", "Federal Law",
// "Supreme Decree"...); other laws keep their own name without a leading
// article. References to the UNTOC or its Protocols are not reported.
func Citations(lang, text string) []Citation {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var refs []citeRef
	for _, sp := range mentionSentences(text) {
		s := text[sp.start:sp.end]
		for _, r := range citeSentence(s, mentionLangs(lang, s)) {
			r.start += sp.start
			r.end += sp.start
			refs = append(refs, r)
		}
	}
	refs = citeResolve(refs)

	var out []Citation
	seen := map[string]bool{}
	for _, r := range refs {
		txt := citeSpace(text[r.start:r.end])
		keys := []string{r.id}
		if len(r.arts) > 0 {
			keys = keys[:0]
			for _, a := range r.arts {
				keys = append(keys, r.id+", "+a)
			}
		}
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				out = append(out, Citation{Text: txt, Key: k, Kind: r.kind})
			}
		}
	}
	return out
}

// citeRef is one citation found: a law and the articles tied to it.
type citeRef struct {
	start, end int // of the citation text, articles included
	kind, id   string
	aliases    []string // other ids of the same law (without its year, by its title...)
	arts       []string // "art. 241", "s. 467.11", "art. 58-59"
	anaphor    string   // "code", "law" or "any": "the same Code" etc., resolved against earlier refs
}

// citeCand is a law name matched by a rule, before articles are attached.
type citeCand struct {
	start, end int // in the sentence
	kind, id   string
	aliases    []string
	anaphor    string
	needArt    bool   // only a citation with an article ("刑法第294条", "du même code")
	skip       bool   // matched (so it hides shorter matches inside it) but not reported: the UNTOC itself
	lang       string // whose article grammar applies
}

// citeRule finds one family of law names.
type citeRule struct {
	lang   string   // en fr es ru ar zh, or "*" (any sentence)
	gate   []string // lower-case cue words: the rule runs only on sentences containing one
	cased  []string // or, for rules on capitalised names, these words as written
	digits bool     // and only on sentences with a digit (numbered laws)
	re     *regexp.Regexp
	startB bool // the match must not start inside a word (RE2 has no \b for non-ASCII letters)
	build  func(m *citeMatch) (citeCand, bool)
}

// citeMatch is one match of a rule's expression in a sentence. Group 1 is
// the law name itself; the expression may also consume one following
// character to check that the name does not end inside a word.
type citeMatch struct {
	s    string
	loc  []int
	re   *regexp.Regexp
	lang string
}

func (m *citeMatch) start() int { return m.loc[2] }
func (m *citeMatch) end() int   { return m.loc[3] }
func (m *citeMatch) text() string {
	return m.s[m.loc[2]:m.loc[3]]
}

// g returns the named group's text ("" when it did not take part).
func (m *citeMatch) g(name string) string {
	i := m.re.SubexpIndex(name)
	if i < 0 || m.loc[2*i] < 0 {
		return ""
	}
	return m.s[m.loc[2*i]:m.loc[2*i+1]]
}

// gpos returns the named group's span, or -1, -1.
func (m *citeMatch) gpos(name string) (int, int) {
	i := m.re.SubexpIndex(name)
	if i < 0 {
		return -1, -1
	}
	return m.loc[2*i], m.loc[2*i+1]
}

func (m *citeMatch) cand(kind, id string) citeCand {
	return citeCand{start: m.start(), end: m.end(), kind: kind, id: id, lang: m.lang}
}

// Building blocks of the expressions, written ⟨NAME⟩ in the rules.
var citeTokens = strings.NewReplacer(
	// digits: ASCII, Arabic-Indic, Extended Arabic-Indic (Persian), full-width
	"⟨D⟩", `[0-9٠-٩۰-۹０-９]`,
	"⟨YEAR⟩", `(?:1[89]|20|١[٨٩]|٢٠)[0-9٠-٩۰-۹]{2}`,
	// the number of a law: 45, 45/2003, 2005-67, 017-2017-JUS, 115-ФЗ, 1.03.196, م/40
	"⟨NUMID⟩", `(?:\p{L}{1,3}/)?[0-9٠-٩۰-۹０-９]+(?:[./\-–][0-9٠-٩۰-۹０-９]+)*(?:[\-–]\p{L}{1,6}){0,2}`,
	// "No." in the six languages
	"⟨NO⟩", `(?:No\.?|NO\.?|no\.|Nos\.?|Nr\.?|nr\.|n[°º]\.?|N[°º]\.?|N\.\s?[°º]|n\.\s?[°º]|[Nn]úm\.?|[Nn]úmero|[Nn]umber|№|#)`,
	// a capitalised English word ("Anti-Money", "People's") and the small
	// words that may join them inside a name
	"⟨CAPW⟩", `\p{Lu}[\p{L}\p{M}'’\-]*`,
	"⟨CONN⟩", `(?:of|and|on|for|in|against|the|to|&|concerning|relating|from|with|by)`,
	"⟨MONTHEN⟩", `(?:January|February|March|April|May|June|July|August|September|October|November|December)`,
)

// citeRe compiles a rule: group 1 is the name; endB adds the check that the
// name is not followed by a letter or digit (consuming that character).
func citeRe(core string, endB bool) *regexp.Regexp {
	core = citeTokens.Replace(core)
	if endB {
		return regexp.MustCompile(`(` + core + `)(?:[^\p{L}\p{N}]|$)`)
	}
	return regexp.MustCompile(`(` + core + `)`)
}

func citeRx(p string) *regexp.Regexp { return regexp.MustCompile(citeTokens.Replace(p)) }

// ---------------------------------------------------------------------------
// Canonical names

const (
	ccName  = "Criminal Code"
	ccpName = "Code of Criminal Procedure"
	coaName = "Code of Administrative Offences"
	conName = "Constitution"
)

// citeStdCode maps a code's name (any language, any case, leading article
// removed) to its canonical English name, or "".
func citeStdCode(name string) string {
	n := strings.ToLower(citeSpace(name))
	n = strings.ReplaceAll(n, "’", "'")
	switch {
	case citeCCPName.MatchString(n):
		return ccpName
	case citeCCName.MatchString(n):
		return ccName
	}
	return ""
}

var (
	// An optional one-word qualifier ("Revised Penal Code", "Federal
	// Criminal Code"), but not a military or juvenile code.
	citeCCName  = regexp.MustCompile(`^(?:(?:revised|federal|new|general|unified|national|\p{L}+(?:an|ian|ese|ish|i))\s+)?(?:criminal|penal)\s+code$|^c[óo]digo\s+penal(?:\s+federal|\s+nacional)?$|^code\s+p[ée]nal$|^刑法$`)
	citeCCPName = regexp.MustCompile(`^(?:(?:revised|federal|new|national)\s+)?(?:code\s+of\s+(?:criminal|penal)\s+procedure|(?:criminal|penal)\s+procedur(?:e|al)\s+code)$|^c[óo]digo\s+(?:procesal\s+penal|de\s+procedimientos?\s+penal(?:es)?)$|^code\s+de\s+proc[ée]dure\s+p[ée]nale$|^刑事诉讼法$`)
)

// The heads of law names, by kind.
var citeKindOfHead = map[string]string{
	"act": "law", "law": "law", "statute": "law", "proclamation": "law",
	"code":      "code",
	"ordinance": "decree", "decree": "decree", "regulation": "decree", "regulations": "decree",
	"convention": "treaty", "treaty": "treaty", "agreement": "treaty", "protocol": "treaty",
	"covenant": "treaty", "charter": "treaty",
}

// Words that are the head of another law name: a name is cut before
// "and the <...> Code" so that two laws joined by "and" stay two.
var citeHeadWords = map[string]bool{
	"act": true, "law": true, "code": true, "ordinance": true, "decree": true, "regulations": true,
	"regulation": true, "statute": true, "convention": true, "treaty": true, "agreement": true,
	"protocol": true, "constitution": true, "covenant": true, "charter": true,
	"loi": true, "décret": true, "ordonnance": true, "traité": true, "accord": true, "protocole": true,
	"ley": true, "código": true, "decreto": true, "reglamento": true, "convención": true, "convenio": true,
	"tratado": true, "protocolo": true, "acuerdo": true, "constitución": true,
	"закон": true, "кодекс": true, "конвенция": true, "договор": true, "соглашение": true, "протокол": true,
	"конвенции": true, "договора": true, "соглашения": true, "закона": true, "кодекса": true,
	"اتفاقية": true, "اتفاق": true, "معاهدة": true, "بروتوكول": true, "قانون": true, "مرسوم": true, "ميثاق": true,
	"real": true, // "Real Decreto"
}

// The UNTOC and its Protocols are what the answers are about; citing them
// is not citing domestic legislation.
var citeUNTOCWords = []string{
	"transnational organized crime", "transnational organised crime", "organized crime convention",
	"organised crime convention", "palermo", "palerme", "untoc",
	"criminalité transnationale organisée", "delincuencia organizada transnacional",
	"транснациональной организованной преступности", "الجريمة المنظمة عبر الوطنية", "跨国有组织犯罪",
}

// Protocols are excluded when they are one of the three UNTOC Protocols.
var citeProtocolWords = []string{
	"trafficking in persons", "smuggling of migrants", "firearms", "to prevent, suppress",
	"traite des personnes", "trafic illicite de migrants", "armes à feu",
	"trata de personas", "tráfico ilícito de migrantes", "armas de fuego",
	"торговли людьми", "незаконного ввоза мигрантов", "огнестрельного оружия",
	"الاتجار بالأشخاص", "تهريب المهاجرين", "الأسلحة النارية",
	"贩运人口", "偷运移民", "枪支",
}

// citeIsUNTOC reports whether a treaty name (with some context after it)
// is the UNTOC or one of its Protocols.
func citeIsUNTOC(name, after string, protocol bool) bool {
	l := strings.ToLower(name)
	for _, w := range citeUNTOCWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	if protocol {
		l += " " + strings.ToLower(after)
		for _, w := range citeProtocolWords {
			if strings.Contains(l, w) {
				return true
			}
		}
		if !strings.Contains(l, "optional") && strings.Contains(l, "transnational") {
			return true
		}
	}
	return false
}

// citeKnownTreaty gives a language-independent name to the treaties most
// cited besides the UNTOC, or "".
func citeKnownTreaty(name string) string {
	l := strings.ToLower(name)
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(l, w) {
				return true
			}
		}
		return false
	}
	if has("corruption", "corrupción", "коррупци", "الفساد", "腐败") &&
		has("united nations", "nations unies", "naciones unidas", "оон", "объединенных наций", "объединённых наций", "الأمم المتحدة", "联合国") {
		return "United Nations Convention against Corruption"
	}
	if has("cybercrime", "cybercriminalité", "ciberdelincuencia", "киберпреступност", "budapest") {
		return "Convention on Cybercrime"
	}
	return ""
}

// ---------------------------------------------------------------------------
// The rules

// std returns a build function for a rule whose every match is the same law.
func citeStd(kind, id string) func(m *citeMatch) (citeCand, bool) {
	return func(m *citeMatch) (citeCand, bool) {
		if m.lang == "en" && citeEnContinues(m.s[m.end():]) {
			return citeCand{}, false // "the Penal Code Amendment Bill"
		}
		return m.cand(kind, id), true
	}
}

// citeStdNeedArt is citeStd for names that are only a citation with an article.
func citeStdNeedArt(kind, id string) func(m *citeMatch) (citeCand, bool) {
	return func(m *citeMatch) (citeCand, bool) {
		c := m.cand(kind, id)
		c.needArt = true
		return c, true
	}
}

func citeAnaphor(kind string) func(m *citeMatch) (citeCand, bool) {
	return func(m *citeMatch) (citeCand, bool) {
		c := m.cand("", "")
		c.anaphor = kind
		c.needArt = true
		return c, true
	}
}

var citeRules = append(citeBaseRules, citeNumberedRules()...)

var citeBaseRules = []citeRule{
	// --- any language -------------------------------------------------
	{lang: "*", gate: []string{"sherloc", "unodc.org/cld"},
		re:    regexp.MustCompile(`((?i:https?://)?(?i:sherloc\.unodc\.org|(?:www\.)?unodc\.org/cld)/[^\s<>"'«»“”()（）\[\]{}]+)`),
		build: citeSherloc},

	// --- English -------------------------------------------------------
	{lang: "en", gate: []string{"code", "law"}, startB: true,
		re:    citeRe(`(?i:code\s+of\s+(?:criminal|penal)\s+procedure|(?:criminal|penal)\s+procedur(?:e|al)\s+code)|Criminal\s+Procedure\s+Law(?:\s+of\s+the\s+People['’]s\s+Republic\s+of\s+China)?`, true),
		build: citeStd("code", ccpName)},
	{lang: "en", gate: []string{"code", "law"}, startB: true,
		re:    citeRe(`(?i:(?:revised\s+|federal\s+|new\s+)?(?:criminal|penal)\s+code)(?:\s+of\s+(?:the\s+)?⟨CAPW⟩(?:\s+(?:of\s+)?⟨CAPW⟩){0,3})?|Criminal\s+Law\s+of\s+the\s+People['’]s\s+Republic\s+of\s+China`, true),
		build: citeStd("code", ccName)},
	{lang: "en", gate: []string{"code of administrative", "administrative offences code"}, startB: true,
		re:    citeRe(`(?i:code\s+of\s+administrative\s+offen[cs]es|administrative\s+offen[cs]es\s+code)`, true),
		build: citeStd("code", coaName)},
	{lang: "en", cased: []string{"Constitution"}, startB: true,
		re:    citeRe(`Constitution(?:\s+of\s+(?:the\s+)?⟨CAPW⟩(?:\s+(?:of\s+)?⟨CAPW⟩){0,4})?(?:,?\s+(?:of\s+)?⟨YEAR⟩)?`, true),
		build: citeStd("constitution", conName)},
	// Named laws and treaties: "the Prevention of Corruption Act", "the
	// Witness Protection Act 2006", "Law on Witness Protection", "the
	// Council of Europe Convention on Action against Trafficking in Human
	// Beings". Capitals delimit the name; the prefix is lazy so that "the
	// Penal Code and the Evidence Act" stays two names.
	{lang: "en", cased: []string{"Act", "Law", "Code", "Ordinance", "Decree", "Regulation", "Statute", "Proclamation", "Convention", "Treaty", "Agreement", "Protocol", "Covenant", "Charter"}, startB: true,
		re:    citeRe(`(?P<pre>⟨CAPW⟩(?:\s+(?:⟨CONN⟩\s+)*(?:⟨CAPW⟩|\(⟨CAPW⟩(?:\s+(?:⟨CONN⟩\s+)*⟨CAPW⟩)*\)))*?\s+)?(?P<head>Act|Law|Code|Ordinance|Decree|Regulations?|Statute|Proclamation|Convention|Treaty|Agreement|Protocol|Covenant|Charter)(?P<amend>(?:\s+\(?Amendment\)?)?\s+(?:Act|Law|Ordinance|Decree|Regulations))?(?P<tail>\s+(?:on|against|for|of|between|concerning|regarding|to|relating\s+to)\s+(?:⟨CONN⟩\s+)*⟨CAPW⟩(?:\s+(?:⟨CONN⟩\s+)*⟨CAPW⟩)*)?(?:,?\s+(?:of\s+)?(?P<year>⟨YEAR⟩))?`, true),
		build: citeEnNamed},
	{lang: "en", gate: []string{"same code", "said code", "mentioned code", "that code", "this code"}, startB: true,
		re:    citeRe(`(?i:(?:the\s+same|the\s+said|the\s+aforementioned|the\s+above-?mentioned|that|this)\s+code)`, true),
		build: citeAnaphor("code")},
	{lang: "en", gate: []string{"same act", "said act", "mentioned act", "that act", "this act", "same law", "said law", "mentioned law", "that law", "this law"}, startB: true,
		re:    citeRe(`(?i:(?:the\s+same|the\s+said|the\s+aforementioned|the\s+above-?mentioned|that|this)\s+(?:act|law))`, true),
		build: citeAnaphor("law")},

	// --- French --------------------------------------------------------
	{lang: "fr", gate: []string{"code", "instruction"}, startB: true,
		re:    citeRe(`(?i:code\s+de\s+proc[ée]dure\s+p[ée]nale|code\s+d['’]instruction\s+criminelle)`, true),
		build: citeStd("code", ccpName)},
	{lang: "fr", gate: []string{"code"}, startB: true,
		re:    citeRe(`(?i:code\s+p[ée]nal)`, true),
		build: citeStd("code", ccName)},
	// other codes: "Code monétaire et financier", "Code de la sécurité intérieure"
	{lang: "fr", cased: []string{"Code"}, startB: true,
		re:    citeRe(`Code(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-'’]*){1,14})`, false),
		build: citeRunBuild("code", "Code", citeFrConn, citeFrStops, 3)},
	{lang: "fr", cased: []string{"Constitution"}, startB: true,
		re:    citeRe(`Constitution(?:\s+(?:de\s+la\s+République|du\s+⟨D⟩{1,2}(?:er)?\s+\p{L}+\s+⟨YEAR⟩|de\s+⟨YEAR⟩))?`, true),
		build: citeStd("constitution", conName)},
	// "la loi du 12 juillet 2005" (no number)
	{lang: "fr", gate: []string{"loi", "décret", "decret", "ordonnance", "arrêté"}, digits: true, startB: true,
		re:    citeRe(`(?P<type>(?i:loi|d[ée]cret|ordonnance|arr[êe]t[ée]))\s+du\s+(?P<date>⟨D⟩{1,2}(?:er)?\s+(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+⟨YEAR⟩)`, true),
		build: citeDated},
	{lang: "fr", cased: []string{"Convention", "Traité", "Accord", "Protocole", "Pacte", "Charte"}, startB: true,
		re:    citeRe(`(?P<head>Convention|Traité|Accord|Protocole|Pacte|Charte)(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-'’]*){1,16})`, false),
		build: citeRunBuild("treaty", "", citeFrConn, citeFrStops, 3)},
	{lang: "fr", gate: []string{"même code", "dudit code", "ledit code", "ce code"}, startB: true,
		re:    citeRe(`(?i:même\s+code|dudit\s+code|ledit\s+code|ce\s+code)`, true),
		build: citeAnaphor("code")},
	{lang: "fr", gate: []string{"même loi", "ladite loi", "cette loi"}, startB: true,
		re:    citeRe(`(?i:même\s+loi|ladite\s+loi|cette\s+loi)`, true),
		build: citeAnaphor("law")},

	// --- Spanish -------------------------------------------------------
	{lang: "es", gate: []string{"código", "codigo", "enjuiciamiento"}, startB: true,
		re:    citeRe(`(?i:c[óo]digo\s+(?:procesal\s+penal|de\s+procedimientos?\s+penal(?:es)?|nacional\s+de\s+procedimientos\s+penales|org[áa]nico\s+procesal\s+penal|de\s+procedimiento\s+criminal)|ley\s+de\s+enjuiciamiento\s+criminal)(?:\s+Federal)?`, true),
		build: citeStd("code", ccpName)},
	{lang: "es", gate: []string{"código", "codigo"}, startB: true,
		re:    citeRe(`(?i:c[óo]digo\s+(?:penal|org[áa]nico\s+integral\s+penal))(?:\s+(?:Federal|Nacional))?(?:\s+(?:(?:de\s+la\s+Naci[óo]n|de\s+la\s+Rep[úu]blica)(?:\s+(?:de\s+)?\p{Lu}\p{L}+)?|del\s+\p{Lu}\p{L}+|de\s+\p{Lu}\p{L}+))?`, true),
		build: citeStd("code", ccName)},
	{lang: "es", cased: []string{"Código"}, startB: true,
		re:    citeRe(`Código(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-]*){1,14})`, false),
		build: citeRunBuild("code", "Código", citeEsConn, citeEsStops, 3)},
	{lang: "es", cased: []string{"Constituci"}, startB: true,
		re:    citeRe(`Constituci[óo]n(?:\s+Pol[íi]tica)?(?:\s+(?:de\s+la\s+Rep[úu]blica|de\s+los\s+Estados\s+Unidos\s+Mexicanos|del\s+Estado|de\s+\p{Lu}\p{L}+|del\s+\p{Lu}\p{L}+)(?:\s+(?:de\s+)?\p{Lu}\p{L}+)?)?`, true),
		build: citeStd("constitution", conName)},
	// named laws: "la Ley de Migración", "Ley Federal contra la Delincuencia Organizada"
	{lang: "es", cased: []string{"Ley"}, startB: true,
		re:    citeRe(`Ley(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-]*){1,14})`, false),
		build: citeRunBuild("law", "Ley", citeEsConn, citeEsStops, 2)},
	{lang: "es", cased: []string{"Convenci", "Convenio", "Tratado", "Acuerdo", "Protocolo", "Pacto", "Carta"}, startB: true,
		re:    citeRe(`(?P<head>Convención|Convencion|Convenio|Tratado|Acuerdo|Protocolo|Pacto|Carta)(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-]*){1,16})`, false),
		build: citeRunBuild("treaty", "", citeEsConn, citeEsStops, 3)},
	{lang: "es", gate: []string{"mismo c", "dicho c", "este c", "citado c"}, startB: true,
		re:    citeRe(`(?i:mismo\s+c[óo]digo|dicho\s+c[óo]digo|este\s+c[óo]digo|citado\s+c[óo]digo)`, true),
		build: citeAnaphor("code")},
	{lang: "es", gate: []string{"misma ley", "dicha ley", "esta ley", "citada ley"}, startB: true,
		re:    citeRe(`(?i:misma\s+ley|dicha\s+ley|esta\s+ley|citada\s+ley)`, true),
		build: citeAnaphor("law")},

	// --- Russian -------------------------------------------------------
	{lang: "ru", gate: []string{"процессуальн", "упк"}, startB: true,
		re:    citeRe(`(?i:уголовно-процессуальн(?:ый|ого|ому|ым|ом)\s+кодекс(?:а|у|ом|е)?)(?:\s+(?:Российской\s+Федерации|Республики\s+\p{Lu}\p{L}+|\p{Lu}\p{L}+\s+Республики|Украины|РФ))?|УПК(?:\s+(?:РФ|РК|РБ|КР))?`, true),
		build: citeStd("code", ccpName)},
	{lang: "ru", gate: []string{"уголовн", "ук"}, startB: true,
		re:    citeRe(`(?i:уголовн(?:ый|ого|ому|ым|ом)\s+кодекс(?:а|у|ом|е)?)(?:\s+(?:Российской\s+Федерации|Республики\s+\p{Lu}\p{L}+|\p{Lu}\p{L}+\s+Республики|Украины|РФ))?|УК(?:\s+(?:РФ|РК|РБ|КР))?`, true),
		build: citeStd("code", ccName)},
	{lang: "ru", gate: []string{"административных правонарушениях", "коап"}, startB: true,
		re:    citeRe(`(?i:кодекс(?:а|у|ом|е)?(?:\s+Российской\s+Федерации)?\s+об\s+административных\s+правонарушениях)|КоАП(?:\s+РФ)?`, true),
		build: citeStd("code", coaName)},
	{lang: "ru", cased: []string{"Конституци"}, startB: true,
		re:    citeRe(`Конституци(?:я|и|ю|ей)(?:\s+(?:Российской\s+Федерации|Республики\s+\p{Lu}\p{L}+|РФ))?`, true),
		build: citeStd("constitution", conName)},
	{lang: "ru", cased: []string{"Конвенци", "Договор", "Соглашени", "Протокол", "Пакт"}, startB: true,
		re:    citeRe(`(?P<head>Конвенци(?:я|и|ю|ей|ях)|Договор(?:а|у|ом|е)?|Соглашени(?:е|я|ю|ем|и)|Протокол(?:а|у|ом|е)?|Пакт(?:а|у|ом|е)?)(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-]*){1,16})`, false),
		build: citeRunBuild("treaty", "", citeRuConn, citeRuStops, 5)},
	{lang: "ru", gate: []string{"кодекс"}, startB: true,
		re:    citeRe(`(?i:(?:этого|того\s+же|указанного|данного|настоящего|названного)\s+кодекса)`, true),
		build: citeAnaphor("code")},
	{lang: "ru", gate: []string{"закон"}, startB: true,
		re:    citeRe(`(?i:(?:этого|того\s+же|указанного|данного|настоящего|названного)\s+(?:федерального\s+)?закона)`, true),
		build: citeAnaphor("law")},

	// --- Arabic (no start check: conjunctions and prepositions are written
	// joined to the word, as in "وقانون", "بموجب القانون") -----------------
	{lang: "ar", gate: []string{"جراءات", "أصول", "مسطرة"},
		re:    citeRe(`(?:ال)?(?:قانون|مجلة)\s+(?:ال)?[إا]جراءات\s+(?:ال)?(?:جزائية|جنائية)|(?:ال)?قانون\s+أصول\s+(?:ال)?محاكمات\s+(?:ال)?(?:جزائية|جنائية)|(?:ال)?قانون\s+(?:ال)?مسطرة\s+(?:ال)?جنائية`, true),
		build: citeStd("code", ccpName)},
	{lang: "ar", gate: []string{"عقوبات", "جزاء", "جزائية"},
		re:    citeRe(`(?:ال)?قانون\s+(?:ال)?(?:عقوبات|جزاء)|(?:ال)?مجلة\s+(?:ال)?جزائية`, true),
		build: citeStd("code", ccName)},
	// "القانون الجنائي" is also just "criminal law": only with an article.
	{lang: "ar", gate: []string{"جنائي"},
		re:    citeRe(`(?:مجموعة\s+)?(?:ال)?قانون\s+(?:ال)?جنائي`, true),
		build: citeStdNeedArt("code", ccName)},
	{lang: "ar", gate: []string{"دستور"},
		re:    citeRe(`(?:ال)?دستور`, true),
		build: citeStd("constitution", conName)},
	// "القانون رقم 64 لسنة 2010", "القانون الاتحادي رقم 51 لسنة 2006",
	// "المرسوم الملكي رقم م/40", "الأمر رقم 06-01"
	{lang: "ar", gate: []string{"رقم", "عدد"}, digits: true,
		re:    citeRe(`(?P<type>(?:ال)?(?:قانون|مرسوم|[أا]مر|ظهير|قرار|لائحة))(?P<qual>\s+(?:ال)?(?:اتحادي|أساسي|اساسي|تنظيمي|ملكي|سلطاني|أميري|اميري|رئاسي|تنفيذي|تشريعي|بقانون|شريف|وزاري))?(?P<words>(?:\s+[\p{Arabic}]+){0,6}?)\s*(?:رقم|عدد)\s*\(?\s*(?P<num>⟨NUMID⟩)\s*\)?(?:\s*(?:لسنة|لعام|سنة|عام)\s*(?P<year>⟨YEAR⟩))?`, true),
		build: citeNumbered},
	{lang: "ar", gate: []string{"اتفاق", "معاهدة", "بروتوكول", "ميثاق"},
		re:    citeRe(`(?P<head>(?:ال)?(?:اتفاقية|معاهدة|بروتوكول|اتفاق|ميثاق))(?P<run>(?:\s+[\p{Arabic}]+){1,10})`, false),
		build: citeRunBuild("treaty", "", citeArConn, citeArStops, 10)},
	{lang: "ar", gate: []string{"نفس", "نفسه", "ذاته", "المذكور"},
		re:    citeRe(`نفس\s+(?:ال)?قانون|(?:ال)?قانون\s+(?:نفسه|ذاته|المذكور)`, true),
		build: citeAnaphor("law")},

	// --- Chinese (no word boundaries in the script) --------------------
	{lang: "zh", gate: []string{"《"},
		re:    citeRe(`《(?P<title>[^《》\n]{1,80})》`, false),
		build: citeZhTitle},
	{lang: "zh", gate: []string{"中华人民共和国"},
		re:    citeRe(`中华人民共和国(?P<title>\p{Han}{1,24}?(?:法|条例))`, false),
		build: citeZhTitle},
	// bare code names, only as "刑法第294条"
	{lang: "zh", gate: []string{"刑法", "刑事诉讼法", "宪法"},
		re:    citeRe(`(?P<title>刑事诉讼法|刑法|宪法)`, false),
		build: citeZhBare},
	{lang: "zh", gate: []string{"国务院令"}, digits: false,
		re:    citeRe(`国务院令第\s*(?P<num>[0-9０-９]+|[零〇一二三四五六七八九十百千两]+)\s*号`, false),
		build: citeZhDecree},
	{lang: "zh", gate: []string{"该法", "本法", "同法", "该条例", "本条例"},
		re:    citeRe(`该法|本法|同法|该条例|本条例`, false),
		build: citeAnaphor("any")},
}

// Numbered laws and decrees ("Law No. 45 of 2003", "loi n° 2005-67 du 12
// juillet 2005", "Decreto Supremo N° 017-2017-JUS", "Федеральный закон от 7
// августа 2001 года № 115-ФЗ") are found from the literal first word of
// their type, in both cases of its first letter: an expression that starts
// with a literal is searched for with a fast substring scan, and these rules
// run on every sentence with a digit. "Federal Law" and "Law" are separate
// rules; the longer match wins.
type citeTypeLit struct{ lit, rest string }

var citeNumberedSpecs = []struct {
	lang   string
	types  []citeTypeLit
	tail   string // after the type
	digits bool
	build  func(m *citeMatch) (citeCand, bool)
}{
	{"en", []citeTypeLit{{"Law", ""}, {"Act", ""}, {"Decree", `(?i:-law)?`}, {"Ordinance", ""}, {"Regulation", ""},
		{"Proclamation", ""}, {"Dahir", ""}, {"Federal", `(?i:\s+law)`}, {"Organic", `(?i:\s+law)`}, {"Republic", `(?i:\s+act)`},
		{"Presidential", `(?i:\s+(?:decree|order))`}, {"Legislative", `(?i:\s+decree)`}, {"Supreme", `(?i:\s+decree)`},
		{"Royal", `(?i:\s+decree)`}, {"Executive", `(?i:\s+(?:decree|order))`}, {"Ministerial", `(?i:\s+(?:order|regulation|decree))`},
		{"Government", `(?i:\s+(?:decree|order))`}, {"Emergency", `(?i:\s+decree)`}},
		`\s*(?P<no>⟨NO⟩)?\s*(?P<num>⟨NUMID⟩)(?:\s*,?\s*(?:of|dated|from)\s+(?:⟨D⟩{1,2}(?:st|nd|rd|th)?\s+⟨MONTHEN⟩,?\s+|⟨MONTHEN⟩\s+⟨D⟩{1,2},?\s+)?(?P<year>⟨YEAR⟩))?`,
		true, citeNumbered},
	{"fr", []citeTypeLit{{"loi", `(?i:\s+organique|\s+constitutionnelle|-programme)?`},
		{"décret", `(?i:-loi|\s+(?:présidentiel|exécutif|législatif|royal|gouvernemental))?`},
		{"decret", `(?i:-loi|\s+(?:présidentiel|exécutif|législatif|royal|gouvernemental))?`}, {"ordonnance", ""},
		{"arrêté", `(?i:\s+(?:royal|ministériel|présidentiel|interministériel))?`},
		{"arrete", `(?i:\s+(?:royal|ministériel|présidentiel|interministériel))?`}, {"dahir", ""}},
		`\s*(?P<no>⟨NO⟩)\s*(?P<num>⟨NUMID⟩)(?:\s*,?\s*du\s+(?P<date>⟨D⟩{1,2}(?:er)?\s+\p{L}+\s+⟨YEAR⟩))?`,
		true, citeNumbered},
	{"es", []citeTypeLit{{"ley", `(?i:\s+org[áa]nica|\s+federal|\s+general|\s+nacional|\s+marco)?`},
		{"decreto", `(?i:\s*-\s*ley|\s+ley|\s+supremo|\s+legislativo|\s+ejecutivo|\s+presidencial|\s+de\s+urgencia|\s+con\s+fuerza\s+de\s+ley)?`},
		{"real", `(?i:\s+decreto(?:\s*-\s*ley|\s+legislativo)?)`}, {"reglamento", ""},
		{"resolución", `(?i:\s+(?:ministerial|suprema|directoral))`}, {"resolucion", `(?i:\s+(?:ministerial|suprema|directoral))`},
		{"acuerdo", `(?i:\s+(?:ministerial|gubernativo))`}},
		`\s*(?P<no>⟨NO⟩)?\s*(?P<num>⟨NUMID⟩)(?:\s*,?\s+del?\s+(?:(?:⟨D⟩{1,2}\s+de\s+\p{L}+\s+del?\s+)?(?P<year>⟨YEAR⟩)|⟨D⟩{1,2}\s+de\s+\p{L}+))?(?:\s*,\s*(?P<eslaw>Ley)(?P<run>(?:\s+[\p{L}][\p{L}\p{M}\-]*){1,14}))?`,
		true, citeNumbered},
	{"ru", citeRuTypes, citeRuIssuerDate + `\s*(?:№|N)\s*(?P<num>⟨NUMID⟩)(?:\s*(?P<title>` + citeRuQuote + `))?`, true, citeNumbered},
	// "Федеральный закон «Об оружии»" (no number)
	{"ru", citeRuTypes[:3], citeRuIssuerDate + `\s*(?P<title>` + citeRuQuote + `)`, false, citeRuTitled},
}

// Russian types: federal (constitutional) law, law, decree, resolution, order.
var citeRuTypes = []citeTypeLit{
	{"закон", `(?:а|у|ом|е)?`},
	{"федеральн", `(?:ый|ого|ому|ым|ом)\s+(?i:закон)(?:а|у|ом|е)?`},
	{"федеральн", `(?:ый|ого|ому|ым|ом)\s+(?i:конституционн)(?:ый|ого|ому|ым|ом)\s+(?i:закон)(?:а|у|ом|е)?`},
	{"указ", `(?:а|у|ом|е)?`}, {"постановлени", `(?:е|я|ю|ем|и)`}, {"распоряжени", `(?:е|я|ю|ем|и)`},
	{"приказ", `(?:а|у|ом|е)?`}, {"декрет", `(?:а|у|ом|е)?`},
}

const (
	// "Президента Российской Федерации от 31 декабря 2015 г."
	citeRuIssuerDate = `(?P<issuer>(?:\s+\p{Lu}\p{L}*){0,6})(?:\s+от\s+(?P<date>⟨D⟩{1,2}(?:\.⟨D⟩{2}\.⟨D⟩{4}|\s+\p{L}+\s+⟨YEAR⟩)(?:\s*(?:года|г\.))?))?`
	citeRuQuote      = `«[^»]{1,300}»|"[^"]{1,300}"|“[^”]{1,300}”|„[^“”]{1,300}[“”]`
)

func citeNumberedRules() []citeRule {
	var out []citeRule
	for _, sp := range citeNumberedSpecs {
		for _, t := range sp.types {
			r, n := utf8.DecodeRuneInString(t.lit)
			for _, v := range []string{string(unicode.ToUpper(r)) + t.lit[n:], string(unicode.ToLower(r)) + t.lit[n:]} {
				out = append(out, citeRule{lang: sp.lang, cased: []string{v}, digits: sp.digits, startB: true,
					re:    citeRe(`(?P<type>`+regexp.QuoteMeta(v)+t.rest+`)`+sp.tail, true),
					build: sp.build})
			}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Build functions

func citeSherloc(m *citeMatch) (citeCand, bool) {
	u := strings.TrimRight(m.text(), ".,;:!?…'’")
	end := m.start() + len(u)
	low := strings.ToLower(u)
	host := strings.Index(low, "unodc.org")
	if host < 0 {
		return citeCand{}, false
	}
	// scheme and host are case-insensitive; http and https are one link
	rest := u[host+len("unodc.org"):]
	pre := low[:host]
	pre = strings.TrimPrefix(strings.TrimPrefix(pre, "https://"), "http://")
	if rest == "" || rest == "/" {
		return citeCand{}, false
	}
	// the same SHERLOC page in another language is the same document
	rest = citeSherlocLang.ReplaceAllString(rest, "/cld/en/")
	rest = citeSherlocLng.ReplaceAllString(rest, "$1")
	rest = strings.TrimRight(rest, "/?&")
	c := m.cand("sherloc", "SHERLOC: https://"+pre+"unodc.org"+rest)
	c.end = end
	return c, true
}

var (
	citeSherlocLang = regexp.MustCompile(`^/cld/(?:en|fr|es|ru|ar|zh)/`)
	citeSherlocLng  = regexp.MustCompile(`([?&])lng=[a-z]{2}(?:&|$)`)
)

// Canonical English names of the types of numbered laws and decrees.
var citeTypeNames = map[string][2]string{ // lower-case type -> {English, kind}
	"law": {"Law", "law"}, "act": {"Act", "law"}, "federal law": {"Federal Law", "law"},
	"organic law": {"Organic Law", "law"}, "republic act": {"Republic Act", "law"},
	"proclamation": {"Proclamation", "law"},
	"decree":       {"Decree", "decree"}, "decree-law": {"Decree-Law", "decree"},
	"presidential decree": {"Presidential Decree", "decree"}, "legislative decree": {"Legislative Decree", "decree"},
	"supreme decree": {"Supreme Decree", "decree"}, "royal decree": {"Royal Decree", "decree"},
	"executive decree": {"Executive Decree", "decree"}, "government decree": {"Government Decree", "decree"},
	"ordinance": {"Ordinance", "decree"}, "regulation": {"Regulation", "decree"},
	"executive order": {"Executive Order", "decree"}, "presidential order": {"Presidential Order", "decree"},
	"ministerial order": {"Ministerial Order", "decree"}, "government order": {"Government Order", "decree"},
	"dahir": {"Dahir", "decree"}, "emergency decree": {"Emergency Decree", "decree"},
	"ministerial regulation": {"Ministerial Regulation", "decree"},
	// fr
	"loi": {"Law", "law"}, "loi organique": {"Organic Law", "law"}, "loi constitutionnelle": {"Constitutional Law", "law"},
	"loi-programme": {"Programme Law", "law"},
	"décret":        {"Decree", "decree"}, "decret": {"Decree", "decree"}, "décret-loi": {"Decree-Law", "decree"},
	"décret présidentiel": {"Presidential Decree", "decree"}, "décret exécutif": {"Executive Decree", "decree"},
	"décret législatif": {"Legislative Decree", "decree"}, "décret royal": {"Royal Decree", "decree"},
	"décret gouvernemental": {"Government Decree", "decree"},
	"ordonnance":            {"Ordinance", "decree"}, "arrêté": {"Order", "decree"}, "arrete": {"Order", "decree"},
	"arrêté royal": {"Royal Order", "decree"}, "arrêté ministériel": {"Ministerial Order", "decree"},
	"arrêté présidentiel": {"Presidential Order", "decree"}, "arrêté interministériel": {"Interministerial Order", "decree"},
	// es
	"ley": {"Law", "law"}, "ley orgánica": {"Organic Law", "law"}, "ley organica": {"Organic Law", "law"},
	"ley federal": {"Federal Law", "law"}, "ley general": {"General Law", "law"}, "ley nacional": {"National Law", "law"},
	"ley marco": {"Framework Law", "law"},
	"decreto":   {"Decree", "decree"}, "decreto ley": {"Decree-Law", "decree"}, "decreto-ley": {"Decree-Law", "decree"},
	"decreto supremo": {"Supreme Decree", "decree"}, "decreto legislativo": {"Legislative Decree", "decree"},
	"decreto ejecutivo": {"Executive Decree", "decree"}, "decreto presidencial": {"Presidential Decree", "decree"},
	"decreto de urgencia": {"Emergency Decree", "decree"}, "decreto con fuerza de ley": {"Decree-Law", "decree"},
	"real decreto": {"Royal Decree", "decree"}, "real decreto-ley": {"Royal Decree-Law", "decree"},
	"real decreto legislativo": {"Royal Legislative Decree", "decree"},
	"reglamento":               {"Regulation", "decree"}, "resolución ministerial": {"Ministerial Resolution", "decree"},
	"resolucion ministerial": {"Ministerial Resolution", "decree"}, "resolución suprema": {"Supreme Resolution", "decree"},
	"resolución directoral": {"Directorial Resolution", "decree"}, "acuerdo ministerial": {"Ministerial Agreement", "decree"},
	"acuerdo gubernativo": {"Government Agreement", "decree"},
	// ru (lemma of the first word(s))
	"федеральный конституционный закон": {"Federal Constitutional Law", "law"},
	"федеральный закон":                 {"Federal Law", "law"}, "закон": {"Law", "law"},
	"указ": {"Decree", "decree"}, "постановление": {"Resolution", "decree"}, "распоряжение": {"Order", "decree"},
	"приказ": {"Order", "decree"}, "декрет": {"Decree", "decree"},
	// ar
	"قانون": {"Law", "law"}, "قانون اتحادي": {"Federal Law", "law"}, "قانون أساسي": {"Organic Law", "law"},
	"قانون اساسي": {"Organic Law", "law"}, "قانون تنظيمي": {"Organic Law", "law"},
	"مرسوم": {"Decree", "decree"}, "مرسوم ملكي": {"Royal Decree", "decree"}, "مرسوم سلطاني": {"Royal Decree", "decree"},
	"مرسوم أميري": {"Amiri Decree", "decree"}, "مرسوم اميري": {"Amiri Decree", "decree"},
	"مرسوم رئاسي": {"Presidential Decree", "decree"}, "مرسوم تنفيذي": {"Executive Decree", "decree"},
	"مرسوم تشريعي": {"Legislative Decree", "decree"}, "مرسوم بقانون": {"Decree-Law", "decree"},
	"أمر": {"Ordinance", "decree"}, "امر": {"Ordinance", "decree"}, "ظهير": {"Dahir", "decree"},
	"ظهير شريف": {"Dahir", "decree"}, "قرار": {"Resolution", "decree"}, "قرار وزاري": {"Ministerial Resolution", "decree"},
	"لائحة": {"Regulation", "decree"},
}

// citeTypeName returns the English type and kind of a law type as written.
func citeTypeName(lang, typ string) (string, string) {
	t := strings.ToLower(citeSpace(typ))
	switch lang {
	case "ru":
		// lemmatise the declined words: "Федерального закона" -> "федеральный закон"
		t = citeRuLemma.Replace(t)
		t = citeRuTypeLemma(t)
	case "ar":
		var ws []string
		for _, w := range strings.Fields(t) {
			ws = append(ws, strings.TrimPrefix(w, "ال"))
		}
		t = strings.Join(ws, " ")
	case "es":
		t = strings.ReplaceAll(strings.ReplaceAll(t, " - ", "-"), " -", "-")
	}
	t = strings.ReplaceAll(t, "decreto - ley", "decreto-ley")
	if v, ok := citeTypeNames[t]; ok {
		return v[0], v[1]
	}
	// an unknown qualifier: keep the English of the last word
	if f := strings.Fields(t); len(f) > 1 {
		if v, ok := citeTypeNames[f[0]]; ok {
			return v[0], v[1]
		}
	}
	return "Law", "law"
}

var citeRuLemma = strings.NewReplacer("ё", "е")

// citeRuTypeLemma reduces the declined Russian type words to their lemma.
func citeRuTypeLemma(t string) string {
	f := strings.Fields(t)
	for i, w := range f {
		switch {
		case strings.HasPrefix(w, "федеральн"):
			f[i] = "федеральный"
		case strings.HasPrefix(w, "конституционн"):
			f[i] = "конституционный"
		case strings.HasPrefix(w, "закон"):
			f[i] = "закон"
		case strings.HasPrefix(w, "указ"):
			f[i] = "указ"
		case strings.HasPrefix(w, "постановлени"):
			f[i] = "постановление"
		case strings.HasPrefix(w, "распоряжени"):
			f[i] = "распоряжение"
		case strings.HasPrefix(w, "приказ"):
			f[i] = "приказ"
		case strings.HasPrefix(w, "декрет"):
			f[i] = "декрет"
		}
	}
	return strings.Join(f, " ")
}

// citeNumbered builds "<Type> No. <number>[/<year>]" from the rules with
// groups type, no, num, year (and issuer, date, title, qual, words).
func citeNumbered(m *citeMatch) (citeCand, bool) {
	typ := m.g("type") + m.g("qual")
	raw := m.g("num")
	num := citeNormNum(m.lang, raw)
	year := citeDigits(m.g("year"))
	ltyp := strings.ToLower(typ)
	switch m.lang {
	case "en", "es":
		// without "No." a bare number is too common in prose ("the law 5
		// times"): keep "Act 12 of 2006", "Ley 1121 de 2006", "Law 45/2003"
		if m.g("no") == "" && year == "" && !strings.ContainsAny(raw, "/.-") {
			return citeCand{}, false
		}
		if m.lang == "en" && strings.HasSuffix(ltyp, "order") && !strings.Contains(ltyp, " ") {
			return citeCand{}, false // "Order No. 5" is as often a court order
		}
	case "ru":
		iss := m.g("issuer")
		if strings.Contains(iss, "Пленум") || strings.Contains(iss, "Суд") {
			return citeCand{}, false // a ruling of the Supreme Court, not legislation
		}
	case "ar":
		w := m.g("words")
		for _, f := range strings.Fields(w) {
			// "قانون العقوبات الصادر بالقانون رقم 58": the number is the
			// promulgating law's, which the rule finds by itself
			if f == "الصادر" || f == "الصادرة" || f == "بموجب" || f == "المعدل" || strings.HasPrefix(f, "بال") || strings.HasPrefix(f, "بمرسوم") || f == "من" || f == "في" {
				return citeCand{}, false
			}
			// "قانون العقوبات والأمر رقم 06-01": the number is the second one's
			if citeArTypeWords[strings.TrimPrefix(strings.TrimPrefix(f, "و"), "ال")] {
				return citeCand{}, false
			}
		}
	}
	if num == "" {
		return citeCand{}, false
	}
	name, kind := citeTypeName(m.lang, typ)
	base := name + " No. " + num
	id := base
	var aliases []string
	if year != "" && citeAllDigits(num) {
		id = base + "/" + year
		aliases = append(aliases, base)
	}
	if d := m.g("date"); d != "" {
		if iso := citeISODate(m.lang, d); iso != "" {
			aliases = append(aliases, name+" of "+iso)
			if citeAllDigits(num) && year == "" {
				id = base + "/" + iso[:4]
				aliases = append(aliases, base)
			}
		}
	}
	if t := m.g("title"); t != "" {
		aliases = append(aliases, name+" «"+citeQuoteTrim(t)+"»")
	}
	if w := strings.TrimSpace(m.g("words")); w != "" && m.lang == "ar" {
		full := strings.TrimSpace(m.g("type")) + " " + w
		if std := citeStdArabic(full); std != "" {
			// "قانون العقوبات رقم 58 لسنة 1937" is the Penal Code
			c := m.cand("code", std)
			c.aliases = []string{id}
			return c, true
		}
		aliases = append(aliases, strings.TrimPrefix(full, "ال"))
	}
	c := m.cand(kind, id)
	// "Ley N.º 30077, Ley contra el Crimen Organizado": the title is
	// another name of the same law
	if rs, re := m.gpos("run"); rs >= 0 && m.lang == "es" {
		n, content, firstCap := citeRunCut(m.s[rs:re], m.s[re:], citeEsConn, citeEsStops, 3, "es")
		if content > 0 && firstCap {
			aliases = append(aliases, citeSpace("Ley"+m.s[rs:rs+n]))
			c.end = rs + n
		} else if ls, _ := m.gpos("eslaw"); ls >= 0 {
			c.end = strings.LastIndexFunc(m.s[:ls], func(r rune) bool { return r != ',' && !unicode.IsSpace(r) }) + 1
		}
	}
	c.aliases = aliases
	return c, true
}

// citeStdArabic maps an Arabic code name to its canonical name, or "".
func citeStdArabic(s string) string {
	if citeArCC.MatchString(s) {
		return ccName
	}
	if citeArCCP.MatchString(s) {
		return ccpName
	}
	return ""
}

var citeArTypeWords = citeSet("قانون مرسوم أمر امر ظهير قرار لائحة")

var (
	citeArCC  = regexp.MustCompile(`^(?:ال)?قانون\s+(?:ال)?(?:عقوبات|جزاء)$`)
	citeArCCP = regexp.MustCompile(`^(?:ال)?قانون\s+(?:ال)?[إا]جراءات\s+(?:ال)?(?:جزائية|جنائية)$`)
)

// citeDated builds "Law of 2005-07-12" for "la loi du 12 juillet 2005".
func citeDated(m *citeMatch) (citeCand, bool) {
	iso := citeISODate(m.lang, m.g("date"))
	if iso == "" {
		return citeCand{}, false
	}
	name, kind := citeTypeName(m.lang, m.g("type"))
	return m.cand(kind, name+" of "+iso), true
}

// citeRuTitled builds "Federal Law «Об оружии»".
func citeRuTitled(m *citeMatch) (citeCand, bool) {
	name, kind := citeTypeName("ru", m.g("type"))
	c := m.cand(kind, name+" «"+citeQuoteTrim(m.g("title"))+"»")
	if d := m.g("date"); d != "" {
		if iso := citeISODate("ru", d); iso != "" {
			c.aliases = append(c.aliases, name+" of "+iso)
		}
	}
	return c, true
}

func citeQuoteTrim(t string) string {
	t = strings.TrimSpace(t)
	for _, q := range []string{"«", "»", "\"", "“", "”", "„"} {
		t = strings.TrimPrefix(t, q)
		t = strings.TrimSuffix(t, q)
	}
	return citeSpace(t)
}

// English stop words that begin a capitalised run without being part of
// the name: "Under the Penal Code", "The Witness Protection Act".
var citeEnLead = map[string]bool{
	"the": true, "a": true, "an": true, "under": true, "in": true, "according": true, "pursuant": true,
	"to": true, "with": true, "by": true, "of": true, "and": true, "for": true, "on": true, "as": true,
	"per": true, "see": true, "also": true, "further": true, "furthermore": true, "moreover": true,
	"however": true, "thus": true, "therefore": true, "both": true, "its": true, "our": true,
	"their": true, "his": true, "her": true, "this": true, "that": true, "these": true, "those": true,
	"article": true, "articles": true, "section": true, "sections": true, "chapter": true, "part": true,
	"paragraph": true, "amendments": true, "amendment": true, "amended": true, "current": true,
	"existing": true, "said": true, "above": true, "relevant": true, "applicable": true, "while": true,
	"whereas": true, "where": true, "when": true, "if": true, "since": true, "after": true,
	"before": true, "following": true, "within": true, "into": true, "from": true, "at": true,
	"all": true, "any": true, "each": true, "every": true, "other": true, "such": true, "same": true,
	"present": true, "yes": true, "no": true, "partially": true, "indeed": true, "finally": true,
	"lastly": true, "first": true, "second": true, "third": true, "additionally": true, "besides": true,
	"likewise": true, "similarly": true, "specifically": true, "notably": true, "particularly": true,
	"namely": true, "including": true, "which": true, "both the": true, "&": true, "concerning": true,
	"relating": true, "against": true, "is": true, "was": true, "were": true, "are": true,
}

// A "X Law" whose words are only these is prose, not a name: "under
// International Law", "Federal Law", "Criminal Law".
var citeEnGeneric = map[string]bool{
	"criminal": true, "international": true, "domestic": true, "national": true, "customary": true,
	"common": true, "case": true, "civil": true, "public": true, "private": true, "administrative": true,
	"federal": true, "sharia": true, "islamic": true, "state": true, "model": true, "basic": true,
	"general": true, "european": true, "eu": true, "un": true, "union": true, "organic": true,
	"substantive": true, "procedural": true, "penal": true, "humanitarian": true, "constitutional": true,
	"human": true, "rights": true, "local": true, "statutory": true, "positive": true, "soft": true,
	"religious": true, "family": true, "labour": true, "labor": true, "tax": true, "commercial": true,
	"new": true, "current": true, "existing": true, "the": true, "of": true, "and": true, "in": true,
}

// Capitalised words after a head that show the head is part of another
// name: "the Law Reform Commission", "the Criminal Code Review Committee".
var citeEnNotEnd = map[string]bool{
	"Amendment": true, "Bill": true, "Committee": true, "Commission": true, "Unit": true,
	"Division": true, "Department": true, "Review": true, "Reform": true, "Office": true,
	"Council": true, "Board": true, "Working": true, "Task": true, "Enforcement": true,
	"Secretariat": true, "Conference": true, "Parties": true, "Implementation": true,
}

// citeEnContinues reports whether the text after a name starts with a
// capitalised word showing that the name goes on: "the Penal Code Amendment
// Bill", "the Kenya Law Reports". A following "Cap. 63", "Section 5" or
// another law's name does not.
func citeEnContinues(after string) bool {
	if !strings.HasPrefix(after, " ") {
		return false
	}
	nw := citeWordRe.FindString(strings.TrimLeft(after, " "))
	if citeEnNotEnd[nw] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(nw)
	return unicode.IsUpper(r) && !citeEnNextOK[strings.ToLower(nw)] && !citeHeadWords[strings.ToLower(nw)]
}

var citeEnNextOK = citeSet("cap cap. chapter section sections article articles art part schedule no nos i ii iii iv v the this it")

// Words that do not make a treaty name by themselves: "the Optional
// Protocol thereto", "a Bilateral Agreement".
var citeEnTreatyGeneric = citeSet("optional additional bilateral multilateral international regional relevant first second third new model cooperation said above same such this that")

var citeWordRe = regexp.MustCompile(`\(?[\p{L}\p{M}&][\p{L}\p{M}'’\-]*\)?`)

// citeEnNamed canonicalises the English named-law rule.
func citeEnNamed(m *citeMatch) (citeCand, bool) {
	head := m.g("head")
	lhead := strings.ToLower(head)
	kind := citeKindOfHead[lhead]
	treaty := kind == "treaty"
	c := m.cand(kind, "")

	// the next word may show that the head is not the end of the name
	if citeEnContinues(m.s[m.end():]) {
		return citeCand{}, false
	}

	// strip leading stop words of the prefix
	ps, pe := m.gpos("pre")
	pre := ""
	if ps >= 0 {
		words := citeWordRe.FindAllStringIndex(m.s[ps:pe], -1)
		i := 0
		for i < len(words) {
			w := m.s[ps+words[i][0] : ps+words[i][1]]
			lw := strings.ToLower(w)
			if citeEnLead[lw] || strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") {
				i++
				continue
			}
			break
		}
		if i < len(words) {
			c.start = ps + words[i][0]
			pre = citeSpace(m.s[c.start:pe])
		} else {
			hs, _ := m.gpos("head")
			c.start = hs
		}
	} else {
		hs, _ := m.gpos("head")
		c.start = hs
	}

	name := head
	if pre != "" {
		name = pre + " " + head
	}
	if a := m.g("amend"); a != "" {
		// "Criminal Code Act", "Penal Code (Amendment) Act": the last head decides
		name += " " + citeSpace(a)
		f := strings.Fields(a)
		lhead = strings.ToLower(f[len(f)-1])
		kind = citeKindOfHead[lhead]
		c.kind = kind
	}
	_, he := m.gpos("head")
	if a := m.g("amend"); a != "" {
		_, he = m.gpos("amend")
	}
	c.end = he

	// the tail: a treaty's "on the Rights of the Child", or the name of a
	// head-first law ("Law on Witness Protection", "Code of Conduct ...")
	if ts, te := m.gpos("tail"); ts >= 0 && (treaty || pre == "") {
		tail := m.s[ts:te]
		cut := citeCutBeforeHead(tail)
		tail = tail[:cut]
		if strings.TrimSpace(tail) != "" && citeHasCap(tail) {
			name += " " + citeSpace(tail)
			c.end = ts + cut
		}
	}
	if pre == "" && c.end == he {
		return citeCand{}, false // a bare "Act", "the Code", "the Convention"
	}
	if _, ok := citeTypeNames[strings.ToLower(name)]; ok {
		return citeCand{}, false // "Presidential Decree No. 32": a type, for the numbered rules
	}
	if treaty && m.g("tail") == "" {
		generic := true
		for _, w := range strings.Fields(strings.ToLower(pre)) {
			if !citeEnTreatyGeneric[w] {
				generic = false
			}
		}
		if generic {
			return citeCand{}, false
		}
	}
	if treaty {
		if citeIsUNTOC(name, m.s[c.end:min(len(m.s), c.end+200)], lhead == "protocol") || strings.Contains(strings.ToLower(name), "model") {
			c.skip = true
			return c, true
		}
		if k := citeKnownTreaty(name); k != "" {
			name = k
		}
		c.id = name
		return c, true
	}
	if lhead == "law" {
		generic := true
		for _, w := range strings.Fields(strings.ToLower(pre)) {
			if !citeEnGeneric[w] {
				generic = false
			}
		}
		if generic && pre != "" {
			return citeCand{}, false
		}
		if strings.Contains(strings.ToLower(pre), "model") {
			return citeCand{}, false
		}
	}
	if std := citeStdCode(name); std != "" {
		c.kind, c.id = "code", std
		return c, true
	}
	c.id = name
	if y := m.g("year"); y != "" {
		_, ye := m.gpos("year")
		if c.end < ye {
			c.end = ye
		}
		c.id = name + " " + citeDigits(y)
		c.aliases = []string{name}
	}
	// "the Witness Protection Act No. 16 of 2006", "Anti-Money Laundering
	// Act of 2001 (Republic Act No. 9160)": the number identifies the law
	if nm := citeEnNumTail.FindStringSubmatchIndex(m.s[c.end:]); nm != nil {
		sub := func(i int) string {
			if nm[2*i] < 0 {
				return ""
			}
			return m.s[c.end+nm[2*i] : c.end+nm[2*i+1]]
		}
		typ := strings.TrimSpace(sub(1))
		if typ == "" {
			typ = head
		}
		tn, tk := citeTypeName("en", typ)
		num := citeNormNum("en", sub(2))
		id := tn + " No. " + num
		als := []string{c.id, name}
		if y := sub(3); y != "" && citeAllDigits(num) {
			als = append(als, id)
			id += "/" + citeDigits(y)
		}
		c.aliases = als
		c.id, c.kind = id, tk
		c.end += nm[1]
	}
	return c, true
}

var citeEnNumTail = citeRx(`^\s*,?\s*\(?\s*((?:Republic\s+)?(?:Act|Law|Decree)\s+)?(?:No\.?|Nr\.?)\s*(⟨NUMID⟩)(?:\s*,?\s*of\s+(⟨YEAR⟩))?\)?`)

// citeCutBeforeHead returns where to cut an English tail before "and the
// <Name> Code": a second law joined by "and".
func citeCutBeforeHead(tail string) int {
	words := citeWordRe.FindAllStringIndex(tail, -1)
	sawAnd := -1
	for _, w := range words {
		t := tail[w[0]:w[1]]
		lt := strings.ToLower(t)
		if lt == "and" || lt == "&" {
			sawAnd = w[0]
			continue
		}
		if sawAnd >= 0 && citeHeadWords[lt] && t[0] >= 'A' && t[0] <= 'Z' {
			return strings.LastIndexFunc(tail[:sawAnd], func(r rune) bool { return !unicode.IsSpace(r) }) + 1
		}
	}
	return len(tail)
}

func citeHasCap(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// Connectors and stop words of the run-based names (French and Spanish
// codes and laws, treaties in four languages). A name runs over content
// words and connectors, and ends at a stop word, at punctuation, at a
// third (or nth) content word in a row, or, when its first content word is
// capitalised ("Ley Federal contra la Delincuencia Organizada"), at the
// first lower-case content word.
var (
	citeFrConn = citeSet("de des du d la l le les et en à au aux sur contre entre pour relative relatif relatives relatifs matière portant")
	// le/les/en/à... are connectors inside names but often start prose
	// right after one; the verbs below end the name.
	citeFrStops = citeSet("qui que qu dont est sont a ont était sera peut peuvent doit doivent prévoit prévoient punit punissent réprime réprime réprime sanctionne sanctionnent incrimine incriminent dispose disposent définit définissent établit établissent fixe fixent énonce consacre contient comporte précise précisent stipule régit permet permettent autorise interdit impose prescrit s institue crée modifie modifié modifiée modifiés ainsi également notamment aussi selon lorsque si ne n se y il elle ils elles on tel telle tels telles article articles art ratifié ratifiée signé signée adopté adoptée entré entrée vigueur mais ou dans par avec sans vise visant prévu prévue prévus prévues applicable applicables")
	citeEsConn  = citeSet("de del la las los el y e en a al contra para sobre entre por con relativo relativa relativos relativas materia")
	citeEsStops = citeSet("que cual cuales se es son fue fueron era será ha han establece establecen dispone disponen prevé prevén sanciona sancionan tipifica tipifican castiga castigan regula regulan define definen contempla contemplan señala señalan indica determina permite incluye también asimismo no su sus artículo artículos art vigente ratificado ratificada suscrito suscrita aprobado aprobada modificado modificada mediante como donde cuando si pero o u")
	citeRuConn  = citeSet("о об по и между против на с со для относительно")
	citeRuStops = citeSet("от года г который которая которое которые которым является являются применяется применяются предусматривает предусмотрено предусмотрены также а но что это был была было были может могут регулируется регулирует устанавливает определяет в ратифицирована ратифицирован подписан подписана вступил вступила статья статьи статьей статье ст")
	citeArConn  = citeSet("بين و بشأن حول")
	citeArStops = citeSet("في من على التي الذي إلى الى عن مع وقد كما حيث التى وهي وهو أن إن لا قد تم تنص ينص نصت وفقا بموجب المادة المواد والتي والذي تلك هذه هذا لعام لسنة عام سنة المؤرخة المؤرخ الموقعة الموقع المصادق")
)

func citeSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// citeRunBuild builds codes, laws and treaties named by a run of words
// after a head word (group head, or the literal fixed head). maxAdj is how
// many content words may follow each other without a connector.
func citeRunBuild(kind, fixed string, conn, stops map[string]bool, maxAdj int) func(m *citeMatch) (citeCand, bool) {
	return func(m *citeMatch) (citeCand, bool) {
		head := fixed
		if head == "" {
			head = m.g("head")
		}
		rs, re := m.gpos("run")
		run := m.s[rs:re]
		n, content, firstCap := citeRunCut(run, m.s[re:], conn, stops, maxAdj, m.lang)
		if content == 0 {
			return citeCand{}, false
		}
		c := m.cand(kind, "")
		c.end = rs + n
		name := citeSpace(head + run[:n])
		name = strings.ReplaceAll(name, "’", "'")
		lname := strings.ToLower(name)
		switch kind {
		case "code":
			if std := citeStdCode(name); std != "" {
				c.id = std
				return c, true
			}
			if m.lang == "es" && !firstCap {
				return citeCand{}, false // "Código de ..." with a lower-case name is rare; prose more likely
			}
		case "law":
			// "Ley de Migración": a named law needs a capitalised word
			if !firstCap && !citeHasCap(run[:n]) {
				return citeCand{}, false
			}
			first := strings.ToLower(strings.Fields(run[:n])[0])
			if !conn[first] && !firstCap {
				return citeCand{}, false
			}
			if std := citeStdCode(name); std != "" {
				c.kind, c.id = "code", std
				return c, true
			}
			if strings.HasPrefix(lname, "ley de enjuiciamiento criminal") {
				c.kind, c.id = "code", ccpName
				return c, true
			}
			// "Ley de Migraciones N.º 25.871": the number identifies it
			if nm := citeEsNumTail.FindStringSubmatchIndex(m.s[c.end:]); nm != nil {
				num := citeNormNum("es", m.s[c.end+nm[2]:c.end+nm[3]])
				c.aliases = []string{name}
				c.id = "Law No. " + num
				c.end += nm[1]
				return c, true
			}
		case "treaty":
			lhead := strings.ToLower(head)
			protocol := strings.HasPrefix(lhead, "protoc") || strings.Contains(lhead, "بروتوكول")
			first := strings.ToLower(strings.Fields(run[:n])[0])
			switch m.lang {
			case "fr", "es":
				// "la Convention" alone or followed by prose is not a name:
				// it must go on with a connector or a capitalised word
				if !conn[first] && !firstCap && !citeTreatyAdj[first] {
					return citeCand{}, false
				}
				if lhead == "acuerdo" && (first == "con" || first == "a" || first == "de") && !citeHasCap(run[:n]) {
					return citeCand{}, false // "de acuerdo con", "Acuerdo de ..." in prose
				}
			case "ru":
				if !conn[first] && !firstCap {
					return citeCand{}, false
				}
				head = citeRuHeadLemma(head)
				name = citeSpace(head + run[:n])
			case "ar":
				if !(strings.HasPrefix(first, "ال") || strings.HasPrefix(first, "ل") || first == "بشأن" || first == "بين" || first == "حول" || first == "مجلس") {
					return citeCand{}, false
				}
			}
			if citeIsUNTOC(name, m.s[c.end:min(len(m.s), c.end+200)], protocol) {
				c.skip = true
				return c, true
			}
			if k := citeKnownTreaty(name); k != "" {
				name = k
			}
		}
		c.id = citeUpperFirst(name)
		return c, true
	}
}

// Adjectives that may follow a treaty head in French and Spanish.
var citeTreatyAdj = citeSet("européenne européen interaméricaine interaméricain africaine arabe internationale international bilatéral bilatérale multilatéral multilatérale régional régionale cadre europea europeo interamericana interamericano iberoamericano iberoamericana centroamericano centroamericana internacional bilateral multilateral marco andino andina")

var citeEsNumTail = citeRx(`^\s*,?\s*⟨NO⟩\s*(⟨NUMID⟩)`)

// citeRuHeadLemma puts a declined treaty head in the nominative.
func citeRuHeadLemma(h string) string {
	switch {
	case strings.HasPrefix(h, "Конвенци"):
		return "Конвенция"
	case strings.HasPrefix(h, "Договор"):
		return "Договор"
	case strings.HasPrefix(h, "Соглашени"):
		return "Соглашение"
	case strings.HasPrefix(h, "Протокол"):
		return "Протокол"
	case strings.HasPrefix(h, "Пакт"):
		return "Пакт"
	}
	return h
}

// citeRunCut returns how much of run (followed by after) belongs to the
// name, how many content words it has and whether its first content word
// is capitalised. With title, a name whose first content word is
// capitalised ends at the first lower-case content word (Spanish names).
func citeRunCut(run, after string, conn, stops map[string]bool, maxAdj int, lang string) (int, int, bool) {
	words := citeWordRe.FindAllStringIndex(run, -1)
	end, content, adj := 0, 0, 0
	firstCap := false
	title := lang == "es"
	// In French and Spanish names a word follows another without a
	// preposition only as noun + adjective: "Code monétaire et financier",
	// "Code de la sécurité intérieure". Right after the head or after "et"
	// one word is allowed, after a preposition two: so "Code monétaire et
	// financier énumère" ends before the verb.
	romance := lang == "fr" || lang == "es"
	limit := maxAdj
	if romance {
		limit = 1
	}
	for i, w := range words {
		// only white space between words: punctuation ends the name
		if i > 0 && strings.TrimSpace(run[words[i-1][1]:w[0]]) != "" {
			break
		}
		if i == 0 && strings.TrimSpace(run[:w[0]]) != "" {
			break
		}
		t := run[w[0]:w[1]]
		if strings.HasPrefix(t, "(") || strings.HasSuffix(t, ")") {
			break
		}
		// "N.º 25.871", "No. 5": a number follows, not a word of the name
		rest := run[w[1]:]
		if rest == "" {
			rest = after
		}
		if utf8.RuneCountInString(t) <= 3 && (strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "º") || strings.HasPrefix(rest, "°")) {
			break
		}
		lt := strings.ToLower(t)
		base := citeRunBase(lt, conn)
		if stops[lt] || stops[base] || base == "" && stops[strings.TrimRight(lt, "'’")] {
			break
		}
		// "والاتفاقية", "et la Convention", "y al Real Decreto": a second
		// name joined by a conjunction
		if strings.HasPrefix(lt, "و") && citeHeadWords[strings.TrimPrefix(strings.TrimPrefix(lt, "و"), "ال")] {
			break
		}
		if citeConj[lt] && citeHeadAhead(run, words[i+1:], conn) {
			break
		}
		if base == "" || conn[lt] {
			adj = 0
			if romance {
				limit = min(2, maxAdj)
				if citeConj[lt] {
					limit = 1
				}
			}
			continue
		}
		if base != lt {
			adj = 0 // "d'asile": an elided preposition
			if romance {
				limit = min(2, maxAdj)
			}
		}
		r, _ := utf8.DecodeRuneInString(t)
		isCap := unicode.IsUpper(r)
		if content == 0 {
			firstCap = isCap
			title = title && isCap
		} else if title && !isCap && base == lt {
			break // a lower-case word after a Title Case name
		}
		adj++
		if adj > limit {
			break
		}
		content++
		end = w[1]
	}
	return end, content, firstCap
}

var citeConj = citeSet("et y e и و and ou o или")

// citeRunBase removes an elided connector ("d'asile" -> "asile"); "" for a
// bare one ("l'").
func citeRunBase(lt string, conn map[string]bool) string {
	if k := strings.IndexAny(lt, "'’"); k > 0 && k <= 3 && conn[lt[:k]] {
		_, n := utf8.DecodeRuneInString(lt[k:])
		return lt[k+n:]
	}
	return lt
}

// citeHeadAhead reports whether one of the next three words (connectors
// skipped) is the head of a law name.
func citeHeadAhead(run string, words [][]int, conn map[string]bool) bool {
	n := 0
	for _, w := range words {
		lt := strings.ToLower(run[w[0]:w[1]])
		if conn[lt] {
			continue
		}
		if citeHeadWords[citeRunBase(lt, conn)] {
			return true
		}
		if n++; n >= 2 {
			break
		}
	}
	return false
}

func citeUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Chinese law titles in 《》 are classified by their last characters.
func citeZhTitle(m *citeMatch) (citeCand, bool) {
	t := strings.TrimSpace(m.g("title"))
	t = citeZhReplacer.Replace(t)
	t = strings.TrimPrefix(t, "中华人民共和国")
	c := m.cand("", "")
	switch {
	case t == "刑法":
		c.kind, c.id = "code", ccName
	case t == "刑事诉讼法":
		c.kind, c.id = "code", ccpName
	case t == "宪法":
		c.kind, c.id = "constitution", conName
	case citeZhTreaty.MatchString(t):
		if t == "公约" || t == "议定书" || t == "本公约" || citeIsUNTOC(t, "", strings.HasSuffix(t, "议定书")) {
			c.skip = true
			return c, true
		}
		c.kind, c.id = "treaty", t
		if k := citeKnownTreaty(t); k != "" {
			c.id = k
		}
	case strings.HasSuffix(t, "法") || strings.Contains(t, "法修正案"):
		c.kind, c.id = "law", t
	case citeZhDecreeT.MatchString(t):
		c.kind, c.id = "decree", t
	default:
		return citeCand{}, false // a gazette, a book...
	}
	return c, true
}

var (
	citeZhReplacer = strings.NewReplacer("（", "(", "）", ")", " ", "")
	citeZhTreaty   = regexp.MustCompile(`(?:公约|条约|协定|议定书|协议|宪章)$`)
	citeZhDecreeT  = regexp.MustCompile(`(?:条例|规定|办法|细则|决定|解释|规则|意见|通知)(?:\(.*\))?$`)
)

func citeZhBare(m *citeMatch) (citeCand, bool) {
	c, ok := citeZhTitle(m)
	c.needArt = true
	return c, ok
}

func citeZhDecree(m *citeMatch) (citeCand, bool) {
	n := citeZhNumber(m.g("num"))
	if n == "" {
		return citeCand{}, false
	}
	return m.cand("decree", "State Council Decree No. "+n), true
}

// ---------------------------------------------------------------------------
// Articles

// The article grammar of each language: a list of article numbers with
// separators, the text before a law ("article 241 of the", anchored at
// the end of the window) and after it ("(art. 241)", anchored at its start).
type citeArtGrammar struct {
	prefix *regexp.Regexp
	trail  *regexp.Regexp
	numRe  *regexp.Regexp
}

var citeRangeSep = regexp.MustCompile(`(?i)(?:^|\s)(?:to|through|à|au|a|al|hasta|по|إلى|الى|حتى)(?:\s|$)|^\s*[-–—]\s*$`)

func citeGrammar(num, sep, prefix, trail string) *citeArtGrammar {
	list := `(?:` + num + `)(?:` + sep + `(?:` + num + `))*`
	r := strings.NewReplacer("⟨LIST⟩", list)
	return &citeArtGrammar{
		prefix: citeRx(r.Replace(prefix)),
		trail:  citeRx(r.Replace(trail)),
		numRe:  citeRx(num),
	}
}

var citeGrammars = map[string]*citeArtGrammar{
	"en": citeGrammar(
		`⟨D⟩+(?:[.\-–/]⟨D⟩+)*[A-Za-z]?(?:\s?\((?:⟨D⟩{1,3}[a-z]?|[a-z]{1,5}|[A-Z])\))*`,
		`(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*|\s*&\s*)(?:(?:articles?|arts?\.|sections?|ss?\.)\s*)?`,
		`(?i)(?:(?:sub)?paragraphs?\s*\(?(?P<pn>⟨D⟩{1,3}|[a-z])\)?\s*,?\s*of\s+|subsections?\s*\(?(?P<pn3>⟨D⟩{1,3})\)?\s*of\s+)?(?P<aw>articles?|arts?\.|sections?|ss?\.|§§?)\s*(?P<list>⟨LIST⟩)(?:\s+(?:et\s+seq\.?|and\s+following))?(?:\s*,?\s*(?:paragraph|para\.)\s*\(?(?P<pn2>⟨D⟩{1,3})\)?)?\s*(?:,\s*|\s+(?:of|in|under)\s+)(?:the\s+)?$`,
		`^\s*(?:\(\s*(?P<aw>(?i:articles?|arts?\.|sections?|ss?\.|§§?))\s*(?P<list>⟨LIST⟩)\s*\)|,\s*(?P<aw2>(?i:articles?|arts?\.|sections?|ss?\.|§§?))\s*(?P<list2>⟨LIST⟩))`),
	"fr": citeGrammar(
		`(?:(?-i:[LRDA])\.?\s?)?⟨D⟩+(?:[.\-–/]⟨D⟩+)*(?:[\s\-]?(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies))?(?:\s?\((?:⟨D⟩{1,3}|[a-z]{1,4})\))*`,
		`(?:\s*,\s*(?:et\s+|ou\s+)?|\s+(?:et|ou|à|au)\s+|\s*[-–]\s*)(?:(?:articles?|art\.)\s*)?`,
		`(?i)(?:(?:alinéas?|paragraphes?|al\.)\s*(?P<pn>⟨D⟩{1,3})\s*(?:de\s+l['’]\s*|du\s+))?(?P<aw>articles?|art\.)\s*(?P<list>⟨LIST⟩)(?:\s+et\s+(?:suivants|s\.))?(?:\s*,?\s*(?:alinéa|paragraphe|al\.)\s*(?P<pn2>⟨D⟩{1,3}))?\s*,?\s*(?:du|de\s+la|de\s+l['’]|des|de|d['’])?\s*$`,
		`^\s*(?:\(\s*(?P<aw>(?i:articles?|art\.))\s*(?P<list>⟨LIST⟩)\s*\)|,\s*(?P<aw2>(?i:articles?|art\.))\s*(?P<list2>⟨LIST⟩))`),
	"es": citeGrammar(
		`⟨D⟩+(?:[.\-–/]⟨D⟩+)*(?:\s?[°º])?(?:[\s\-]?(?:bis|ter|quater|quinquies|sexies))?(?:\s?\((?:⟨D⟩{1,3}|[a-z]{1,4})\))*`,
		`(?:\s*,\s*(?:y\s+|e\s+|o\s+)?|\s+(?:y|e|o|a|al|hasta)\s+|\s*[-–]\s*)(?:(?:art[íi]culos?|arts?\.)\s*)?`,
		`(?i)(?:(?:párrafos?|incisos?|numerales?|apartados?)\s*(?P<pn>⟨D⟩{1,3}|[a-z])\)?\s*(?:del\s+|de\s+los\s+))?(?P<aw>art[íi]culos?|arts?\.)\s*(?P<list>⟨LIST⟩)(?:\s+y\s+(?:siguientes|ss\.))?\s*,?\s*(?:del|de\s+la|de\s+los|de\s+las|de)?\s*$`,
		`^\s*(?:\(\s*(?P<aw>(?i:art[íi]culos?|arts?\.))\s*(?P<list>⟨LIST⟩)\s*\)|,\s*(?P<aw2>(?i:art[íi]culos?|arts?\.))\s*(?P<list2>⟨LIST⟩))`),
	"ru": citeGrammar(
		`⟨D⟩+(?:[.\-]⟨D⟩+)*`,
		`(?:\s*,\s*(?:и\s+)?|\s+(?:и|или|по)\s+|\s*[-–—]\s*)(?:(?:стать(?:я|и|е|ю|ей|ёй|ями|ях|ям)|ст\.)\s*)?`,
		`(?i)(?:(?:пункт(?:а|у|ом|е|ы)?|п\.)\s*(?P<pp>⟨D⟩{1,3})\s+)?(?:(?:част(?:ь|и|ью|ям|ями|ях)|ч\.)\s*(?P<pn>⟨D⟩{1,3})\s+)?(?P<aw>стать(?:я|и|е|ю|ей|ёй|ями|ях|ям)|ст\.|стст\.)\s*(?P<list>⟨LIST⟩)\s*$`,
		`^\s*(?:\(\s*(?P<aw>(?i:стать\p{L}*|ст\.))\s*(?P<list>⟨LIST⟩)\s*\)|,\s*(?P<aw2>(?i:стать\p{L}*|ст\.))\s*(?P<list2>⟨LIST⟩))`),
	"ar": citeGrammar(
		`\(?⟨D⟩+(?:[.\-/]⟨D⟩+)*\)?(?:\s*مكرر(?:ا|ة)?(?:\s*⟨D⟩+)?)?`,
		`(?:\s*[،,]\s*(?:و\s*)?|\s+و\s*|\s+(?:إلى|الى|حتى)\s+|\s*[-–]\s*)`,
		`(?:(?:ال)?فقرة\s*\(?(?P<pn>⟨D⟩{1,3})\)?\s+من\s+)?(?P<aw>\p{Arabic}{0,3}?(?:مادة|مادتين|مادتان|مواد|فصل|فصلين|فصول))\s*(?:رقم\s*)?(?:من\s+)?(?P<list>⟨LIST⟩)\s+(?:من\s+)?$`,
		`^\s*(?:\(\s*(?P<aw>\p{Arabic}{0,3}?(?:مادة|مواد))\s*(?P<list>⟨LIST⟩)\s*\)|[،,]\s*(?P<aw2>\p{Arabic}{0,3}?(?:مادة|مواد))\s*(?P<list2>⟨LIST⟩))`),
}

// Chinese articles follow the law: "第二百九十四条第一款", "第120条之一".
const citeZN = `(?:[0-9０-９]+|[零〇一二三四五六七八九十百千两]+)`

var (
	citeZhArt   = `第\s*(?P<a>` + citeZN + `)\s*条(?:\s*之\s*(?P<z>` + citeZN + `))?(?:\s*第\s*(?P<k>` + citeZN + `)\s*款)?(?:\s*第\s*[（(]?\s*(?P<x>` + citeZN + `)\s*[)）]?\s*项)?`
	citeZhTrail = regexp.MustCompile(`^\s*(?:` + citeZhArt + `)(?:\s*(?:、|，|,|和|及|以及|至|到)\s*(?:` + strings.NewReplacer("?P<a>", "", "?P<z>", "", "?P<k>", "", "?P<x>", "").Replace(citeZhArt) + `))*`)
	citeZhOne   = regexp.MustCompile(citeZhArt)
	// an article followed by "of"/"de": it belongs to what follows
	citeBelongsAfter = regexp.MustCompile(`^\s+(?:of|in|du|de|del|des|من)\s`)
)

// citeArts turns a matched list of articles into key parts.
func citeArts(g *citeArtGrammar, aw, list, para string) []string {
	prefix := "art."
	law := strings.ToLower(strings.TrimSpace(aw))
	switch {
	case strings.HasPrefix(law, "§"):
		prefix = "§"
	case strings.HasPrefix(law, "s"):
		prefix = "s."
	}
	locs := g.numRe.FindAllStringIndex(list, -1)
	var out []string
	prev := -1
	for _, l := range locs {
		n := citeNormArt(list[l[0]:l[1]])
		if n == "" {
			continue
		}
		if prev >= 0 && len(out) > 0 && citeRangeSep.MatchString(list[prev:l[0]]) {
			out[len(out)-1] += "-" + n
		} else {
			out = append(out, n)
		}
		prev = l[1]
	}
	if para != "" && len(out) == 1 {
		out[0] += para
	}
	for i := range out {
		out[i] = prefix + " " + out[i]
	}
	return out
}

var (
	citeArtReplacer = strings.NewReplacer("–", "-", "—", "-", "°", "", "º", "", "مكررة", " bis ", "مكررا", " bis ", "مكرر", " bis ")
	citeArtSuffix   = regexp.MustCompile(`(?i)[\s\-]*(bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)$`)
	citeArtLetter   = regexp.MustCompile(`^([LRDA])\.?\s?`)
)

// citeNormArt normalises one article number: ASCII digits, no spaces,
// "5 bis", "L. 561-2", "241(1)(a)".
func citeNormArt(s string) string {
	s = citeDigits(strings.TrimSpace(s))
	s = citeArtReplacer.Replace(s)
	s = strings.Trim(s, "() ")
	if strings.HasPrefix(s, "(") || strings.Count(s, "(") != strings.Count(s, ")") {
		s = strings.Trim(s, "()")
	}
	s = citeArtLetter.ReplaceAllString(s, "$1. ")
	var suf string
	if m := citeArtSuffix.FindStringSubmatchIndex(s); m != nil {
		suf = " " + strings.ToLower(s[m[2]:m[3]])
		s = s[:m[0]]
	}
	if strings.HasPrefix(s, "L. ") || strings.HasPrefix(s, "R. ") || strings.HasPrefix(s, "D. ") || strings.HasPrefix(s, "A. ") {
		s = s[:3] + strings.ReplaceAll(s[3:], " ", "")
	} else {
		s = strings.ReplaceAll(s, " ", "")
	}
	// "303 bis 4" (Algeria): the number after bis
	return strings.TrimSpace(citeSpace(s + suf))
}

func citeZhArts(trail string) []string {
	var out []string
	locs := citeZhOne.FindAllStringSubmatchIndex(trail, -1)
	prevEnd := -1
	for _, l := range locs {
		sub := func(i int) string {
			if l[2*i] < 0 {
				return ""
			}
			return trail[l[2*i]:l[2*i+1]]
		}
		a := citeZhNumber(sub(1))
		if a == "" {
			continue
		}
		if z := citeZhNumber(sub(2)); z != "" {
			a += "-" + z
		}
		if k := citeZhNumber(sub(3)); k != "" {
			a += "(" + k + ")"
			if x := citeZhNumber(sub(4)); x != "" {
				a += "(" + x + ")"
			}
		}
		if prevEnd >= 0 && len(out) > 0 && strings.ContainsAny(trail[prevEnd:l[0]], "至到") {
			out[len(out)-1] += "-" + a
		} else {
			out = append(out, a)
		}
		prevEnd = l[1]
	}
	for i := range out {
		out[i] = "art. " + out[i]
	}
	return out
}

// citeZhNumber converts "二百九十四", "294" or "２９４" to "294".
func citeZhNumber(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if d := citeDigits(s); citeAllDigits(d) {
		return strings.TrimLeft(d, "0")
	}
	digit := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	total, section, num := 0, 0, 0
	for _, r := range s {
		if d, ok := digit[r]; ok {
			num = d
			continue
		}
		unit := 0
		switch r {
		case '十':
			unit = 10
		case '百':
			unit = 100
		case '千':
			unit = 1000
		case '万':
			total += (section + num) * 10000
			section, num = 0, 0
			continue
		default:
			return ""
		}
		if num == 0 {
			num = 1 // "十五" = 15
		}
		section += num * unit
		num = 0
	}
	total += section + num
	if total <= 0 {
		return ""
	}
	return strconv.Itoa(total)
}

// ---------------------------------------------------------------------------
// A sentence

func citeSentence(s string, langs []string) []citeRef {
	lower := strings.ToLower(s)
	digits := strings.ContainsFunc(s, unicode.IsDigit)
	var cands []citeCand
	for i := range citeRules {
		r := &citeRules[i]
		if r.lang != "*" && !slices.Contains(langs, r.lang) || r.digits && !digits {
			continue
		}
		gated := false
		for _, g := range r.gate {
			if strings.Contains(lower, g) {
				gated = true
				break
			}
		}
		for _, g := range r.cased {
			if gated || strings.Contains(s, g) {
				gated = true
				break
			}
		}
		if !gated {
			continue
		}
		cands = citeFind(r, s, cands)
	}
	if len(cands) == 0 {
		return nil
	}
	// the longest of overlapping names wins
	slices.SortStableFunc(cands, func(a, b citeCand) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	kept := cands[:0]
	last := -1
	for _, c := range cands {
		if c.start < last || c.end <= c.start {
			continue
		}
		kept = append(kept, c)
		last = c.end
	}

	var out []citeRef
	prevEnd := 0
	for i, c := range kept {
		if c.skip {
			prevEnd = c.end
			continue
		}
		next := len(s)
		if i+1 < len(kept) {
			next = kept[i+1].start
		}
		r := citeRef{start: c.start, end: c.end, kind: c.kind, id: c.id, aliases: c.aliases, anaphor: c.anaphor}
		citeAttach(&r, c.lang, s, prevEnd, next)
		prevEnd = c.end
		if c.needArt && len(r.arts) == 0 {
			continue
		}
		out = append(out, r)
		prevEnd = r.end
	}
	return out
}

// citeFind runs one rule over a sentence. A match that starts inside a word
// or that its build function rejects is retried one character further, so
// that a shorter match inside it can still be found.
func citeFind(r *citeRule, s string, out []citeCand) []citeCand {
	for pos := 0; pos < len(s); {
		loc := r.re.FindStringSubmatchIndex(s[pos:])
		if loc == nil {
			break
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += pos
			}
		}
		st := loc[2]
		ok := true
		if r.startB && st > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:st])
			ok = !citeWordRune(p)
		}
		if ok {
			m := &citeMatch{s: s, loc: loc, re: r.re, lang: r.lang}
			if c, good := r.build(m); good && c.end > c.start {
				if c.lang == "*" {
					c.lang = ""
				}
				out = append(out, c)
				pos = max(c.end, st+1)
				continue
			}
		}
		_, sz := utf8.DecodeRuneInString(s[st:])
		pos = st + max(sz, 1)
	}
	return out
}

func citeWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// citeAttach finds the articles tied to a law name, before it (after the
// previous name) or after it (before the next one).
func citeAttach(r *citeRef, lang, s string, prevEnd, next int) {
	if lang == "zh" {
		t := s[r.end:next]
		if loc := citeZhTrail.FindStringIndex(t); loc != nil {
			if arts := citeZhArts(t[:loc[1]]); len(arts) > 0 {
				r.arts = arts
				r.end += loc[1]
			}
		}
		return
	}
	g := citeGrammars[lang]
	if g == nil {
		return
	}
	w0 := max(prevEnd, r.start-300)
	for w0 < r.start && !utf8.RuneStart(s[w0]) {
		w0++
	}
	win := s[w0:r.start]
	if loc := g.prefix.FindStringSubmatchIndex(win); loc != nil {
		sub := func(name string) string {
			i := g.prefix.SubexpIndex(name)
			if i < 0 || loc[2*i] < 0 {
				return ""
			}
			return win[loc[2*i]:loc[2*i+1]]
		}
		para := ""
		for _, p := range []string{"pn", "pn2", "pn3"} {
			if v := sub(p); v != "" {
				para = "(" + citeDigits(v) + ")"
				break
			}
		}
		if v := sub("pp"); v != "" {
			para += "(" + citeDigits(v) + ")"
		}
		if arts := citeArts(g, sub("aw"), sub("list"), para); len(arts) > 0 {
			r.arts = arts
			r.start = w0 + loc[0]
			if lang == "ar" {
				// "والمواد": the joined conjunction is not part of the citation
				if t := s[r.start:]; (strings.HasPrefix(t, "و") || strings.HasPrefix(t, "ف")) && strings.HasPrefix(t[len("و"):], "ال") {
					r.start += len("و")
				}
			}
			return
		}
	}
	t := s[r.end:next]
	if loc := g.trail.FindStringSubmatchIndex(t); loc != nil {
		if citeBelongsAfter.MatchString(t[loc[1]:]) || (lang == "ru" && citeRuGenitiveAfter.MatchString(t[loc[1]:])) {
			return
		}
		sub := func(name string) string {
			i := g.trail.SubexpIndex(name)
			if i < 0 || loc[2*i] < 0 {
				return ""
			}
			return t[loc[2*i]:loc[2*i+1]]
		}
		aw, list := sub("aw"), sub("list")
		if list == "" {
			aw, list = sub("aw2"), sub("list2")
		}
		if arts := citeArts(g, aw, list, ""); len(arts) > 0 {
			r.arts = arts
			r.end += loc[1]
		}
	}
}

var citeRuGenitiveAfter = regexp.MustCompile(`^\s+\p{Lu}`)

// ---------------------------------------------------------------------------
// The text as a whole

// citeResolve resolves "the same Code"-type references and gives one id to
// one law cited in several ways.
func citeResolve(refs []citeRef) []citeRef {
	var lastCode, lastLaw, lastLegis *citeRef
	out := refs[:0]
	for i := range refs {
		r := refs[i]
		if r.anaphor != "" {
			var ante *citeRef
			switch r.anaphor {
			case "code":
				ante = lastCode
			case "law":
				ante = lastLaw
			default: // Chinese 该法 is a law or a code (刑法)
				ante = lastLegis
			}
			if ante == nil {
				continue
			}
			r.kind, r.id, r.aliases, r.anaphor = ante.kind, ante.id, ante.aliases, ""
		}
		out = append(out, r)
		p := &out[len(out)-1]
		switch r.kind {
		case "code":
			lastCode = p
		case "law", "decree":
			lastLaw = p
		}
		if r.kind == "code" || r.kind == "law" || r.kind == "decree" {
			lastLegis = p
		}
	}
	// alias -> the one id it belongs to (an alias of two ids is ambiguous)
	to := map[string]string{}
	kindOf := map[string]string{}
	bad := map[string]bool{}
	for _, r := range out {
		kindOf[r.id] = r.kind
		for _, a := range r.aliases {
			if a == r.id {
				continue
			}
			if t, ok := to[a]; ok && t != r.id {
				bad[a] = true
			}
			to[a] = r.id
		}
	}
	for i := range out {
		for range 2 { // an alias of an alias
			t, ok := to[out[i].id]
			if !ok || bad[out[i].id] || t == out[i].id {
				break
			}
			out[i].id = t
			if k := kindOf[t]; k != "" {
				out[i].kind = k
			}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Small helpers

// citeDigits converts Arabic-Indic and full-width digits to ASCII.
func citeDigits(s string) string {
	if s == "" {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		}
		return r
	}, s)
}

func citeAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Latin letters for the Cyrillic and Arabic letters of law numbers
// ("115-ФЗ" -> "115-FZ", "م/40" -> "M/40").
var citeTranslit = strings.NewReplacer(
	"А", "A", "Б", "B", "В", "V", "Г", "G", "Д", "D", "Е", "E", "Ё", "E", "Ж", "ZH", "З", "Z", "И", "I",
	"Й", "Y", "К", "K", "Л", "L", "М", "M", "Н", "N", "О", "O", "П", "P", "Р", "R", "С", "S", "Т", "T",
	"У", "U", "Ф", "F", "Х", "X", "Ц", "TS", "Ч", "CH", "Ш", "SH", "Щ", "SHCH", "Ы", "Y", "Э", "E",
	"Ю", "YU", "Я", "YA", "Ь", "", "Ъ", "", "І", "I", "م", "M",
)

var citeEsThousands = regexp.MustCompile(`^\d{1,3}(?:\.\d{3})+$`)

// citeNormNum normalises the number of a law.
func citeNormNum(lang, s string) string {
	s = citeDigits(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "–", "-")
	s = strings.ToUpper(s)
	s = citeTranslit.Replace(s)
	if lang == "es" && citeEsThousands.MatchString(s) {
		s = strings.ReplaceAll(s, ".", "") // "Ley 25.246" = "Ley 25246"
	}
	return s
}

var citeMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
	"août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
	"сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}

var (
	citeDateWords = regexp.MustCompile(`(\d{1,2})(?:er)?\s+(?:de\s+)?(\p{L}+)\s+(?:de\s+)?(\d{4})`)
	citeDateDots  = regexp.MustCompile(`(\d{1,2})\.(\d{1,2})\.(\d{4})`)
)

// citeISODate converts "12 juillet 2005", "7 августа 2001", "07.08.2001"
// to "2005-07-12"; "" when it cannot.
func citeISODate(lang, s string) string {
	s = citeDigits(s)
	var d, mo, y int
	if m := citeDateDots.FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	} else if m := citeDateWords.FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1])
		mo = citeMonths[strings.ToLower(m[2])]
		y, _ = strconv.Atoi(m[3])
	}
	if d < 1 || d > 31 || mo < 1 || mo > 12 || y < 1800 {
		return ""
	}
	return strconv.Itoa(y) + "-" + citeTwo(mo) + "-" + citeTwo(d)
}

func citeTwo(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// citeSpace trims s and replaces each run of white space by one space.
func citeSpace(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
