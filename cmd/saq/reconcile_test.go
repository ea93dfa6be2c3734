package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/saq-review/saq/indexer/ingest"
)

func TestReconcileCommand(t *testing.T) {
	in := t.TempDir()
	data := filepath.Join(t.TempDir(), "data")
	questionnaireOf(t, in, "mex.pdf", "Mexico", "Witness relocation is provided by the Federal Witness Protection Programme.")
	questionnaireOf(t, in, "per.pdf", "Peru", "The penal code criminalizes participation in an organized criminal group.")
	if code, _, errb := saqRun(t, "ingest", "--data", data, in); code != exitOK {
		t.Fatalf("ingest: %d %s", code, errb)
	}
	report := func(args ...string) (int, ingest.Report) {
		t.Helper()
		code, out, errb := saqRun(t, append([]string{"reconcile", "--data", data}, args...)...)
		var rep ingest.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("reconcile %v: %v: %s %s", args, err, out, errb)
		}
		return code, rep
	}
	if code, rep := report("--dry-run"); code != exitOK || !rep.Clean() {
		t.Fatalf("after ingest: exit %d, %+v", code, rep)
	}
	// Mexico's shard is lost.
	if err := os.RemoveAll(filepath.Join(data, "index", "MEX")); err != nil {
		t.Fatal(err)
	}
	if code, rep := report("--dry-run"); code != exitRejected || len(rep.Missing) != 1 {
		t.Errorf("dry run: exit %d, %+v; want 1 and one missing upload", code, rep)
	}
	if code, rep := report(); code != exitOK || len(rep.Missing) != 1 {
		t.Errorf("repair: exit %d, %+v", code, rep)
	}
	if code, rep := report("--dry-run"); code != exitOK || !rep.Clean() {
		t.Errorf("after repair: exit %d, %+v", code, rep)
	}
	code, out, _ := saqRun(t, "search", "--data", data, "--json", "witness relocation")
	var res struct{ Total int }
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil || res.Total != 1 {
		t.Errorf("search after repair: %d %s", code, out)
	}
}
