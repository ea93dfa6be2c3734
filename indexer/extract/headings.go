package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/saq-review/saq"
)

// Structure of the questionnaire as printed: instrument parts, cluster
// sections, article headings, paragraph labels, numbered questions. Every
// pattern covers the six UN languages; article titles are matched against
// the official titles in data/articles.csv.

// instrumentNames: phrases naming an instrument, folded (see saq.FoldName).
// Protocols come first: their full titles mention the Convention.
var instrumentNames = []struct {
	inst    saq.Instrument
	phrases []string
}{
	{saq.TIP, []string{"trafficking in persons", "traite des personnes", "trata de personas", "торговли людьми",
		"торговлей людьми", "торговле людьми", "الاتجار بالأشخاص", "الاتجار بالاشخاص", "贩运人口", "tip protocol", "trafficking protocol"}},
	{saq.SOM, []string{"smuggling of migrants", "migrant smuggling", "trafic illicite de migrants", "tráfico ilícito de migrantes",
		"trafico ilicito de migrantes", "незаконного ввоза мигрантов", "незаконному ввозу мигрантов", "تهريب المهاجرين", "偷运移民", "som protocol"}},
	{saq.FIREARMS, []string{"firearms", "armes a feu", "armas de fuego", "огнестрельного оружия", "الأسلحة النارية",
		"الاسلحة النارية", "枪支"}},
	{saq.UNTOC, []string{"convention against transnational organized crime", "criminalite transnationale organisee",
		"delincuencia organizada transnacional", "транснациональной организованной преступности",
		"الجريمة المنظمة عبر الوطنية", "跨国有组织犯罪公约", "the convention", "la convention", "la convencion",
		"convention", "convencion", "конвенци", "الاتفاقية", "公约", "untoc"}},
}

// instrumentIn returns the instrument s names. A protocol named anywhere
// wins over the Convention, since protocol titles mention the Convention
// ("Protocol … supplementing the United Nations Convention …").
func instrumentIn(s string) (saq.Instrument, bool) {
	f := saq.FoldName(s)
	best, bestAt := saq.Instrument(""), len(f)+1
	for _, in := range instrumentNames {
		for _, p := range in.phrases {
			i := strings.Index(f, p)
			if i < 0 || i >= bestAt {
				continue
			}
			if in.inst == saq.UNTOC && best != "" {
				break
			}
			best, bestAt = in.inst, i
		}
	}
	return best, best != ""
}

// supplementing phrases are part of the protocols' full titles and name
// the Convention without covering it.
var supplementing = regexp.MustCompile(`(supplementing|additionnel a|que complementa|дополняющий|المكمل ل|补充)\s+(the |la |el )?(united nations convention against transnational organized crime|convention des nations unies contre la criminalite transnationale organisee|convencion de las naciones unidas contra la delincuencia organizada transnacional|конвенци\S* организации объединенных наций против транснациональной организованной преступности|اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية|联合国打击跨国有组织犯罪公约)`)

// instrumentsIn returns every instrument named in s, in canonical order.
func instrumentsIn(s string) []saq.Instrument {
	f := supplementing.ReplaceAllString(saq.FoldName(s), "")
	var out []saq.Instrument
	for _, inst := range saq.Instruments {
		for _, in := range instrumentNames {
			if in.inst != inst {
				continue
			}
			for _, p := range in.phrases {
				if strings.Contains(f, p) {
					out = append(out, inst)
					break
				}
			}
		}
	}
	return out
}

