package mentions

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// wantCite is an expected citation: its key and kind, and (when not "")
// the text it was found as.
type wantCite struct{ key, kind, text string }

type citeCase struct {
	name, lang, text string
	want             []wantCite // all the citations, in order; nil = none
}

func runCiteCases(t *testing.T, cases []citeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Citations(tc.lang, tc.text)
			var gk, wk []string
			for _, c := range got {
				gk = append(gk, c.Kind+" | "+c.Key)
			}
			for _, w := range tc.want {
				wk = append(wk, w.kind+" | "+w.key)
			}
			if strings.Join(gk, "\n") != strings.Join(wk, "\n") {
				t.Fatalf("Citations(%q, %q)\n got:\n  %s\nwant:\n  %s", tc.lang, tc.text, strings.Join(gk, "\n  "), strings.Join(wk, "\n  "))
			}
			for i, w := range tc.want {
				if w.text != "" && got[i].Text != w.text {
					t.Errorf("citation %d (%s): text %q, want %q", i, w.key, got[i].Text, w.text)
				}
			}
		})
	}
}

func TestCitationsEnglish(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "same article written three ways", lang: "en",
			text: "The offence is set out in article 241 of the Criminal Code. The penalties are those of article 241, Criminal Code, and the Criminal Code (art. 241) also covers attempts.",
			want: []wantCite{{"Criminal Code, art. 241", "code", "article 241 of the Criminal Code"}}},
		{name: "range and section", lang: "en",
			text: "The relevant measures are contained in articles 58 to 59 of the Penal Code and in section 467.11 of the Criminal Code.",
			want: []wantCite{
				{"Criminal Code, art. 58-59", "code", "articles 58 to 59 of the Penal Code"},
				{"Criminal Code, s. 467.11", "code", "section 467.11 of the Criminal Code"}}},
		{name: "list of articles and the same code", lang: "en",
			text: "Participation is criminalized under articles 67 and 72 of the Criminal Code; sections 467.12 to 467.13 of the same Code deal with instructing.",
			want: []wantCite{
				{"Criminal Code, art. 67", "code", "articles 67 and 72 of the Criminal Code"},
				{"Criminal Code, art. 72", "code", "articles 67 and 72 of the Criminal Code"},
				{"Criminal Code, s. 467.12-467.13", "code", "sections 467.12 to 467.13 of the same Code"}}},
		{name: "numbered laws, short form later", lang: "en",
			text: "Law No. 45 of 2003 on combating trafficking and Act No. 12 of 2006 were adopted by Parliament. Law No. 45 was amended in 2015.",
			want: []wantCite{
				{"Law No. 45/2003", "law", "Law No. 45 of 2003"},
				{"Act No. 12/2006", "law", "Act No. 12 of 2006"}}},
		{name: "named acts with and without year", lang: "en",
			text: "Witnesses are protected under the Witness Protection Act 2006. The Prevention of Corruption Act criminalizes bribery, and the Witness Protection Act also covers experts.",
			want: []wantCite{
				{"Witness Protection Act 2006", "law", "Witness Protection Act 2006"},
				{"Prevention of Corruption Act", "law", "Prevention of Corruption Act"}}},
		{name: "act with comma year and a section", lang: "en",
			text: "Under sections 3 and 4 of the Counter-Trafficking in Persons Act, 2010, trafficking is punishable by life imprisonment.",
			want: []wantCite{
				{"Counter-Trafficking in Persons Act 2010, s. 3", "law", ""},
				{"Counter-Trafficking in Persons Act 2010, s. 4", "law", ""}}},
		{name: "federal law number", lang: "en",
			text: "Federal Law No. 115-FZ of 7 August 2001 governs the reporting of suspicious transactions.",
			want: []wantCite{{"Federal Law No. 115-FZ", "law", "Federal Law No. 115-FZ of 7 August 2001"}}},
		{name: "named act identified by its number", lang: "en",
			text: "The Anti-Money Laundering Act of 2001 (Republic Act No. 9160) criminalizes laundering. The Anti-Money Laundering Act was amended in 2013 and article 4 of the Anti-Money Laundering Act defines the offence.",
			want: []wantCite{
				{"Republic Act No. 9160", "law", "Anti-Money Laundering Act of 2001 (Republic Act No. 9160)"},
				{"Republic Act No. 9160, art. 4", "law", "article 4 of the Anti-Money Laundering Act"}}},
		{name: "code of criminal procedure forms", lang: "en",
			text: "Special investigative techniques are regulated by the Criminal Procedure Code and by the Code of Criminal Procedure, article 100, as amended.",
			want: []wantCite{
				{"Code of Criminal Procedure", "code", "Criminal Procedure Code"},
				{"Code of Criminal Procedure, art. 100", "code", "Code of Criminal Procedure, article 100"}}},
		{name: "act whose name contains Code", lang: "en",
			text: "The conduct is criminalized under articles 67 and 72 of the Criminal Code Act of 1995. The Criminal Code Act also provides for confiscation.",
			want: []wantCite{
				{"Criminal Code Act 1995, art. 67", "law", ""},
				{"Criminal Code Act 1995, art. 72", "law", ""},
				{"Criminal Code Act 1995", "law", "Criminal Code Act"}}},
		{name: "constitution", lang: "en",
			text: "The Constitution of Kenya, 2010 guarantees a fair trial (article 50 of the Constitution).",
			want: []wantCite{
				{"Constitution", "constitution", "Constitution of Kenya, 2010"},
				{"Constitution, art. 50", "constitution", "article 50 of the Constitution"}}},
		{name: "sherloc links", lang: "en",
			text: "The law is available at https://sherloc.unodc.org/cld/en/legislation/ken/penal_code/section_1/penal_code.html?lng=en. See also http://SHERLOC.unodc.org/cld/fr/legislation/ken/penal_code/section_1/penal_code.html for the French page.",
			want: []wantCite{{"SHERLOC: https://sherloc.unodc.org/cld/en/legislation/ken/penal_code/section_1/penal_code.html", "sherloc",
				"https://sherloc.unodc.org/cld/en/legislation/ken/penal_code/section_1/penal_code.html?lng=en"}}},
		{name: "treaties but not the UNTOC", lang: "en",
			text: "Kenya is a party to the United Nations Convention against Corruption and to the Council of Europe Convention on Action against Trafficking in Human Beings, in addition to the United Nations Convention against Transnational Organized Crime and the Protocol against the Smuggling of Migrants by Land, Sea and Air.",
			want: []wantCite{
				{"United Nations Convention against Corruption", "treaty", ""},
				{"Council of Europe Convention on Action against Trafficking in Human Beings", "treaty", ""}}},
		{name: "no law in prose", lang: "en",
			text: "The law enforcement authorities act in accordance with the law. Prosecutors follow a code of conduct. Domestic law and international law apply, and Parliament adopted the Act in 2010. The Law Reform Commission reviewed the Penal Code Amendment Bill.",
			want: nil},
		{name: "an article after a code belongs to what follows it", lang: "en",
			text: "The offence is covered by the Penal Code, article 6 of the Convention being implemented through it.",
			want: []wantCite{{"Criminal Code", "code", "Penal Code"}}},
		{name: "articles of the Convention and Protocols", lang: "en",
			text: "Article 5 of the Convention is implemented, article 3 of the Protocol is reflected in domestic law, and the Organized Crime Convention and the Trafficking in Persons Protocol can serve as a legal basis. The Optional Protocol thereto applies.",
			want: nil},
	})
}

