package mentions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// mentionCase is a sentence (or a short answer) and whether it is a need, a
// statistic or a denial of need.
type mentionCase struct {
	lang, text string
	want       bool
}

func TestNeeds(t *testing.T) {
	cases := []mentionCase{
		// English
		{"en", "Kenya would welcome technical assistance in the form of legislative drafting assistance and capacity-building for law enforcement officers.", true},
		{"en", "Support from UNODC for training on financial investigations would also be appreciated.", true},
		{"en", "Specialized equipment for the forensic examination of firearms is needed.", true},
		{"en", "The Government has requested expert advice on the drafting of a new witness protection law.", true},
		{"en", "No legislative assistance is needed, but training for judges would be welcome.", true},
		{"en", "No technical assistance is required.", false},
		{"en", "Kenya has received technical assistance from UNODC in 2015 and 2017.", false},
		{"en", "Requests for mutual legal assistance are executed by the Office of the Attorney General.", false},
		{"en", "UNODC provided training to 50 prosecutors at the request of the Ministry of Justice.", false},
		{"en", "Does your country need technical assistance?", false},
		{"en", "Legal assistance is required for all defendants under the Constitution.", false},
		{"en", "The main challenges relate to the lack of specialized training for prosecutors and judges.", false},
		// French
		{"fr", "Le Sénégal accueillerait favorablement une assistance technique sous forme de conseils législatifs et de renforcement des capacités des enquêteurs.", true},
		{"fr", "Un appui de l'ONUDC en matière de collecte de données serait également apprécié.", true},
		{"fr", "Le Maroc a besoin de formation spécialisée pour les magistrats du parquet.", true},
		{"fr", "Une assistance serait particulièrement utile en matière de formation des juges.", true},
		{"fr", "Aucune assistance législative n'est nécessaire, mais des équipements de détection seraient les bienvenus.", true},
		{"fr", "Aucune assistance technique n'est nécessaire.", false},
		{"fr", "Le Cameroun n'a pas besoin actuellement d'assistance technique pour appliquer cet article.", false},
		{"fr", "Les demandes d'entraide judiciaire sont transmises par le ministère de la Justice.", false},
		{"fr", "Le pays a bénéficié d'une formation dispensée par l'ONUDC en 2018.", false},
		{"fr", "Les principales difficultés tiennent au manque de formation spécialisée des magistrats.", false},
		// Spanish
		{"es", "México agradecería recibir asistencia técnica en forma de capacitación en investigaciones financieras.", true},
		{"es", "Se requiere equipo especializado para la detección de documentos falsos.", true},
		{"es", "El Perú necesita fortalecimiento de la capacidad de los fiscales especializados.", true},
		{"es", "Sería muy útil contar con asesoramiento en la redacción de leyes sobre protección de testigos.", true},
		{"es", "También sería útil el apoyo de la UNODC en materia de intercambio de buenas prácticas.", true},
		{"es", "No se requiere asistencia técnica.", false},
		{"es", "El país no necesita asistencia técnica para aplicar este artículo.", false},
		{"es", "Las solicitudes de asistencia judicial recíproca se tramitan por la Cancillería.", false},
		{"es", "Se requiere asistencia judicial recíproca para obtener pruebas en el extranjero.", false},
		{"es", "En 2018 la UNODC impartió capacitación a 40 fiscales.", false},
		{"es", "Las principales dificultades se refieren a la falta de capacitación especializada.", false},
		// Russian
		{"ru", "Российская Федерация была бы заинтересована в технической помощи в форме подготовки кадров.", true},
		{"ru", "Требуется техническая помощь в области подготовки следователей.", true},
		{"ru", "Полезным было бы также содействие в форме обмена передовым опытом.", true},
		{"ru", "Казахстан нуждается в оборудовании для криминалистических экспертиз.", true},
		{"ru", "Необходимо повышение квалификации судей по вопросам финансовых расследований.", true},
		{"ru", "Техническая помощь не требуется.", false},
		{"ru", "Республика не нуждается в технической помощи для осуществления данной статьи.", false},
		{"ru", "Запросы о правовой помощи направляются через Генеральную прокуратуру.", false},
		{"ru", "В 2018 году УНП ООН провело обучение для 30 следователей.", false},
		{"ru", "Основные трудности связаны с недостаточной специализированной подготовкой следователей и судей.", false},
		// Arabic
		{"ar", "ترحب الدولة بالمساعدة التقنية في مجال بناء القدرات وتدريب القضاة.", true},
		{"ar", "تحتاج السلطات المختصة إلى معدات حديثة للكشف عن الوثائق المزورة.", true},
		{"ar", "يلزم تقديم المشورة التشريعية بشأن صياغة قانون حماية الشهود.", true},
		{"ar", "تود الحكومة الحصول على دعم تقني في مجال جمع البيانات.", true},
		{"ar", "سيكون من المفيد تبادل الخبرات مع الدول الأطراف الأخرى.", true},
		{"ar", "لا تحتاج الدولة إلى مساعدة تقنية.", false},
		{"ar", "ليست هناك حاجة إلى المساعدة التقنية لتنفيذ هذه المادة.", false},
		{"ar", "تُحال طلبات المساعدة القانونية المتبادلة عن طريق وزارة العدل.", false},
		{"ar", "قدم مكتب الأمم المتحدة المعني بالمخدرات والجريمة تدريبا لأربعين قاضيا في عام 2018.", false},
		{"ar", "تتعلق التحديات الرئيسية بنقص التدريب المتخصص للقضاة.", false},
		// Chinese
		{"zh", "中国欢迎以立法起草援助形式提供的技术援助。", true},
		{"zh", "执法人员能力建设方面的支持也将有所助益。", true},
		{"zh", "需要为检察官和法官提供关于金融调查的专门培训。", true},
		{"zh", "希望联合国毒品和犯罪问题办公室提供数据收集和分析方面的技术支持。", true},
		{"zh", "亟需购置用于检验伪造证件的设备。", true},
		{"zh", "不需要技术援助。", false},
		{"zh", "目前无需技术援助。", false},
		{"zh", "刑事司法协助请求由司法部转递。", false},
		{"zh", "2018年，联合国毒品和犯罪问题办公室为40名检察官提供了培训。", false},
		{"zh", "主要困难在于检察官和法官缺乏专门培训。", false},
	}
	for _, tc := range cases {
		got := Needs(tc.lang, tc.text)
		if (len(got) > 0) != tc.want {
			t.Errorf("Needs(%q, %q) = %q, want a need: %v", tc.lang, tc.text, got, tc.want)
		}
		// the language of the text is also recognised when not given
		if got2 := Needs("", tc.text); (len(got2) > 0) != tc.want {
			t.Errorf("Needs(\"\", %q) = %q, want a need: %v", tc.text, got2, tc.want)
		}
	}
}

