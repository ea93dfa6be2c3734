package corpus

import "strings"

// entity is a named thing in two grammatical forms: nominative (with its
// article, e.g. "the Penal Code", "la loi n° 27-14") and "of"-form
// ("of the Penal Code", "de la loi n° 27-14", "Уголовного кодекса").
type entity struct{ nom, gen string }

type law struct{ full, short entity }

type stateInfo struct {
	name, iso3, lang string
	printed          string // name as printed in the document's language
	self             entity // "Kenya"/"of Kenya", "la France"/"de la France"
	laws             map[string]law
	auths            []entity
	courts           []entity
	currency         string // en: "KES"; fr/es: phrase after "millions"; ru/zh: word
	ministry         entity
}

func enE(name string) entity {
	return entity{"the " + name, "of the " + name}
}

func romE(nom string) entity {
	low := nom
	switch {
	case strings.HasPrefix(low, "le "):
		return entity{nom, "du " + nom[3:]}
	case strings.HasPrefix(low, "les "):
		return entity{nom, "des " + nom[4:]}
	case strings.HasPrefix(low, "la "):
		return entity{nom, "de " + nom}
	case strings.HasPrefix(low, "l'"):
		return entity{nom, "de " + nom}
	case strings.HasPrefix(low, "el "):
		return entity{nom, "del " + nom[3:]}
	case strings.HasPrefix(low, "los "):
		return entity{nom, "de " + nom}
	}
	return entity{nom, "de " + nom}
}

func same(s string) entity { return entity{s, s} }

func enLaw(full, short string) law { return law{enE(full), enE(short)} }
func romLaw(full, short string) law {
	if short == "" {
		short = full
	}
	return law{romE(full), romE(short)}
}

func ruLaw(fn, fg, sn, sg string) law {
	if sn == "" {
		sn, sg = fn, fg
	}
	return law{entity{fn, fg}, entity{sn, sg}}
}

func zhLaw(s string) law { return law{same(s), same(s)} }

