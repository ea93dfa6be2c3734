package saq

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/articles.csv
var articlesCSV []byte

//go:embed data/clusters.csv
var clustersCSV []byte

// Article is one article of an instrument with its official short title
// in the languages headings are recognised in.
type Article struct {
	Instrument Instrument
	Number     int
	Titles     map[string]string // by language code: en, fr, es
}

// Key returns the canonical "INSTRUMENT art" key, e.g. "UNTOC 24".
func (a Article) Key() string { return fmt.Sprintf("%s %d", a.Instrument, a.Number) }

// Title returns the title in lang, falling back to English.
func (a Article) Title(lang string) string {
	if t, ok := a.Titles[lang]; ok {
		return t
	}
	return a.Titles["en"]
}

var articles = sync.OnceValue(func() map[Instrument][]Article {
	rows, err := readCSV(bytes.NewReader(articlesCSV))
	if err != nil {
		panic("saq: embedded data/articles.csv: " + err.Error())
	}
	out := map[Instrument][]Article{}
	head := rows[0]
	for _, r := range rows[1:] {
		inst, ok := ParseInstrument(r[0])
		n, err := strconv.Atoi(r[1])
		if !ok || err != nil {
			panic("saq: embedded data/articles.csv: bad row " + strings.Join(r, ","))
		}
		a := Article{Instrument: inst, Number: n, Titles: map[string]string{}}
		for i := 2; i < len(r) && i < len(head); i++ {
			a.Titles[head[i]] = r[i]
		}
		out[inst] = append(out[inst], a)
	}
	return out
})

// Articles returns the articles of an instrument in order.
func Articles(inst Instrument) []Article { return articles()[inst] }

// LookupArticle returns article n of inst.
func LookupArticle(inst Instrument, n int) (Article, bool) {
	as := articles()[inst]
	if n >= 1 && n <= len(as) && as[n-1].Number == n {
		return as[n-1], true
	}
	return Article{}, false
}

// ClusterMap says which thematic cluster(s) each article is reviewed in.
// It is data, versioned in data/clusters.csv, and may be replaced at run
// time by a corrected file (see LoadClusterMap).
type ClusterMap struct {
	Version string
	entries map[string][]ClusterEntry // by Article.Key
}

// ClusterEntry places one article in one cluster.
type ClusterEntry struct {
	Instrument Instrument
	Article    int
	Cluster    string // "I".."IV"
	Verified   bool   // false: provisional allocation, to be checked against the official appendix
}

// Clusters lists the cluster keys in order.
var Clusters = []string{"I", "II", "III", "IV"}

// ClusterNames are the English names of the clusters.
var ClusterNames = map[string]string{
	"I":   "Criminalization and jurisdiction",
	"II":  "Prevention, technical assistance, protection measures and other measures",
	"III": "Law enforcement and judicial system",
	"IV":  "International cooperation, mutual legal assistance and confiscation",
}

// ParseCluster accepts "I".."IV", "1".."4" and "cluster II"; it returns ""
// and false for anything else.
func ParseCluster(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimPrefix(s, "CLUSTER"))
	switch s {
	case "I", "1":
		return "I", true
	case "II", "2":
		return "II", true
	case "III", "3":
		return "III", true
	case "IV", "4":
		return "IV", true
	}
	return "", false
}

var defaultClusters = sync.OnceValues(func() (*ClusterMap, error) {
	if path := os.Getenv("SAQ_CLUSTERS"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cluster map: %w", err)
		}
		defer f.Close()
		return LoadClusterMap(f)
	}
	return LoadClusterMap(bytes.NewReader(clustersCSV))
})

// DefaultClusterMap returns the cluster map in use: the file named by the
// SAQ_CLUSTERS environment variable, or the embedded data/clusters.csv.
func DefaultClusterMap() (*ClusterMap, error) { return defaultClusters() }

// LoadClusterMap reads a cluster map in the format of data/clusters.csv.
func LoadClusterMap(r io.Reader) (*ClusterMap, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("cluster map: %w", err)
	}
	m := &ClusterMap{entries: map[string][]ClusterEntry{}}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "# version:"); ok {
			m.Version = strings.TrimSpace(v)
		}
	}
	rows, err := readCSV(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("cluster map: %w", err)
	}
	for i, r := range rows[1:] {
		if len(r) < 4 {
			return nil, fmt.Errorf("cluster map: row %d: want instrument,article,cluster,status", i+2)
		}
		inst, ok := ParseInstrument(r[0])
		n, err := strconv.Atoi(r[1])
		cl, okc := ParseCluster(r[2])
		if !ok || err != nil || !okc {
			return nil, fmt.Errorf("cluster map: row %d: %q is not instrument,article,cluster", i+2, strings.Join(r, ","))
		}
		if _, ok := LookupArticle(inst, n); !ok {
			return nil, fmt.Errorf("cluster map: row %d: %s has no article %d", i+2, inst, n)
		}
		e := ClusterEntry{Instrument: inst, Article: n, Cluster: cl, Verified: strings.EqualFold(r[3], "verified")}
		k := Article{Instrument: inst, Number: n}.Key()
		m.entries[k] = append(m.entries[k], e)
	}
	return m, nil
}

// ClustersOf returns the clusters an article is reviewed in (usually one).
func (m *ClusterMap) ClustersOf(inst Instrument, article int) []ClusterEntry {
	return m.entries[Article{Instrument: inst, Number: article}.Key()]
}

// ArticlesIn returns the articles of a cluster, by instrument order then number.
func (m *ClusterMap) ArticlesIn(cluster string) []ClusterEntry {
	var out []ClusterEntry
	for _, es := range m.entries {
		for _, e := range es {
			if e.Cluster == cluster {
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Instrument != out[j].Instrument {
			return instrumentOrder(out[i].Instrument) < instrumentOrder(out[j].Instrument)
		}
		return out[i].Article < out[j].Article
	})
	return out
}

func instrumentOrder(i Instrument) int {
	for k, v := range Instruments {
		if v == i {
			return k
		}
	}
	return len(Instruments)
}

// readCSV reads a CSV file with '#' comment lines and a header row.
func readCSV(r io.Reader) ([][]string, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("no data rows")
	}
	return rows, nil
}
