package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/internal/pdfbuild"
)

// questionnaire writes a one-page questionnaire PDF of Mexico and returns its path.
func questionnaire(t *testing.T, dir, name string) string {
	t.Helper()
	return questionnaireOf(t, dir, name, "Mexico", "The Federal Criminal Code, article 164, establishes the offence.")
}

// questionnaireOf writes a one-page questionnaire PDF of a State, with the
// given narrative answer to question 1 of UNTOC article 5.
func questionnaireOf(t *testing.T, dir, name, state, answer string) string {
	t.Helper()
	pdf := pdfbuild.Lines(
		"State party: "+state,
		"Part I. United Nations Convention against Transnational Organized Crime",
		"Article 5. Criminalization of participation in an organized criminal group",
		"Question 1. Has your country adopted legislative measures?",
		"[X] Yes [ ] No [ ] Partially",
		answer,
		"Question 2. Please provide examples of implementation.",
	)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtractJSONLines(t *testing.T) {
	dir := t.TempDir()
	good := questionnaire(t, dir, "mex.pdf")
	bad := filepath.Join(dir, "notes.pdf")
	os.WriteFile(bad, []byte("plain text, not a PDF"), 0o644)

	var out, errb bytes.Buffer
	code := run([]string{"extract", good, bad}, &out, &errb)
	if code != exitRejected {
		t.Fatalf("exit %d, want 1 (one file rejected); stderr: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d JSON lines, want 2 in input order:\n%s", len(lines), out.String())
	}
	var rec saq.Record
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.File != "mex.pdf" || rec.Submission.CountryCode != "MEX" || len(rec.Answers) != 2 ||
		rec.Answers[0].Choice != saq.Yes || rec.Answers[1].Text != "" || rec.Answers[0].Instrument != saq.UNTOC {
		t.Errorf("record = %s", lines[0])
	}
	var rej map[string]any
	json.Unmarshal([]byte(lines[1]), &rej)
	if len(rej) != 2 || rej["file"] != "notes.pdf" || rej["error"].(map[string]any)["kind"] != "not_pdf" {
		t.Errorf("rejected record = %s, want only file and error", lines[1])
	}
}

func TestExtractOutDirAndOverrides(t *testing.T) {
	dir := t.TempDir()
	good := questionnaire(t, dir, "submission.PDF")
	outDir := filepath.Join(dir, "records")
	var out, errb bytes.Buffer
	// Flags after the file, a country by its French name, an instrument list.
	code := run([]string{"extract", good, "--out", outDir, "--country", "Pérou", "--instrument", "UNTOC,TIP", "--cluster", "II"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing with --out", out.String())
	}
	b, err := os.ReadFile(filepath.Join(outDir, "submission.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec saq.Record
	json.Unmarshal(b, &rec)
	sub := rec.Submission
	if sub.CountryCode != "PER" || sub.Country != "Peru" || sub.Cluster != "II" || fmt.Sprint(sub.Instruments) != "[UNTOC TIP]" {
		t.Errorf("submission = %+v", sub)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"extract"},
		{"extract", "--nope", "x.pdf"},
		{"extract", "--country", "Atlantis", "x.pdf"},
		{"extract", "--cluster", "V", "x.pdf"},
		{"extract", "--instrument", "CAC", "x.pdf"},
		{"extract", "--language", "de", "x.pdf"},
		{"frobnicate"},
		{},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != exitUsage {
			t.Errorf("saq %v: exit %d, want 2", args, code)
		}
	}
}
