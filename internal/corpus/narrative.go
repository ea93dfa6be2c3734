package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// phrases holds the sentence templates of one language.
type phrases struct {
	leg, partial, none, na, cases, stats, nocase     []string
	challenges, noChallenges, taYes, taForms, taNone []string
	footnotes                                        []string
	ch, ta                                           []string
	listIntro                                        string
	listItems                                        []string
	conv5                                            string // TIP answer quoting article 5 of the Convention
	echo                                             map[string]string
}

var phraseBook = map[string]*phrases{
	"en": {
		leg: []string{
			"The conduct described in this provision is criminalized under articles {art} and {art2} {ofLaw}.",
			"{State} has fully implemented this provision. The offence is set out in article {art} {ofLawS}.",
			"This provision is implemented by {law}, as amended in {year}.",
			"The relevant measures are contained in articles {art} to {art2} {ofLaw}.",
			"Under article {art} {ofLawS}, the offence is punishable by imprisonment for a term of {lo} to {n2} years and a fine.",
			"{LawS} also provides for the confiscation of any property used or intended for use in the commission of the offence.",
			"Implementing regulations were adopted in {year} and entered into force on {dateY}.",
			"The relevant provisions apply equally to nationals and to foreign nationals.",
			"Coordination between {auth} and {auth2} is ensured through a memorandum of understanding signed in {year}.",
			"{Auth} is the authority primarily responsible for matters related to {topic}.",
			"Guidelines on {topic} were issued by {auth} in {year}.",
			"In accordance with article {art} {ofProc}, {auth} may open an investigation ex officio.",
			"{Court} confirmed this interpretation in its judgment of {date}.",
			"Amendments to {lawS} adopted in {year} extended the scope of the provision to cover legal persons.",
		},
		partial: []string{
			"Only some elements of this provision are reflected in domestic law.",
			"Some measures are in place under article {art} {ofLawS}; a comprehensive framework is still under development.",
			"Article {art} {ofLawS} applies, although the definition does not yet cover all forms of the conduct.",
			"A draft bill amending {lawS} was submitted to Parliament in {year} and is currently under consideration.",
		},
		none: []string{
			"{State} has not yet established a specific offence in this respect.",
			"No specific measures have been adopted to date.",
			"The matter is being examined by an inter-ministerial working group established in {year}.",
		},
		na: []string{"This provision is not applicable to the legal system {ofState}, as explained in the reply to the previous question."},
		cases: []string{
			"In a case decided in {year}, {court} convicted {n} members of a criminal network and imposed sentences of up to {n2} years' imprisonment.",
			"In another case, {court} held in {year} that the elements of the offence could be established on the basis of circumstantial evidence.",
			"For example, in {year} {auth} dismantled a group operating in {n} provinces, and assets valued at {cur} {amount} million were seized.",
		},
		nocase: []string{"No case law is available yet, as the relevant provisions entered into force only in {year}."},
		stats: []string{
			"According to data compiled by {auth}, {nbig} persons were convicted of offences related to {topic} between {y1} and {y2}.",
			"In {year}, {nbig} investigations were opened and {n3} cases were referred to the courts.",
			"Between {y1} and {y2}, {auth} registered {nbig} cases related to {topic}, which led to {n3} prosecutions and {n} convictions.",
		},
		challenges: []string{
			"The main challenges relate to {ch1} and {ch2}.",
			"Practitioners have identified {ch1} as the most significant obstacle.",
			"In addition, the effective implementation of this article continues to be hampered by {ch2}.",
		},
		noChallenges: []string{"No particular challenges have been encountered.", "No significant challenges have been identified to date."},
		taYes:        []string{"Technical assistance would be welcome, as described below."},
		taForms: []string{
			"{State} would welcome technical assistance in the form of {ta1} and {ta2}.",
			"Support from UNODC for {ta1} would also be appreciated.",
			"Priority should be given to {ta2}.",
		},
		taNone: []string{"Not applicable."},
		footnotes: []string{
			"Published in the Official Gazette No. {nbig} of {date}.",
			"The full text of the law is available from {ministry}.",
			"As amended by Regulation No. {n3}/{year}.",
			"Figures provided by {auth}.",
		},
		ch:        []string{"the limited resources of investigative authorities", "the lack of specialized training for prosecutors and judges", "the difficulty of obtaining evidence from abroad", "delays in the execution of requests for mutual legal assistance", "the absence of a centralized case management system", "high staff turnover in specialized units"},
		ta:        []string{"legislative drafting assistance", "capacity-building for law enforcement officers", "support for data collection and analysis", "training on financial investigations", "the exchange of good practices with other States", "the development of a case management system"},
		listIntro: "The following legislative instruments are relevant to this provision:",
		listItems: []string{
			"{n}. {Law}, in particular articles {art} to {art2};",
			"{n}. {Proc}, article {art};",
			"{n}. {LawP}, as amended in {year}.",
		},
		conv5: "Where the offence is committed by an organized criminal group, the provisions adopted to implement article 5 of the Convention also apply.",
		echo:  map[string]string{"yes": "Yes.", "no": "No.", "yes_in_part": "Partially."},
	},
	"fr": {
		leg: []string{
			"Les actes visés par cette disposition sont incriminés aux articles {art} et {art2} {ofLaw}.",
			"{State} a pleinement mis en œuvre cette disposition. L'infraction est prévue à l'article {art} {ofLawS}.",
			"Cette disposition est mise en œuvre par {law}, dont la dernière modification date de {year}.",
			"Les mesures pertinentes figurent aux articles {art} à {art2} {ofLaw}.",
			"En vertu de l'article {art} {ofLawS}, l'infraction est punie d'une peine d'emprisonnement de {lo} à {n2} ans et d'une amende.",
			"Des textes d'application ont été adoptés en {year} et sont entrés en vigueur le {dateY}.",
			"Les dispositions pertinentes s'appliquent indifféremment aux nationaux et aux étrangers.",
			"La coordination entre {auth} et {auth2} est assurée au moyen d'un protocole d'accord signé en {year}.",
			"{Auth} est l'autorité principalement compétente en matière de {topic}.",
			"Des lignes directrices en matière de {topic} ont été diffusées par {auth} en {year}.",
			"Conformément à l'article {art} {ofProc}, le procureur de la République peut ouvrir une enquête d'office.",
			"{Court} a confirmé cette interprétation dans son arrêt du {date}.",
		},
		partial: []string{
			"Seuls certains éléments de cette disposition sont repris en droit interne.",
			"Certaines mesures sont en place en vertu de l'article {art} {ofLawS} ; un cadre global est en cours d'élaboration.",
			"Un projet de loi modifiant {lawS} a été soumis au Parlement en {year} et est en cours d'examen.",
		},
		none: []string{
			"{State} n'a pas encore établi d'infraction spécifique à cet égard.",
			"Aucune mesure spécifique n'a été adoptée à ce jour.",
			"La question est examinée par un groupe de travail interministériel créé en {year}.",
		},
		na: []string{"Cette disposition est sans objet au regard du système juridique {ofState}."},
		cases: []string{
			"Dans une affaire jugée en {year}, {court} a condamné {n} membres d'un réseau criminel à des peines allant jusqu'à {n2} ans d'emprisonnement.",
			"Dans une autre affaire, {court} a jugé en {year} que les éléments constitutifs de l'infraction pouvaient être établis sur la base d'indices.",
			"Par exemple, en {year}, {auth} a démantelé un groupe opérant dans {n} régions et des avoirs d'une valeur de {amount} millions {cur} ont été saisis.",
		},
		nocase: []string{"Aucune jurisprudence n'est encore disponible, les dispositions pertinentes n'étant entrées en vigueur qu'en {year}."},
		stats: []string{
			"Selon les données compilées par {auth}, {nbig} personnes ont été condamnées pour des infractions en matière de {topic} entre {y1} et {y2}.",
			"En {year}, {nbig} enquêtes ont été ouvertes et {n3} affaires ont été renvoyées devant les juridictions.",
		},
		challenges: []string{
			"Les principales difficultés tiennent à {ch1} et à {ch2}.",
			"Les praticiens considèrent {ch1} comme le principal obstacle.",
			"En outre, {ch2} continue d'entraver la mise en œuvre effective de cet article.",
		},
		noChallenges: []string{"Aucune difficulté particulière n'a été rencontrée."},
		taYes:        []string{"Une assistance technique serait la bienvenue, comme indiqué ci-après."},
		taForms: []string{
			"{State} accueillerait favorablement une assistance technique sous forme de {ta1} et de {ta2}.",
			"Un appui de l'ONUDC en matière de {ta1} serait également apprécié.",
		},
		taNone: []string{"Sans objet."},
		footnotes: []string{
			"Publiée au Journal officiel n° {n3} du {date}.",
			"Le texte intégral peut être obtenu auprès du ministère de la Justice.",
			"Telle que modifiée par le décret n° {year}-{n3} du {dateY}.",
		},
		ch:        []string{"l'insuffisance des ressources des autorités d'enquête", "la difficulté d'obtenir des preuves à l'étranger", "la lenteur de l'exécution des demandes d'entraide judiciaire", "l'absence de formation spécialisée des magistrats", "la rotation élevée du personnel des unités spécialisées"},
		ta:        []string{"conseils législatifs", "renforcement des capacités des enquêteurs", "appui à la collecte et à l'analyse de données", "formation aux enquêtes financières", "échange de bonnes pratiques avec d'autres États"},
		listIntro: "Les textes suivants sont pertinents au regard de cette disposition :",
		listItems: []string{
			"{n}. {Law}, en particulier les articles {art} à {art2} ;",
			"{n}. {Proc}, article {art} ;",
			"{n}. {LawP}, dans sa version modifiée en {year}.",
		},
		conv5: "Lorsque l'infraction est commise par un groupe criminel organisé, les dispositions adoptées pour appliquer l'article 5 de la Convention s'appliquent également.",
		echo:  map[string]string{"yes": "Oui.", "no": "Non.", "yes_in_part": "Partiellement."},
	},
	"es": {
		leg: []string{
			"La conducta descrita en esta disposición está tipificada en los artículos {art} y {art2} {ofLaw}.",
			"{State} ha aplicado plenamente esta disposición. El delito está previsto en el artículo {art} {ofLawS}.",
			"Esta disposición se aplica mediante {law}, cuya última reforma data de {year}.",
			"Las medidas pertinentes figuran en los artículos {art} a {art2} {ofLaw}.",
			"Con arreglo al artículo {art} {ofLawS}, el delito se castiga con pena de prisión de {lo} a {n2} años y multa.",
			"Las disposiciones pertinentes se aplican por igual a los nacionales y a los extranjeros.",
			"La coordinación entre {auth} y {auth2} está garantizada mediante un memorando de entendimiento firmado en {year}.",
			"{Auth} es la autoridad principalmente responsable en materia de {topic}.",
			"En {year}, {auth} publicó directrices en materia de {topic}.",
			"De conformidad con el artículo {art} {ofProc}, el Ministerio Público puede iniciar una investigación de oficio.",
			"{Court} confirmó esta interpretación en su sentencia de {date}.",
			"El reglamento de aplicación se adoptó en {year} y entró en vigor el {dateY}.",
		},
		partial: []string{
			"Solo algunos elementos de esta disposición se reflejan en el derecho interno.",
			"Existen algunas medidas en virtud del artículo {art} {ofLawS}, pero todavía se está elaborando un marco integral.",
			"En {year} se presentó al Congreso un proyecto de ley por el que se modifica {lawS}, que se encuentra actualmente en examen.",
		},
		none: []string{
			"{State} aún no ha tipificado un delito específico a este respecto.",
			"Hasta la fecha no se han adoptado medidas específicas.",
			"La cuestión está siendo examinada por un grupo de trabajo interinstitucional creado en {year}.",
		},
		na: []string{"Esta disposición no se aplica al ordenamiento jurídico {ofState}."},
		cases: []string{
			"En una causa resuelta en {year}, {court} condenó a {n} miembros de una red delictiva a penas de hasta {n2} años de prisión.",
			"En otra causa, {court} sostuvo en {year} que los elementos del delito podían acreditarse mediante prueba indiciaria.",
			"Por ejemplo, en {year} {auth} desarticuló un grupo que operaba en {n} provincias y se incautaron bienes por valor de {amount} millones {cur}.",
		},
		nocase: []string{"Todavía no existe jurisprudencia, ya que las disposiciones pertinentes entraron en vigor recién en {year}."},
		stats: []string{
			"Según datos recopilados por {auth}, {nbig} personas fueron condenadas por delitos en materia de {topic} entre {y1} y {y2}.",
			"En {year} se abrieron {nbig} investigaciones y {n3} causas fueron remitidas a los tribunales.",
		},
		challenges: []string{
			"Las principales dificultades se refieren a {ch1} y {ch2}.",
			"Los profesionales consideran que {ch1} es el obstáculo más importante.",
			"Además, {ch2} sigue dificultando la aplicación efectiva de este artículo.",
		},
		noChallenges: []string{"No se han encontrado dificultades particulares."},
		taYes:        []string{"Se agradecería recibir asistencia técnica, según se indica a continuación."},
		taForms: []string{
			"{State} agradecería recibir asistencia técnica en forma de {ta1} y {ta2}.",
			"También sería útil el apoyo de la UNODC en materia de {ta1}.",
		},
		taNone: []string{"No se aplica."},
		footnotes: []string{
			"Publicada en el Diario Oficial el {date}.",
			"El texto completo de la ley puede consultarse en SHERLOC.",
			"Modificada por la Ley N.º {n3} de {year}.",
		},
		ch:        []string{"la escasez de recursos de las autoridades de investigación", "la falta de capacitación especializada de fiscales y jueces", "la dificultad de obtener pruebas en el extranjero", "las demoras en la ejecución de las solicitudes de asistencia judicial recíproca", "la alta rotación del personal de las unidades especializadas"},
		ta:        []string{"asistencia en la redacción de leyes", "fortalecimiento de la capacidad de los agentes del orden", "apoyo para la recopilación y el análisis de datos", "capacitación en investigaciones financieras", "intercambio de buenas prácticas con otros Estados"},
		listIntro: "Son pertinentes las siguientes normas:",
		listItems: []string{
			"{n}. {Law}, en particular los artículos {art} a {art2};",
			"{n}. {Proc}, artículo {art};",
			"{n}. {LawP}, en su versión modificada en {year}.",
		},
		conv5: "Cuando el delito es cometido por un grupo delictivo organizado, se aplican también las disposiciones adoptadas para aplicar el artículo 5 de la Convención.",
		echo:  map[string]string{"yes": "Sí.", "no": "No.", "yes_in_part": "Parcialmente."},
	},
	"ru": {
		leg: []string{
			"Деяния, описанные в данном положении, криминализированы статьями {art} и {art2} {ofLaw}.",
			"Данное положение осуществляется на основании {ofLaw} в редакции {year} года.",
			"В соответствии со статьей {art} {ofLawS} данное преступление наказывается лишением свободы на срок от {lo} до {n2} лет со штрафом.",
			"Соответствующие положения в равной мере применяются к гражданам Российской Федерации и к иностранным гражданам.",
			"{Auth} является органом, в первую очередь отвечающим за данные вопросы.",
			"Координация деятельности компетентных органов обеспечивается межведомственной рабочей группой, созданной в {year} году.",
			"Правовая позиция подтверждена постановлением Пленума Верховного Суда Российской Федерации от {date}.",
		},
		partial: []string{
			"В национальном законодательстве отражены лишь отдельные элементы данного положения.",
			"Законопроект о внесении изменений в {lawS} был внесен в Государственную Думу в {year} году и в настоящее время находится на рассмотрении.",
		},
		none: []string{"Специальные меры в этой области пока не приняты."},
		na:   []string{"Данное положение неприменимо к правовой системе Российской Федерации."},
		cases: []string{
			"В {year} году {court} осудил {n} членов преступной группы к срокам лишения свободы до {n2} лет.",
			"В другом деле {court} в {year} году указал, что признаки состава преступления могут быть установлены на основании косвенных доказательств.",
		},
		nocase: []string{"Судебная практика по данной статье пока отсутствует, поскольку соответствующие положения вступили в силу только в {year} году."},
		stats: []string{
			"По данным {ofAuth}, в {y1}–{y2} годах за совершение соответствующих преступлений были осуждены {nbig} человек.",
			"В {year} году было возбуждено {nbig} уголовных дел, {n3} из них направлены в суд.",
		},
		challenges: []string{
			"Основные трудности связаны с {ch1}.",
			"Кроме того, осуществлению данной статьи препятствуют трудности, связанные с {ch2}.",
		},
		noChallenges: []string{"Особых трудностей не возникало."},
		taYes:        []string{"Техническая помощь была бы полезна, как указано ниже."},
		taForms:      []string{"Российская Федерация была бы заинтересована в технической помощи в форме {ta1}.", "Полезным было бы также содействие в форме {ta2}."},
		taNone:       []string{"Неприменимо."},
		footnotes: []string{
			"Опубликован в «Собрании законодательства Российской Федерации», {year}, № {n}.",
			"Текст закона размещен в базе данных SHERLOC.",
		},
		ch:        []string{"недостаточной специализированной подготовкой следователей и судей", "сложностью получения доказательств из-за рубежа", "задержками в исполнении запросов о правовой помощи", "нехваткой ресурсов у следственных органов"},
		ta:        []string{"обмена передовым опытом", "подготовки кадров", "содействия в сборе и анализе данных", "консультаций по вопросам законодательства"},
		listIntro: "",
		conv5:     "Если преступление совершено организованной преступной группой, применяются также положения, принятые во исполнение статьи 5 Конвенции.",
		echo:      map[string]string{"yes": "Да.", "no": "Нет.", "yes_in_part": "Частично."},
	},
	"zh": {
		leg: []string{
			"该条款所述行为已由{law}第{art}条和第{art2}条规定为犯罪。",
			"该条款通过{law}予以实施，该法最近一次修订于{year}年。",
			"根据{lawS}第{art}条，犯该罪的，处{lo}年以上{n2}年以下有期徒刑，并处罚金。",
			"{Auth}是主要负责{topic}事项的机关。",
			"{Court}在{date}的判决中确认了这一解释。",
			"有关规定同样适用于中国公民和外国人。",
		},
		partial: []string{
			"国内法仅反映了该条款的部分内容。",
			"修订{lawS}的草案已于{year}年提交全国人民代表大会常务委员会审议。",
		},
		none:   []string{"目前尚未就此规定具体罪名。"},
		na:     []string{"该条款不适用于中国的法律制度。"},
		cases:  []string{"{year}年，{court}判决一个犯罪网络的{n}名成员有罪，最高判处{n2}年有期徒刑。", "在另一案件中，{court}于{year}年认定，犯罪构成要件可以根据间接证据予以认定。"},
		nocase: []string{"由于相关规定于{year}年才生效，目前尚无判例。"},
		stats: []string{
			"据{auth}统计，{y1}年至{y2}年间，共有{nbig}人因{topic}相关犯罪被定罪。",
			"{year}年，共立案侦查{nbig}起，其中{n3}起移送法院。",
		},
		challenges:   []string{"主要困难在于{ch1}。", "此外，{ch2}仍然影响本条的有效实施。"},
		noChallenges: []string{"未遇到特别困难。"},
		taYes:        []string{"欢迎提供技术援助，具体如下。"},
		taForms:      []string{"中国欢迎以{ta1}形式提供的技术援助。", "{ta2}方面的支持也将有所助益。"},
		taNone:       []string{"不适用。"},
		footnotes:    []string{"载于{year}年第{n}号《全国人民代表大会常务委员会公报》。", "法律全文可在SHERLOC数据库查阅。"},
		ch:           []string{"从境外获取证据较为困难", "检察官和法官缺乏专门培训", "司法协助请求执行迟延", "侦查机关资源不足"},
		ta:           []string{"立法起草援助", "执法人员能力建设", "数据收集和分析支持", "经验交流"},
		conv5:        "犯罪由有组织犯罪集团实施的，同时适用为执行《公约》第5条而制定的规定。",
		echo:         map[string]string{"yes": "是。", "no": "否。", "yes_in_part": "部分。"},
	},
}