func TestCitationsFrench(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "code de procédure pénale", lang: "fr",
			text: "En vertu de l'article 100 du Code de procédure pénale, le juge d'instruction peut ordonner des écoutes.",
			want: []wantCite{{"Code of Criminal Procedure, art. 100", "code", "article 100 du Code de procédure pénale"}}},
		{name: "articles of the code pénal", lang: "fr",
			text: "Les actes visés sont incriminés aux articles 225-4-1 et 225-4-2 du Code pénal ainsi qu'aux articles 421-1 et suivants du code pénal.",
			want: []wantCite{
				{"Criminal Code, art. 225-4-1", "code", "articles 225-4-1 et 225-4-2 du Code pénal"},
				{"Criminal Code, art. 225-4-2", "code", ""},
				{"Criminal Code, art. 421-1", "code", "articles 421-1 et suivants du code pénal"}}},
		{name: "loi with date, then short", lang: "fr",
			text: "La protection des témoins est régie par la loi n° 2005-67 du 12 juillet 2005. Un projet de loi modifiant la loi n° 2005-67 a été soumis au Parlement.",
			want: []wantCite{{"Law No. 2005-67", "law", "loi n° 2005-67 du 12 juillet 2005"}}},
		{name: "decree, ordinance, organic law", lang: "fr",
			text: "Le décret n° 2005-1726 du 30 décembre 2005, l'ordonnance n° 2019-964 du 18 septembre 2019 et la loi organique n° 2016-1090 précisent ces règles. L'arrêté ministériel n° 417 du 10 novembre 2012 les complète.",
			want: []wantCite{
				{"Decree No. 2005-1726", "decree", ""},
				{"Ordinance No. 2019-964", "decree", ""},
				{"Organic Law No. 2016-1090", "law", ""},
				{"Ministerial Order No. 417/2012", "decree", "arrêté ministériel n° 417 du 10 novembre 2012"}}},
		{name: "other code and même code", lang: "fr",
			text: "L'article L. 561-2 du Code monétaire et financier énumère les personnes assujetties ; l'article L. 561-15 du même code prévoit la déclaration de soupçon.",
			want: []wantCite{
				{"Code monétaire et financier, art. L. 561-2", "code", "article L. 561-2 du Code monétaire et financier"},
				{"Code monétaire et financier, art. L. 561-15", "code", "article L. 561-15 du même code"}}},
		{name: "loi by date and a treaty", lang: "fr",
			text: "La loi du 12 juillet 2005 s'applique, de même que la Convention européenne d'extradition et la Convention des Nations Unies contre la corruption.",
			want: []wantCite{
				{"Law of 2005-07-12", "law", "loi du 12 juillet 2005"},
				{"Convention européenne d'extradition", "treaty", ""},
				{"United Nations Convention against Corruption", "treaty", "Convention des Nations Unies contre la corruption"}}},
		{name: "no law in prose", lang: "fr",
			text: "Les autorités de police agissent conformément à la loi. Le code de conduite des magistrats s'applique. L'article 5 de la Convention est mis en œuvre et la Convention de Palerme peut servir de base légale. La Convention garantit la coopération.",
			want: nil},
	})
}

