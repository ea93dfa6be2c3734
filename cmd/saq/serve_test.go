package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saq-review/saq/api"
	"github.com/saq-review/saq/internal/local"
)

func TestTokenCommand(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	code, out, errb := saqRun(t, "token", "--data", data, "--role", "reviewer", "--country", "MEX", "--country", "Peru")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	keys, err := api.LoadKeys(local.KeyPath(data))
	if err != nil {
		t.Fatal(err)
	}
	id, err := keys.Verify(lines[len(lines)-1], time.Now())
	if err != nil || id.Role != api.RoleReviewer || strings.Join(id.Countries, ",") != "MEX,PER" {
		t.Errorf("token verifies as %+v, %v", id, err)
	}
	for _, args := range [][]string{
		{"token", "--data", data},
		{"token", "--data", data, "--role", "king"},
		{"token", "--data", data, "--role", "focal_point", "--country", "MEX", "--country", "PER"},
		{"token", "--data", data, "--role", "secretariat", "--country", "MEX"},
		{"token", "--data", data, "--role", "reviewer", "--country", "Atlantis"},
	} {
		if code, _, _ := saqRun(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