// narrator fills sentence templates for one document.
type narrator struct {
	r    *rand.Rand
	st   *stateInfo
	lg   string
	ph   *phrases
	inst string
	art  int
}

func (n *narrator) pick(list []string) string { return list[n.r.IntN(len(list))] }

func (n *narrator) pickDistinct(list []string, k int) []string {
	idx := n.r.Perm(len(list))
	var out []string
	for i := 0; i < k && i < len(idx); i++ {
		out = append(out, list[idx[i]])
	}
	return out
}

func (n *narrator) randDate() time.Time {
	y := 2003 + n.r.IntN(21)
	return time.Date(y, time.Month(1+n.r.IntN(12)), 1+n.r.IntN(28), 0, 0, 0, 0, time.UTC)
}

func capFirst(s string) string {
	r, sz := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[sz:]
}

// fill replaces the placeholders of one template.
func (n *narrator) fill(tpl string) string {
	lg := langs[n.lg]
	cat := lawCategory(n.inst, n.art)
	lw := n.st.law(cat)
	proc := n.st.law("proc")
	penal := n.st.law("penal")
	auths := n.pickDistinct(entNoms(n.st.auths), 2)
	authGen := ""
	for _, a := range n.st.auths {
		if a.nom == auths[0] {
			authGen = a.gen
		}
	}
	chs := n.pickDistinct(n.ph.ch, 2)
	tas := n.pickDistinct(n.ph.ta, 2)
	art := 2 + n.r.IntN(380)
	year := 2001 + n.r.IntN(23)
	lo := 1 + n.r.IntN(8)
	big := 200 + n.r.IntN(2300)
	dateY := time.Date(year, time.Month(1+n.r.IntN(12)), 1+n.r.IntN(28), 0, 0, 0, 0, time.UTC)
	num := 2 + n.r.IntN(35)
	y1 := 2010 + n.r.IntN(10)
	amount := fmt.Sprintf("%d.%d", 1+n.r.IntN(60), n.r.IntN(10))
	if n.lg == "fr" || n.lg == "es" || n.lg == "ru" {
		amount = strings.Replace(amount, ".", ",", 1)
	}
	topic := ""
	if t, ok := topics[fmt.Sprintf("%s/%d", n.inst, n.art)]; ok {
		switch n.lg {
		case "en":
			topic = t[0]
		case "fr":
			topic = t[1]
		case "es":
			topic = t[2]
		case "zh":
			topic = t[3]
		}
	}
	court := n.st.courts[n.r.IntN(len(n.st.courts))].nom
	lawP := penal.full.nom
	if lawP == lw.full.nom {
		lawP = n.st.law("aml").full.nom
	}
	rep := map[string]string{
		"{law}": lw.full.nom, "{ofLaw}": lw.full.gen, "{lawS}": lw.short.nom, "{ofLawS}": lw.short.gen,
		"{LawS}": capFirst(lw.short.nom), "{Law}": capFirst(lw.full.nom), "{LawP}": capFirst(lawP),
		"{proc}": proc.short.nom, "{Proc}": capFirst(proc.full.nom), "{ofProc}": proc.short.gen,
		"{art}": fmt.Sprint(art), "{art2}": fmt.Sprint(art + 2 + n.r.IntN(12)),
		"{year}": fmt.Sprint(year), "{dateY}": lg.formatDate(dateY), "{lo}": fmt.Sprint(lo), "{y1}": fmt.Sprint(y1), "{y2}": fmt.Sprint(y1 + 2 + n.r.IntN(4)),
		"{date}": lg.formatDate(n.randDate()),
		"{auth}": auths[0], "{Auth}": capFirst(auths[0]), "{auth2}": auths[len(auths)-1], "{ofAuth}": authGen,
		"{court}": court, "{Court}": capFirst(court),
		"{n}": fmt.Sprint(num), "{n2}": fmt.Sprint(lo + 2 + n.r.IntN(12)),
		"{nbig}": lg.formatInt(big), "{n3}": fmt.Sprint(10 + n.r.IntN(big/4)),
		"{amount}": amount, "{cur}": n.st.currency, "{topic}": topic,
		"{State}": capFirst(n.st.self.nom), "{ofState}": n.st.self.gen, "{ministry}": n.st.ministry.nom,
		"{ch1}": chs[0], "{ch2}": chs[len(chs)-1], "{ta1}": tas[0], "{ta2}": tas[len(tas)-1],
	}
	out := tpl
	for k, v := range rep {
		out = strings.ReplaceAll(out, k, v)
	}
	return capFirst(out)
}

