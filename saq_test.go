package saq

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLookupCountry(t *testing.T) {
	tests := []struct{ in, code string }{
		{"Mexico", "MEX"}, {"México", "MEX"}, {"Mexique", "MEX"}, {"MEX", "MEX"}, {"Tunisie", "TUN"}, {"la Tunisie", "TUN"},
		{"Cameroun", "CMR"}, {"Égypte", "EGY"}, {"Egypte", "EGY"}, {"Perú", "PER"}, {"el Perú", "PER"},
		{"Российская Федерация", "RUS"}, {"Russia", "RUS"}, {"مصر", "EGY"}, {"中国", "CHN"}, {"Côte d’Ivoire", "CIV"},
		{"United Kingdom", "GBR"}, {"Bolivia (Plurinational State of)", "BOL"}, {"Türkiye", "TUR"}, {"Turkey", "TUR"},
	}
	for _, tc := range tests {
		c, ok := LookupCountry(tc.in)
		if !ok || c.Code != tc.code {
			t.Errorf("LookupCountry(%q) = %v, %v; want %s", tc.in, c, ok, tc.code)
		}
	}
	for _, bad := range []string{"Korea", "Atlantis", ""} {
		if c, ok := LookupCountry(bad); ok {
			t.Errorf("LookupCountry(%q) = %s, want no match", bad, c.Code)
		}
	}
	for text, code := range map[string]string{
		"This document contains the responses of the Republic of Korea to the questionnaire": "KOR",
		"В настоящем документе содержатся ответы Российской Федерации на вопросник":          "RUS",
		"本文件载有中国对关于《联合国打击跨国有组织犯罪公约》执行情况的自评调查表的答复。":                                           "CHN",
		"Le présent document contient les réponses du Cameroun au questionnaire":             "CMR",
	} {
		if c, ok := FindCountry(text); !ok || c.Code != code {
			t.Errorf("FindCountry(%q) = %v, %v; want %s", text, c, ok, code)
		}
	}
	if n := len(AllCountries()); n != 195 {
		t.Errorf("%d States, want 193 members and 2 observer States", n)
	}
}

func TestClusterMap(t *testing.T) {
	m, err := DefaultClusterMap()
	if err != nil {
		t.Fatal(err)
	}
	if m.Version == "" {
		t.Error("the embedded map has no version line")
	}
	es := m.ClustersOf(UNTOC, 5)
	if len(es) != 1 || es[0].Cluster != "I" || !es[0].Verified {
		t.Errorf("UNTOC 5 = %+v, want verified cluster I", es)
	}
	if len(m.ArticlesIn("IV")) == 0 {
		t.Error("cluster IV is empty")
	}
	for _, bad := range []string{
		"instrument,article,cluster,status\nUNTOC,99,I,verified\n",
		"instrument,article,cluster,status\nNOPE,5,I,verified\n",
		"instrument,article,cluster,status\nUNTOC,5,V,verified\n",
	} {
		if _, err := LoadClusterMap(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadClusterMap(%q) accepted a bad row", bad)
		}
	}
	for _, inst := range Instruments {
		for _, a := range Articles(inst) {
			if a.Title("en") == "" || a.Title("fr") == "" || a.Title("es") == "" {
				t.Errorf("%s lacks a title", a.Key())
			}
		}
	}
	if n := len(Articles(UNTOC)) + len(Articles(TIP)) + len(Articles(SOM)) + len(Articles(FIREARMS)); n != 41+20+25+21 {
		t.Errorf("%d articles, want 107", n)
	}
}

func TestRecordJSON(t *testing.T) {
	tests := []struct {
		rec  Record
		want string
	}{
		{Record{File: "x.pdf", SHA256: "ab", Error: Errorf(KindEncrypted, "needs a password")},
			`{"file":"x.pdf","error":{"kind":"encrypted","message":"needs a password"}}`},
		{Record{File: "y.pdf", SHA256: "cd", Pages: 2, Submission: &Submission{Instruments: []Instrument{UNTOC}}, Answers: []Answer{{Instrument: UNTOC, Article: "5", Question: "1"}}},
			`{"file":"y.pdf","sha256":"cd","pages":2,"submission":{"country":"","country_code":"","language":"","instruments":["UNTOC"],"cluster":""},"answers":[{"instrument":"UNTOC","article":"5","paragraph":"","question":"1","question_text":"","choice":"","text":"","pages":[]}],"warnings":[]}`},
		{Record{File: "z.pdf", Submission: &Submission{}},
			`{"file":"z.pdf","submission":{"country":"","country_code":"","language":"","instruments":[],"cluster":""},"answers":[],"warnings":[]}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.rec)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("got  %s\nwant %s", b, tc.want)
		}
	}
}
