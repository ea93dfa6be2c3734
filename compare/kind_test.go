package compare

import "testing"

func TestQuestionKind(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Has your country adopted legislative and other measures to establish as a criminal offence the conversion or transfer of property?", KindMeasures},
		{"Has your country adopted measures? If so, please cite the applicable legislation.", KindMeasures},
		{"Please cite and summarize the applicable legislation and describe how it is applied.", KindLegislation},
		{"Please provide examples of the implementation of article 5, including cases, court decisions and statistics, where available.", KindExamples},
		{"Has your country encountered any challenges in implementing article 6 of the Convention?", KindChallenges},
		{"Does your country require technical assistance to implement article 5?", KindAssistance},
		{"If so, please specify the forms of technical assistance that would be required.", KindAssistance},
		{"Please provide statistics on prosecutions and convictions.", KindStatistics},
		// "illicite" contains "cite": a cue must start a word.
		{"Votre pays a-t-il adopté les mesures législatives et autres nécessaires pour conférer le caractère d'infraction pénale à la fabrication illicite d'armes à feu ?", KindMeasures},
		{"Veuillez citer et résumer la législation applicable et décrire comment elle est appliquée dans la pratique.", KindLegislation},
		{"Votre pays a-t-il rencontré des difficultés dans l'application de l'article 5 ?", KindChallenges},
		{"¿Ha adoptado su país medidas legislativas para tipificar como delito la participación en un grupo delictivo organizado?", KindMeasures},
		{"Sírvase proporcionar ejemplos de la aplicación del artículo 5.", KindExamples},
		{"Приняла ли ваша страна законодательные и другие меры для признания уголовно наказуемым участия в организованной преступной группе?", KindMeasures},
		{"Сталкивалась ли ваша страна с какими-либо трудностями при осуществлении статьи 5?", KindChallenges},
		{"Нуждается ли ваша страна в технической помощи для осуществления статьи 5?", KindAssistance},
		{"هل اعتمد بلدكم تدابير تشريعية وغيرها لتجريم المشاركة في جماعة إجرامية منظمة؟", KindMeasures},
		{"هل يحتاج بلدكم إلى المساعدة التقنية لتنفيذ المادة 5؟", KindAssistance},
		{"贵国是否已采取立法和其他措施，将参加有组织犯罪集团的行为定为刑事犯罪？", KindMeasures},
		{"贵国在执行第5条方面是否遇到任何困难？", KindChallenges},
		{"请提供执行第5条的实例。", KindExamples},
		{"Name the competent authority.", KindOther},
	}
	for _, tt := range tests {
		if got := questionKind(tt.text); got != tt.want {
			t.Errorf("questionKind(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