func TestCitationsSpanish(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "artículo del Código Penal", lang: "es",
			text: "La conducta está tipificada en el artículo 323 del Código Penal.",
			want: []wantCite{{"Criminal Code, art. 323", "code", "artículo 323 del Código Penal"}}},
		{name: "ley de año", lang: "es",
			text: "La Ley 1121 de 2006 establece normas para la prevención del financiamiento del terrorismo.",
			want: []wantCite{{"Law No. 1121/2006", "law", "Ley 1121 de 2006"}}},
		{name: "decreto supremo and ley número", lang: "es",
			text: "El Decreto Supremo N° 017-2017-JUS aprueba el reglamento de la Ley N.º 30077, Ley contra el Crimen Organizado.",
			want: []wantCite{
				{"Supreme Decree No. 017-2017-JUS", "decree", "Decreto Supremo N° 017-2017-JUS"},
				{"Law No. 30077", "law", "Ley N.º 30077, Ley contra el Crimen Organizado"}}},
		{name: "range in federal code and named law", lang: "es",
			text: "Los artículos 58 a 59 del Código Penal Federal y la Ley Federal contra la Delincuencia Organizada establecen las penas aplicables.",
			want: []wantCite{
				{"Criminal Code, art. 58-59", "code", "artículos 58 a 59 del Código Penal Federal"},
				{"Ley Federal contra la Delincuencia Organizada", "law", ""}}},
		{name: "named law with number, thousands dot", lang: "es",
			text: "La Ley de Migraciones N.º 25.871 y la Ley 25.246 completan el marco normativo.",
			want: []wantCite{
				{"Law No. 25871", "law", "Ley de Migraciones N.º 25.871"},
				{"Law No. 25246", "law", "Ley 25.246"}}},
		{name: "procedure code and royal decree", lang: "es",
			text: "El Código Procesal Penal (art. 100) y el Código de Procedimiento Penal, artículo 5, así como el Real Decreto 1109/2010, regulan la materia.",
			want: []wantCite{
				{"Code of Criminal Procedure, art. 100", "code", "Código Procesal Penal (art. 100)"},
				{"Code of Criminal Procedure, art. 5", "code", ""},
				{"Royal Decree No. 1109/2010", "decree", "Real Decreto 1109/2010"}}},
		{name: "no law in prose", lang: "es",
			text: "De acuerdo con la ley, las autoridades actúan de oficio. El artículo 5 de la Convención se aplica y la Convención de Palermo sirve de base jurídica. La Convención obliga a los Estados partes.",
			want: nil},
	})
}

