package corpus

import (
	"fmt"
	"strings"
	"time"
)

// Instrument keys as used in truth files.
const (
	untoc    = "UNTOC"
	tip      = "TIP"
	som      = "SOM"
	firearms = "FIREARMS"
)

var allInstruments = []string{untoc, tip, som, firearms}

// clusterArticles is the cluster -> instrument -> articles map the samples imply.
var clusterArticles = map[string]map[string][]int{
	"I": {
		untoc: {5, 6, 8, 10, 15, 23}, tip: {5}, som: {6}, firearms: {5},
	},
	"II": {
		untoc: {9, 24, 25, 29, 30, 31}, tip: {6, 9}, som: {14, 15, 16, 18},
	},
	"III": {
		untoc: {7, 11, 19, 20, 22, 26, 27, 28}, tip: {11, 12, 13},
	},
	"IV": {
		untoc: {12, 13, 14, 16, 17, 18, 21},
	},
}

var clusterOrder = []string{"I", "II", "III", "IV"}

// lang holds the fixed wording of one language.
type lang struct {
	code        string
	yes, no     string
	part        string // "Partially"
	partAlt     string // "Yes, in part"
	na          string
	answer      string // "Answer:"
	qword       string // "Question"
	langName    string // name of the language in itself
	title       string // "Self-assessment questionnaire"
	clusterWord string // "Cluster"
	mechanism   string
	generalInfo string
	implPract   string
	notes       string
	partWord    string
	coverLabels [4]string // State party, Instrument(s), Date, Language
	head2       [2]string
	head3       [3]string
	pageOf      string // "Page {n} of {m}"
	clusterName map[string]string
	instName    map[string]string // full names
	instRef     map[string]string // "of the Convention" style reference used after "article N"
	months      [12]string
}

