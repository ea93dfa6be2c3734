package saq

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/themes.csv
var themesCSV []byte

//go:embed data/parties.csv
var partiesCSV []byte

//go:embed data/reviews.csv
var reviewsCSV []byte

// ArticleRef names one article of one instrument, as compared and reported.
type ArticleRef struct {
	Instrument Instrument `json:"instrument"`
	Article    string     `json:"article"`
}

// String returns the canonical "INSTRUMENT N" form, e.g. "UNTOC 24".
func (a ArticleRef) String() string { return string(a.Instrument) + " " + a.Article }

// ParseArticleRef reads "UNTOC:24", "UNTOC 24" or "tip:5".
func ParseArticleRef(s string) (ArticleRef, error) {
	inst, num, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		inst, num, ok = strings.Cut(strings.TrimSpace(s), " ")
	}
	in, okInst := ParseInstrument(inst)
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if !ok || !okInst || err != nil {
		return ArticleRef{}, Errorf(KindInvalid, "%q is not INSTRUMENT:ARTICLE (e.g. UNTOC:24)", s)
	}
	if _, ok := LookupArticle(in, n); !ok {
		return ArticleRef{}, Errorf(KindInvalid, "%s has no article %d", in, n)
	}
	return ArticleRef{Instrument: in, Article: strconv.Itoa(n)}, nil
}

// Theme is a named set of articles compared together, e.g. criminalization.
type Theme struct {
	Name     string
	Title    string
	Articles []ArticleRef // by instrument order, then number
}

// Plan is the data a comparison needs beyond the answers: the themes, which
// States are party to which instrument, and which are under review for
// which cluster. All three are data files (data/themes.csv, parties.csv,
// reviews.csv), replaceable at run time, so none of them is code.
type Plan struct {
	Themes   []Theme
	Clusters *ClusterMap
	// nonParties holds "INSTRUMENT ISO3" for States not party to an instrument.
	nonParties map[string]bool
	// underReview lists the States under review per cluster; a cluster
	// absent from the map has every State party under review.
	underReview map[string][]string
}

// Theme returns the theme with that name (case-insensitive).
func (p *Plan) Theme(name string) (Theme, bool) {
	for _, t := range p.Themes {
		if strings.EqualFold(t.Name, strings.TrimSpace(name)) {
			return t, true
		}
	}
	return Theme{}, false
}

// Party reports whether a State is party to an instrument.
func (p *Plan) Party(inst Instrument, code string) bool {
	return !p.nonParties[string(inst)+" "+strings.ToUpper(code)]
}

// Expected reports whether a State is expected to have answered on an
// article: it is party to the instrument and under review for one of the
// article's clusters.
func (p *Plan) Expected(a ArticleRef, code string) bool {
	if !p.Party(a.Instrument, code) {
		return false
	}
	n, _ := strconv.Atoi(a.Article)
	for _, e := range p.Clusters.ClustersOf(a.Instrument, n) {
		states, listed := p.underReview[e.Cluster]
		if !listed || slices.Contains(states, strings.ToUpper(code)) {
			return true
		}
	}
	return false
}

var defaultPlan = sync.OnceValues(func() (*Plan, error) {
	clusters, err := DefaultClusterMap()
	if err != nil {
		return nil, err
	}
	open := func(env string, embedded []byte) (io.Reader, func(), error) {
		if path := os.Getenv(env); path != "" {
			f, err := os.Open(path)
			if err != nil {
				return nil, nil, err
			}
			return f, func() { f.Close() }, nil
		}
		return bytes.NewReader(embedded), func() {}, nil
	}
	themes, closeT, err := open("SAQ_THEMES", themesCSV)
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	defer closeT()
	parties, closeP, err := open("SAQ_PARTIES", partiesCSV)
	if err != nil {
		return nil, fmt.Errorf("parties: %w", err)
	}
	defer closeP()
	reviews, closeR, err := open("SAQ_REVIEWS", reviewsCSV)
	if err != nil {
		return nil, fmt.Errorf("reviews: %w", err)
	}
	defer closeR()
	return LoadPlan(themes, parties, reviews, clusters)
})

// DefaultPlan returns the plan in use: the embedded data files, each
// replaceable by the file named in SAQ_THEMES, SAQ_PARTIES or SAQ_REVIEWS.
func DefaultPlan() (*Plan, error) { return defaultPlan() }