func TestCitationsRussian(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "статья УК", lang: "ru",
			text: "Деяния криминализированы статьей 210 Уголовного кодекса Российской Федерации.",
			want: []wantCite{{"Criminal Code, art. 210", "code", "статьей 210 Уголовного кодекса Российской Федерации"}}},
		{name: "part of article, abbreviations", lang: "ru",
			text: "Ответственность предусмотрена частью 1 статьи 127.1 УК РФ, а порядок расследования — ст. 15 УПК РФ.",
			want: []wantCite{
				{"Criminal Code, art. 127.1(1)", "code", "частью 1 статьи 127.1 УК РФ"},
				{"Code of Criminal Procedure, art. 15", "code", "ст. 15 УПК РФ"}}},
		{name: "federal law number, two forms", lang: "ru",
			text: "Федеральный закон от 7 августа 2001 года № 115-ФЗ регулирует эти вопросы. Кроме того, Федеральный закон № 115-ФЗ предусматривает обязательный контроль.",
			want: []wantCite{{"Federal Law No. 115-FZ", "law", "Федеральный закон от 7 августа 2001 года № 115-ФЗ"}}},
		{name: "law by number and by title", lang: "ru",
			text: "Оборот оружия регулируется Федеральным законом от 13 декабря 1996 года № 150-ФЗ «Об оружии». Статья 6 Федерального закона «Об оружии» устанавливает ограничения.",
			want: []wantCite{
				{"Federal Law No. 150-FZ", "law", ""},
				{"Federal Law No. 150-FZ, art. 6", "law", "Статья 6 Федерального закона «Об оружии»"}}},
		{name: "decree and constitution", lang: "ru",
			text: "Указ Президента Российской Федерации от 31 декабря 2015 г. № 683 утвердил Стратегию. Статья 15 Конституции Российской Федерации.",
			want: []wantCite{
				{"Decree No. 683/2015", "decree", ""},
				{"Constitution, art. 15", "constitution", "Статья 15 Конституции Российской Федерации"}}},
		{name: "no law in prose", lang: "ru",
			text: "В соответствии с законодательством Российской Федерации органы действуют согласно закону. Постановлением Пленума Верховного Суда Российской Федерации от 10 июня 2010 г. № 12 даны разъяснения. Статья 5 Конвенции против транснациональной организованной преступности осуществлена.",
			want: nil},
	})
}

func TestCitationsArabic(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "المادة من قانون العقوبات", lang: "ar",
			text: "تجرم المادة 5 من قانون العقوبات المشاركة في جماعة إجرامية منظمة.",
			want: []wantCite{{"Criminal Code, art. 5", "code", "المادة 5 من قانون العقوبات"}}},
		{name: "numbered law with year", lang: "ar",
			text: "يطبق القانون رقم 64 لسنة 2010 بشأن مكافحة الاتجار بالبشر.",
			want: []wantCite{{"Law No. 64/2010", "law", "القانون رقم 64 لسنة 2010"}}},
		{name: "range of articles of the procedure code", lang: "ar",
			text: "وتنظم المواد من 58 إلى 59 من قانون الإجراءات الجزائية التسليم المراقب.",
			want: []wantCite{{"Code of Criminal Procedure, art. 58-59", "code", "المواد من 58 إلى 59 من قانون الإجراءات الجزائية"}}},
		{name: "Arabic-Indic digits, federal law, royal decree", lang: "ar",
			text: "صدر القانون الاتحادي رقم ٥١ لسنة ٢٠٠٦ والمرسوم الملكي رقم م/40.",
			want: []wantCite{
				{"Federal Law No. 51/2006", "law", "القانون الاتحادي رقم ٥١ لسنة ٢٠٠٦"},
				{"Royal Decree No. M/40", "decree", "المرسوم الملكي رقم م/40"}}},
		{name: "two articles joined by wa, ordinance", lang: "ar",
			text: "وفقا للمادتين 5 و6 من قانون العقوبات والأمر رقم 06-01.",
			want: []wantCite{
				{"Criminal Code, art. 5", "code", ""},
				{"Criminal Code, art. 6", "code", ""},
				{"Ordinance No. 06-01", "decree", "الأمر رقم 06-01"}}},
		{name: "treaties", lang: "ar",
			text: "انضمت الدولة إلى اتفاقية الأمم المتحدة لمكافحة الفساد والاتفاقية العربية لمكافحة الجريمة المنظمة عبر الحدود الوطنية.",
			want: []wantCite{
				{"United Nations Convention against Corruption", "treaty", "اتفاقية الأمم المتحدة لمكافحة الفساد"},
				{"الاتفاقية العربية لمكافحة الجريمة المنظمة عبر الحدود الوطنية", "treaty", ""}}},
		{name: "no law in prose", lang: "ar",
			text: "تنص المادة 5 من الاتفاقية على ذلك. ويطبق القانون في جميع الحالات. ويحترم القانون الجنائي الدولي.",
			want: nil},
	})
}

