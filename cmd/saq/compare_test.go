package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestCompareCommand runs saq compare and saq observations on two ingested
// questionnaires and checks each contract: the JSON keys, the formats, the
// scope and the exit codes.
func TestCompareCommand(t *testing.T) {
	in := t.TempDir()
	data := filepath.Join(t.TempDir(), "data")
	questionnaireOf(t, in, "mex.pdf", "Mexico", "Yes. Article 2 of the Ley Federal contra la Delincuencia Organizada criminalizes participation in an organized criminal group.")
	questionnaireOf(t, in, "per.pdf", "Peru", "Yes. Article 317 of the Penal Code criminalizes participation in an organized criminal group.")
	if code, _, errb := saqRun(t, "ingest", "--data", data, in); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errb)
	}

	code, out, errb := saqRun(t, "compare", "--data", data, "--article", "UNTOC:5", "--country", "MEX,PER,BRA", "--format", "json")
	if code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, errb)
	}
	var c map[string]any
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !reflect.DeepEqual(c["countries"], []any{"MEX", "PER"}) || !reflect.DeepEqual(c["not_submitted"], []any{"BRA"}) {
		t.Errorf("countries %v, not submitted %v", c["countries"], c["not_submitted"])
	}
	q := c["questions"].([]any)[0].(map[string]any)
	var keys []string
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"answers", "article", "distribution", "groups", "instrument", "kind", "not_submitted", "paragraph", "question", "question_text", "tick_box"}; !slices.Equal(keys, want) {
		t.Errorf("question keys %v, want %v", keys, want)
	}
	if d := q["distribution"].(map[string]any); d["yes"] != 2.0 || d["no"] != 0.0 {
		t.Errorf("distribution %v, want 2 yes", d)
	}
	a := q["answers"].([]any)[1].(map[string]any)
	if a["country_code"] != "PER" || !reflect.DeepEqual(a["citations"], []any{"Criminal Code, art. 317"}) {
		t.Errorf("PER answer %v", a)
	}

	// CSV: one row per State, in a file given by --out.
	csvPath := filepath.Join(t.TempDir(), "matrix.csv")
	if code, _, errb := saqRun(t, "compare", "--data", data, "--theme", "criminalization", "--scope", "MEX", "--format", "csv", "--out", csvPath); code != exitOK {
		t.Fatalf("compare csv: exit %d: %s", code, errb)
	}
	b, _ := os.ReadFile(csvPath)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != "MEX" || strings.Contains(string(b), "PER") {
		t.Errorf("csv as reviewer of MEX: %v %q", err, b)
	}

	for _, f := range []string{"md", "html"} {
		code, out, errb := saqRun(t, "compare", "--data", data, "--theme", "criminalization", "--format", f)
		if code != exitOK || !strings.Contains(out, "Criminalization") {
			t.Errorf("compare --format %s: exit %d: %s", f, code, errb)
		}
	}
	code, out, _ = saqRun(t, "observations", "--data", data, "--country", "Peru", "--cluster", "I")
	if code != exitOK || !strings.Contains(out, "Draft list of observations") || !strings.Contains(out, "per.pdf#page=1") {
		t.Errorf("observations: exit %d\n%s", code, out)
	}
	code, out, _ = saqRun(t, "observations", "--data", data, "--country", "PER", "--instrument", "UNTOC", "--format", "json")
	var o map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &o) != nil || o["country_code"] != "PER" {
		t.Errorf("observations json: exit %d\n%s", code, out)
	}

	bad := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"compare", "--data", data}, exitUsage, "nothing to compare"},
		{[]string{"compare", "--data", data, "--theme", "nope"}, exitUsage, "unknown theme"},
		{[]string{"compare", "--data", data, "--article", "UNTOC:99"}, exitUsage, "no article 99"},
		{[]string{"compare", "--data", data, "--theme", "any", "--format", "pdf"}, exitUsage, "unknown format"},
		{[]string{"observations", "--data", data, "--country", "MEX"}, exitUsage, "usage"},
		{[]string{"observations", "--data", data, "--country", "MEX", "--cluster", "I", "--scope", "PER"}, exitRejected, "forbidden"},
		{[]string{"observations", "--data", data, "--country", "BRA", "--cluster", "I"}, exitRejected, "not_found"},
	}
	for _, tt := range bad {
		code, _, errb := saqRun(t, tt.args...)
		if code != tt.code || !strings.Contains(errb, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errb, tt.code, tt.msg)
		}
	}
}