// LoadPlan reads a plan from files in the formats of data/themes.csv,
// data/parties.csv and data/reviews.csv.
func LoadPlan(themes, parties, reviews io.Reader, clusters *ClusterMap) (*Plan, error) {
	p := &Plan{Clusters: clusters, nonParties: map[string]bool{}, underReview: map[string][]string{}}
	rows, err := readRows(themes, "theme,title,instrument,articles")
	if err != nil {
		return nil, fmt.Errorf("themes: %w", err)
	}
	for i, r := range rows {
		if err := p.addTheme(r); err != nil {
			return nil, fmt.Errorf("themes: row %d: %w", i+2, err)
		}
	}
	for i := range p.Themes {
		SortArticles(p.Themes[i].Articles)
	}
	rows, err = readRows(parties, "instrument,country_code,status")
	if err != nil {
		return nil, fmt.Errorf("parties: %w", err)
	}
	for i, r := range rows {
		inst, ok := ParseInstrument(r[0])
		c, okc := LookupCountry(r[1])
		if !ok || !okc || (r[2] != "non_party" && r[2] != "signatory") {
			return nil, fmt.Errorf("parties: row %d: %q is not instrument,country_code,non_party|signatory", i+2, strings.Join(r, ","))
		}
		p.nonParties[string(inst)+" "+c.Code] = true
	}
	rows, err = readRows(reviews, "cluster,country_code")
	if err != nil {
		return nil, fmt.Errorf("reviews: %w", err)
	}
	for i, r := range rows {
		cl, ok := ParseCluster(r[0])
		c, okc := LookupCountry(r[1])
		if !ok || !okc {
			return nil, fmt.Errorf("reviews: row %d: %q is not cluster,country_code", i+2, strings.Join(r, ","))
		}
		p.underReview[cl] = append(p.underReview[cl], c.Code)
	}
	return p, nil
}

func (p *Plan) addTheme(r []string) error {
	name, title := strings.ToLower(strings.TrimSpace(r[0])), strings.TrimSpace(r[1])
	if name == "" {
		return fmt.Errorf("empty theme name")
	}
	var insts []Instrument
	if r[2] == "*" {
		insts = Instruments
	} else if in, ok := ParseInstrument(r[2]); ok {
		insts = []Instrument{in}
	} else {
		return fmt.Errorf("%q is not an instrument", r[2])
	}
	var refs []ArticleRef
	for _, in := range insts {
		if strings.TrimSpace(r[3]) == "*" {
			for _, a := range Articles(in) {
				refs = append(refs, ArticleRef{in, strconv.Itoa(a.Number)})
			}
			continue
		}
		for _, f := range strings.Fields(r[3]) {
			ref, err := ParseArticleRef(string(in) + ":" + f)
			if err != nil {
				return err
			}
			refs = append(refs, ref)
		}
	}
	i := slices.IndexFunc(p.Themes, func(t Theme) bool { return t.Name == name })
	if i < 0 {
		p.Themes = append(p.Themes, Theme{Name: name, Title: title})
		i = len(p.Themes) - 1
	}
	for _, ref := range refs {
		if !slices.Contains(p.Themes[i].Articles, ref) {
			p.Themes[i].Articles = append(p.Themes[i].Articles, ref)
		}
	}
	return nil
}

// SortArticles orders articles by instrument, then number, in place.
func SortArticles(as []ArticleRef) {
	slices.SortFunc(as, func(a, b ArticleRef) int {
		if a.Instrument != b.Instrument {
			return instrumentOrder(a.Instrument) - instrumentOrder(b.Instrument)
		}
		x, _ := strconv.Atoi(a.Article)
		y, _ := strconv.Atoi(b.Article)
		return x - y
	})
}

// readRows reads a '#'-commented CSV whose header starts with the given
// columns and returns its data rows (possibly none), each with at least as
// many fields as the header names.
func readRows(r io.Reader, header string) ([][]string, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	want := strings.Split(header, ",")
	if len(rows) == 0 || len(rows[0]) < len(want) || !slices.Equal(rows[0][:len(want)], want) {
		return nil, fmt.Errorf("want a header row %q", header)
	}
	for i, r := range rows[1:] {
		if len(r) < len(want) {
			return nil, fmt.Errorf("row %d: want %d fields, got %d", i+2, len(want), len(r))
		}
	}
	return rows[1:], nil
}