func entNoms(es []entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.nom
	}
	return out
}

// sentences fills k distinct templates of a list.
func (n *narrator) sentences(list []string, k int) []string {
	var out []string
	for _, t := range n.pickDistinct(list, k) {
		out = append(out, n.fill(t))
	}
	return out
}

// paragraphs build narrative paragraphs, each a list of sentences.
type para []string

// answerParas produces the narrative of a question given its kind and choice.
func (n *narrator) answerParas(kind, choice string, long bool) []para {
	ph := n.ph
	var ps []para
	extra := func(max int) {
		k := n.r.IntN(max + 1)
		if long {
			k = max
		}
		for i := 0; i < k; i++ {
			src := append(append([]string{}, ph.cases...), ph.stats...)
			cnt := 2 + n.r.IntN(2)
			if long {
				cnt = 3
			}
			ps = append(ps, para(n.sentences(src, cnt)))
		}
	}
	switch kind {
	case "subst":
		switch choice {
		case "yes":
			s := n.sentences(ph.leg, 2+n.r.IntN(3))
			if long {
				s = n.sentences(ph.leg, 5)
			}
			if n.r.IntN(8) == 0 {
				s = append([]string{ph.echo["yes"]}, s...)
			}
			ps = append(ps, para(s))
			extra(2)
		case "yes_in_part":
			s := append(n.sentences(ph.partial, 1+n.r.IntN(2)), n.sentences(ph.leg, 1+n.r.IntN(2))...)
			if n.r.IntN(4) == 0 {
				s = append([]string{ph.echo["yes_in_part"]}, s...)
			}
			ps = append(ps, para(s))
			extra(1)
		case "no":
			s := n.sentences(ph.none, 1+n.r.IntN(2))
			if n.r.IntN(2) == 0 {
				s = append(s, n.sentences(ph.partial[len(ph.partial)-1:], 1)...)
			}
			ps = append(ps, para(s))
		case "not_applicable":
			ps = append(ps, para(n.sentences(ph.na, 1)))
		}
	case "cite":
		k := 1 + n.r.IntN(3)
		if long {
			k = 3
		}
		for i := 0; i < k; i++ {
			ps = append(ps, para(n.sentences(ph.leg, 2+n.r.IntN(2))))
		}
	case "examples":
		if n.r.IntN(6) == 0 {
			ps = append(ps, para(n.sentences(ph.nocase, 1)))
		}
		extra(2)
		if len(ps) == 0 {
			ps = append(ps, para(n.sentences(append(append([]string{}, ph.cases...), ph.stats...), 2)))
		}
	case "challenges":
		if choice == "yes" || choice == "yes_in_part" {
			ps = append(ps, para(n.sentences(ph.challenges, 1+n.r.IntN(2))))
		} else if choice == "no" && n.r.IntN(2) == 0 {
			ps = append(ps, para(n.sentences(ph.noChallenges, 1)))
		}
	case "ta":
		if choice == "yes" && n.r.IntN(3) == 0 {
			ps = append(ps, para(n.sentences(ph.taYes, 1)))
		}
	case "taforms":
		if choice == "yes" {
			ps = append(ps, para(n.sentences(ph.taForms, 1+n.r.IntN(2))))
		} else if n.r.IntN(2) == 0 {
			ps = append(ps, para(n.sentences(ph.taNone, 1)))
		}
	}
	return ps
}

// listParas returns a lead-in paragraph and numbered list items (each its own paragraph).
func (n *narrator) listParas() []para {
	ph := n.ph
	if ph.listIntro == "" {
		return nil
	}
	out := []para{{ph.listIntro}}
	for i, it := range ph.listItems {
		s := strings.Replace(it, "{n}", fmt.Sprint(i+1), 1)
		out = append(out, para{n.fill(s)})
	}
	return out
}

func (n *narrator) footnote() string { return n.fill(n.pick(n.ph.footnotes)) }

// joinSentences joins sentences the way the language does.
func joinSentences(lg string, s []string) string {
	if lg == "zh" {
		return strings.Join(s, "")
	}
	return strings.Join(s, " ")
}
