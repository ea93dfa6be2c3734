package corpus

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// BadFiles writes one file per rejection kind into dir and returns
// map[file name]expected kind: "not_pdf", "empty", "encrypted", "corrupt", "no_text".
func BadFiles(dir string) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	good, err := goodPDF()
	if err != nil {
		return nil, err
	}
	pngBytes, err := fakeScanPNG(240, 320, 1)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	kinds := map[string]string{}
	add := func(name, kind string, b []byte) {
		files[name] = b
		kinds[name] = kind
	}
	add("bad-image-renamed.pdf", "not_pdf", pngBytes)
	add("bad-html-renamed.pdf", "not_pdf", []byte("<!DOCTYPE html>\n<html><head><title>Self-assessment questionnaire</title></head>\n<body><h1>Self-assessment questionnaire</h1><p>State party: Kenya</p></body></html>\n"))
	docx, err := fakeDocx()
	if err != nil {
		return nil, err
	}
	add("bad-docx-renamed.pdf", "not_pdf", docx)
	add("bad-empty.pdf", "empty", []byte{})
	enc, err := encrypted(good)
	if err != nil {
		return nil, err
	}
	add("bad-encrypted.pdf", "encrypted", enc)
	add("bad-truncated.pdf", "corrupt", good[:len(good)*6/10])
	gx, err := garbleXref(good)
	if err != nil {
		return nil, err
	}
	add("bad-xref.pdf", "corrupt", gx)
	fs, err := flipStreams(good)
	if err != nil {
		return nil, err
	}
	add("bad-stream.pdf", "corrupt", fs)
	scan, err := scannedPDF()
	if err != nil {
		return nil, err
	}
	add("bad-scan-no-text.pdf", "no_text", scan)
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	return kinds, nil
}

// goodPDF is a small valid questionnaire made with core fonts.
func goodPDF() ([]byte, error) {
	sp := &spec{name: "bad-base", prod: "core", state: "KEN", lang: "en", cluster: "IV", insts: []string{untoc},
		layout: "plain", numbering: "per_article", qlabel: "question", tick: "bracket", heading: "A", showPara: true,
		cover: "kv", symbol: true, symbolPos: "top", pageLabel: "of", paper: "a4", font: "Helvetica", size: 11, lead: 1.25, fewer: true}
	s := build(sp)
	n, _, err := fpdfPass(sp, s, nil, 0)
	if err != nil {
		return nil, err
	}
	_, b, err := fpdfPass(sp, s, nil, n)
	return b, err
}

func encrypted(good []byte) ([]byte, error) {
	prev := model.ConfigPath
	model.ConfigPath = "disable"
	defer func() { model.ConfigPath = prev }()
	conf := model.NewAESConfiguration("reviewer-2024", "owner-2024", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(good), &out, conf); err != nil {
		// fall back to fpdf's RC4 protection
		return fpdfProtected()
	}
	return out.Bytes(), nil
}

func fpdfProtected() ([]byte, error) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetProtection(fpdf.CnProtectPrint, "reviewer-2024", "owner-2024")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 11)
	pdf.Text(72, 100, "Self-assessment questionnaire - Cluster IV")
	var b bytes.Buffer
	err := pdf.Output(&b)
	return b.Bytes(), err
}

var xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) n\s?$`)
var startxref = regexp.MustCompile(`startxref\s+(\d+)`)

// garbleXref points every in-use xref entry, and startxref, at wrong offsets.
func garbleXref(good []byte) ([]byte, error) {
	b := append([]byte{}, good...)
	locs := xrefEntry.FindAllSubmatchIndex(b, -1)
	if len(locs) == 0 {
		return nil, fmt.Errorf("no xref entries found")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, l := range locs {
		off := fmt.Sprintf("%010d", r.IntN(len(b)))
		copy(b[l[2]:l[3]], off)
	}
	if m := startxref.FindSubmatchIndex(b); m != nil {
		old := string(b[m[2]:m[3]])
		v, _ := strconv.Atoi(old)
		nv := fmt.Sprintf("%0*d", len(old), (v*7+13)%intPow10(len(old)))
		copy(b[m[2]:m[3]], nv)
	}
	return b, nil
}

func intPow10(n int) int {
	p := 1
	for i := 0; i < n; i++ {
		p *= 10
	}
	return p
}

var contentStream = regexp.MustCompile(`<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// flipStreams inverts the compressed bytes in the middle of each page content stream.
func flipStreams(good []byte) ([]byte, error) {
	b := append([]byte{}, good...)
	locs := contentStream.FindAllSubmatchIndex(b, -1)
	if len(locs) == 0 {
		return nil, fmt.Errorf("no content streams found")
	}
	for _, l := range locs {
		n, _ := strconv.Atoi(string(b[l[2]:l[3]]))
		start := l[1]
		for i := start + 2; i < start+n-4 && i < len(b); i++ {
			b[i] ^= 0xA5
		}
	}
	return b, nil
}

// fakeScanPNG draws grey bars that look like lines of text on a page.
func fakeScanPNG(w, h, seed int) ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(seed), 3))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(236 + r.IntN(20))})
		}
	}
	lh := h / 40
	for line := 3; line < 38; line++ {
		if r.IntN(7) == 0 {
			continue
		}
		x := w / 10
		end := w - w/10 - r.IntN(w/4)
		for x < end {
			wl := 3 + r.IntN(w/18)
			for xx := x; xx < x+wl && xx < end; xx++ {
				for yy := line * lh; yy < line*lh+lh/2; yy++ {
					img.SetGray(xx, yy, color.Gray{Y: uint8(30 + r.IntN(60))})
				}
			}
			x += wl + 2 + r.IntN(3)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// scannedPDF has pages that only draw an image.
func scannedPDF() ([]byte, error) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	for p := 1; p <= 2; p++ {
		img, err := fakeScanPNG(850, 1200, p)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("scan%d", p)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img))
		pdf.AddPage()
		w, h := pdf.GetPageSize()
		pdf.ImageOptions(name, 0, 0, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var b bytes.Buffer
	err := pdf.Output(&b)
	return b.Bytes(), err
}

// fakeDocx is a minimal Word document (a ZIP container).
func fakeDocx() ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Self-assessment questionnaire - Cluster I</w:t></w:r></w:p><w:p><w:r><w:t>Question 1. Has your country adopted legislative and other measures?</w:t></w:r></w:p></w:body></w:document>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		f, err := z.Create(name)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(parts[name])); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
