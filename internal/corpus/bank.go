package corpus

// bankItem is one substantive question: an obligation of an article, as the
// phrase completing the stem of its kind ("crim": criminal offence; "meas":
// legislative or other measures). ru and zh exist for cluster I articles only.
type bankItem struct {
	inst string
	art  int
	para string
	crim bool
	t    map[string]string
}

func substantiveText(lg string, it bankItem) string {
	p := it.t[lg]
	if it.crim {
		switch lg {
		case "fr":
			return "Votre pays a-t-il adopté les mesures législatives et autres nécessaires pour conférer le caractère d'infraction pénale, lorsque l'acte a été commis intentionnellement, " + p + " ?"
		case "es":
			return "¿Ha adoptado su país las medidas legislativas y de otra índole necesarias para tipificar como delito, cuando se cometa intencionalmente, " + p + "?"
		case "ru":
			return "Приняла ли ваша страна законодательные и другие меры, необходимые для признания в качестве уголовно наказуемого деяния, когда оно совершается умышленно, следующего: " + p + "?"
		case "zh":
			return "贵国是否已采取必要的立法和其他措施，将下列故意实施的行为规定为刑事犯罪：" + p + "？"
		}
		return "Has your country adopted legislative and other measures to establish as a criminal offence, when committed intentionally, " + p + "?"
	}
	switch lg {
	case "fr":
		return "Votre pays a-t-il adopté des mesures législatives ou autres pour " + p + " ?"
	case "es":
		return "¿Ha adoptado su país medidas legislativas o de otra índole para " + p + "?"
	case "ru":
		return "Приняла ли ваша страна законодательные или другие меры для того, чтобы " + p + "?"
	case "zh":
		return "贵国是否已采取立法或其他措施，" + p + "？"
	}
	return "Has your country adopted legislative or other measures to " + p + "?"
}

func bankFor(inst string, art int, lg string) []bankItem {
	var out []bankItem
	for _, it := range bank {
		if it.inst == inst && it.art == art && it.t[lg] != "" {
			out = append(out, it)
		}
	}
	return out
}

type tr = map[string]string