var (
	articleRe = regexp.MustCompile(`(?i)^(?:article|art\.|artículo|articulo|artigo|статья|ст\.)\s*(\d{1,2}|premier|1er|primero)\b\s*(.*)$`)
	articleAr = regexp.MustCompile(`^المادة\s*([0-9٠-٩]{1,2})\s*(.*)$`)
	articleZh = regexp.MustCompile(`^第\s*([0-9一二三四五六七八九十]{1,3})\s*条\s*(.*)$`)
	// "《公约》第5条": the instrument comes first in Chinese.
	articleZhOf = regexp.MustCompile(`^《([^》]{1,40})》\s*第\s*([0-9一二三四五六七八九十]{1,3})\s*条\s*(.*)$`)
	// "of the Convention", "du Protocole relatif aux armes à feu", …
	instrumentRef = regexp.MustCompile(`(?i)^(?:of the|of|de la|du|de l'|del|de|من)\s+(.*)$`)
	// Russian puts the instrument in the genitive without a preposition.
	instrumentRefRu = regexp.MustCompile(`(?i)^((?:конвенции|протокола)(?:\s.*)?)$`)
)

// articleHeading is a parsed article heading.
type articleHeading struct {
	number    int
	inst      saq.Instrument // from "of the Convention"/"… Protocol", or "" when the heading does not say
	title     string         // title printed on the same line, if any
	needTitle bool           // the heading stops after the number: the title may be on the next line
}

// parseArticleHeading recognises "Article 5. Title", "Art. 5 – Title",
// "ARTICLE 5", "Article 5 of the Convention", "Artículo 5", "Статья 5",
// "المادة 5", "第5条". Sentences that merely start with an article
// reference ("Article 27 of the Criminal Code provides …") are refused:
// what follows the number must be a title, an instrument, or nothing.
func parseArticleHeading(line string, bold bool) (articleHeading, bool) {
	t := strings.TrimSpace(line)
	var num, rest string
	if m := articleRe.FindStringSubmatch(t); m != nil {
		num, rest = m[1], m[2]
	} else if m := articleAr.FindStringSubmatch(t); m != nil {
		num, rest = m[1], m[2]
	} else if m := articleZh.FindStringSubmatch(t); m != nil {
		num, rest = m[1], m[2]
	} else if m := articleZhOf.FindStringSubmatch(t); m != nil {
		inst, ok := instrumentIn(m[1])
		n := parseNumber(m[2])
		if !ok || n < 1 || n > 41 {
			return articleHeading{}, false
		}
		title := strings.TrimSpace(m[3])
		return articleHeading{number: n, inst: inst, title: title, needTitle: title == ""}, true
	} else {
		return articleHeading{}, false
	}
	n := parseNumber(num)
	if n < 1 || n > 41 || unicode.IsLower([]rune(t)[0]) || strings.HasSuffix(t, "?") || strings.HasSuffix(t, ",") {
		// Headings are capitalised and are not questions: "… implementing
		// article 9 of the Convention?" is the end of a question.
		return articleHeading{}, false
	}
	h := articleHeading{number: n}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		h.needTitle = true
		return h, true
	}
	// An instrument reference: "of the Convention", "of the Firearms Protocol".
	m := instrumentRef.FindStringSubmatch(rest)
	if m == nil {
		m = instrumentRefRu.FindStringSubmatch(rest)
	}
	if m != nil {
		inst, ok := instrumentIn(m[1])
		if ok && len(strings.Fields(m[1])) <= 16 {
			h.inst = inst
			// A title may follow after a separator.
			if i := strings.IndexAny(m[1], ".:–—"); i > 0 {
				h.title = strings.TrimSpace(strings.TrimLeft(m[1][i:], ".:–—- "))
			}
			h.needTitle = h.title == ""
			return h, true
		}
		return articleHeading{}, false
	}
	// A separator and a title: "5. Title", "5 – Title", "5: Title".
	sep := strings.IndexFunc(rest, func(r rune) bool { return !strings.ContainsRune(".:–—-|)", r) && !unicode.IsSpace(r) })
	if sep < 0 {
		h.needTitle = true
		return h, true
	}
	title := strings.TrimSpace(rest[sep:])
	if knownTitle(title) || (bold && looksLikeTitle(title)) || (looksLikeTitle(title) && startsUpper(title)) {
		h.title = title
		return h, true
	}
	return articleHeading{}, false
}

