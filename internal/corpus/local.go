package corpus

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// LocalOptions finds what Generate needs on this machine: the TrueType
// fonts shipped in the fpdf and pdfcpu modules (located with go list, so
// the go command must be on PATH), and Chromium on PATH. Without Chromium,
// Chromium is "" and Generate leaves those documents out.
func LocalOptions() (Options, error) {
	dir := func(mod string) (string, error) {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
		if err != nil {
			return "", fmt.Errorf("go list %s: %w", mod, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	fpdf, err := dir("github.com/go-pdf/fpdf")
	if err != nil {
		return Options{}, err
	}
	pdfcpu, err := dir("github.com/pdfcpu/pdfcpu")
	if err != nil {
		return Options{}, err
	}
	opt := Options{
		FontDir: filepath.Join(fpdf, "font"),
		CJKFont: filepath.Join(pdfcpu, "pkg", "testdata", "fonts", "unifont-13.0.03.ttf"),
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			opt.Chromium = p
			break
		}
	}
	return opt, nil
}