var bank = []bankItem{
	// UNTOC 5
	{untoc, 5, "1(a)(i)", true, tr{
		"en": "agreeing with one or more other persons to commit a serious crime for a purpose relating directly or indirectly to the obtaining of a financial or other material benefit",
		"fr": "au fait de s'entendre avec une ou plusieurs personnes en vue de commettre une infraction grave à une fin liée directement ou indirectement à l'obtention d'un avantage financier ou autre avantage matériel",
		"es": "el acuerdo con una o más personas de cometer un delito grave con un propósito que guarde relación directa o indirecta con la obtención de un beneficio económico u otro beneficio de orden material",
		"ru": "сговор с одним или несколькими лицами о совершении серьезного преступления с целью, прямо или косвенно связанной с получением финансовой или иной материальной выгоды",
		"zh": "为直接或间接获得金钱或其他物质利益而与一人或多人约定实施严重犯罪",
	}},
	{untoc, 5, "1(a)(ii)", true, tr{
		"en": "the conduct of a person who, with knowledge of either the aim and general criminal activity of an organized criminal group or its intention to commit the crimes in question, takes an active part in the criminal activities of the group",
		"fr": "à la participation active d'une personne ayant connaissance soit du but et de l'activité criminelle générale d'un groupe criminel organisé, soit de son intention de commettre les infractions en question, aux activités criminelles de ce groupe",
		"es": "la conducta de toda persona que, a sabiendas de la finalidad y actividad delictiva general de un grupo delictivo organizado o de su intención de cometer los delitos en cuestión, participe activamente en actividades ilícitas del grupo",
		"ru": "деяния лица, которое с осознанием либо цели и общей преступной деятельности организованной преступной группы, либо ее намерения совершить соответствующие преступления принимает активное участие в преступной деятельности такой группы",
		"zh": "明知有组织犯罪集团的目标和一般犯罪活动或其实施有关犯罪的意图而积极参与该集团犯罪活动的行为",
	}},
	{untoc, 5, "1(b)", true, tr{
		"en": "organizing, directing, aiding, abetting, facilitating or counselling the commission of serious crime involving an organized criminal group",
		"fr": "au fait d'organiser, de diriger, de faciliter, d'encourager ou de favoriser au moyen d'une aide ou de conseils la commission d'une infraction grave impliquant un groupe criminel organisé",
		"es": "la organización, dirección, ayuda, incitación, facilitación o asesoramiento en aras de la comisión de un delito grave que entrañe la participación de un grupo delictivo organizado",
		"ru": "организация, руководство, пособничество, подстрекательство, содействие или дача советов в отношении совершения серьезного преступления при участии организованной преступной группы",
		"zh": "组织、指挥、协助、教唆、便利或参谋实施涉及有组织犯罪集团的严重犯罪",
	}},
	{untoc, 5, "2", false, tr{
		"en": "ensure that knowledge, intent, aim, purpose or agreement can be inferred from objective factual circumstances",
		"fr": "que la connaissance, l'intention, le but, la motivation ou l'entente puissent être déduits de circonstances factuelles objectives",
		"es": "garantizar que el conocimiento, la intención, la finalidad, el propósito o el acuerdo puedan inferirse de circunstancias fácticas objetivas",
		"ru": "обеспечить, чтобы осознание, умысел, цель, мотивы или сговор могли быть установлены из объективных фактических обстоятельств",
		"zh": "确保可根据客观实际情况推定明知、故意、目标、目的或约定",
	}},
	// UNTOC 6
	{untoc, 6, "1(a)(i)", true, tr{
		"en": "the conversion or transfer of property, knowing that such property is the proceeds of crime, for the purpose of concealing or disguising its illicit origin",
		"fr": "à la conversion ou au transfert de biens dont celui qui s'y livre sait qu'ils sont le produit du crime, dans le but de dissimuler ou de déguiser l'origine illicite desdits biens",
		"es": "la conversión o la transferencia de bienes, a sabiendas de que esos bienes son producto del delito, con el propósito de ocultar o disimular el origen ilícito de los bienes",
		"ru": "конверсия или перевод имущества, если известно, что такое имущество представляет собой доходы от преступлений, в целях сокрытия или утаивания преступного источника этого имущества",
		"zh": "明知财产为犯罪所得，为隐瞒或掩饰该财产的非法来源而转换或者转让财产",
	}},
	{untoc, 6, "1(a)(ii)", true, tr{
		"en": "the concealment or disguise of the true nature, source, location, disposition, movement or ownership of or rights with respect to property, knowing that such property is the proceeds of crime",
		"fr": "à la dissimulation ou au déguisement de la nature véritable, de l'origine, de l'emplacement, de la disposition, du mouvement ou de la propriété de biens ou de droits y relatifs dont l'auteur sait qu'ils sont le produit du crime",
		"es": "la ocultación o disimulación de la verdadera naturaleza, origen, ubicación, disposición, movimiento o propiedad de bienes o del legítimo derecho a estos, a sabiendas de que dichos bienes son producto del delito",
		"ru": "сокрытие или утаивание подлинного характера, источника, местонахождения, способа распоряжения, перемещения или принадлежности имущества, если известно, что такое имущество представляет собой доходы от преступлений",
		"zh": "明知财产为犯罪所得而隐瞒或掩饰该财产的真实性质、来源、所在地、处置、转移、所有权或有关的权利",
	}},
	{untoc, 6, "1(b)(i)", true, tr{
		"en": "the acquisition, possession or use of property, knowing, at the time of receipt, that such property is the proceeds of crime",
		"fr": "à l'acquisition, la détention ou l'utilisation de biens dont celui qui les acquiert, les détient ou les utilise sait, au moment où il les reçoit, qu'ils sont le produit du crime",
		"es": "la adquisición, posesión o utilización de bienes, a sabiendas, en el momento de su recepción, de que son producto del delito",
		"ru": "приобретение, владение или использование имущества, если в момент его получения известно, что такое имущество представляет собой доходы от преступлений",
		"zh": "在得到财产时，明知其为犯罪所得而仍获取、占有或使用",
	}},
	{untoc, 6, "2(b)", false, tr{
		"en": "include as predicate offences all serious crime and the offences established in accordance with articles 5, 8 and 23 of the Convention",
		"fr": "inclure parmi les infractions principales toutes les infractions graves et les infractions établies conformément aux articles 5, 8 et 23 de la Convention",
		"es": "incluir como delitos determinantes todos los delitos graves y los delitos tipificados con arreglo a los artículos 5, 8 y 23 de la Convención",
		"ru": "включить в число основных правонарушений все серьезные преступления и преступления, признанные таковыми в соответствии со статьями 5, 8 и 23 Конвенции",
		"zh": "将所有严重犯罪和根据《公约》第5条、第8条和第23条确立的犯罪列为上游犯罪",
	}},
	// UNTOC 8
	{untoc, 8, "1(a)", true, tr{
		"en": "the promise, offering or giving to a public official, directly or indirectly, of an undue advantage",
		"fr": "au fait de promettre, d'offrir ou d'accorder à un agent public, directement ou indirectement, un avantage indu",
		"es": "la promesa, el ofrecimiento o la concesión a un funcionario público, directa o indirectamente, de un beneficio indebido",
		"ru": "обещание, предложение или предоставление публичному должностному лицу, лично или через посредников, какого-либо неправомерного преимущества",
		"zh": "直接或间接向公职人员许诺给予、提议给予或实际给予不正当好处",
	}},
	{untoc, 8, "1(b)", true, tr{
		"en": "the solicitation or acceptance by a public official, directly or indirectly, of an undue advantage",
		"fr": "au fait pour un agent public de solliciter ou d'accepter, directement ou indirectement, un avantage indu",
		"es": "la solicitud o aceptación por un funcionario público, directa o indirectamente, de un beneficio indebido",
		"ru": "вымогательство или принятие публичным должностным лицом, лично или через посредников, какого-либо неправомерного преимущества",
		"zh": "公职人员直接或间接索取或接受不正当好处",
	}},
	{untoc, 8, "2", true, tr{
		"en": "the conduct referred to in paragraph 1 involving a foreign public official or international civil servant",
		"fr": "aux actes visés au paragraphe 1 impliquant un agent public étranger ou un fonctionnaire international",
		"es": "los actos mencionados en el párrafo 1 cuando esté involucrado un funcionario público extranjero o un funcionario internacional",
		"ru": "деяния, указанные в пункте 1, с участием иностранного публичного должностного лица или международного гражданского служащего",
		"zh": "涉及外国公职人员或国际公务员的第1款所述行为",
	}},
	{untoc, 8, "3", true, tr{
		"en": "participation as an accomplice in an offence established in accordance with this article",
		"fr": "au fait de se rendre complice d'une infraction établie conformément au présent article",
		"es": "la participación como cómplice en un delito tipificado con arreglo al presente artículo",
		"ru": "участие в качестве сообщника в совершении преступления, признанного таковым в соответствии с настоящей статьей",
		"zh": "作为共犯参与根据本条所确立的犯罪",
	}},
	// UNTOC 10
	{untoc, 10, "1", false, tr{
		"en": "establish the liability of legal persons for participation in serious crimes involving an organized criminal group",
		"fr": "établir la responsabilité des personnes morales qui participent à des infractions graves impliquant un groupe criminel organisé",
		"es": "establecer la responsabilidad de personas jurídicas por participación en delitos graves en que esté involucrado un grupo delictivo organizado",
		"ru": "установить ответственность юридических лиц за участие в серьезных преступлениях, к которым причастна организованная преступная группа",
		"zh": "确立法人参与涉及有组织犯罪集团的严重犯罪的责任",
	}},
	{untoc, 10, "4", false, tr{
		"en": "ensure that legal persons held liable are subject to effective, proportionate and dissuasive criminal or non-criminal sanctions, including monetary sanctions",
		"fr": "que les personnes morales tenues responsables fassent l'objet de sanctions efficaces, proportionnées et dissuasives de nature pénale ou non pénale, y compris de sanctions pécuniaires",
		"es": "velar por que se impongan sanciones penales o no penales eficaces, proporcionadas y disuasivas, incluidas sanciones monetarias, a las personas jurídicas consideradas responsables",
		"ru": "обеспечить применение в отношении юридических лиц, привлекаемых к ответственности, эффективных, соразмерных и оказывающих сдерживающее воздействие уголовных или неуголовных санкций, включая денежные санкции",
		"zh": "确保对被追究责任的法人给予有效、适度和劝阻性的刑事或非刑事制裁，包括金钱制裁",
	}},
	// UNTOC 15
	{untoc, 15, "1(a)", false, tr{
		"en": "establish its jurisdiction over offences committed in its territory",
		"fr": "établir sa compétence à l'égard des infractions commises sur son territoire",
		"es": "establecer su jurisdicción respecto de los delitos cometidos en su territorio",
		"ru": "установить свою юрисдикцию в отношении преступлений, совершенных на ее территории",
		"zh": "对在其领域内实施的犯罪确立管辖权",
	}},
	{untoc, 15, "1(b)", false, tr{
		"en": "establish its jurisdiction over offences committed on board a vessel flying its flag or an aircraft registered under its laws",
		"fr": "établir sa compétence à l'égard des infractions commises à bord d'un navire battant son pavillon ou d'un aéronef immatriculé conformément à son droit interne",
		"es": "establecer su jurisdicción respecto de los delitos cometidos a bordo de un buque que enarbole su pabellón o de una aeronave registrada conforme a sus leyes",
		"ru": "установить свою юрисдикцию в отношении преступлений, совершенных на борту судна, которое несет ее флаг, или воздушного судна, которое зарегистрировано в соответствии с ее законодательством",
		"zh": "对在悬挂其国旗的船只或根据其法律注册的航空器内实施的犯罪确立管辖权",
	}},
	{untoc, 15, "2(a)", false, tr{
		"en": "establish its jurisdiction over offences committed against one of its nationals",
		"fr": "établir sa compétence lorsque l'infraction est commise à l'encontre d'un de ses ressortissants",
		"es": "establecer su jurisdicción respecto de los delitos cometidos contra uno de sus nacionales",
		"ru": "установить свою юрисдикцию в отношении преступлений, совершенных против ее граждан",
		"zh": "对侵害其国民的犯罪确立管辖权",
	}},
	{untoc, 15, "3", false, tr{
		"en": "establish its jurisdiction when the alleged offender is present in its territory and it does not extradite such person solely on the ground that he or she is one of its nationals",
		"fr": "établir sa compétence lorsque l'auteur présumé se trouve sur son territoire et qu'il ne l'extrade pas au seul motif qu'il est l'un de ses ressortissants",
		"es": "establecer su jurisdicción cuando el presunto delincuente se encuentre en su territorio y no lo extradite por el solo hecho de ser uno de sus nacionales",
		"ru": "установить свою юрисдикцию, когда предполагаемый преступник находится на ее территории и она не выдает такое лицо лишь на том основании, что оно является ее гражданином",
		"zh": "在被指控罪犯在其领域内且仅因该人为本国国民而不予引渡时确立管辖权",
	}},
	// UNTOC 23
	{untoc, 23, "(a)", true, tr{
		"en": "the use of physical force, threats or intimidation or the promise, offering or giving of an undue advantage to induce false testimony or to interfere in the giving of testimony or the production of evidence",
		"fr": "au fait de recourir à la force physique, à des menaces ou à l'intimidation, ou de promettre, d'offrir ou d'accorder un avantage indu pour obtenir un faux témoignage ou empêcher un témoignage ou la présentation d'éléments de preuve",
		"es": "el uso de fuerza física, amenazas o intimidación, o la promesa, el ofrecimiento o la concesión de un beneficio indebido para inducir a falso testimonio u obstaculizar la prestación de testimonio o la aportación de pruebas",
		"ru": "применение физической силы, угроз или запугивания или обещание, предложение или предоставление неправомерного преимущества с целью склонения к даче ложных показаний или вмешательства в процесс дачи показаний или представления доказательств",
		"zh": "使用暴力、威胁或恐吓，或许诺给予、提议给予或实际给予不正当好处，以诱使提供虚假证言或干扰证言或证据的提供",
	}},
	{untoc, 23, "(b)", true, tr{
		"en": "the use of physical force, threats or intimidation to interfere with the exercise of official duties by a justice or law enforcement official",
		"fr": "au fait de recourir à la force physique, à des menaces ou à l'intimidation pour empêcher un agent de la justice ou un agent des services de détection et de répression d'exercer les devoirs de leur charge",
		"es": "el uso de fuerza física, amenazas o intimidación para obstaculizar el cumplimiento de las funciones oficiales de un funcionario de la justicia o de los servicios encargados de hacer cumplir la ley",
		"ru": "применение физической силы, угроз или запугивания с целью вмешательства в выполнение должностных обязанностей должностным лицом судебных или правоохранительных органов",
		"zh": "使用暴力、威胁或恐吓干扰司法或执法人员执行公务",
	}},
	// TIP 5
	{tip, 5, "1", true, tr{
		"en": "the conduct set forth in article 3 of the Protocol (trafficking in persons)",
		"fr": "aux actes énoncés à l'article 3 du Protocole (traite des personnes)",
		"es": "las conductas enunciadas en el artículo 3 del Protocolo (trata de personas)",
		"ru": "деяния, указанные в статье 3 Протокола (торговля людьми)",
		"zh": "本议定书第3条所列的行为（贩运人口）",
	}},
	{tip, 5, "2(a)", true, tr{
		"en": "attempting to commit an offence established in accordance with paragraph 1",
		"fr": "au fait de tenter de commettre une infraction établie conformément au paragraphe 1",
		"es": "la tentativa de comisión de un delito tipificado con arreglo al párrafo 1",
		"ru": "покушение на совершение преступления, признанного таковым в соответствии с пунктом 1",
		"zh": "实施根据第1款所确立的犯罪未遂",
	}},
	{tip, 5, "2(c)", true, tr{
		"en": "organizing or directing other persons to commit an offence established in accordance with paragraph 1",
		"fr": "au fait d'organiser la commission d'une infraction établie conformément au paragraphe 1 ou de donner des instructions à d'autres personnes pour qu'elles la commettent",
		"es": "la organización o dirección de otras personas para la comisión de un delito tipificado con arreglo al párrafo 1",
		"ru": "организация других лиц или руководство ими с целью совершения преступления, признанного таковым в соответствии с пунктом 1",
		"zh": "组织或指使他人实施根据第1款所确立的犯罪",
	}},
	// SOM 6
	{som, 6, "1(a)", true, tr{
		"en": "the smuggling of migrants, when committed in order to obtain, directly or indirectly, a financial or other material benefit",
		"fr": "au trafic illicite de migrants, commis pour en tirer, directement ou indirectement, un avantage financier ou un autre avantage matériel",
		"es": "el tráfico ilícito de migrantes, cuando se cometa con el fin de obtener, directa o indirectamente, un beneficio financiero u otro beneficio de orden material",
		"ru": "незаконный ввоз мигрантов в целях получения, прямо или косвенно, финансовой или иной материальной выгоды",
		"zh": "为直接或间接获得金钱或其他物质利益而偷运移民",
	}},
	{som, 6, "1(b)", true, tr{
		"en": "producing, procuring, providing or possessing a fraudulent travel or identity document for the purpose of enabling the smuggling of migrants",
		"fr": "à la fabrication, au fait de procurer, de fournir ou de posséder un document de voyage ou d'identité frauduleux afin de permettre le trafic illicite de migrants",
		"es": "la creación, facilitación, suministro o posesión de un documento de viaje o de identidad falso con el fin de posibilitar el tráfico ilícito de migrantes",
		"ru": "изготовление, приобретение, предоставление или хранение поддельного документа на въезд или удостоверения личности в целях создания условий для незаконного ввоза мигрантов",
		"zh": "为便利偷运移民而制作、获取、提供或持有欺诈性旅行或身份证件",
	}},
	{som, 6, "3", false, tr{
		"en": "establish as aggravating circumstances conduct that endangers the lives or safety of the migrants concerned or entails their inhuman or degrading treatment",
		"fr": "conférer le caractère de circonstance aggravante aux actes qui mettent en danger la vie ou la sécurité des migrants concernés ou impliquent un traitement inhumain ou dégradant de ces migrants",
		"es": "considerar circunstancia agravante toda circunstancia que ponga en peligro la vida o la seguridad de los migrantes afectados o dé lugar a un trato inhumano o degradante de esos migrantes",
		"ru": "признать в качестве отягчающего обстоятельства деяния, которые ставят под угрозу жизнь или безопасность соответствующих мигрантов или связаны с бесчеловечным или унижающим достоинство обращением с ними",
		"zh": "将危及有关移民的生命或安全或使其遭受不人道或有辱人格待遇的情节规定为加重情节",
	}},
	// FIREARMS 5
	{firearms, 5, "1(a)", true, tr{
		"en": "the illicit manufacturing of firearms, their parts and components and ammunition",
		"fr": "à la fabrication illicite d'armes à feu, de leurs pièces, éléments et munitions",
		"es": "la fabricación ilícita de armas de fuego, sus piezas y componentes y municiones",
		"ru": "незаконное изготовление огнестрельного оружия, его составных частей и компонентов и боеприпасов к нему",
		"zh": "非法制造枪支及其零部件和弹药",
	}},
	{firearms, 5, "1(b)", true, tr{
		"en": "illicit trafficking in firearms, their parts and components and ammunition",
		"fr": "au trafic illicite d'armes à feu, de leurs pièces, éléments et munitions",
		"es": "el tráfico ilícito de armas de fuego, sus piezas y componentes y municiones",
		"ru": "незаконный оборот огнестрельного оружия, его составных частей и компонентов и боеприпасов к нему",
		"zh": "非法贩运枪支及其零部件和弹药",
	}},
	{firearms, 5, "1(c)", true, tr{
		"en": "falsifying or illicitly obliterating, removing or altering the marking(s) on firearms",
		"fr": "à la falsification ou à l'effacement, à l'enlèvement ou à l'altération de façon illicite de la ou des marques que doit porter une arme à feu",
		"es": "la falsificación o la obliteración, supresión o alteración ilícitas de la(s) marca(s) de un arma de fuego",
		"ru": "фальсификация или незаконное уничтожение, удаление или изменение маркировки на огнестрельном оружии",
		"zh": "伪造或非法涂销、消除或改动枪支标识",
	}},

	// ---- Cluster II ----
	{untoc, 9, "1", false, tr{
		"en": "promote integrity and to prevent, detect and punish the corruption of public officials",
		"fr": "promouvoir l'intégrité et pour prévenir, détecter et punir la corruption des agents publics",
		"es": "promover la integridad y prevenir, detectar y castigar la corrupción de funcionarios públicos",
	}},
	{untoc, 9, "2", false, tr{
		"en": "ensure effective action by its authorities in the prevention, detection and punishment of the corruption of public officials, including by providing them with adequate independence",
		"fr": "s'assurer que ses autorités agissent efficacement en matière de prévention, de détection et de répression de la corruption des agents publics, y compris en leur donnant une indépendance suffisante",
		"es": "asegurar que sus autoridades actúen eficazmente en materia de prevención, detección y castigo de la corrupción de funcionarios públicos, inclusive dotándolas de suficiente independencia",
	}},
	{untoc, 24, "1", false, tr{
		"en": "provide effective protection from potential retaliation or intimidation for witnesses who give testimony concerning offences covered by the Convention",
		"fr": "assurer une protection efficace contre des actes éventuels de représailles ou d'intimidation aux témoins qui déposent concernant les infractions visées par la Convention",
		"es": "proteger de manera eficaz contra eventuales actos de represalia o intimidación a los testigos que presten testimonio sobre delitos comprendidos en la Convención",
	}},
	{untoc, 24, "2(a)", false, tr{
		"en": "establish procedures for the physical protection of witnesses, including relocation and non-disclosure of information concerning their identity and whereabouts",
		"fr": "établir des procédures visant à assurer la protection physique des témoins, notamment leur relogement et la non-divulgation des informations concernant leur identité et le lieu où ils se trouvent",
		"es": "establecer procedimientos para la protección física de los testigos, incluida su reubicación y la prohibición de revelar información relativa a su identidad y paradero",
	}},
	{untoc, 24, "2(b)", false, tr{
		"en": "provide evidentiary rules to permit witness testimony to be given in a manner that ensures the safety of the witness, such as through video links",
		"fr": "prévoir des règles de preuve qui permettent aux témoins de déposer d'une manière qui garantisse leur sécurité, notamment au moyen de liaisons vidéo",
		"es": "establecer normas probatorias que permitan que el testimonio de los testigos se preste de modo que no se ponga en peligro su seguridad, por ejemplo por conducto de videoconferencia",
	}},
	{untoc, 25, "1", false, tr{
		"en": "provide assistance and protection to victims of offences covered by the Convention, in particular in cases of threat of retaliation or intimidation",
		"fr": "prêter assistance et accorder protection aux victimes d'infractions visées par la Convention, en particulier dans les cas de menace de représailles ou d'intimidation",
		"es": "prestar asistencia y protección a las víctimas de los delitos comprendidos en la Convención, en particular en casos de amenaza de represalia o intimidación",
	}},
	{untoc, 25, "2", false, tr{
		"en": "establish appropriate procedures to provide access to compensation and restitution for victims",
		"fr": "établir des procédures appropriées permettant aux victimes d'obtenir réparation",
		"es": "establecer procedimientos adecuados que permitan a las víctimas obtener indemnización y restitución",
	}},
	{untoc, 25, "3", false, tr{
		"en": "enable views and concerns of victims to be presented and considered at appropriate stages of criminal proceedings against offenders",
		"fr": "permettre que les avis et préoccupations des victimes soient présentés et pris en compte aux stades appropriés de la procédure pénale engagée contre les auteurs d'infractions",
		"es": "permitir que se presenten y examinen las opiniones y preocupaciones de las víctimas en las etapas apropiadas de las actuaciones penales contra los delincuentes",
	}},
	{untoc, 29, "1", false, tr{
		"en": "develop specific training programmes for its law enforcement personnel, including prosecutors, investigating magistrates and customs personnel",
		"fr": "élaborer des programmes de formation spécifiques à l'intention du personnel de ses services de détection et de répression, y compris des magistrats du parquet, des juges d'instruction et des agents des douanes",
		"es": "formular programas de capacitación específicamente concebidos para el personal de sus servicios encargados de hacer cumplir la ley, incluidos fiscales, jueces de instrucción y personal de aduanas",
	}},
	{untoc, 30, "2", false, tr{
		"en": "enhance financial and material assistance to support the efforts of developing countries to fight transnational organized crime",
		"fr": "accroître l'assistance financière et matérielle apportée aux pays en développement afin d'appuyer leurs efforts pour combattre la criminalité transnationale organisée",
		"es": "aumentar la asistencia financiera y material a fin de apoyar los esfuerzos de los países en desarrollo para combatir la delincuencia organizada transnacional",
	}},
	{untoc, 31, "2(a)", false, tr{
		"en": "strengthen cooperation between law enforcement agencies or prosecutors and relevant private entities, including industry",
		"fr": "renforcer la coopération entre les services de détection et de répression ou le ministère public et les entités privées concernées, y compris les entreprises",
		"es": "fortalecer la cooperación entre los organismos encargados de hacer cumplir la ley o el ministerio público y las entidades privadas pertinentes, incluida la industria",
	}},
	{untoc, 31, "5", false, tr{
		"en": "promote public awareness regarding the existence, causes and gravity of and the threat posed by transnational organized crime",
		"fr": "sensibiliser davantage le public à l'existence, aux causes et à la gravité de la criminalité transnationale organisée et à la menace qu'elle représente",
		"es": "promover la concienciación pública respecto de la existencia, las causas y la gravedad de la delincuencia organizada transnacional y la amenaza que representa",
	}},
	{tip, 6, "3", false, tr{
		"en": "provide for the physical, psychological and social recovery of victims of trafficking in persons, including appropriate housing, counselling and medical assistance",
		"fr": "assurer le rétablissement physique, psychologique et social des victimes de la traite des personnes, notamment un logement convenable, des conseils et une assistance médicale",
		"es": "prever la recuperación física, psicológica y social de las víctimas de la trata de personas, incluido el suministro de alojamiento adecuado, asesoramiento y asistencia médica",
	}},
	{tip, 6, "6", false, tr{
		"en": "offer victims of trafficking in persons the possibility of obtaining compensation for damage suffered",
		"fr": "offrir aux victimes de la traite des personnes la possibilité d'obtenir réparation du préjudice subi",
		"es": "ofrecer a las víctimas de la trata de personas la posibilidad de obtener indemnización por los daños sufridos",
	}},
	{tip, 9, "1(a)", false, tr{
		"en": "establish comprehensive policies, programmes and other measures to prevent and combat trafficking in persons",
		"fr": "établir des politiques, programmes et autres mesures d'ensemble pour prévenir et combattre la traite des personnes",
		"es": "establecer políticas, programas y otras medidas de carácter amplio con miras a prevenir y combatir la trata de personas",
	}},
	{tip, 9, "5", false, tr{
		"en": "discourage the demand that fosters all forms of exploitation of persons, especially women and children",
		"fr": "décourager la demande qui favorise toutes les formes d'exploitation des personnes, en particulier des femmes et des enfants",
		"es": "desalentar la demanda que propicia cualquier forma de explotación de personas, especialmente mujeres y niños",
	}},
	{som, 14, "1", false, tr{
		"en": "provide or strengthen specialized training for immigration and other relevant officials in preventing the smuggling of migrants and in the humane treatment of migrants",
		"fr": "assurer ou renforcer la formation spécialisée des agents des services d'immigration et autres agents compétents à la prévention du trafic illicite de migrants et au traitement humain des migrants",
		"es": "impartir o reforzar la formación especializada de los funcionarios de inmigración y de otros funcionarios pertinentes en la prevención del tráfico ilícito de migrantes y en el trato humano de los migrantes",
	}},
	{som, 15, "1", false, tr{
		"en": "implement or strengthen information programmes to increase public awareness of the fact that the smuggling of migrants is a criminal activity frequently perpetrated by organized criminal groups",
		"fr": "mettre en place ou renforcer des programmes d'information destinés à sensibiliser le public au fait que le trafic illicite de migrants est une activité criminelle fréquemment perpétrée par des groupes criminels organisés",
		"es": "establecer o reforzar programas de información para sensibilizar al público respecto del hecho de que el tráfico ilícito de migrantes es una actividad delictiva frecuentemente perpetrada por grupos delictivos organizados",
	}},
	{som, 15, "3", false, tr{
		"en": "promote or strengthen development programmes that combat the root socio-economic causes of the smuggling of migrants, such as poverty and underdevelopment",
		"fr": "promouvoir ou renforcer des programmes de développement visant à combattre les causes socioéconomiques profondes du trafic illicite de migrants, telles que la pauvreté et le sous-développement",
		"es": "promover o reforzar programas de desarrollo destinados a combatir las causas socioeconómicas fundamentales del tráfico ilícito de migrantes, como la pobreza y el subdesarrollo",
	}},
	{som, 16, "1", false, tr{
		"en": "preserve and protect the rights of persons who have been the object of smuggling, in particular the right to life and the right not to be subjected to torture or other cruel, inhuman or degrading treatment or punishment",
		"fr": "sauvegarder et protéger les droits des personnes qui ont été l'objet d'un trafic illicite, en particulier le droit à la vie et le droit de ne pas être soumis à la torture ou à d'autres peines ou traitements cruels, inhumains ou dégradants",
		"es": "preservar y proteger los derechos de las personas que hayan sido objeto de tráfico ilícito, en particular el derecho a la vida y el derecho a no ser sometido a tortura o a otras penas o tratos crueles, inhumanos o degradantes",
	}},
	{som, 16, "3", false, tr{
		"en": "afford appropriate assistance to migrants whose lives or safety are endangered by reason of being the object of smuggling",
		"fr": "accorder une assistance appropriée aux migrants dont la vie ou la sécurité est mise en danger par le fait qu'ils ont été l'objet d'un trafic illicite",
		"es": "prestar asistencia apropiada a los migrantes cuya vida o seguridad se haya puesto en peligro como consecuencia de haber sido objeto de tráfico ilícito",
	}},
	{som, 18, "1", false, tr{
		"en": "facilitate and accept, without undue or unreasonable delay, the return of a person who has been the object of smuggling and who is its national",
		"fr": "faciliter et accepter, sans retard injustifié ou déraisonnable, le retour d'une personne qui a été l'objet d'un trafic illicite et qui est son ressortissant",
		"es": "facilitar y aceptar, sin demora indebida o injustificada, la repatriación de toda persona que haya sido objeto de tráfico ilícito y que sea nacional de ese Estado",
	}},

	// ---- Cluster III ----
	{untoc, 7, "1(a)", false, tr{
		"en": "institute a comprehensive domestic regulatory and supervisory regime for banks and non-bank financial institutions in order to deter and detect money-laundering",
		"fr": "instituer un régime interne complet de réglementation et de contrôle des banques et des institutions financières non bancaires afin de décourager et de détecter le blanchiment d'argent",
		"es": "establecer un amplio régimen interno de reglamentación y supervisión de los bancos y las instituciones financieras no bancarias a fin de disuadir y detectar el blanqueo de dinero",
	}},
	{untoc, 7, "1(b)", false, tr{
		"en": "establish a financial intelligence unit to serve as a national centre for the collection, analysis and dissemination of information regarding potential money-laundering",
		"fr": "créer un service de renseignement financier qui fasse office de centre national de collecte, d'analyse et de diffusion d'informations concernant d'éventuelles opérations de blanchiment d'argent",
		"es": "establecer una dependencia de inteligencia financiera que sirva de centro nacional de recopilación, análisis y difusión de información sobre posibles actividades de blanqueo de dinero",
	}},
	{untoc, 11, "1", false, tr{
		"en": "make the commission of an offence covered by the Convention liable to sanctions that take into account the gravity of that offence",
		"fr": "rendre la commission d'une infraction visée par la Convention passible de sanctions qui tiennent compte de la gravité de cette infraction",
		"es": "penalizar la comisión de un delito comprendido en la Convención con sanciones que tengan en cuenta la gravedad de ese delito",
	}},
	{untoc, 11, "4", false, tr{
		"en": "ensure that the courts bear in mind the grave nature of the offences when considering the eventuality of early release or parole",
		"fr": "que ses tribunaux tiennent compte de la gravité des infractions lorsqu'ils envisagent l'éventualité d'une libération anticipée ou conditionnelle",
		"es": "velar por que sus tribunales tengan presente la naturaleza grave de los delitos al considerar la eventualidad de conceder la libertad anticipada o la libertad condicional",
	}},
	{untoc, 19, "", false, tr{
		"en": "conclude agreements or arrangements for the establishment of joint investigative bodies",
		"fr": "conclure des accords ou arrangements en vue de créer des instances d'enquête conjointes",
		"es": "celebrar acuerdos o arreglos para establecer órganos mixtos de investigación",
	}},
	{untoc, 20, "1", false, tr{
		"en": "allow for the appropriate use of controlled delivery and, where appropriate, other special investigative techniques such as electronic surveillance and undercover operations",
		"fr": "permettre le recours approprié aux livraisons surveillées et, lorsqu'il le juge approprié, à d'autres techniques d'enquête spéciales, telles que la surveillance électronique et les opérations d'infiltration",
		"es": "prever el adecuado recurso a la entrega vigilada y, cuando lo considere apropiado, la utilización de otras técnicas especiales de investigación, como la vigilancia electrónica y las operaciones encubiertas",
	}},
	{untoc, 22, "", false, tr{
		"en": "take into consideration any previous conviction in another State of an alleged offender for the purpose of using such information in criminal proceedings",
		"fr": "tenir compte de toute condamnation dont l'auteur présumé d'une infraction aurait fait l'objet dans un autre État, afin d'utiliser cette information dans le cadre d'une procédure pénale",
		"es": "tener en cuenta cualquier condena previa impuesta a un presunto delincuente en otro Estado a fin de utilizar esa información en actuaciones penales",
	}},
	{untoc, 26, "1", false, tr{
		"en": "encourage persons who participate or who have participated in organized criminal groups to supply information useful to competent authorities",
		"fr": "encourager les personnes qui participent ou ont participé à des groupes criminels organisés à fournir des informations utiles aux autorités compétentes",
		"es": "alentar a las personas que participen o hayan participado en grupos delictivos organizados a proporcionar información útil a las autoridades competentes",
	}},
	{untoc, 26, "2", false, tr{
		"en": "provide for the possibility of mitigating punishment of an accused person who provides substantial cooperation in the investigation or prosecution",
		"fr": "prévoir la possibilité d'alléger la peine dont est passible un prévenu qui coopère de manière substantielle à l'enquête ou aux poursuites",
		"es": "prever la posibilidad de mitigar la pena de las personas acusadas que presten una cooperación sustancial en la investigación o el enjuiciamiento",
	}},
	{untoc, 27, "1", false, tr{
		"en": "enhance and establish channels of communication between its competent authorities, agencies and services and those of other States parties",
		"fr": "renforcer ou établir des voies de communication entre ses autorités, organismes et services compétents et ceux des autres États parties",
		"es": "mejorar y establecer canales de comunicación entre sus autoridades, organismos y servicios competentes y los de otros Estados parte",
	}},
	{untoc, 28, "1", false, tr{
		"en": "analyse trends in organized crime in its territory, the circumstances in which organized crime operates and the professional groups and technologies involved",
		"fr": "analyser les tendances de la criminalité organisée sur son territoire, les circonstances dans lesquelles elle opère, ainsi que les groupes professionnels et les technologies impliqués",
		"es": "analizar las tendencias de la delincuencia organizada en su territorio, las circunstancias en que actúa la delincuencia organizada, así como los grupos profesionales y las tecnologías involucrados",
	}},
	{tip, 11, "3", false, tr{
		"en": "establish the obligation of commercial carriers to ascertain that all passengers are in possession of the travel documents required for entry into the receiving State",
		"fr": "établir l'obligation pour les transporteurs commerciaux de vérifier que tous les passagers sont en possession des documents de voyage requis pour l'entrée dans l'État d'accueil",
		"es": "establecer la obligación de los transportistas comerciales de cerciorarse de que todos los pasajeros tengan en su poder los documentos de viaje requeridos para entrar en el Estado receptor",
	}},
	{tip, 12, "(a)", false, tr{
		"en": "ensure that travel or identity documents issued by it are of such quality that they cannot easily be misused and cannot readily be falsified",
		"fr": "faire en sorte que les documents de voyage ou d'identité qu'il délivre soient d'une qualité telle qu'on ne puisse facilement en faire un usage impropre et les falsifier",
		"es": "garantizar la necesaria calidad de los documentos de viaje o de identidad que expida, de forma que no puedan con facilidad utilizarse indebidamente ni falsificarse",
	}},
	{tip, 13, "", false, tr{
		"en": "verify within a reasonable time the legitimacy and validity of travel or identity documents issued in its name at the request of another State party",
		"fr": "vérifier dans un délai raisonnable la légitimité et la validité des documents de voyage ou d'identité délivrés en son nom, à la demande d'un autre État partie",
		"es": "verificar, dentro de un plazo razonable, la legitimidad y validez de los documentos de viaje o de identidad expedidos en su nombre, a solicitud de otro Estado parte",
	}},

	// ---- Cluster IV ----
	{untoc, 12, "1", false, tr{
		"en": "enable the confiscation of proceeds of crime derived from offences covered by the Convention and of property, equipment or other instrumentalities used in such offences",
		"fr": "permettre la confiscation du produit du crime provenant d'infractions visées par la Convention et des biens, matériels et autres instruments utilisés pour ces infractions",
		"es": "autorizar el decomiso del producto de los delitos comprendidos en la Convención y de los bienes, equipo u otros instrumentos utilizados para cometer tales delitos",
	}},
	{untoc, 12, "2", false, tr{
		"en": "enable the identification, tracing, freezing or seizure of items for the purpose of eventual confiscation",
		"fr": "permettre l'identification, la localisation, le gel ou la saisie de tout élément aux fins de confiscation éventuelle",
		"es": "permitir la identificación, la localización, el embargo preventivo o la incautación de cualquier bien a efectos de su eventual decomiso",
	}},
	{untoc, 13, "1", false, tr{
		"en": "give effect to requests received from another State party for the confiscation of proceeds of crime",
		"fr": "donner suite aux demandes de confiscation du produit du crime reçues d'un autre État partie",
		"es": "dar curso a las solicitudes de decomiso del producto del delito recibidas de otro Estado parte",
	}},
	{untoc, 14, "2", false, tr{
		"en": "give priority consideration to returning confiscated proceeds of crime or property to the requesting State party so that it can give compensation to the victims",
		"fr": "envisager à titre prioritaire de restituer le produit du crime ou les biens confisqués à l'État partie requérant, afin que ce dernier puisse indemniser les victimes",
		"es": "considerar con carácter prioritario la devolución del producto del delito o de los bienes decomisados al Estado parte requirente a fin de que este pueda indemnizar a las víctimas",
	}},
	{untoc, 16, "1", false, tr{
		"en": "ensure that the offences covered by the Convention are extraditable offences",
		"fr": "faire en sorte que les infractions visées par la Convention soient des infractions donnant lieu à extradition",
		"es": "garantizar que los delitos comprendidos en la Convención den lugar a extradición",
	}},
	{untoc, 16, "10", false, tr{
		"en": "submit the case without undue delay to its competent authorities for the purpose of prosecution when it does not extradite a person solely on the ground of nationality",
		"fr": "soumettre l'affaire sans retard excessif à ses autorités compétentes aux fins de poursuites lorsqu'il n'extrade pas une personne au seul motif de sa nationalité",
		"es": "someter el caso sin demora injustificada a sus autoridades competentes a efectos de enjuiciamiento cuando no extradite a una persona por el solo hecho de su nacionalidad",
	}},
	{untoc, 17, "", false, tr{
		"en": "conclude bilateral or multilateral agreements or arrangements on the transfer of persons sentenced for offences covered by the Convention",
		"fr": "conclure des accords ou arrangements bilatéraux ou multilatéraux relatifs au transfèrement de personnes condamnées pour des infractions visées par la Convention",
		"es": "celebrar acuerdos o arreglos bilaterales o multilaterales sobre el traslado de personas condenadas por delitos comprendidos en la Convención",
	}},
	{untoc, 18, "1", false, tr{
		"en": "afford the widest measure of mutual legal assistance in investigations, prosecutions and judicial proceedings in relation to the offences covered by the Convention",
		"fr": "accorder l'entraide judiciaire la plus large possible lors des enquêtes, poursuites et procédures judiciaires concernant les infractions visées par la Convention",
		"es": "prestar la más amplia asistencia judicial recíproca respecto de investigaciones, procesos y actuaciones judiciales relacionados con los delitos comprendidos en la Convención",
	}},
	{untoc, 18, "13", false, tr{
		"en": "designate a central authority with the responsibility and power to receive requests for mutual legal assistance",
		"fr": "désigner une autorité centrale qui a la responsabilité et le pouvoir de recevoir les demandes d'entraide judiciaire",
		"es": "designar a una autoridad central encargada de recibir solicitudes de asistencia judicial recíproca",
	}},
	{untoc, 21, "", false, tr{
		"en": "allow for the transfer of proceedings for the prosecution of an offence covered by the Convention where such transfer is considered to be in the interests of the proper administration of justice",
		"fr": "permettre le transfert des procédures pénales relatives à une infraction visée par la Convention lorsque ce transfert est jugé nécessaire dans l'intérêt d'une bonne administration de la justice",
		"es": "permitir la remisión de actuaciones penales para el enjuiciamiento por un delito comprendido en la Convención cuando se estime que esa remisión obrará en beneficio de la debida administración de justicia",
	}},
}