func parseNumber(s string) int {
	switch strings.ToLower(s) {
	case "premier", "1er", "primero":
		return 1
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	// Arabic-Indic digits.
	v := 0
	for _, r := range s {
		switch {
		case r >= '٠' && r <= '٩':
			v = v*10 + int(r-'٠')
		default:
			return chineseNumber(s)
		}
	}
	return v
}

func chineseNumber(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	v, cur := 0, 0
	for _, r := range s {
		if d, ok := digits[r]; ok {
			cur = d
		} else if r == '十' {
			if cur == 0 {
				cur = 1
			}
			v += cur * 10
			cur = 0
		} else {
			return 0
		}
	}
	return v + cur
}

// looksLikeTitle: a heading-sized phrase, not a sentence.
func looksLikeTitle(s string) bool {
	w := len(strings.Fields(s))
	if w == 0 || w > 18 {
		return false
	}
	return !strings.HasSuffix(strings.TrimSpace(s), ".") || w <= 4
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || !unicode.IsLower(r) && unicode.IsLetter(r)
	}
	return false
}

// knownTitle reports whether s is (the beginning of) an official article
// title in any language we hold.
func knownTitle(s string) bool {
	_, ok := titleMatch(s)
	return ok
}

var titleIndex = func() map[string][]saq.Article {
	idx := map[string][]saq.Article{}
	for _, inst := range saq.Instruments {
		for _, a := range saq.Articles(inst) {
			for _, t := range a.Titles {
				k := saq.FoldName(t)
				idx[k] = append(idx[k], a)
			}
		}
	}
	return idx
}()

// titleMatch returns the articles whose title s is, allowing a title cut
// at a line end (at least half of it present) or followed by extra words.
func titleMatch(s string) ([]saq.Article, bool) {
	f := strings.Trim(saq.FoldName(s), " .:;")
	if len(f) < 3 {
		return nil, false
	}
	if as, ok := titleIndex[f]; ok {
		return as, true
	}
	var out []saq.Article
	for t, as := range titleIndex {
		if (strings.HasPrefix(t, f) && len(f)*2 >= len(t)) || (strings.HasPrefix(f, t) && len(t) >= 8) {
			out = append(out, as...)
		}
	}
	return out, len(out) > 0
}

var (
	partRe    = regexp.MustCompile(`(?i)^(?:part|partie|parte|section|sección|seccion|часть|раздел|الجزء|القسم)\s*([IVX]{1,4}|\d{1,2}|[A-D]|premi[eè]re|one|two|three|four)?\b\s*[.:–—-]?\s*(.*)$`)
	partZh    = regexp.MustCompile(`^第\s*[一二三四五六七八九十0-9]+\s*(?:部分|节|章)\s*(.*)$`)
	clusterRe = regexp.MustCompile(`(?i)(?:^|[\s–—-])(?:cluster|groupe|grupo|bloque|блок|кластер|المجموعة|专题组|组)\s*(IV|III|II|I|[1-4])\b`)
)

// parsePart recognises an instrument part heading ("Part II. Protocol to
// Prevent …", "Partie I. Convention …") and returns the instrument, or a
// part heading without an instrument yet (its name continues on the next
// line).
func parsePart(line string) (inst saq.Instrument, isPart bool) {
	t := strings.TrimSpace(line)
	var rest string
	if m := partRe.FindStringSubmatch(t); m != nil && (m[1] != "" || m[2] != "") {
		rest = m[2]
	} else if m := partZh.FindStringSubmatch(t); m != nil {
		rest = m[1]
	} else {
		return "", false
	}
	if inst, ok := instrumentIn(rest); ok {
		return inst, true
	}
	// A part heading whose instrument name wraps to the next line.
	f := strings.TrimLeft(saq.FoldName(rest), "《«\"“ ")
	for _, p := range []string{"proto", "conven", "протокол", "конвенц", "بروتوكول", "البروتوكول", "اتفاقية", "الاتفاقية", "关于", "联合国", "议定书", "公约"} {
		if strings.HasPrefix(f, p) {
			return "", true
		}
	}
	return "", f == ""
}