var states = map[string]*stateInfo{
	"KEN": {
		name: "Kenya", iso3: "KEN", lang: "en", printed: "Kenya",
		self: entity{"Kenya", "of Kenya"},
		laws: map[string]law{
			"penal":   enLaw("Penal Code (Cap. 63)", "Penal Code"),
			"proc":    enLaw("Criminal Procedure Code (Cap. 75)", "Criminal Procedure Code"),
			"oc":      enLaw("Prevention of Organised Crimes Act, 2010", "Prevention of Organised Crimes Act"),
			"aml":     enLaw("Proceeds of Crime and Anti-Money Laundering Act, 2009", "Proceeds of Crime and Anti-Money Laundering Act"),
			"corr":    enLaw("Anti-Corruption and Economic Crimes Act, 2003", "Anti-Corruption and Economic Crimes Act"),
			"tip":     enLaw("Counter-Trafficking in Persons Act, 2010", "Counter-Trafficking in Persons Act"),
			"som":     enLaw("Kenya Citizenship and Immigration Act, 2011", "Kenya Citizenship and Immigration Act"),
			"fa":      enLaw("Firearms Act (Cap. 114)", "Firearms Act"),
			"witness": enLaw("Witness Protection Act, 2006", "Witness Protection Act"),
			"mla":     enLaw("Mutual Legal Assistance Act, 2011", "Mutual Legal Assistance Act"),
			"extr":    enLaw("Extradition (Contiguous and Foreign Countries) Act (Cap. 76)", "Extradition Act"),
		},
		auths:    []entity{enE("Office of the Director of Public Prosecutions"), enE("Financial Reporting Centre"), enE("Directorate of Criminal Investigations"), enE("Assets Recovery Agency"), enE("Witness Protection Agency")},
		courts:   []entity{enE("High Court of Kenya at Nairobi"), enE("Court of Appeal"), enE("Supreme Court of Kenya")},
		currency: "KES", ministry: enE("Office of the Attorney General"),
	},
	"PHL": {
		name: "Philippines", iso3: "PHL", lang: "en", printed: "Philippines",
		self: entity{"the Philippines", "of the Philippines"},
		laws: map[string]law{
			"penal":   enLaw("Revised Penal Code", "Revised Penal Code"),
			"proc":    enLaw("Revised Rules of Criminal Procedure", "Rules of Criminal Procedure"),
			"oc":      enLaw("Revised Penal Code", "Revised Penal Code"),
			"aml":     enLaw("Anti-Money Laundering Act of 2001 (Republic Act No. 9160)", "Anti-Money Laundering Act"),
			"corr":    enLaw("Anti-Graft and Corrupt Practices Act (Republic Act No. 3019)", "Anti-Graft and Corrupt Practices Act"),
			"tip":     enLaw("Expanded Anti-Trafficking in Persons Act of 2012 (Republic Act No. 10364)", "Expanded Anti-Trafficking in Persons Act"),
			"som":     enLaw("Philippine Immigration Act of 1940", "Philippine Immigration Act"),
			"fa":      enLaw("Comprehensive Firearms and Ammunition Regulation Act (Republic Act No. 10591)", "Comprehensive Firearms and Ammunition Regulation Act"),
			"witness": enLaw("Witness Protection, Security and Benefit Act (Republic Act No. 6981)", "Witness Protection, Security and Benefit Act"),
			"mla":     enLaw("Revised Rules of Criminal Procedure", "Rules of Criminal Procedure"),
			"extr":    enLaw("Philippine Extradition Law (Presidential Decree No. 1069)", "Extradition Law"),
		},
		auths:    []entity{enE("Department of Justice"), enE("Anti-Money Laundering Council"), enE("Inter-Agency Council Against Trafficking"), enE("Philippine National Police"), enE("National Bureau of Investigation"), enE("Bureau of Immigration")},
		courts:   []entity{enE("Supreme Court"), enE("Court of Appeals"), enE("Regional Trial Court of Manila")},
		currency: "PHP", ministry: enE("Department of Justice"),
	},
	"DEU": {
		name: "Germany", iso3: "DEU", lang: "en", printed: "Germany",
		self: entity{"Germany", "of Germany"},
		laws: map[string]law{
			"penal":   enLaw("Criminal Code (Strafgesetzbuch)", "Criminal Code"),
			"proc":    enLaw("Code of Criminal Procedure (Strafprozessordnung)", "Code of Criminal Procedure"),
			"oc":      enLaw("Criminal Code (Strafgesetzbuch)", "Criminal Code"),
			"aml":     enLaw("Money Laundering Act (Geldwäschegesetz)", "Money Laundering Act"),
			"corr":    enLaw("Criminal Code (Strafgesetzbuch)", "Criminal Code"),
			"tip":     enLaw("Criminal Code (Strafgesetzbuch)", "Criminal Code"),
			"som":     enLaw("Residence Act (Aufenthaltsgesetz)", "Residence Act"),
			"fa":      enLaw("Weapons Act (Waffengesetz)", "Weapons Act"),
			"witness": enLaw("Witness Protection Harmonization Act", "Witness Protection Harmonization Act"),
			"mla":     enLaw("Act on International Cooperation in Criminal Matters", "Act on International Cooperation in Criminal Matters"),
			"extr":    enLaw("Act on International Cooperation in Criminal Matters", "Act on International Cooperation in Criminal Matters"),
		},
		auths:    []entity{enE("Federal Criminal Police Office"), enE("Financial Intelligence Unit"), enE("Federal Office of Justice"), enE("Federal Police"), enE("Office of the Federal Public Prosecutor General")},
		courts:   []entity{enE("Federal Court of Justice"), enE("Higher Regional Court of Frankfurt am Main"), enE("Regional Court of Hamburg")},
		currency: "EUR", ministry: enE("Federal Ministry of Justice"),
	},
	"FRA": {
		name: "France", iso3: "FRA", lang: "fr", printed: "France",
		self: romE("la France"),
		laws: map[string]law{
			"penal":   romLaw("le Code pénal", ""),
			"proc":    romLaw("le Code de procédure pénale", ""),
			"oc":      romLaw("le Code pénal", ""),
			"aml":     romLaw("le Code monétaire et financier", ""),
			"corr":    romLaw("la loi n° 2016-1691 du 9 décembre 2016 relative à la transparence, à la lutte contre la corruption et à la modernisation de la vie économique", "la loi n° 2016-1691"),
			"tip":     romLaw("la loi n° 2013-711 du 5 août 2013 portant diverses dispositions d'adaptation dans le domaine de la justice", "la loi n° 2013-711"),
			"som":     romLaw("le Code de l'entrée et du séjour des étrangers et du droit d'asile", ""),
			"fa":      romLaw("le Code de la sécurité intérieure", ""),
			"witness": romLaw("le Code de procédure pénale", ""),
			"mla":     romLaw("le Code de procédure pénale", ""),
			"extr":    romLaw("le Code de procédure pénale", ""),
		},
		auths:    []entity{same("Tracfin"), romE("l'Office central pour la répression de la traite des êtres humains"), romE("le parquet national financier"), romE("l'Agence de gestion et de recouvrement des avoirs saisis et confisqués"), romE("la Direction nationale de la police judiciaire")},
		courts:   []entity{romE("la Cour de cassation"), romE("la cour d'appel de Paris"), romE("le tribunal judiciaire de Marseille")},
		currency: "d'euros", ministry: romE("le ministère de la Justice"),
	},
	"SEN": {
		name: "Senegal", iso3: "SEN", lang: "fr", printed: "Sénégal",
		self: romE("le Sénégal"),
		laws: map[string]law{
			"penal":   romLaw("le Code pénal", ""),
			"proc":    romLaw("le Code de procédure pénale", ""),
			"oc":      romLaw("le Code pénal", ""),
			"aml":     romLaw("la loi n° 2018-03 du 23 février 2018 relative à la lutte contre le blanchiment de capitaux et le financement du terrorisme", "la loi n° 2018-03"),
			"corr":    romLaw("le Code pénal", ""),
			"tip":     romLaw("la loi n° 2005-06 du 10 mai 2005 relative à la lutte contre la traite des personnes et pratiques assimilées et à la protection des victimes", "la loi n° 2005-06"),
			"som":     romLaw("la loi n° 2005-06 du 10 mai 2005 relative à la lutte contre la traite des personnes et pratiques assimilées et à la protection des victimes", "la loi n° 2005-06"),
			"fa":      romLaw("la loi n° 66-03 du 18 janvier 1966 relative au régime général des armes et munitions", "la loi n° 66-03"),
			"witness": romLaw("le Code de procédure pénale", ""),
			"mla":     romLaw("le Code de procédure pénale", ""),
			"extr":    romLaw("le Code de procédure pénale", ""),
		},
		auths:    []entity{romE("la Cellule nationale de traitement des informations financières"), romE("la Cellule nationale de lutte contre la traite des personnes"), romE("la Direction de la police de l'air et des frontières"), romE("la Division des investigations criminelles"), romE("l'Office national de lutte contre la fraude et la corruption")},
		courts:   []entity{romE("la Cour suprême"), romE("la cour d'appel de Dakar"), romE("le tribunal de grande instance de Dakar")},
		currency: "de francs CFA", ministry: romE("le ministère de la Justice"),
	},
	"MAR": {
		name: "Morocco", iso3: "MAR", lang: "fr", printed: "Maroc",
		self: romE("le Maroc"),
		laws: map[string]law{
			"penal":   romLaw("le Code pénal", ""),
			"proc":    romLaw("le Code de procédure pénale", ""),
			"oc":      romLaw("le Code pénal", ""),
			"aml":     romLaw("la loi n° 43-05 relative à la lutte contre le blanchiment de capitaux", "la loi n° 43-05"),
			"corr":    romLaw("le Code pénal", ""),
			"tip":     romLaw("la loi n° 27-14 relative à la lutte contre la traite des êtres humains", "la loi n° 27-14"),
			"som":     romLaw("la loi n° 02-03 relative à l'entrée et au séjour des étrangers au Royaume du Maroc, à l'émigration et l'immigration irrégulières", "la loi n° 02-03"),
			"fa":      romLaw("la loi n° 12-20 relative aux armes à feu, à leurs pièces et munitions", "la loi n° 12-20"),
			"witness": romLaw("la loi n° 37-10 relative à la protection des victimes, des témoins, des experts et des dénonciateurs", "la loi n° 37-10"),
			"mla":     romLaw("le Code de procédure pénale", ""),
			"extr":    romLaw("le Code de procédure pénale", ""),
		},
		auths:    []entity{romE("l'Autorité nationale du renseignement financier"), romE("la Direction générale de la sûreté nationale"), romE("la Présidence du ministère public"), romE("la Gendarmerie royale"), romE("la Commission nationale de coordination des mesures de lutte contre la traite des êtres humains")},
		courts:   []entity{romE("la Cour de cassation"), romE("la cour d'appel de Rabat"), romE("le tribunal de première instance de Casablanca")},
		currency: "de dirhams", ministry: romE("le ministère de la Justice"),
	},
	"MEX": {
		name: "Mexico", iso3: "MEX", lang: "es", printed: "México",
		self: entity{"México", "de México"},
		laws: map[string]law{
			"penal":   romLaw("el Código Penal Federal", ""),
			"proc":    romLaw("el Código Nacional de Procedimientos Penales", ""),
			"oc":      romLaw("la Ley Federal contra la Delincuencia Organizada", ""),
			"aml":     romLaw("la Ley Federal para la Prevención e Identificación de Operaciones con Recursos de Procedencia Ilícita", ""),
			"corr":    romLaw("el Código Penal Federal", ""),
			"tip":     romLaw("la Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas", "la Ley General en Materia de Trata de Personas"),
			"som":     romLaw("la Ley de Migración", ""),
			"fa":      romLaw("la Ley Federal de Armas de Fuego y Explosivos", ""),
			"witness": romLaw("la Ley Federal para la Protección a Personas que Intervienen en el Procedimiento Penal", ""),
			"mla":     romLaw("el Código Nacional de Procedimientos Penales", ""),
			"extr":    romLaw("la Ley de Extradición Internacional", ""),
		},
		auths:    []entity{romE("la Fiscalía General de la República"), romE("la Unidad de Inteligencia Financiera"), romE("el Instituto Nacional de Migración"), romE("la Secretaría de Seguridad y Protección Ciudadana"), romE("la Guardia Nacional")},
		courts:   []entity{romE("la Suprema Corte de Justicia de la Nación"), romE("el Primer Tribunal Colegiado en Materia Penal del Primer Circuito"), romE("el Tribunal de Enjuiciamiento de la Ciudad de México")},
		currency: "de pesos", ministry: romE("la Secretaría de Relaciones Exteriores"),
	},
	"PER": {
		name: "Peru", iso3: "PER", lang: "es", printed: "Perú",
		self: romE("el Perú"),
		laws: map[string]law{
			"penal":   romLaw("el Código Penal", ""),
			"proc":    romLaw("el Código Procesal Penal", ""),
			"oc":      romLaw("la Ley N.º 30077, Ley contra el Crimen Organizado", "la Ley N.º 30077"),
			"aml":     romLaw("el Decreto Legislativo N.º 1106 de lucha eficaz contra el lavado de activos", "el Decreto Legislativo N.º 1106"),
			"corr":    romLaw("el Código Penal", ""),
			"tip":     romLaw("la Ley N.º 28950, Ley contra la Trata de Personas y el Tráfico Ilícito de Migrantes", "la Ley N.º 28950"),
			"som":     romLaw("la Ley N.º 28950, Ley contra la Trata de Personas y el Tráfico Ilícito de Migrantes", "la Ley N.º 28950"),
			"fa":      romLaw("la Ley N.º 30299, Ley de armas de fuego, municiones, explosivos, productos pirotécnicos y materiales relacionados de uso civil", "la Ley N.º 30299"),
			"witness": romLaw("el Código Procesal Penal", ""),
			"mla":     romLaw("el Código Procesal Penal", ""),
			"extr":    romLaw("el Código Procesal Penal", ""),
		},
		auths:    []entity{romE("el Ministerio Público"), romE("la Unidad de Inteligencia Financiera del Perú"), romE("la Policía Nacional del Perú"), romE("la Superintendencia Nacional de Migraciones"), romE("la Procuraduría Pública Especializada contra la Criminalidad Organizada")},
		courts:   []entity{romE("la Corte Suprema de Justicia de la República"), romE("la Corte Superior de Justicia de Lima"), romE("la Sala Penal Nacional")},
		currency: "de soles", ministry: romE("el Ministerio de Justicia y Derechos Humanos"),
	},
	"ARG": {
		name: "Argentina", iso3: "ARG", lang: "es", printed: "Argentina",
		self: romE("la Argentina"),
		laws: map[string]law{
			"penal":   romLaw("el Código Penal de la Nación", ""),
			"proc":    romLaw("el Código Procesal Penal Federal", ""),
			"oc":      romLaw("el Código Penal de la Nación", ""),
			"aml":     romLaw("la Ley N.º 25.246 de Encubrimiento y Lavado de Activos de Origen Delictivo", "la Ley N.º 25.246"),
			"corr":    romLaw("el Código Penal de la Nación", ""),
			"tip":     romLaw("la Ley N.º 26.364 de Prevención y Sanción de la Trata de Personas y Asistencia a sus Víctimas", "la Ley N.º 26.364"),
			"som":     romLaw("la Ley de Migraciones N.º 25.871", "la Ley N.º 25.871"),
			"fa":      romLaw("la Ley Nacional de Armas y Explosivos N.º 20.429", "la Ley N.º 20.429"),
			"witness": romLaw("la Ley N.º 25.764 del Programa Nacional de Protección a Testigos e Imputados", "la Ley N.º 25.764"),
			"mla":     romLaw("la Ley de Cooperación Internacional en Materia Penal N.º 24.767", "la Ley N.º 24.767"),
			"extr":    romLaw("la Ley de Cooperación Internacional en Materia Penal N.º 24.767", "la Ley N.º 24.767"),
		},
		auths:    []entity{romE("la Procuración General de la Nación"), romE("la Unidad de Información Financiera"), romE("la Dirección Nacional de Migraciones"), romE("el Ministerio de Seguridad"), romE("la Procuraduría de Trata y Explotación de Personas")},
		courts:   []entity{romE("la Corte Suprema de Justicia de la Nación"), romE("la Cámara Federal de Casación Penal"), romE("el Tribunal Oral en lo Criminal Federal N.º 2 de San Martín")},
		currency: "de pesos", ministry: romE("el Ministerio de Justicia"),
	},
	"RUS": {
		name: "Russian Federation", iso3: "RUS", lang: "ru", printed: "Российская Федерация",
		self: entity{"Российская Федерация", "Российской Федерации"},
		laws: map[string]law{
			"penal": ruLaw("Уголовный кодекс Российской Федерации", "Уголовного кодекса Российской Федерации", "УК РФ", "УК РФ"),
			"proc":  ruLaw("Уголовно-процессуальный кодекс Российской Федерации", "Уголовно-процессуального кодекса Российской Федерации", "УПК РФ", "УПК РФ"),
			"aml":   ruLaw("Федеральный закон от 7 августа 2001 года № 115-ФЗ", "Федерального закона от 7 августа 2001 года № 115-ФЗ", "Федеральный закон № 115-ФЗ", "Федерального закона № 115-ФЗ"),
			"corr":  ruLaw("Федеральный закон от 25 декабря 2008 года № 273-ФЗ «О противодействии коррупции»", "Федерального закона от 25 декабря 2008 года № 273-ФЗ «О противодействии коррупции»", "Федеральный закон № 273-ФЗ", "Федерального закона № 273-ФЗ"),
			"som":   ruLaw("Федеральный закон «О правовом положении иностранных граждан в Российской Федерации»", "Федерального закона «О правовом положении иностранных граждан в Российской Федерации»", "", ""),
			"fa":    ruLaw("Федеральный закон от 13 декабря 1996 года № 150-ФЗ «Об оружии»", "Федерального закона от 13 декабря 1996 года № 150-ФЗ «Об оружии»", "Федеральный закон «Об оружии»", "Федерального закона «Об оружии»"),
		},
		auths: []entity{
			{"Генеральная прокуратура Российской Федерации", "Генеральной прокуратуры Российской Федерации"},
			{"Федеральная служба по финансовому мониторингу", "Федеральной службы по финансовому мониторингу"},
			{"Министерство внутренних дел Российской Федерации", "Министерства внутренних дел Российской Федерации"},
			{"Следственный комитет Российской Федерации", "Следственного комитета Российской Федерации"},
		},
		courts:   []entity{same("Верховный Суд Российской Федерации"), same("Московский городской суд"), same("Санкт-Петербургский городской суд")},
		currency: "рублей", ministry: entity{"Министерство юстиции Российской Федерации", "Министерства юстиции Российской Федерации"},
	},
	"CHN": {
		name: "China", iso3: "CHN", lang: "zh", printed: "中国",
		self: same("中国"),
		laws: map[string]law{
			"penal": zhLaw("《中华人民共和国刑法》"),
			"proc":  zhLaw("《中华人民共和国刑事诉讼法》"),
			"oc":    zhLaw("《中华人民共和国反有组织犯罪法》"),
			"aml":   zhLaw("《中华人民共和国反洗钱法》"),
			"corr":  zhLaw("《中华人民共和国刑法》"),
			"som":   zhLaw("《中华人民共和国出境入境管理法》"),
			"fa":    zhLaw("《中华人民共和国枪支管理法》"),
			"mla":   zhLaw("《中华人民共和国国际刑事司法协助法》"),
		},
		auths:    []entity{same("最高人民检察院"), same("公安部"), same("中国反洗钱监测分析中心"), same("司法部")},
		courts:   []entity{same("最高人民法院"), same("北京市高级人民法院"), same("上海市第一中级人民法院")},
		currency: "元", ministry: same("司法部"),
	},
}

func (s *stateInfo) law(cat string) law {
	if l, ok := s.laws[cat]; ok {
		return l
	}
	return s.laws["penal"]
}
