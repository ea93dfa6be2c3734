package saq

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/countries.csv
var countriesCSV []byte

// Country is a State with its UN English short name and ISO 3166-1
// alpha-3 code.
type Country struct {
	Code  string            // "MEX"
	Name  string            // "Mexico"
	Names map[string]string // UN short names by language: en, fr, es, ru, ar, zh
}

type countryIndex struct {
	byCode map[string]*Country
	byName map[string]*Country // folded name or alias
	byStem map[string]*Country // Cyrillic names by word stems (declension)
	all    []*Country
}

var countries = sync.OnceValue(func() *countryIndex {
	rows, err := readCSV(bytes.NewReader(countriesCSV))
	if err != nil {
		panic("saq: embedded data/countries.csv: " + err.Error())
	}
	idx := &countryIndex{byCode: map[string]*Country{}, byName: map[string]*Country{}, byStem: map[string]*Country{}}
	head := rows[0]
	for _, r := range rows[1:] {
		c := &Country{Code: r[0], Name: r[1], Names: map[string]string{}}
		for i := 1; i < len(r) && i < len(head); i++ {
			if head[i] == "aliases" {
				for _, a := range strings.Split(r[i], ";") {
					idx.add(a, c)
				}
				continue
			}
			c.Names[head[i]] = r[i]
			idx.add(r[i], c)
		}
		idx.add(c.Code, c)
		idx.byCode[c.Code] = c
		idx.all = append(idx.all, c)
	}
	return idx
})

func (idx *countryIndex) add(name string, c *Country) {
	if k := FoldName(name); k != "" {
		if _, taken := idx.byName[k]; !taken {
			idx.byName[k] = c
		}
		if s := stems(k); s != k {
			if _, taken := idx.byStem[s]; !taken {
				idx.byStem[s] = c
			}
		}
	}
}

// stems cuts the case endings of Cyrillic words ("Российской Федерации" and
// "Российская Федерация" share "росси федерац"); other words are kept.
func stems(s string) string {
	f := strings.Fields(s)
	changed := false
	for i, w := range f {
		r := []rune(w)
		if len(r) > 4 && unicode.Is(unicode.Cyrillic, r[0]) {
			f[i] = string(r[:len(r)-2])
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(f, " ")
}

var foldReplacer = strings.NewReplacer("’", "'", "‘", "'", "`", "'", "–", "-", "—", "-", "ё", "е")

// FoldName reduces a name for matching: lower case, accents removed,
// typographic apostrophes and dashes made plain, spaces collapsed.
func FoldName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	out := s
	if !ascii {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		var err error
		if out, _, err = transform.String(t, s); err != nil {
			out = s
		}
		out = foldReplacer.Replace(out)
	}
	return strings.Join(strings.Fields(strings.ToLower(out)), " ")
}

// LookupCountry finds a State by code ("MEX"), UN name in any of the six
// languages, or a common alias ("Mexique", "Estados Unidos Mexicanos").
// Leading articles ("la Tunisie", "el Perú") are ignored.
func LookupCountry(s string) (*Country, bool) {
	idx := countries()
	if c, ok := idx.byCode[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return c, true
	}
	k := FoldName(strings.Trim(s, " .:;,"))
	if c, ok := idx.byName[k]; ok {
		return c, true
	}
	if c, ok := idx.byName[strings.Trim(k, " ()")]; ok {
		return c, true
	}
	for _, art := range []string{"the ", "la ", "le ", "les ", "l'", "el ", "los ", "las "} {
		if rest, ok := strings.CutPrefix(k, art); ok {
			if c, ok := idx.byName[rest]; ok {
				return c, true
			}
		}
	}
	return nil, false
}

// FindCountry looks for the longest State name contained in text, for
// sentences like "the responses of Mexico to the questionnaire" (also
// declined, "ответы Российской Федерации", and in Chinese, where words are
// not separated: "本文件载有中国对…").
func FindCountry(text string) (*Country, bool) {
	idx := countries()
	folded := FoldName(text)
	if c, ok := findIn(" "+folded+" ", idx.byName); ok {
		return c, true
	}
	return findIn(" "+stems(folded)+" ", idx.byStem)
}

func findIn(t string, names map[string]*Country) (*Country, bool) {
	var best *Country
	bestLen := 0
	for name, c := range names {
		if len(name) <= bestLen || len(name) < 4 {
			continue
		}
		i := strings.Index(t, name)
		if i < 0 {
			continue
		}
		// Whole words only, except in scripts without spaces.
		r, _ := utf8.DecodeRuneInString(name)
		before, after := t[i-1], t[i+len(name)]
		if !unicode.Is(unicode.Han, r) && (isWordByte(before) || isWordByte(after)) {
			continue
		}
		best, bestLen = c, len(name)
	}
	return best, best != nil
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// AllCountries lists the States in code order.
func AllCountries() []*Country { return countries().all }