// instrumentTitleLine recognises a line that is nothing but the name of an
// instrument, used as a section heading.
func instrumentTitleLine(line string) (saq.Instrument, bool) {
	inst, ok := instrumentIn(line)
	t := strings.TrimSpace(line)
	if !ok || !startsUpper(t) || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
		return "", false
	}
	f := saq.FoldName(line)
	named := false // a title names the treaty: "Protocol …", "Convention …"
	for _, w := range []string{"protocol", "convention", "convencion", "протокол", "конвенци", "بروتوكول", "اتفاقية", "议定书", "公约"} {
		named = named || strings.Contains(f, w)
	}
	if !named {
		return "", false
	}
	for _, in := range instrumentNames {
		if in.inst != inst {
			continue
		}
		for _, p := range in.phrases {
			if len(p) >= 12 && strings.Contains(f, p) && len(p)*3 >= len(f) && len(strings.Fields(f)) <= 24 {
				return inst, true
			}
		}
	}
	return "", false
}

// clusterZh is "第二组" (the second group).
var clusterZh = regexp.MustCompile(`第\s*([一二三四1-4])\s*组`)

// clusterIn finds "Cluster II" (or its translation) in a line.
func clusterIn(line string) (string, bool) {
	if m := clusterZh.FindStringSubmatch(line); m != nil {
		v, ok := map[string]string{"一": "1", "二": "2", "三": "3", "四": "4"}[m[1]]
		if !ok {
			v = m[1]
		}
		return saq.ParseCluster(v)
	}
	m := clusterRe.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return saq.ParseCluster(m[1])
}

var paragraphRe = regexp.MustCompile(`(?i)^(?:paragraphes|paragraphe|paragraphs|paragraph|párrafos|párrafo|parrafos|parrafo|sub-?paragraphs|sub-?paragraph|subpárrafos|subpárrafo|alinéas|alinéa|alineas|alinea|apartados|apartado|incisos|inciso|подпункты|подпункт|пункты|пункт|الفقرتان|الفقرات|الفقرة)\s+(.*)$`)
var paragraphZh = regexp.MustCompile(`^第\s*([0-9一二三四五六七八九十]+)\s*款\s*(.*?)\s*项?$`)
var paraBody = regexp.MustCompile(`(?i)^(\d{1,3}|\(?[a-z]\)|\(?[ivx]{1,4}\)|\([a-z]\)|,|and|et|y|и|و|\s)+$`)

// parseParagraph recognises a paragraph label line and returns it
// normalised: "Paragraph 1 (a) (i)" → "1(a)(i)", "Paragraphe 2 a)" →
// "2(a)", "Subparagraph (b)" → "(b)".
func parseParagraph(line string) (string, bool) {
	t := strings.TrimSpace(strings.TrimRight(line, ":."))
	var body string
	if m := paragraphRe.FindStringSubmatch(t); m != nil {
		body = m[1]
	} else if m := paragraphZh.FindStringSubmatch(t); m != nil {
		body = strconv.Itoa(parseNumber(m[1])) + m[2]
	} else {
		return "", false
	}
	body = strings.TrimSpace(body)
	if body == "" || len(body) > 40 || !paraBody.MatchString(body) || !strings.ContainsAny(body, "0123456789()") {
		return "", false
	}
	return normalizeParagraph(body), true
}

var parenLetter = regexp.MustCompile(`(?i)\(?\b([a-z]|[ivx]{1,4})\)`)

func normalizeParagraph(s string) string {
	// "2 a)" → "2 (a)"; then drop spaces: "1 (a) (i)" → "1(a)(i)".
	s = parenLetter.ReplaceAllString(s, "($1)")
	s = strings.Join(strings.Fields(s), "")
	s = strings.NewReplacer("((", "(", "))", ")").Replace(s)
	s = regexp.MustCompile(`(?i)(\d|\))(and|et|y|и|و)(\d|\()`).ReplaceAllString(s, "$1 $2 $3")
	return s
}