func TestCitationsChinese(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "刑法 article in Chinese numerals, then Arabic digits", lang: "zh",
			text: "该条款所述行为已由《中华人民共和国刑法》第二百九十四条规定为犯罪。根据刑法第294条，组织者处七年以上有期徒刑。",
			want: []wantCite{{"Criminal Code, art. 294", "code", "《中华人民共和国刑法》第二百九十四条"}}},
		{name: "list of articles and paragraph", lang: "zh",
			text: "《中华人民共和国刑法》第二百九十四条和第二百九十五条以及刑法第294条第一款均有规定。",
			want: []wantCite{
				{"Criminal Code, art. 294", "code", "《中华人民共和国刑法》第二百九十四条和第二百九十五条"},
				{"Criminal Code, art. 295", "code", ""},
				{"Criminal Code, art. 294(1)", "code", "刑法第294条第一款"}}},
		{name: "procedure law, 之一 and 该法", lang: "zh",
			text: "根据《中华人民共和国刑事诉讼法》第一百二十条之一和该法第五十条，侦查机关可以采取技术侦查措施。",
			want: []wantCite{
				{"Code of Criminal Procedure, art. 120-1", "code", "《中华人民共和国刑事诉讼法》第一百二十条之一"},
				{"Code of Criminal Procedure, art. 50", "code", "该法第五十条"}}},
		{name: "other laws and regulations", lang: "zh",
			text: "《中华人民共和国反洗钱法》和中华人民共和国反有组织犯罪法第二条以及《枪支管理条例》均适用。",
			want: []wantCite{
				{"反洗钱法", "law", "《中华人民共和国反洗钱法》"},
				{"反有组织犯罪法, art. 2", "law", "中华人民共和国反有组织犯罪法第二条"},
				{"枪支管理条例", "decree", ""}}},
		{name: "treaty and constitution", lang: "zh",
			text: "中国已批准《联合国反腐败公约》，《中华人民共和国宪法》第三十七条保障人身自由。",
			want: []wantCite{
				{"United Nations Convention against Corruption", "treaty", ""},
				{"Constitution, art. 37", "constitution", ""}}},
		{name: "no law: UNTOC, gazette, 刑法 as a subject", lang: "zh",
			text: "《联合国打击跨国有组织犯罪公约》第5条已得到执行。刑法理论认为如此。法律全文载于《全国人民代表大会常务委员会公报》。第294条另有规定。",
			want: nil},
	})
}

func TestCitationsMixedAndUnknownLanguage(t *testing.T) {
	runCiteCases(t, []citeCase{
		{name: "quoted statutes in their own script", lang: "en",
			text: "Статья 210 Уголовного кодекса Российской Федерации criminalizes this, as does 《中华人民共和国刑法》第294条.",
			want: []wantCite{
				{"Criminal Code, art. 210", "code", ""},
				{"Criminal Code, art. 294", "code", ""}}},
		{name: "unknown language guessed per sentence", lang: "",
			text: "Les actes sont punis par l'article 222-34 du Code pénal. La conducta está tipificada en el artículo 323 del Código Penal.",
			want: []wantCite{
				{"Criminal Code, art. 222-34", "code", ""},
				{"Criminal Code, art. 323", "code", ""}}},
		{name: "language tag with region", lang: "en-GB",
			text: "See section 2 of the Evidence Act.",
			want: []wantCite{{"Evidence Act, s. 2", "law", "section 2 of the Evidence Act"}}},
	})
}