func TestNeedsPicksSentences(t *testing.T) {
	text := "Kenya has received technical assistance from UNODC in 2015. The main challenge is the lack of resources.\n\n" +
		"Kenya would welcome technical assistance in the form of legislative drafting assistance. Support from UNODC for training on financial investigations would also be appreciated. No equipment is required."
	got := Needs("en", text)
	want := []string{
		"Kenya would welcome technical assistance in the form of legislative drafting assistance.",
		"Support from UNODC for training on financial investigations would also be appreciated.",
	}
	if len(got) != len(want) {
		t.Fatalf("Needs = %q, want %q", got, want)
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("Needs[%d] = %q, want %q", i, got[i].Text, want[i])
		}
	}
}

func TestNoNeed(t *testing.T) {
	cases := []mentionCase{
		{"en", "No technical assistance is required.", true},
		{"en", "Canada does not currently require technical assistance for the implementation of this article.", true},
		{"en", "Not needed.", true},
		{"fr", "Aucune assistance technique n'est nécessaire.", true},
		{"fr", "Le Cameroun n'a pas besoin actuellement d'assistance technique pour appliquer cet article.", true},
		{"es", "No se requiere asistencia técnica.", true},
		{"ru", "Техническая помощь не требуется.", true},
		{"ar", "لا تحتاج الدولة إلى مساعدة تقنية.", true},
		{"zh", "不需要技术援助。", true},
		// a need stated, or nothing said about needs
		{"en", "No legislative assistance is needed, but training for judges would be welcome.", false},
		{"en", "No technical assistance is required. However, Kenya would welcome training for prosecutors.", false},
		{"en", "Technical assistance would be welcome, as described below.", false},
		{"en", "Kenya has received technical assistance from UNODC.", false},
		{"en", "No particular challenges have been encountered.", false},
		{"fr", "Sans objet.", false},
		{"es", "México agradecería recibir asistencia técnica.", false},
		{"zh", "中国欢迎以立法起草援助形式提供的技术援助。", false},
		{"en", "", false},
	}
	for _, tc := range cases {
		if got := NoNeed(tc.lang, tc.text); got != tc.want {
			t.Errorf("NoNeed(%q, %q) = %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestStatistics(t *testing.T) {
	cases := []mentionCase{
		// English
		{"en", "In 2019, 245 investigations were opened and 37 cases were referred to the courts.", true},
		{"en", "Between 2015 and 2019, 1,234 persons were convicted of trafficking in persons.", true},
		{"en", "The number of convictions was 45.", true},
		{"en", "Convictions: 12.", true},
		{"en", "In 2018, assets valued at USD 20.6 million were seized.", true},
		{"en", "The Central Authority received 87 requests for mutual legal assistance in 2020.", true},
		{"en", "Law No. 45 of 2003 entered into force on 12 June 2003.", false},
		{"en", "The offence is punishable by imprisonment for a term of 3 to 10 years and a fine.", false},
		{"en", "In 2006 the law was amended.", false},
		{"en", "The relevant measures are set out in articles 61 to 70 of the Foreigners Act.", false},
		{"en", "Article 5 of the Convention is implemented by section 467.11 of the Criminal Code.", false},
		{"en", "Section 12 offences are tried by the High Court.", false},
		{"en", "The Unit published 2 Victims Support Guidelines in 2019.", false},
		{"en", "The 1st case of trafficking was reported in 2003.", false},
		{"en", "Under the 2011 Foreigners Act, residence permits are issued by the Immigration Service.", false},
		// French
		{"fr", "En 2019, 1 234 enquêtes ont été ouvertes et 56 affaires ont été renvoyées devant les juridictions.", true},
		{"fr", "Entre 2017 et 2021, 403 personnes ont été condamnées pour traite des personnes.", true},
		{"fr", "Le nombre de condamnations s'élève à 38.", true},
		{"fr", "Les services de police ont saisi 2,5 tonnes de cocaïne.", true},
		{"fr", "Au total, 87 demandes d'entraide ont été reçues en 2020.", true},
		{"fr", "La loi n° 2005-67 du 19 mars 2005 est entrée en vigueur.", false},
		{"fr", "L'infraction est punie d'une peine d'emprisonnement de 5 à 10 ans.", false},
		{"fr", "Les articles 225-4-1 à 225-4-9 du Code pénal s'appliquent.", false},
		{"fr", "En 2014, le Code pénal a été modifié.", false},
		{"fr", "Le décret n° 2005-1726 du 30 décembre 2005 précise les modalités.", false},
		{"fr", "Le 1er dossier a été ouvert en 2010.", false},
		// Spanish
		{"es", "En 2019 se abrieron 345 investigaciones y 23 causas fueron remitidas a los tribunales.", true},
		{"es", "Entre 2015 y 2019 fueron condenadas 120 personas por trata de personas.", true},
		{"es", "Se incautaron 3.500 kilogramos de cocaína.", true},
		{"es", "El número de víctimas identificadas fue de 87.", true},
		{"es", "La Fiscalía recibió 56 denuncias en 2020.", true},
		{"es", "La Ley 1121 de 2006 modificó el Código Penal.", false},
		{"es", "El delito se castiga con pena de prisión de 4 a 8 años y multa.", false},
		{"es", "Los artículos 58 a 59 del Código Penal se aplican.", false},
		{"es", "La Ley N.º 30077 entró en vigor el 1 de julio de 2014.", false},
		{"es", "En 2016 se creó la Unidad de Inteligencia Financiera.", false},
		// Russian
		{"ru", "В 2019 году было возбуждено 245 уголовных дел, 37 из них направлены в суд.", true},
		{"ru", "За период с 2015 по 2019 год осуждено 1 234 человека.", true},
		{"ru", "Количество зарегистрированных преступлений составило 512.", true},
		{"ru", "Изъято 150 единиц огнестрельного оружия.", true},
		{"ru", "Получено 87 запросов о правовой помощи.", true},
		{"ru", "Федеральный закон от 7 августа 2001 года № 115-ФЗ вступил в силу.", false},
		{"ru", "Преступление наказывается лишением свободы на срок от 3 до 10 лет.", false},
		{"ru", "Статья 210 УК РФ применяется.", false},
		{"ru", "В 2014 году в закон были внесены изменения.", false},
		{"ru", "Статьи 127.1 и 127.2 Уголовного кодекса.", false},
		// Arabic
		{"ar", "في عام 2019، تم تسجيل 245 قضية وإدانة 37 شخصا.", true},
		{"ar", "بلغ عدد الضحايا الذين تم تحديد هويتهم 87.", true},
		{"ar", "ضبطت السلطات 150 قطعة سلاح ناري خلال عام 2020.", true},
		{"ar", "تلقت السلطة المركزية 56 طلبا للمساعدة القانونية المتبادلة.", true},
		{"ar", "أحيلت ٣٤ قضية إلى المحاكم في عام ٢٠١٩.", true},
		{"ar", "صدر القانون رقم 64 لسنة 2010 بشأن مكافحة الاتجار بالبشر.", false},
		{"ar", "يعاقب على الجريمة بالسجن من 3 إلى 10 سنوات.", false},
		{"ar", "تنص المادة 5 من قانون العقوبات على ذلك.", false},
		{"ar", "في عام 2014 تم تعديل القانون.", false},
		{"ar", "صدر المرسوم الملكي رقم م/40 في 21 يوليو 2009.", false},
		// Chinese
		{"zh", "2019年，共立案侦查1234起，其中56起移送法院。", true},
		{"zh", "据公安部统计，2015年至2019年间，共有245人被定罪。", true},
		{"zh", "2020年共查获枪支150支。", true},
		{"zh", "共收到刑事司法协助请求87件。", true},
		{"zh", "解救被拐卖妇女儿童1,200余名。", true},
		{"zh", "《中华人民共和国刑法》第294条规定了该罪。", false},
		{"zh", "处3年以上10年以下有期徒刑。", false},
		{"zh", "该法于2015年修订。", false},
		{"zh", "根据国务院令第587号。", false},
		{"zh", "2018年8月1日起施行。", false},
		{"zh", "这是今年查办的第5起案件。", false},
	}
	for _, tc := range cases {
		got := Statistics(tc.lang, tc.text)
		if (len(got) > 0) != tc.want {
			t.Errorf("Statistics(%q, %q) = %q, want figures: %v", tc.lang, tc.text, got, tc.want)
		}
		if got2 := Statistics("", tc.text); (len(got2) > 0) != tc.want {
			t.Errorf("Statistics(\"\", %q) = %q, want figures: %v", tc.text, got2, tc.want)
		}
	}
}

func TestStatisticsPicksSentences(t *testing.T) {
	text := "The offence is set out in article 241 of the Criminal Code, as amended by Law No. 45 of 2003. " +
		"In 2019, 245 investigations were opened and 37 cases were referred to the courts. " +
		"The penalty is imprisonment for 5 to 10 years. The number of convictions was 45."
	got := Statistics("en", text)
	want := []string{
		"In 2019, 245 investigations were opened and 37 cases were referred to the courts.",
		"The number of convictions was 45.",
	}
	if len(got) != len(want) {
		t.Fatalf("Statistics = %q, want %q", got, want)
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("Statistics[%d] = %q, want %q", i, got[i].Text, want[i])
		}
	}
}

func TestNeedsStatisticsSentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Law No. 45 of 2003 applies. See art. 5 and n° 12 of the Code. The U.S. authorities cooperate, e.g. through the Central Authority. Section 467.11 (s. 467.11) applies.",
			[]string{"Law No. 45 of 2003 applies.", "See art. 5 and n° 12 of the Code.", "The U.S. authorities cooperate, e.g. through the Central Authority.", "Section 467.11 (s. 467.11) applies."}},
		{"The following laws apply:\n1. The Penal Code.\n2. The Evidence Act.",
			[]string{"The following laws apply:", "1. The Penal Code.", "2. The Evidence Act."}},
		{"La Ley N.º 30077 se aplica. El Decreto Supremo N° 017-2017-JUS también.",
			[]string{"La Ley N.º 30077 se aplica.", "El Decreto Supremo N° 017-2017-JUS también."}},
		{"Согласно ст. 210 УК РФ это преступление. В 2019 году возбуждено 245 дел.",
			[]string{"Согласно ст. 210 УК РФ это преступление.", "В 2019 году возбуждено 245 дел."}},
		{"第一句话。第二句话！第三句话？",
			[]string{"第一句话。", "第二句话！", "第三句话？"}},
		{"هل تحتاج الدولة إلى مساعدة؟ لا تحتاج الدولة إلى مساعدة.",
			[]string{"هل تحتاج الدولة إلى مساعدة؟", "لا تحتاج الدولة إلى مساعدة."}},
		{"See https://sherloc.unodc.org/cld/en/legislation.html?lng=en for the text. It is short.",
			[]string{"See https://sherloc.unodc.org/cld/en/legislation.html?lng=en for the text.", "It is short."}},
		{"First paragraph without a full stop\n\nSecond paragraph", []string{"First paragraph without a full stop", "Second paragraph"}},
	}
	for _, tc := range cases {
		var got []string
		for _, sp := range mentionSentences(tc.text) {
			got = append(got, tc.text[sp.start:sp.end])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("mentionSentences(%q)\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestNeedsTextCut(t *testing.T) {
	long := "Kenya would welcome technical assistance in the form of " + strings.Repeat("specialized training for prosecutors, judges and investigators ", 8) + "in all provinces."
	got := Needs("en", long)
	if len(got) != 1 {
		t.Fatalf("Needs(long) = %q", got)
	}
	s := got[0].Text
	if n := utf8.RuneCountInString(s); n > 300 || n < 200 {
		t.Errorf("cut text has %d characters: %q", n, s)
	}
	if !strings.HasSuffix(s, "…") || !strings.HasPrefix(long, strings.TrimSuffix(s, "…")) {
		t.Errorf("cut text %q is not a prefix of the sentence ending with …", s)
	}
	if rest := long[len(strings.TrimSuffix(s, "…")):]; !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ",") {
		t.Errorf("cut inside a word: %q|%q", s, rest[:10])
	}
	// Chinese has no spaces: cut anyway
	zh := "需要" + strings.Repeat("为检察官和法官提供关于金融调查的专门培训", 30) + "。"
	if got := Needs("zh", zh); len(got) != 1 || utf8.RuneCountInString(got[0].Text) > 300 {
		t.Errorf("Needs(long Chinese) = %q", got)
	}
}

func TestNeedsStatisticsRobust(t *testing.T) {
	for _, s := range []string{"", "\xff\xfe\xfd", "。。。", "?", "1.", "\n\n\n", "No.", "第", "٣٤", strings.Repeat("1 ", 1000)} {
		for _, lang := range []string{"", "en", "fr", "es", "ru", "ar", "zh", "xx"} {
			for _, m := range append(Needs(lang, s), Statistics(lang, s)...) {
				if !utf8.ValidString(m.Text) || m.Text == "" {
					t.Errorf("bad mention %q from %q", m.Text, s)
				}
			}
			NoNeed(lang, s)
		}
	}
}
