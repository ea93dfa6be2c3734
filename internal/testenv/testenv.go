// Package testenv finds the outside tools tests use (Chromium, make) and
// where they keep artifacts. A missing tool skips the test, unless
// SAQ_REQUIRE_TOOLS is set (as .ci/run does), where it fails: CI must not
// pass by skipping.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tool returns the path of the first of names found on PATH.
func Tool(t testing.TB, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SAQ_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s is required (SAQ_REQUIRE_TOOLS is set)", names[0])
	}
	t.Skipf("%s not found on PATH", names[0])
	return ""
}

// Chromium returns the path of Chromium.
func Chromium(t testing.TB) string { return Tool(t, "chromium", "chromium-browser") }

// ArtifactDir is where a test keeps what a person should be able to look
// at afterwards (screenshots): $SAQ_ARTIFACTS/name when set (CI keeps
// it), else the test's temporary directory.
func ArtifactDir(t testing.TB, name string) string {
	t.Helper()
	dir := os.Getenv("SAQ_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
