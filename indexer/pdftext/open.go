package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/saq-review/saq"
)

// openReader checks the bytes, repairs what is harmless to repair (junk
// around the file, a PDF 2.0 header the library refuses, encryption with an
// empty user password) and opens the file with ledongthuc/pdf.
func openReader(data []byte) (r *pdf.Reader, decrypted bool, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, false, saq.Errorf(saq.KindEmpty, "the file is empty")
	}
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, false, saq.Errorf(saq.KindNotPDF, "this is not a PDF file (it looks like %s)", describe(data))
	}
	fixed := sanitize(data, start)
	r, err = newReader(fixed)
	if err == nil {
		return r, false, nil
	}
	var xe *xrefError
	if errors.As(err, &xe) { // not worth a second try, nor pdfcpu's time
		return nil, false, saq.Errorf(saq.KindCorrupt, "the file is damaged and cannot be read (%s)", err)
	}
	if start > 0 { // some producers count offsets from the very first byte
		if r2, err2 := newReader(sanitize(data, 0)); err2 == nil {
			return r2, false, nil
		}
	}
	if isEncryptionError(err) || hasEncrypt(fixed) {
		plain, derr := decrypt(fixed)
		if derr != nil {
			if errors.Is(derr, errNeedsPassword) {
				return nil, false, saq.Errorf(saq.KindEncrypted, "the file is protected by a password; send a copy without a password")
			}
			return nil, false, saq.Errorf(saq.KindEncrypted, "the file is encrypted with a scheme we cannot open (%v); send a copy without protection", derr)
		}
		if r, err = newReader(plain); err == nil {
			return r, true, nil
		}
	}
	return nil, false, saq.Errorf(saq.KindCorrupt, "the file is damaged and cannot be read (%s)", plainError(err))
}

func newReader(b []byte) (r *pdf.Reader, err error) {
	if err := checkXref(b); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return pdf.NewReader(bytes.NewReader(b), int64(len(b)))
}

// sanitize returns the file from start to just after the last %%EOF, with
// a PDF 2.0 header presented as 1.7 (the syntax we read is the same).
func sanitize(data []byte, start int) []byte {
	b := data[start:]
	if i := bytes.LastIndex(b, []byte("%%EOF")); i >= 0 {
		b = b[:i+5]
	}
	if len(b) >= 9 && bytes.HasPrefix(b, []byte("%PDF-")) && (b[5] != '1' || b[7] < '0' || b[7] > '7' || (b[8] != '\n' && b[8] != '\r')) {
		c := append([]byte(nil), b...)
		// Keep the byte count: offsets in the xref table must not move.
		hdr := []byte("%PDF-1.7")
		end := bytes.IndexAny(c, "\r\n")
		if end >= len(hdr) {
			copy(c, hdr)
			for i := len(hdr); i < end; i++ {
				c[i] = ' '
			}
			if end > len(hdr) { // the library wants the newline right after the version
				c[len(hdr)] = '\n'
			}
			return c
		}
	}
	return b
}

func hasEncrypt(b []byte) bool {
	tail := b[max(0, len(b)-4096):]
	return bytes.Contains(tail, []byte("/Encrypt")) || bytes.Contains(b[:min(len(b), 4096)], []byte("/Encrypt"))
}

func isEncryptionError(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "encrypt") || strings.Contains(s, "password") || strings.Contains(s, "crypt")
}

var errNeedsPassword = errors.New("a user password is required")

// decrypt removes encryption that opens with an empty user password, using
// pdfcpu, which knows the AES variants ledongthuc/pdf refuses.
func decrypt(b []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("decrypt: %v", p)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.UserPW, conf.OwnerPW = "", ""
	var w bytes.Buffer
	if err := api.Decrypt(bytes.NewReader(b), &w, conf); err != nil {
		s := strings.ToLower(err.Error())
		if strings.Contains(s, "password") || strings.Contains(s, "authenticat") {
			return nil, errNeedsPassword
		}
		return nil, err
	}
	return w.Bytes(), nil
}

// describe names what non-PDF bytes probably are, for the rejection message.
func describe(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "a ZIP archive or an Office document such as .docx; export it to PDF first"
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return "an old Office document (.doc); export it to PDF first"
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "an RTF document; export it to PDF first"
	}
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i > 0 {
		ct = ct[:i]
	}
	switch {
	case strings.HasPrefix(ct, "image/"):
		return "an image (" + ct + "); scan or print it to PDF first"
	case ct == "text/html":
		return "a web page (HTML)"
	case strings.HasPrefix(ct, "text/"):
		return "plain text"
	}
	return "binary data of type " + ct
}

// plainError words library errors for the people who read rejections.
func plainError(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "missing %%EOF"), strings.Contains(s, "missing final startxref"):
		return "its end is missing: the upload was probably cut short"
	case strings.Contains(s, "reading at offset"), strings.Contains(s, "xref"):
		s = "its table of contents (cross-reference table) is broken: " + s
	case strings.Contains(s, "runtime error"):
		// A panic inside a PDF library, recovered: its text is about the
		// library, not the file (fuzzing found such messages reaching
		// users).
		return "its structure could not be read"
	}
	for _, p := range []string{"not a PDF file: ", "malformed PDF: ", "malformed PDF file: "} {
		s = strings.ReplaceAll(s, p, "")
	}
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

func init() {
	// pdfcpu would otherwise create a configuration directory under the
	// user's home, which is read-only on Lambda.
	model.ConfigPath = "disable"
}