// topics name the subject matter of an article for narrative sentences
// (en: after "related to"; fr: after "en matière de"; es: after "en materia de"; zh: noun).
var topics = map[string][4]string{
	"UNTOC/5":    {"participation in an organized criminal group", "participation à un groupe criminel organisé", "participación en un grupo delictivo organizado", "参加有组织犯罪集团"},
	"UNTOC/6":    {"money-laundering", "blanchiment d'argent", "blanqueo de dinero", "洗钱"},
	"UNTOC/7":    {"money-laundering", "lutte contre le blanchiment", "blanqueo de dinero", "反洗钱"},
	"UNTOC/8":    {"corruption", "corruption", "corrupción", "腐败"},
	"UNTOC/9":    {"the prevention of corruption", "prévention de la corruption", "prevención de la corrupción", "预防腐败"},
	"UNTOC/10":   {"the liability of legal persons", "responsabilité des personnes morales", "responsabilidad de las personas jurídicas", "法人责任"},
	"UNTOC/11":   {"prosecution and sentencing", "poursuites et sanctions", "enjuiciamiento y sanciones", "起诉和量刑"},
	"UNTOC/12":   {"confiscation and seizure", "confiscation et saisie", "decomiso e incautación", "没收和扣押"},
	"UNTOC/13":   {"international cooperation for purposes of confiscation", "coopération internationale aux fins de confiscation", "cooperación internacional para fines de decomiso", "没收事宜的国际合作"},
	"UNTOC/14":   {"the disposal of confiscated assets", "disposition des avoirs confisqués", "disposición de los bienes decomisados", "没收资产的处置"},
	"UNTOC/15":   {"jurisdiction", "compétence", "jurisdicción", "管辖权"},
	"UNTOC/16":   {"extradition", "extradition", "extradición", "引渡"},
	"UNTOC/17":   {"the transfer of sentenced persons", "transfèrement des personnes condamnées", "traslado de personas condenadas", "被判刑人员移交"},
	"UNTOC/18":   {"mutual legal assistance", "entraide judiciaire", "asistencia judicial recíproca", "司法协助"},
	"UNTOC/19":   {"joint investigations", "enquêtes conjointes", "investigaciones conjuntas", "联合调查"},
	"UNTOC/20":   {"special investigative techniques", "techniques d'enquête spéciales", "técnicas especiales de investigación", "特殊侦查手段"},
	"UNTOC/21":   {"the transfer of criminal proceedings", "transfert des procédures pénales", "remisión de actuaciones penales", "刑事诉讼移交"},
	"UNTOC/22":   {"criminal records", "antécédents judiciaires", "antecedentes penales", "犯罪记录"},
	"UNTOC/23":   {"obstruction of justice", "entrave au bon fonctionnement de la justice", "obstrucción de la justicia", "妨害司法"},
	"UNTOC/24":   {"the protection of witnesses", "protection des témoins", "protección de los testigos", "证人保护"},
	"UNTOC/25":   {"assistance to victims", "assistance aux victimes", "asistencia a las víctimas", "被害人援助"},
	"UNTOC/26":   {"cooperation with law enforcement authorities", "coopération avec les services de détection et de répression", "cooperación con las autoridades encargadas de hacer cumplir la ley", "与执法当局合作"},
	"UNTOC/27":   {"law enforcement cooperation", "coopération policière", "cooperación policial", "执法合作"},
	"UNTOC/28":   {"the analysis of organized crime", "analyse de la criminalité organisée", "análisis de la delincuencia organizada", "有组织犯罪分析"},
	"UNTOC/29":   {"training", "formation", "capacitación", "培训"},
	"UNTOC/30":   {"technical assistance", "assistance technique", "asistencia técnica", "技术援助"},
	"UNTOC/31":   {"crime prevention", "prévention de la criminalité", "prevención del delito", "犯罪预防"},
	"TIP/5":      {"trafficking in persons", "traite des personnes", "trata de personas", "贩运人口"},
	"TIP/6":      {"assistance to victims of trafficking", "assistance aux victimes de la traite", "asistencia a las víctimas de la trata", "贩运人口被害人援助"},
	"TIP/9":      {"the prevention of trafficking in persons", "prévention de la traite des personnes", "prevención de la trata de personas", "预防贩运人口"},
	"TIP/11":     {"border controls", "contrôles aux frontières", "controles fronterizos", "边境管制"},
	"TIP/12":     {"document security", "sécurité des documents", "seguridad de los documentos", "证件安全"},
	"TIP/13":     {"the verification of documents", "vérification des documents", "verificación de documentos", "证件核查"},
	"SOM/6":      {"the smuggling of migrants", "trafic illicite de migrants", "tráfico ilícito de migrantes", "偷运移民"},
	"SOM/14":     {"training on migrant smuggling", "formation relative au trafic de migrants", "capacitación sobre tráfico de migrantes", "偷运移民问题培训"},
	"SOM/15":     {"the prevention of migrant smuggling", "prévention du trafic de migrants", "prevención del tráfico de migrantes", "预防偷运移民"},
	"SOM/16":     {"the protection of smuggled migrants", "protection des migrants objet d'un trafic", "protección de los migrantes objeto de tráfico", "保护被偷运移民"},
	"SOM/18":     {"the return of smuggled migrants", "retour des migrants objet d'un trafic", "repatriación de migrantes objeto de tráfico", "遣返被偷运移民"},
	"FIREARMS/5": {"illicit firearms", "armes à feu illicites", "armas de fuego ilícitas", "非法枪支"},
}

// lawCategory picks which national law an article's answers cite.
func lawCategory(inst string, art int) string {
	switch inst {
	case tip:
		return "tip"
	case som:
		return "som"
	case firearms:
		return "fa"
	}
	switch art {
	case 5, 27, 28, 29, 30, 31:
		return "oc"
	case 6, 7, 12, 14:
		return "aml"
	case 8, 9:
		return "corr"
	case 13, 17, 18, 19, 21:
		return "mla"
	case 16:
		return "extr"
	case 20, 22, 26:
		return "proc"
	case 24, 25:
		return "witness"
	}
	return "penal"
}