var (
	// "Question 3.", "Q3:", "Pregunta 3 -", "Вопрос 3.", "السؤال 3", "问题3".
	questionWordRe = regexp.MustCompile(`(?i)^(?:question|questions|pregunta|quest[aã]o|вопрос|q|السؤال|问题)\s*\.?\s*(?:no\.?|n[°º]\.?|№)?\s*(\d{1,3})\s*(\(?[a-z]\))?\s*[.:)\-–—]?\s*(.*)$`)
	// "3.", "3)", "3 (a).", "3.a)" at the start of a line.
	questionNumRe = regexp.MustCompile(`^(\d{1,3})\s*(\(?[a-z]\))?\s*[.)]\s*(\S.*)?$`)
)

// questionLabel is a parsed question start.
type questionLabel struct {
	number   string // "3", "3(a)"
	n        int
	explicit bool   // the word "Question" (or its translation) is printed
	text     string // the rest of the line
}

func parseQuestionLabel(line string) (questionLabel, bool) {
	t := strings.TrimSpace(line)
	if m := questionWordRe.FindStringSubmatch(t); m != nil {
		n, _ := strconv.Atoi(m[1])
		// "Q" alone is a label only when glued to its number or followed by a dot.
		if strings.EqualFold(t[:1], "q") && !strings.HasPrefix(strings.ToLower(t), "question") {
			if len(t) > 1 && t[1] == ' ' && !strings.HasPrefix(t[1:], " "+m[1]) {
				return questionLabel{}, false
			}
		}
		return questionLabel{number: m[1] + sub(m[2]), n: n, explicit: true, text: strings.TrimSpace(m[3])}, true
	}
	if m := questionNumRe.FindStringSubmatch(t); m != nil {
		n, _ := strconv.Atoi(m[1])
		return questionLabel{number: m[1] + sub(m[2]), n: n, text: strings.TrimSpace(m[3])}, true
	}
	return questionLabel{}, false
}

func sub(s string) string {
	s = strings.Trim(s, "()")
	if s == "" {
		return ""
	}
	return "(" + strings.ToLower(s) + ")"
}

// questionStarts are how questions begin, folded: interrogatives and
// requests, in the six languages.
var questionStarts = []string{
	"in the affirmative", "if yes", "where applicable", "dans l'affirmative", "en cas de reponse", "le cas echeant",
	"en caso afirmativo", "de ser asi", "si es asi", "si la respuesta", "в случае", "в утвердительном", "في حالة", "如是", "如果是",
	"has ", "have ", "does ", "do ", "is ", "are ", "did ", "can ", "could ", "would ", "will ", "please", "describe", "provide",
	"indicate", "specify", "if ", "what", "how ", "which", "who ", "where", "when", "list ", "explain", "give ", "cite", "outline",
	"votre pays", "veuillez", "indiquez", "decrivez", "precisez", "fournissez", "si ", "quel", "comment", "existe-t-il", "y a-t-il",
	"le pays", "votre gouvernement", "donnez", "expliquez", "citez", "dans quelle", "est-ce",
	"su pais", "sirvase", "indique", "describa", "proporcione", "especifique", "cual", "como ", "existe", "ha ", "han ", "en caso",
	"¿", "explique", "cite ", "facilite",
	"принял", "приняла", "приняло", "просьба", "укажите", "опишите", "если", "есть ли", "имеются ли", "существует", "каким", "какие", "как ", "предусматривает ли",
	"нуждается", "располагает", "сообщите", "приведите", "каковы", "применяет", "приняты ли", "установлена ли", "обеспечивает ли",
	"هل", "يرجى", "يُرجى", "إذا", "اذا", "ما ", "كيف", "صف",
	"贵国", "请", "是否", "如果", "如是", "哪些", "如何",
}

// questionLike scores how much text reads like a question of the
// questionnaire: it ends in a question mark, or starts like one.
func questionLike(text string) bool {
	t := strings.TrimSpace(text)
	if strings.ContainsAny(t, "?？؟") {
		return true
	}
	f := saq.FoldName(t)
	for _, p := range questionStarts {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}