var langs = map[string]*lang{
	"en": {
		code: "en", yes: "Yes", no: "No", part: "Partially", partAlt: "Yes, in part", na: "Not applicable",
		answer: "Answer:", qword: "Question", langName: "English",
		title: "Self-assessment questionnaire", clusterWord: "Cluster",
		mechanism:   "Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto",
		generalInfo: "General information", implPract: "Implementation in practice", notes: "Notes", partWord: "Part",
		coverLabels: [4]string{"State party", "Instrument(s) covered", "Date of submission", "Language"},
		head2:       [2]string{"Question", "Response"},
		head3:       [3]string{"No.", "Question", "Answer"},
		pageOf:      "Page {n} of {m}",
		clusterName: map[string]string{
			"I": "Criminalization and jurisdiction", "II": "Prevention, technical assistance, protection measures and other measures",
			"III": "Law enforcement and judicial system", "IV": "International cooperation, mutual legal assistance and confiscation",
		},
		instName: map[string]string{
			untoc:    "United Nations Convention against Transnational Organized Crime",
			tip:      "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
			som:      "Protocol against the Smuggling of Migrants by Land, Sea and Air",
			firearms: "Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition",
		},
		instRef: map[string]string{untoc: "of the Convention", tip: "of the Trafficking in Persons Protocol", som: "of the Smuggling of Migrants Protocol", firearms: "of the Firearms Protocol"},
		months:  [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	},
	"fr": {
		code: "fr", yes: "Oui", no: "Non", part: "Partiellement", partAlt: "Oui, en partie", na: "Sans objet",
		answer: "Réponse :", qword: "Question", langName: "français",
		title: "Questionnaire d'auto-évaluation", clusterWord: "Groupe",
		mechanism:   "Mécanisme d'examen de l'application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s'y rapportant",
		generalInfo: "Informations générales", implPract: "Application dans la pratique", notes: "Notes", partWord: "Partie",
		coverLabels: [4]string{"État partie", "Instrument(s) visé(s)", "Date de soumission", "Langue"},
		head2:       [2]string{"Question", "Réponse"},
		head3:       [3]string{"N°", "Question", "Réponse"},
		pageOf:      "Page {n} sur {m}",
		clusterName: map[string]string{
			"I": "Incrimination et compétence", "II": "Prévention, assistance technique, mesures de protection et autres mesures",
			"III": "Détection et répression et système judiciaire", "IV": "Coopération internationale, entraide judiciaire et confiscation",
		},
		instName: map[string]string{
			untoc:    "Convention des Nations Unies contre la criminalité transnationale organisée",
			tip:      "Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants",
			som:      "Protocole contre le trafic illicite de migrants par terre, air et mer",
			firearms: "Protocole contre la fabrication et le trafic illicites d'armes à feu, de leurs pièces, éléments et munitions",
		},
		instRef: map[string]string{untoc: "de la Convention", tip: "du Protocole relatif à la traite des personnes", som: "du Protocole relatif au trafic illicite de migrants", firearms: "du Protocole relatif aux armes à feu"},
		months:  [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	},
	"es": {
		code: "es", yes: "Sí", no: "No", part: "Parcialmente", partAlt: "Sí, en parte", na: "No se aplica",
		answer: "Respuesta:", qword: "Pregunta", langName: "español",
		title: "Cuestionario de autoevaluación", clusterWord: "Grupo",
		mechanism:   "Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y sus Protocolos",
		generalInfo: "Información general", implPract: "Aplicación en la práctica", notes: "Notas", partWord: "Parte",
		coverLabels: [4]string{"Estado parte", "Instrumento(s) abarcado(s)", "Fecha de presentación", "Idioma"},
		head2:       [2]string{"Pregunta", "Respuesta"},
		head3:       [3]string{"N.º", "Pregunta", "Respuesta"},
		pageOf:      "Página {n} de {m}",
		clusterName: map[string]string{
			"I": "Penalización y jurisdicción", "II": "Prevención, asistencia técnica, medidas de protección y otras medidas",
			"III": "Aplicación de la ley y sistema judicial", "IV": "Cooperación internacional, asistencia judicial recíproca y decomiso",
		},
		instName: map[string]string{
			untoc:    "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
			tip:      "Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas, Especialmente Mujeres y Niños",
			som:      "Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire",
			firearms: "Protocolo contra la Fabricación y el Tráfico Ilícitos de Armas de Fuego, sus Piezas y Componentes y Municiones",
		},
		instRef: map[string]string{untoc: "de la Convención", tip: "del Protocolo contra la Trata de Personas", som: "del Protocolo contra el Tráfico Ilícito de Migrantes", firearms: "del Protocolo sobre Armas de Fuego"},
		months:  [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	},
	"ru": {
		code: "ru", yes: "Да", no: "Нет", part: "Частично", partAlt: "Да, частично", na: "Неприменимо",
		answer: "Ответ:", qword: "Вопрос", langName: "русский",
		title: "Вопросник для самооценки", clusterWord: "Тематический блок",
		mechanism:   "Механизм обзора хода осуществления Конвенции Организации Объединенных Наций против транснациональной организованной преступности и протоколов к ней",
		generalInfo: "Общая информация", implPract: "Практическое применение", notes: "Примечания", partWord: "Часть",
		coverLabels: [4]string{"Государство-участник", "Охватываемые документы", "Дата представления", "Язык"},
		head2:       [2]string{"Вопрос", "Ответ"},
		head3:       [3]string{"№", "Вопрос", "Ответ"},
		pageOf:      "Страница {n} из {m}",
		clusterName: map[string]string{
			"I": "Криминализация и юрисдикция", "II": "Предупреждение, техническая помощь, меры защиты и другие меры",
			"III": "Правоохранительная деятельность и судебная система", "IV": "Международное сотрудничество, взаимная правовая помощь и конфискация",
		},
		instName: map[string]string{
			untoc:    "Конвенция Организации Объединенных Наций против транснациональной организованной преступности",
			tip:      "Протокол о предупреждении и пресечении торговли людьми, особенно женщинами и детьми, и наказании за нее",
			som:      "Протокол против незаконного ввоза мигрантов по суше, морю и воздуху",
			firearms: "Протокол против незаконного изготовления и оборота огнестрельного оружия, его составных частей и компонентов, а также боеприпасов к нему",
		},
		instRef: map[string]string{untoc: "Конвенции", tip: "Протокола о торговле людьми", som: "Протокола о незаконном ввозе мигрантов", firearms: "Протокола об огнестрельном оружии"},
		months:  [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	},
	"zh": {
		code: "zh", yes: "是", no: "否", part: "部分", partAlt: "部分是", na: "不适用",
		answer: "答复：", qword: "问题", langName: "中文",
		title: "自评调查表", clusterWord: "组",
		mechanism:   "审议《联合国打击跨国有组织犯罪公约》及其各项议定书执行情况机制",
		generalInfo: "一般资料", implPract: "实践中的执行情况", notes: "注释", partWord: "部分",
		coverLabels: [4]string{"缔约国", "所涉文书", "提交日期", "语文"},
		head2:       [2]string{"问题", "答复"},
		head3:       [3]string{"编号", "问题", "答复"},
		pageOf:      "第{n}页，共{m}页",
		clusterName: map[string]string{
			"I": "刑事定罪和管辖权", "II": "预防、技术援助、保护措施和其他措施",
			"III": "执法和司法系统", "IV": "国际合作、司法协助和没收",
		},
		instName: map[string]string{
			untoc:    "《联合国打击跨国有组织犯罪公约》",
			tip:      "《关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书》",
			som:      "《关于打击陆、海、空偷运移民的补充议定书》",
			firearms: "《关于打击非法制造和贩运枪支及其零部件和弹药的补充议定书》",
		},
		instRef: map[string]string{untoc: "《公约》", tip: "《贩运人口议定书》", som: "《偷运移民议定书》", firearms: "《枪支议定书》"},
	},
}

var zhNum = []string{"零", "一", "二", "三", "四"}

func romanToInt(r string) int {
	switch r {
	case "I":
		return 1
	case "II":
		return 2
	case "III":
		return 3
	case "IV":
		return 4
	}
	return 0
}

// formatDate prints a date as the language writes it.
func (l *lang) formatDate(t time.Time) string {
	switch l.code {
	case "en":
		return fmt.Sprintf("%d %s %d", t.Day(), l.months[t.Month()-1], t.Year())
	case "fr":
		d := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return fmt.Sprintf("%s %s %d", d, l.months[t.Month()-1], t.Year())
	case "es":
		return fmt.Sprintf("%d de %s de %d", t.Day(), l.months[t.Month()-1], t.Year())
	case "ru":
		return fmt.Sprintf("%d %s %d года", t.Day(), l.months[t.Month()-1], t.Year())
	case "zh":
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("2006-01-02")
}

// formatInt groups thousands the way the language does.
func (l *lang) formatInt(n int) string {
	s := fmt.Sprint(n)
	if n < 1000 {
		return s
	}
	sep := ","
	switch l.code {
	case "fr", "ru":
		sep = " "
	case "es":
		sep = "."
	case "zh":
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// articleTitle returns the official short title of an article in the language.
func articleTitle(lg, inst string, art int) string {
	k := fmt.Sprintf("%s/%d", inst, art)
	t := titles[k]
	switch lg {
	case "fr":
		return t[1]
	case "es":
		return t[2]
	case "ru":
		return t[3]
	case "zh":
		return t[4]
	}
	return t[0]
}

// titles: en, fr, es, ru, zh.
var titles = map[string][5]string{
	"UNTOC/5":    {"Criminalization of participation in an organized criminal group", "Incrimination de la participation à un groupe criminel organisé", "Penalización de la participación en un grupo delictivo organizado", "Криминализация участия в организованной преступной группе", "参加有组织犯罪集团行为的刑事定罪"},
	"UNTOC/6":    {"Criminalization of the laundering of proceeds of crime", "Incrimination du blanchiment du produit du crime", "Penalización del blanqueo del producto del delito", "Криминализация отмывания доходов от преступлений", "洗钱行为的刑事定罪"},
	"UNTOC/7":    {"Measures to combat money-laundering", "Mesures de lutte contre le blanchiment d'argent", "Medidas para combatir el blanqueo de dinero", "Меры по борьбе с отмыванием денежных средств", "打击洗钱活动的措施"},
	"UNTOC/8":    {"Criminalization of corruption", "Incrimination de la corruption", "Penalización de la corrupción", "Криминализация коррупции", "腐败行为的刑事定罪"},
	"UNTOC/9":    {"Measures against corruption", "Mesures contre la corruption", "Medidas contra la corrupción", "Меры против коррупции", "反腐败措施"},
	"UNTOC/10":   {"Liability of legal persons", "Responsabilité des personnes morales", "Responsabilidad de las personas jurídicas", "Ответственность юридических лиц", "法人责任"},
	"UNTOC/11":   {"Prosecution, adjudication and sanctions", "Poursuites judiciaires, jugement et sanctions", "Proceso, fallo y sanciones", "Преследование, вынесение судебного решения и санкции", "起诉、判决和制裁"},
	"UNTOC/12":   {"Confiscation and seizure", "Confiscation et saisie", "Decomiso e incautación", "Конфискация и арест", "没收和扣押"},
	"UNTOC/13":   {"International cooperation for purposes of confiscation", "Coopération internationale aux fins de confiscation", "Cooperación internacional para fines de decomiso", "Международное сотрудничество в целях конфискации", "没收事宜的国际合作"},
	"UNTOC/14":   {"Disposal of confiscated proceeds of crime or property", "Disposition du produit du crime ou des biens confisqués", "Disposición del producto del delito o de los bienes decomisados", "Распоряжение конфискованными доходами от преступлений или имуществом", "没收的犯罪所得或财产的处置"},
	"UNTOC/15":   {"Jurisdiction", "Compétence", "Jurisdicción", "Юрисдикция", "管辖权"},
	"UNTOC/16":   {"Extradition", "Extradition", "Extradición", "Выдача", "引渡"},
	"UNTOC/17":   {"Transfer of sentenced persons", "Transfèrement des personnes condamnées", "Traslado de personas condenadas a cumplir una pena", "Передача осужденных лиц", "被判刑人员的移交"},
	"UNTOC/18":   {"Mutual legal assistance", "Entraide judiciaire", "Asistencia judicial recíproca", "Взаимная правовая помощь", "司法协助"},
	"UNTOC/19":   {"Joint investigations", "Enquêtes conjointes", "Investigaciones conjuntas", "Совместные расследования", "联合调查"},
	"UNTOC/20":   {"Special investigative techniques", "Techniques d'enquête spéciales", "Técnicas especiales de investigación", "Специальные методы расследования", "特殊侦查手段"},
	"UNTOC/21":   {"Transfer of criminal proceedings", "Transfert des procédures pénales", "Remisión de actuaciones penales", "Передача уголовного производства", "刑事诉讼的移交"},
	"UNTOC/22":   {"Establishment of criminal record", "Établissement des antécédents judiciaires", "Establecimiento de antecedentes penales", "Сведения о судимости", "建立犯罪记录"},
	"UNTOC/23":   {"Criminalization of obstruction of justice", "Incrimination de l'entrave au bon fonctionnement de la justice", "Penalización de la obstrucción de la justicia", "Криминализация воспрепятствования осуществлению правосудия", "妨害司法的刑事定罪"},
	"UNTOC/24":   {"Protection of witnesses", "Protection des témoins", "Protección de los testigos", "Защита свидетелей", "保护证人"},
	"UNTOC/25":   {"Assistance to and protection of victims", "Assistance et protection accordées aux victimes", "Asistencia y protección a las víctimas", "Помощь потерпевшим и их защита", "帮助和保护被害人"},
	"UNTOC/26":   {"Measures to enhance cooperation with law enforcement authorities", "Mesures propres à renforcer la coopération avec les services de détection et de répression", "Medidas para intensificar la cooperación con las autoridades encargadas de hacer cumplir la ley", "Меры по расширению сотрудничества с правоохранительными органами", "加强与执法当局合作的措施"},
	"UNTOC/27":   {"Law enforcement cooperation", "Coopération entre les services de détection et de répression", "Cooperación en materia de cumplimiento de la ley", "Сотрудничество между правоохранительными органами", "执法合作"},
	"UNTOC/28":   {"Collection, exchange and analysis of information on the nature of organized crime", "Collecte, échange et analyse d'informations sur la nature de la criminalité organisée", "Recopilación, intercambio y análisis de información sobre la naturaleza de la delincuencia organizada", "Сбор и анализ информации о характере организованной преступности и обмен такой информацией", "收集交流和分析关于有组织犯罪的性质的资料"},
	"UNTOC/29":   {"Training and technical assistance", "Formation et assistance technique", "Capacitación y asistencia técnica", "Подготовка кадров и техническая помощь", "培训和技术援助"},
	"UNTOC/30":   {"Other measures: implementation of the Convention through economic development and technical assistance", "Autres mesures: application de la Convention dans le cadre du développement économique et de l'assistance technique", "Otras medidas: aplicación de la Convención mediante el desarrollo económico y la asistencia técnica", "Другие меры: осуществление Конвенции на основе экономического развития и технической помощи", "其他措施：通过经济发展和技术援助执行公约"},
	"UNTOC/31":   {"Prevention", "Prévention", "Prevención", "Предупреждение преступности", "预防"},
	"TIP/5":      {"Criminalization", "Incrimination", "Penalización", "Криминализация", "刑事定罪"},
	"TIP/6":      {"Assistance to and protection of victims of trafficking in persons", "Assistance et protection accordées aux victimes de la traite des personnes", "Asistencia y protección a las víctimas de la trata de personas", "Помощь жертвам торговли людьми и их защита", "对贩运人口活动被害人的帮助和保护"},
	"TIP/9":      {"Prevention of trafficking in persons", "Prévention de la traite des personnes", "Prevención de la trata de personas", "Предупреждение торговли людьми", "预防贩运人口"},
	"TIP/11":     {"Border measures", "Mesures aux frontières", "Medidas fronterizas", "Меры пограничного контроля", "边界措施"},
	"TIP/12":     {"Security and control of documents", "Sécurité et contrôle des documents", "Seguridad y control de los documentos", "Надежность и контроль в отношении документов", "证件的安全和管制"},
	"TIP/13":     {"Legitimacy and validity of documents", "Légitimité et validité des documents", "Legitimidad y validez de los documentos", "Законность и действительность документов", "证件的合法性和有效性"},
	"SOM/6":      {"Criminalization", "Incrimination", "Penalización", "Криминализация", "刑事定罪"},
	"SOM/14":     {"Training and technical cooperation", "Formation et coopération technique", "Capacitación y cooperación técnica", "Подготовка кадров и техническое сотрудничество", "培训和技术合作"},
	"SOM/15":     {"Other prevention measures", "Autres mesures de prévention", "Otras medidas de prevención", "Другие меры предупреждения", "其他预防措施"},
	"SOM/16":     {"Protection and assistance measures", "Mesures de protection et d'assistance", "Medidas de protección y asistencia", "Меры защиты и помощи", "保护和援助措施"},
	"SOM/18":     {"Return of smuggled migrants", "Retour des migrants objet d'un trafic illicite", "Repatriación de los migrantes objeto de tráfico ilícito", "Возвращение незаконно ввезенных мигрантов", "偷运移民的遣返"},
	"FIREARMS/5": {"Criminalization", "Incrimination", "Penalización", "Криминализация", "刑事定罪"},
}

// paraLabel prints a paragraph reference such as "1(a)(i)" the way the language does.
func paraLabel(lg, p string) string {
	if p == "" {
		return ""
	}
	num := p
	var subs []string
	if i := strings.Index(p, "("); i >= 0 {
		num = p[:i]
		for _, s := range strings.Split(p[i:], ")") {
			s = strings.TrimPrefix(s, "(")
			if s != "" {
				subs = append(subs, s)
			}
		}
	}
	switch lg {
	case "fr", "es":
		parts := []string{}
		if num != "" {
			parts = append(parts, num)
		}
		for _, s := range subs {
			parts = append(parts, s+")")
		}
		word := map[string][2]string{"fr": {"Paragraphe", "Alinéa"}, "es": {"Párrafo", "Apartado"}}[lg]
		if num == "" {
			return word[1] + " " + strings.Join(parts, " ")
		}
		return word[0] + " " + strings.Join(parts, " ")
	case "ru":
		parts := []string{}
		if num != "" {
			parts = append(parts, num)
		}
		for _, s := range subs {
			parts = append(parts, "("+s+")")
		}
		if num == "" {
			return "Подпункт " + strings.Join(parts, " ")
		}
		return "Пункт " + strings.Join(parts, " ")
	case "zh":
		out := ""
		if num != "" {
			out = "第" + num + "款"
		}
		for _, s := range subs {
			out += "(" + s + ")"
		}
		if len(subs) > 0 {
			out += "项"
		}
		return out
	}
	parts := []string{}
	if num != "" {
		parts = append(parts, num)
	}
	for _, s := range subs {
		parts = append(parts, "("+s+")")
	}
	if num == "" {
		return "Subparagraph " + strings.Join(parts, " ")
	}
	return "Paragraph " + strings.Join(parts, " ")
}

// instCitation is "of the Convention" etc.; with the article: "article 5 of the Convention".
func artRef(lg, inst string, art int) string {
	l := langs[lg]
	switch lg {
	case "fr":
		return fmt.Sprintf("l'article %d %s", art, l.instRef[inst])
	case "es":
		return fmt.Sprintf("el artículo %d %s", art, l.instRef[inst])
	case "ru":
		return fmt.Sprintf("статьи %d %s", art, l.instRef[inst])
	case "zh":
		return fmt.Sprintf("%s第%d条", l.instRef[inst], art)
	}
	return fmt.Sprintf("article %d %s", art, l.instRef[inst])
}

// Generic question stems.
func stemCite(lg string) string {
	return map[string]string{
		"en": "Please cite and summarize the applicable legislation and describe how it is applied in practice.",
		"fr": "Veuillez citer et résumer la législation applicable et décrire comment elle est appliquée dans la pratique.",
		"es": "Sírvase citar y resumir la legislación aplicable y describir cómo se aplica en la práctica.",
		"ru": "Просьба привести и кратко изложить применимое законодательство и описать, как оно применяется на практике.",
		"zh": "请援引并概述适用的立法，并说明其在实践中如何适用。",
	}[lg]
}

func stemExamples(lg, inst string, art int) string {
	r := artRef(lg, inst, art)
	switch lg {
	case "fr":
		return "Veuillez fournir des exemples de l'application de " + r + ", notamment des affaires, des décisions de justice et des statistiques, le cas échéant."
	case "es":
		return "Sírvase proporcionar ejemplos de la aplicación del " + strings.TrimPrefix(r, "el ") + ", incluidos casos, decisiones judiciales y estadísticas, cuando se disponga de ellos."
	case "ru":
		return "Просьба привести примеры осуществления " + r + ", включая дела, судебные решения и статистические данные, если таковые имеются."
	case "zh":
		return "请提供实施" + r + "的实例，包括案件、法院判决和统计数据（如有）。"
	}
	return "Please provide examples of the implementation of " + r + ", including cases, court decisions and statistics, where available."
}

func stemChallenges(lg, inst string, art int) string {
	r := artRef(lg, inst, art)
	switch lg {
	case "fr":
		return "Votre pays a-t-il rencontré des difficultés dans l'application de " + r + " ?"
	case "es":
		return "¿Ha encontrado su país dificultades en la aplicación del " + strings.TrimPrefix(r, "el ") + "?"
	case "ru":
		return "Сталкивается ли ваша страна с трудностями в осуществлении " + r + "?"
	case "zh":
		return "贵国在实施" + r + "方面是否遇到任何困难？"
	}
	return "Has your country encountered any challenges in implementing " + r + "?"
}

func stemTA(lg, inst string, art int) string {
	r := artRef(lg, inst, art)
	switch lg {
	case "fr":
		return "Votre pays a-t-il besoin d'une assistance technique pour appliquer " + r + " ?"
	case "es":
		return "¿Necesita su país asistencia técnica para aplicar " + r + "?"
	case "ru":
		return "Нуждается ли ваша страна в технической помощи для осуществления " + r + "?"
	case "zh":
		return "贵国在实施" + r + "方面是否需要技术援助？"
	}
	return "Does your country require technical assistance to implement " + r + "?"
}

func stemTAForms(lg string) string {
	return map[string]string{
		"en": "If so, please specify the forms of technical assistance that would be required.",
		"fr": "Dans l'affirmative, veuillez préciser les formes d'assistance technique qui seraient nécessaires.",
		"es": "En caso afirmativo, sírvase especificar las formas de asistencia técnica que se necesitarían.",
		"ru": "Если да, просьба указать, какие формы технической помощи потребуются.",
		"zh": "如果是，请具体说明所需的技术援助形式。",
	}[lg]
}

// qLabel renders a question label.
func qLabel(lg, style string, n int) string {
	l := langs[lg]
	switch style {
	case "question":
		if lg == "zh" {
			return fmt.Sprintf("问题%d", n)
		}
		return fmt.Sprintf("%s %d.", l.qword, n)
	case "question_colon":
		switch lg {
		case "fr":
			return fmt.Sprintf("Question %d :", n)
		case "zh":
			return fmt.Sprintf("问题%d：", n)
		}
		return fmt.Sprintf("%s %d:", l.qword, n)
	case "q":
		return fmt.Sprintf("Q%d.", n)
	case "paren":
		return fmt.Sprintf("%d)", n)
	}
	return fmt.Sprintf("%d.", n)
}

// articleHeading returns one or two heading lines for an article.
func articleHeading(lg, style, inst string, art int) []string {
	t := articleTitle(lg, inst, art)
	switch style {
	case "B":
		switch lg {
		case "ru":
			return []string{fmt.Sprintf("Ст. %d – %s", art, t)}
		case "zh":
			return []string{fmt.Sprintf("第%d条 — %s", art, t)}
		}
		return []string{fmt.Sprintf("Art. %d – %s", art, t)}
	case "C":
		switch lg {
		case "fr":
			return []string{fmt.Sprintf("ARTICLE %d", art), t}
		case "es":
			return []string{fmt.Sprintf("ARTÍCULO %d", art), t}
		case "ru":
			return []string{fmt.Sprintf("СТАТЬЯ %d", art), t}
		case "zh":
			return []string{fmt.Sprintf("第%d条", art), t}
		}
		return []string{fmt.Sprintf("ARTICLE %d", art), t}
	case "D":
		r := artRef(lg, inst, art)
		switch lg {
		case "fr", "es":
			r = strings.TrimPrefix(strings.TrimPrefix(r, "l'a"), "el a")
			return []string{"A" + r, t}
		case "ru":
			return []string{fmt.Sprintf("Статья %d %s", art, langs[lg].instRef[inst]), t}
		case "zh":
			return []string{r, t}
		}
		return []string{"A" + r[1:], t}
	}
	switch lg {
	case "fr":
		return []string{fmt.Sprintf("Article %d. %s", art, t)}
	case "es":
		return []string{fmt.Sprintf("Artículo %d. %s", art, t)}
	case "ru":
		return []string{fmt.Sprintf("Статья %d. %s", art, t)}
	case "zh":
		return []string{fmt.Sprintf("第%d条 %s", art, t)}
	}
	return []string{fmt.Sprintf("Article %d. %s", art, t)}
}

// partHeading: "Part II. Protocol to ..." for the instrument at position idx (1-based).
func partHeading(lg string, idx int, inst string) string {
	l := langs[lg]
	roman := []string{"", "I", "II", "III", "IV"}[idx]
	if lg == "zh" {
		return fmt.Sprintf("第%s部分 %s", zhNum[idx], l.instName[inst])
	}
	return fmt.Sprintf("%s %s. %s", l.partWord, roman, l.instName[inst])
}

// clusterHeading: "Cluster I – Criminalization and jurisdiction".
func clusterHeading(lg, c string) string {
	l := langs[lg]
	if lg == "zh" {
		return fmt.Sprintf("第%s%s — %s", zhNum[romanToInt(c)], l.clusterWord, l.clusterName[c])
	}
	return fmt.Sprintf("%s %s – %s", l.clusterWord, c, l.clusterName[c])
}

func docTitle(lg, cluster, inst string) string {
	l := langs[lg]
	if cluster == "" {
		if lg == "zh" {
			return l.title + "——" + l.instName[inst]
		}
		return l.title + " – " + l.instName[inst]
	}
	if lg == "zh" {
		return fmt.Sprintf("%s——第%s%s——%s", l.title, zhNum[romanToInt(cluster)], l.clusterWord, l.clusterName[cluster])
	}
	return fmt.Sprintf("%s – %s %s – %s", l.title, l.clusterWord, cluster, l.clusterName[cluster])
}

// optionLabels returns labels for yes, no, partial[, n/a] and their truth values.
func optionLabels(lg string, partAlt, na bool) ([]string, []string) {
	l := langs[lg]
	p := l.part
	if partAlt {
		p = l.partAlt
	}
	labels := []string{l.yes, l.no, p}
	vals := []string{"yes", "no", "yes_in_part"}
	if na {
		labels = append(labels, l.na)
		vals = append(vals, "not_applicable")
	}
	return labels, vals
}

func pageLabel(lg, kind string, n, m int) string {
	switch kind {
	case "of":
		s := strings.ReplaceAll(langs[lg].pageOf, "{n}", fmt.Sprint(n))
		return strings.ReplaceAll(s, "{m}", fmt.Sprint(m))
	case "dash":
		return fmt.Sprintf("- %d -", n)
	case "bare":
		return fmt.Sprint(n)
	}
	return ""
}

func pageLabelFormat(lg, kind string) string {
	switch kind {
	case "of":
		return langs[lg].pageOf
	case "dash":
		return "- {n} -"
	case "bare":
		return "{n}"
	}
	return ""
}