// The same legislation gets the same key whichever language cites it.
func TestCitationsKeysAcrossLanguages(t *testing.T) {
	texts := map[string]string{
		"en": "The offence is defined in article 210 of the Criminal Code.",
		"fr": "L'infraction est définie à l'article 210 du Code pénal.",
		"es": "El delito está definido en el artículo 210 del Código Penal.",
		"ru": "Преступление предусмотрено статьей 210 Уголовного кодекса.",
		"ar": "تعرف المادة 210 من قانون العقوبات الجريمة.",
		"zh": "该罪由《中华人民共和国刑法》第二百一十条规定。",
	}
	for lang, text := range texts {
		got := Citations(lang, text)
		if len(got) != 1 || got[0].Key != "Criminal Code, art. 210" {
			t.Errorf("%s: got %+v, want one citation with key %q", lang, got, "Criminal Code, art. 210")
		}
	}
}

func TestCitationsRobust(t *testing.T) {
	for _, s := range []string{"", "   ", "\xff\xfe article 5 of the \xc3", "《", "第条", "المادة من", "Law No.", "sherloc.unodc.org/", "article 5 of the"} {
		for _, lang := range []string{"", "en", "fr", "es", "ru", "ar", "zh", "pt"} {
			for _, c := range Citations(lang, s) {
				if !utf8.ValidString(c.Text) || !utf8.ValidString(c.Key) || c.Key == "" {
					t.Errorf("Citations(%q, %q): bad citation %+v", lang, s, c)
				}
			}
		}
	}
	// random fragments of real citations glued together must not panic
	parts := []string{"article ", "241", " of the ", "Criminal Code", " (art. ", ")", "Law No. ", " of 2003", "loi n° ", "du ", "artículo ",
		"статья ", "УК РФ", "المادة ", " من ", "قانون العقوبات", "رقم ", "《刑法》", "第二百", "条", "\xe2\x80", ", ", ". ", "\n\n", "«", "»", "and ", "the same Code"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		Citations("", b.String())
	}
}

// A long text is read in about linear time.
func TestCitationsLongText(t *testing.T) {
	if testing.Short() {
		t.Skip("long text")
	}
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(citeBenchText)
		b.WriteString("\n\n")
	}
	start := time.Now()
	got := Citations("en", b.String())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("1 MB took %v", d)
	}
	if len(got) != len(Citations("en", citeBenchText)) {
		t.Errorf("repeating a text changed its distinct citations: %d", len(got))
	}
}

// citeBenchText is a ~2 KB English answer.
var citeBenchText = strings.TrimSpace(`
Kenya has fully implemented this provision. The conduct described in article 5, paragraph 1 (a), of the Convention is criminalized under section 3 of the Prevention of Organised Crimes Act, 2010, and under sections 389 and 390 of the Penal Code (Cap. 63). Under section 4 of the same Act, a person who is a member of an organised criminal group commits an offence and is liable on conviction to a fine not exceeding five million shillings or to imprisonment for a term not exceeding fifteen years, or to both. The Proceeds of Crime and Anti-Money Laundering Act, 2009 also provides for the confiscation of any property used or intended for use in the commission of the offence, and Act No. 12 of 2006 regulates the protection of witnesses.
The Office of the Director of Public Prosecutions is the authority primarily responsible for matters related to organized crime. In accordance with section 118 of the Criminal Procedure Code (Cap. 75), the police may open an investigation ex officio. The High Court of Kenya at Nairobi confirmed this interpretation in its judgment of 12 March 2015. Amendments to the Prevention of Organised Crimes Act adopted in 2019 extended the scope of the provision to cover legal persons. The text of the relevant provisions is available at https://sherloc.unodc.org/cld/en/legislation/ken/prevention_of_organised_crimes_act/part_ii/section_3/section_3.html.
Between 2015 and 2019, the Directorate of Criminal Investigations registered 245 cases related to participation in an organized criminal group, which led to 112 prosecutions and 37 convictions. Kenya would welcome technical assistance in the form of legislative drafting assistance and capacity-building for law enforcement officers.`)

func BenchmarkCitations(b *testing.B) {
	b.SetBytes(int64(len(citeBenchText)))
	for b.Loop() {
		Citations("en", citeBenchText)
	}
}

func ExampleCitations() {
	for _, c := range Citations("en", "Participation is an offence under article 241 of the Criminal Code and Law No. 45 of 2003.") {
		fmt.Printf("%s | %s | %s\n", c.Kind, c.Key, c.Text)
	}
	// Output:
	// code | Criminal Code, art. 241 | article 241 of the Criminal Code
	// law | Law No. 45/2003 | Law No. 45 of 2003
}
