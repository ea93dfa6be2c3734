package saq

import (
	"strings"
	"testing"
)

func TestDefaultPlan(t *testing.T) {
	p, err := DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	crim, ok := p.Theme("Criminalization")
	if !ok {
		t.Fatal("no criminalization theme")
	}
	var got []string
	for _, a := range crim.Articles {
		got = append(got, a.String())
	}
	if want := "UNTOC 5,UNTOC 6,UNTOC 8,UNTOC 23,TIP 5,SOM 6,FIREARMS 5"; strings.Join(got, ",") != want {
		t.Errorf("criminalization = %s, want %s", strings.Join(got, ","), want)
	}
	anyArt, _ := p.Theme("any")
	if n := len(anyArt.Articles); n != 41+20+25+21 {
		t.Errorf("any: %d articles, want every article of the four instruments", n)
	}
	if p.Party(FIREARMS, "USA") || !p.Party(UNTOC, "MEX") {
		t.Error("parties: USA is not party to the Firearms Protocol; MEX is party to the Convention")
	}
}

func TestPlanExpected(t *testing.T) {
	clusters, err := DefaultClusterMap()
	if err != nil {
		t.Fatal(err)
	}
	themes := "theme,title,instrument,articles\nwit,Witnesses,UNTOC,24\n"
	parties := "instrument,country_code,status\nSOM,China,non_party\n"
	reviews := "cluster,country_code\nI,MEX\nI,Peru\n"
	p, err := LoadPlan(strings.NewReader(themes), strings.NewReader(parties), strings.NewReader(reviews), clusters)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		article ArticleRef
		state   string
		want    bool
	}{
		{ArticleRef{UNTOC, "5"}, "MEX", true},  // cluster I lists MEX
		{ArticleRef{UNTOC, "5"}, "PER", true},  // listed by name
		{ArticleRef{UNTOC, "5"}, "BRA", false}, // cluster I lists others only
		{ArticleRef{UNTOC, "24"}, "BRA", true}, // clusters II/III list nobody: every party
		{ArticleRef{SOM, "16"}, "CHN", false},  // not party
		{ArticleRef{TIP, "6"}, "CHN", true},
	}
	for _, tt := range tests {
		if got := p.Expected(tt.article, tt.state); got != tt.want {
			t.Errorf("Expected(%s, %s) = %v, want %v", tt.article, tt.state, got, tt.want)
		}
	}
}

func TestLoadPlanErrors(t *testing.T) {
	clusters, _ := DefaultClusterMap()
	ok := map[string]string{
		"themes":  "theme,title,instrument,articles\nx,X,UNTOC,5\n",
		"parties": "instrument,country_code,status\n",
		"reviews": "cluster,country_code\n",
	}
	bad := []struct{ file, text, want string }{
		{"themes", "theme,title,instrument,articles\nx,X,UNTOC,99\n", "no article 99"},
		{"themes", "theme,title,instrument,articles\nx,X,NOPE,5\n", "not an instrument"},
		{"themes", "name,articles\n", "header"},
		{"parties", "instrument,country_code,status\nTIP,Atlantis,non_party\n", "row 2"},
		{"parties", "instrument,country_code,status\nTIP,MEX,maybe\n", "row 2"},
		{"reviews", "cluster,country_code\nV,MEX\n", "row 2"},
	}
	for _, b := range bad {
		files := map[string]string{}
		for k, v := range ok {
			files[k] = v
		}
		files[b.file] = b.text
		_, err := LoadPlan(strings.NewReader(files["themes"]), strings.NewReader(files["parties"]), strings.NewReader(files["reviews"]), clusters)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s %q: err %v, want one mentioning %q", b.file, b.text, err, b.want)
		}
	}
}
