package search

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/indexer"
)

// scopeRequests exercise every part of a result: hits, scores, totals,
// facets, paging and sorting, with queries that match inside the scope,
// outside it, or both, and filters that name States outside it.
var scopeRequests = []Request{
	{},
	{Query: "witness"},
	{Query: "witness relocation", Limit: 2},
	{Query: "witness", Offset: 1},
	{Query: `"beneficial ownership" -bank`},
	{Query: "victims shelter"},      // only Canada says it
	{Query: "testigos reubicación"}, // only Peru
	{Query: "洗钱 OR الأموال OR уголовный"},  // only States outside the scope
	{Query: "code pénal crime"},            // France and others
	{Query: "+country:CAN"},                // naming a State outside the scope
	{Query: "country:PER OR witness"},      // and mixing it in
	{Query: "proceeds", Sort: SortCountry}, //
	{Query: "reloc*"},                      //
	{Query: "witnes~1", Sort: SortArticle}, //
	{Countries: []string{"CAN"}},           // a filter cannot widen the scope
	{Countries: []string{"CAN", "MEX"}, Query: "witness"},
	{Article: "24"},
	{Instrument: "TIP"}, // only Canada answered on TIP
	{Choice: "no"},      // only Canada ticked "no"... and Spain
	{Language: "ru"},
	{Cluster: "II", Query: "witness"},
}

// TestScopeHidesOtherStates proves that a State outside the caller's scope
// cannot be detected: every request gives the same result, to the byte,
// whether the index holds the other States' answers or not.
func TestScopeHidesOtherStates(t *testing.T) {
	scope := saq.StatesScope("MEX", "FRA", "ESP")
	outside := []string{"CAN", "PER", "RUS", "EGY", "CHN"}
	full := openFixture(t)
	alone := openFixture(t, outside...)
	for _, req := range scopeRequests {
		t.Run(fmt.Sprintf("%+v", req), func(t *testing.T) {
			got := dumpResult(t, full, scope, req)
			want := dumpResult(t, alone, scope, req)
			if got != want {
				t.Errorf("the answers of States outside the scope change the result:\nwith them:    %s\nwithout them: %s", got, want)
			}
			// And, to be plain about it: no code from outside anywhere.
			for _, c := range outside {
				if strings.Contains(got, `"`+c+`"`) || strings.Contains(got, `"`+c+"-") {
					t.Errorf("%s appears in %s", c, got)
				}
			}
			// The scope is everything the smaller index holds, so searching it
			// with every State allowed must also agree.
			if all := dumpResult(t, alone, saq.AllStates, req); all != want {
				t.Errorf("scope and index disagree:\nscoped:    %s\nunscoped:  %s", want, all)
			}
		})
	}
}

func TestEmptyScopeSeesNothing(t *testing.T) {
	idx := openFixture(t)
	for _, scope := range []saq.Scope{{}, saq.StatesScope("NOR")} {
		for _, req := range scopeRequests {
			res, err := Answers(context.Background(), idx, scope, req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 0 || len(res.Hits) != 0 {
				t.Errorf("scope %v, %+v: %d hits", scope, req, res.Total)
			}
			for name, fs := range res.Facets {
				if len(fs) != 0 {
					t.Errorf("scope %v, %+v: facet %s %v", scope, req, name, fs)
				}
			}
		}
	}
}

// TestScoresDoNotDependOnShards compares the ranking over the per-State
// shards with the ranking over one index holding every answer. Scores
// themselves differ by a scale: each shard leaves out the fields of
// languages it does not have, which changes bleve's query normalisation,
// and the average field length is estimated from dictionary sizes summed
// over segments, which moves with segment merges even within one index.
func TestScoresDoNotDependOnShards(t *testing.T) {
	sharded := openFixture(t)
	single := openSingleShard(t)
	for _, req := range scopeRequests {
		if req.Query == "" || len(req.Countries) > 0 {
			continue
		}
		a, err := Answers(context.Background(), sharded, saq.AllStates, req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Answers(context.Background(), single, saq.AllStates, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Hits) != len(b.Hits) || a.Total != b.Total {
			t.Fatalf("%+v: %d/%d hits sharded, %d/%d in one index", req, len(a.Hits), a.Total, len(b.Hits), b.Total)
		}
		for i := range a.Hits {
			if a.Hits[i].ID != b.Hits[i].ID {
				t.Errorf("%+v: hit %d is %s %.6f sharded, %s %.6f in one index", req, i, a.Hits[i].ID, a.Hits[i].Score, b.Hits[i].ID, b.Hits[i].Score)
			}
		}
	}
}

// openSingleShard indexes every answer of the fixture into one shard.
func openSingleShard(t *testing.T) *indexer.Index {
	t.Helper()
	idx := indexFixture(t, "ALL")
	if codes, _ := idx.States(); !slices.Equal(codes, []string{"ALL"}) {
		t.Fatalf("shards %v", codes)
	}
	return idx
}

// dumpResult prints a whole result, the fields only the API shows included.
func dumpResult(t *testing.T, idx *indexer.Index, scope saq.Scope, req Request) string {
	t.Helper()
	res, err := Answers(context.Background(), idx, scope, req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s %+v", b, res.Hits)
}
