package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/saq-review/saq"
)

// saq runs the command line and returns its exit status and outputs.
func saqRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestIngestAndSearch(t *testing.T) {
	in := t.TempDir()
	data := filepath.Join(t.TempDir(), "data")
	questionnaireOf(t, in, "mex.pdf", "Mexico", "Witness relocation is provided by the Federal Witness Protection Programme.")
	questionnaireOf(t, in, "per.pdf", "Peru", "The penal code criminalizes participation in an organized criminal group.")
	os.WriteFile(filepath.Join(in, "notes.txt"), []byte("not taken from a folder"), 0o644)
	bad := filepath.Join(t.TempDir(), "minutes.pdf")
	os.WriteFile(bad, []byte("minutes of the meeting"), 0o644)

	code, out, errb := saqRun(t, "ingest", "--data", data, in, bad)
	if code != exitRejected {
		t.Fatalf("exit %d, want 1 (one file rejected); stderr %s", code, errb)
	}
	if !strings.Contains(out, "ingested   "+filepath.Join(in, "mex.pdf")+": MEX-I-UNTOC v1, 2 answers") ||
		!strings.Contains(out, "rejected   "+bad+": not_pdf: ") ||
		!strings.Contains(out, "3 files: 2 ingested, 0 unchanged, 1 rejected (not_pdf 1)") {
		t.Errorf("output:\n%s", out)
	}
	// Again: nothing changes.
	code, out, _ = saqRun(t, "ingest", "--data", data, in)
	if code != exitOK || !strings.Contains(out, "2 files: 0 ingested, 2 unchanged, 0 rejected") {
		t.Errorf("second ingest: exit %d\n%s", code, out)
	}

	code, out, errb = saqRun(t, "search", "--data", data, "--json", "witness relocation")
	if code != exitOK {
		t.Fatalf("search: exit %d: %s", code, errb)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res["total"] != 1.0 {
		t.Errorf("total %v: %s", res["total"], out)
	}
	hit := res["hits"].([]any)[0].(map[string]any)
	var fields []string
	for k := range hit {
		fields = append(fields, k)
	}
	slices.Sort(fields)
	want := []string{"article", "choice", "country", "country_code", "fragments", "instrument", "pages", "paragraph", "question", "score", "submission_id"}
	if !slices.Equal(fields, want) {
		t.Errorf("hit fields %v, want exactly %v", fields, want)
	}
	if hit["country_code"] != "MEX" || hit["article"] != "5" || hit["question"] != "1" || hit["choice"] != "yes" ||
		!reflect.DeepEqual(hit["pages"], []any{1.0}) || !strings.Contains(hit["fragments"].([]any)[0].(string), "<mark>Witness</mark> <mark>relocation</mark>") {
		t.Errorf("hit %v", hit)
	}
	facets := res["facets"].(map[string]any)
	for _, f := range []string{"country", "instrument", "article", "cluster", "choice"} {
		if _, ok := facets[f]; !ok {
			t.Errorf("facet %s missing: %v", f, facets)
		}
	}
	if c := facets["country"].([]any); len(c) != 1 || c[0].(map[string]any)["term"] != "MEX" || c[0].(map[string]any)["count"] != 1.0 {
		t.Errorf("country facet %v", c)
	}

	// Filters, and the human form.
	code, out, _ = saqRun(t, "search", "--data", data, "--country", "Peru", "--country", "MEX", "--article", "UNTOC 5", "--choice", "yes", "organized criminal group")
	if code != exitOK || !strings.Contains(out, "answers found") || !strings.Contains(out, "Peru (PER) · UNTOC art. 5 · question 1 · yes · page 1") ||
		!strings.Contains(out, "[organized] [criminal] [group]") || !strings.Contains(out, "States:") {
		t.Errorf("human output: exit %d\n%s", code, out)
	}

	// Reindexing from the records gives the same results.
	before := searchJSON(t, data, "criminal OR witness")
	if code, out, errb := saqRun(t, "reindex", "--data", data); code != exitOK || !strings.Contains(out, "reindexed 4 answers") {
		t.Fatalf("reindex: exit %d\n%s%s", code, out, errb)
	}
	if after := searchJSON(t, data, "criminal OR witness"); after != before {
		t.Errorf("results changed by reindex:\nbefore %s\nafter  %s", before, after)
	}
}

func searchJSON(t *testing.T, data, q string) string {
	t.Helper()
	code, out, errb := saqRun(t, "search", "--data", data, "--json", q)
	if code != exitOK {
		t.Fatalf("search %q: exit %d: %s", q, code, errb)
	}
	return out
}

func TestSearchErrors(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	in := t.TempDir()
	questionnaireOf(t, in, "mex.pdf", "Mexico", "Witness relocation.")
	saqRun(t, "ingest", "--data", data, in)

	code, out, errb := saqRun(t, "search", "--data", data, "--json", `"witness relocation`)
	var res map[string]map[string]string
	json.Unmarshal([]byte(out), &res)
	if code != exitUsage || res["error"]["kind"] != "invalid_query" || !strings.Contains(errb, "phrase is not closed") {
		t.Errorf("exit %d, stdout %s, stderr %s", code, out, errb)
	}
	for _, args := range [][]string{
		{"search", "--data", data, "--country", "Atlantis", "x"},
		{"search", "--data", data, "--limit", "0", "--offset", "-1", "x"},
		{"search", "--data", data, "--choice", "maybe", "x"},
		{"ingest", "--data", data},
		{"ingest", "--data", data, "--cluster", "V", in},
		{"ingest", "--data", data, filepath.Join(in, "missing.pdf")},
	} {
		if code, _, _ := saqRun(t, args...); code != exitUsage {
			t.Errorf("saq %v: exit %d, want 2", args, code)
		}
	}
	// An empty data directory is no error: nothing is found, and it says why.
	code, out, errb = saqRun(t, "search", "--data", t.TempDir(), "--json", "witness")
	if code != exitOK || !strings.HasPrefix(out, `{"total":0,"hits":[]`) || !strings.Contains(errb, "run saq ingest first") {
		t.Errorf("empty data: exit %d, %s, %s", code, out, errb)
	}
}

func TestSearchScopeFlag(t *testing.T) {
	in := t.TempDir()
	data := filepath.Join(t.TempDir(), "data")
	questionnaireOf(t, in, "mex.pdf", "Mexico", "Witness relocation is provided.")
	questionnaireOf(t, in, "per.pdf", "Peru", "Witness protection is provided.")
	saqRun(t, "ingest", "--data", data, in)
	// A reviewer of Peru sees Peru only, even when asking for Mexico.
	for _, args := range [][]string{{"witness"}, {"--country", "MEX", "witness"}} {
		code, out, errb := saqRun(t, append([]string{"search", "--data", data, "--json", "--scope", "PER"}, args...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errb)
		}
		if strings.Contains(out, "MEX") || strings.Contains(out, "Mexico") {
			t.Errorf("saq search --scope PER %v shows Mexico: %s", args, out)
		}
	}
}

func TestIngestRefusesOversizedFiles(t *testing.T) {
	path := questionnaireOf(t, t.TempDir(), "mex.pdf", "Mexico", "Witness relocation.")
	_, err := readUpload(path, 100)
	if saq.KindOf(err) != saq.KindTooLarge {
		t.Errorf("reading a file over the limit: %v, want too_large", err)
	}
	if data, err := readUpload(path, 0); err != nil || len(data) == 0 {
		t.Errorf("reading a file under the default limit: %d bytes, %v", len(data), err)
	}
}
