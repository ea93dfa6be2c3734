// Package pdfbuild writes small PDF files object by object, for tests that
// need exact control over what a file contains: fonts with hand-written
// ToUnicode maps, form XObjects, form fields, inline images, broken
// structures. It writes a classic cross-reference table.
package pdfbuild

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// Doc is a PDF under construction. Object 1 is the catalog and object 2
// the page tree; Page adds pages under it.
type Doc struct {
	objs    []string // objs[i] is object i+1's body
	pages   []int
	Catalog string // extra catalog entries, e.g. "/AcroForm 9 0 R"
	Version string // header version, default "1.7"
}

// New returns an empty document.
func New() *Doc {
	d := &Doc{Version: "1.7"}
	d.Add("") // 1: catalog, filled at Bytes
	d.Add("") // 2: page tree
	return d
}

// Add appends an object and returns its number.
func (d *Doc) Add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

// Set replaces the body of object n.
func (d *Doc) Set(n int, body string) { d.objs[n-1] = body }

// Stream adds a stream object with the given dictionary entries (without
// /Length), compressing data with Flate when flate is true.
func (d *Doc) Stream(dict string, data []byte, flate bool) int {
	if flate {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write(data)
		w.Close()
		data = b.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return d.Add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

// Helvetica adds a standard-14 Helvetica font with WinAnsiEncoding.
func (d *Doc) Helvetica() int {
	return d.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

// Page adds an A4 page with a content stream; resources is the body of
// its /Resources dictionary ("/Font << /F1 3 0 R >>"), extra is added to
// the page dictionary.
func (d *Doc) Page(content string, resources string, extra string) int {
	c := d.Stream("", []byte(content), true)
	p := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R %s >>", resources, c, extra))
	d.pages = append(d.pages, p)
	return p
}

// Bytes returns the file.
func (d *Doc) Bytes() []byte {
	kids := make([]string, len(d.pages))
	for i, p := range d.pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	if d.objs[1] == "" {
		d.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages))
	}
	if d.objs[0] == "" {
		d.objs[0] = "<< /Type /Catalog /Pages 2 0 R " + d.Catalog + " >>"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-%s\n%%\xE2\xE3\xCF\xD3\n", d.Version)
	offsets := make([]int, len(d.objs))
	for i, o := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(d.objs)+1, xref)
	return b.Bytes()
}

// Text returns content-stream operators that show s with font /F1 at
// (x, y) in the given size. s is written as a literal string.
func Text(x, y, size float64, s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return fmt.Sprintf("BT /F1 %g Tf %g %g Td (%s) Tj ET\n", size, x, y, r.Replace(s))
}

// Lines returns a one-page document showing each line in Helvetica 11 at
// the left margin, 30 points apart: enough for a short questionnaire.
// Lines are WinAnsi text.
func Lines(lines ...string) []byte {
	d := New()
	f := d.Helvetica()
	var c strings.Builder
	y := 760.0
	for _, l := range lines {
		c.WriteString(Text(72, y, 11, l))
		y -= 30
	}
	d.Page(c.String(), fmt.Sprintf("/Font << /F1 %d 0 R >>", f), "")
	return d.Bytes()
}
