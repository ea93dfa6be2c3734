package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits of the cross-reference data the PDF library is given.
const (
	// maxObjects bounds object numbers. The library sizes its object
	// table by the highest number it reads (32 bytes an entry) before any
	// other check; PDF's own implementation limit is 8,388,607 objects
	// (ISO 32000-1, annex C) and a questionnaire has a few thousand.
	maxObjects = 1 << 22
	// maxColumns bounds the /Columns of a PNG predictor: the library
	// allocates two rows of that many bytes before reading any data.
	maxColumns = 1 << 20
	// maxObjectStreams bounds the object streams checked for /Extends
	// loops; a file has a few dozen.
	maxObjectStreams = 1 << 16
)

// xrefError is a cross-reference structure that the PDF library would not
// survive: it is reported as corrupt without handing the file over.
type xrefError struct{ msg string }

func (e *xrefError) Error() string {
	return "its table of contents (cross-reference table) is broken: " + e.msg
}

func xrefErrorf(format string, args ...any) error {
	return &xrefError{fmt.Sprintf(format, args...)}
}

// checkXref reads the cross-reference sections of a file the way the PDF
// library is about to, and refuses what the library cannot fail on
// cleanly. Its errors there are not panics that can be recovered: a
// failed allocation or a stack overflow kills the whole process, and a
// loop without end keeps a core busy after the deadline. So it refuses
//   - object numbers beyond maxObjects (in a table subsection, an xref
//     stream's /Size or /Index): the library allocates its table for them;
//   - xref stream /W fields over 8 bytes and predictors over maxColumns;
//   - /Prev chains that loop (the library follows them forever);
//   - an object stream declared inside an object stream (the library
//     recurses until the stack overflows);
//   - object stream /Extends chains that loop, lead into an object
//     stream, or run longer than 64 (the library searches them forever).
//
// Anything else it cannot read it lets through: the library then fails
// on it with an error or a panic, both of which Read turns into corrupt.
func checkXref(b []byte) (err error) {
	defer func() {
		if recover() != nil {
			err = nil // a bug here must not reject a file the library can read
		}
	}()
	tail := b[max(0, len(b)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil
	}
	s := string(b) // one copy: pdfcpu's parser reads strings, and slicing one copies nothing
	rest := s[len(b)-len(tail)+i+len("startxref"):]
	off, ok := xrefInt(nextToken(&rest))
	x := &xrefTable{}
	seen := map[int64]bool{}
	for ok && off >= 0 && off < int64(len(s)) {
		if seen[off] {
			return xrefErrorf("its sections refer to each other in a loop")
		}
		seen[off] = true
		rest := s[off:]
		var prev types.Object
		if t := rest; nextToken(&t) == "xref" {
			prev, err = x.table(t)
		} else {
			prev, err = x.stream(s, rest)
		}
		if err != nil {
			return err
		}
		p, isInt := prev.(types.Integer)
		off, ok = int64(p), isInt
	}
	return x.check(s)
}

// xrefTable holds what checkXref needs of every object: its entry type
// (0 none, then 1 + the type: 1 free, 2 in use, 3 in an object stream)
// and the offset or the number of its object stream. As in the library,
// the newest section's entry for a number wins.
type xrefTable struct {
	typ []uint8
	val []int64
}

func (x *xrefTable) set(n int64, typ uint8, val int64) error {
	if n >= maxObjects {
		return xrefErrorf("it declares object number %d, over the limit of %d", n, maxObjects)
	}
	if n < 0 || typ == 0 {
		return nil // n < 0: the library panics on it, and Read recovers
	}
	for int64(len(x.typ)) <= n {
		x.typ = append(x.typ, 0)
		x.val = append(x.val, 0)
	}
	if x.typ[n] == 0 {
		x.typ[n], x.val[n] = typ, val
	}
	return nil
}

// table reads a classic table after its "xref" keyword, token by token as
// the library does, and returns its trailer's /Prev.
func (x *xrefTable) table(s string) (prev types.Object, err error) {
	for {
		t := nextToken(&s)
		if t == "trailer" {
			break
		}
		start, ok1 := xrefInt(t)
		n, ok2 := xrefInt(nextToken(&s))
		if !ok1 || !ok2 {
			return nil, nil
		}
		for i := int64(0); i < n; i++ {
			off, ok1 := xrefInt(nextToken(&s))
			_, ok2 := xrefInt(nextToken(&s))
			kind := nextToken(&s)
			if !ok1 || !ok2 || (kind != "n" && kind != "f") {
				return nil, nil // the library stops with an error here
			}
			typ := uint8(0) // free entries of a table take no number in the library
			if kind == "n" {
				typ = 2
			}
			if err := x.set(start+i, typ, off); err != nil {
				return nil, err
			}
		}
	}
	d, ok := parseDict(&s)
	if !ok {
		return nil, nil
	}
	return d["Prev"], nil
}

// stream reads the cross-reference stream object at the start of rest and
// returns its /Prev.
func (x *xrefTable) stream(s, rest string) (prev types.Object, err error) {
	nextToken(&rest) // object number
	nextToken(&rest) // generation
	if nextToken(&rest) != "obj" {
		return nil, nil
	}
	d, ok := parseDict(&rest)
	if !ok || d.Type() == nil || *d.Type() != "XRef" {
		return nil, nil
	}
	size, ok := d["Size"].(types.Integer)
	if !ok {
		return nil, nil
	}
	if size > maxObjects {
		return nil, xrefErrorf("it declares %d objects, over the limit of %d", size, maxObjects)
	}
	index := []int64{0, int64(size)}
	if a, ok := d["Index"].(types.Array); ok {
		index = index[:0]
		for _, o := range a {
			v, ok := o.(types.Integer)
			if !ok {
				return nil, nil
			}
			index = append(index, int64(v))
		}
		for i := 0; i+1 < len(index); i += 2 {
			if index[i]+index[i+1] > maxObjects {
				return nil, xrefErrorf("it declares object numbers up to %d, over the limit of %d", index[i]+index[i+1], maxObjects)
			}
		}
	}
	var w []int
	width := 0
	wa, _ := d["W"].(types.Array)
	for _, o := range wa {
		v, ok := o.(types.Integer)
		if !ok || v < 0 || v > 8 {
			return nil, xrefErrorf("its entries have fields of %v bytes", wa)
		}
		w = append(w, int(v))
		width += int(v)
	}
	if len(w) < 3 {
		return nil, nil
	}
	columns, predictor := 0, 0
	if p, ok := d["DecodeParms"].(types.Dict); ok {
		if c, ok := p["Columns"].(types.Integer); ok {
			columns = int(c)
		}
		if c, ok := p["Predictor"].(types.Integer); ok {
			predictor = int(c)
		}
	}
	if columns > maxColumns {
		return nil, xrefErrorf("its predictor has %d columns", columns)
	}
	rows, err := xrefRows(s, rest, d, width, predictor, columns, index)
	if rows == nil || err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(index); i += 2 {
		for n := index[i]; n < index[i]+index[i+1] && len(rows) >= width; n++ {
			row := rows[:width]
			rows = rows[width:]
			typ := int64(1)
			if w[0] > 0 {
				typ = beInt(row[:w[0]])
			}
			if typ > 2 {
				continue
			}
			if err := x.set(n, uint8(typ)+1, beInt(row[w[0]:w[0]+w[1]])); err != nil {
				return nil, err
			}
		}
	}
	return d["Prev"], nil
}

// xrefRows returns the decoded entries of a cross-reference stream whose
// dictionary d has just been read from rest, or nil when the library
// could not read them either.
func xrefRows(s, rest string, d types.Dict, width, predictor, columns int, index []int64) ([]byte, error) {
	length, ok := d["Length"].(types.Integer)
	k := strings.Index(rest[:min(len(rest), 64)], "stream")
	at := len(s) - len(rest)
	if !ok || k < 0 || s[at:] != rest { // (the parser returns the rest of s: equal pointers, compared at once)
		return nil, nil
	}
	start := at + k + len("stream")
	if strings.HasPrefix(s[start:], "\r\n") {
		start += 2
	} else if start < len(s) && (s[start] == '\n' || s[start] == '\r') {
		start++
	}
	if length < 0 || int64(start)+int64(length) > int64(len(s)) {
		return nil, nil
	}
	var r io.Reader = strings.NewReader(s[start : start+int(length)])
	switch f := d["Filter"].(type) {
	case nil:
	case types.Name:
		if f != "FlateDecode" {
			return nil, nil
		}
		zr, err := zlib.NewReader(r)
		if err != nil {
			return nil, nil
		}
		r = zr
	default:
		return nil, nil
	}
	entries := int64(0)
	for i := 1; i < len(index); i += 2 {
		entries += index[i]
	}
	need := entries * int64(width)
	if predictor >= 10 { // rows of columns bytes, each after a filter byte
		need = (need/int64(max(columns, 1)) + 1) * int64(columns+1)
	}
	data, _ := io.ReadAll(io.LimitReader(r, min(need, 64<<20)))
	if predictor == 0 {
		return data, nil
	}
	if predictor != 12 {
		return nil, nil // the library panics on it, and Read recovers
	}
	// PNG "Up" rows, as the library decodes them.
	var out []byte
	hist := make([]byte, columns+1)
	for len(data) >= columns+1 && columns > 0 {
		row := data[:columns+1]
		data = data[columns+1:]
		if row[0] != 2 {
			break
		}
		for i, c := range row {
			hist[i] += c
		}
		out = append(out, hist[1:]...)
	}
	return out, nil
}

// check looks at object streams once all sections are read.
func (x *xrefTable) check(s string) error {
	streams := map[int64]bool{}
	for n, t := range x.typ {
		if t != 3 {
			continue
		}
		stm := x.val[n]
		if stm >= 0 && stm < int64(len(x.typ)) && x.typ[stm] == 3 {
			return xrefErrorf("object %d is in object stream %d, itself declared inside an object stream", n, stm)
		}
		streams[stm] = true
	}
	if len(streams) > maxObjectStreams {
		return xrefErrorf("it uses %d object streams", len(streams))
	}
	done := map[int64]bool{} // streams whose chain is known to end well
	for stm := range streams {
		chain := map[int64]bool{}
		for cur := stm; !done[cur]; {
			if chain[cur] {
				return xrefErrorf("object stream %d extends itself through a loop", stm)
			}
			if len(chain) >= 64 {
				return xrefErrorf("object stream %d extends over 64 others", stm)
			}
			chain[cur] = true
			if cur < 0 || cur >= int64(len(x.typ)) || x.typ[cur] != 2 || x.val[cur] < 0 || x.val[cur] >= int64(len(s)) {
				break // not a stream at top level: the library fails on it
			}
			rest := s[x.val[cur]:]
			nextToken(&rest)
			nextToken(&rest)
			if nextToken(&rest) != "obj" {
				break
			}
			d, ok := parseDict(&rest)
			if !ok {
				break
			}
			ext, ok := d["Extends"].(types.IndirectRef)
			if !ok {
				break
			}
			next := int64(ext.ObjectNumber)
			if next >= 0 && next < int64(len(x.typ)) && x.typ[next] == 3 {
				return xrefErrorf("object stream %d extends object %d, which is inside an object stream", cur, next)
			}
			cur = next
		}
		for c := range chain {
			done[c] = true
		}
	}
	return nil
}

// parseDict reads a dictionary at the start of *s with pdfcpu's parser.
func parseDict(s *string) (types.Dict, bool) {
	o, err := model.ParseObject(s)
	if err != nil {
		return nil, false
	}
	d, ok := o.(types.Dict)
	return d, ok
}

// nextToken returns the next token of s as the library's lexer cuts them
// (white space and comments skipped, delimiters alone), advancing s.
func nextToken(s *string) string {
	t := *s
	for len(t) > 0 {
		if isWhite(t[0]) {
			t = t[1:]
			continue
		}
		if t[0] == '%' {
			for len(t) > 0 && t[0] != '\n' && t[0] != '\r' {
				t = t[1:]
			}
			continue
		}
		break
	}
	n := 0
	switch {
	case len(t) == 0:
	case strings.HasPrefix(t, "<<"), strings.HasPrefix(t, ">>"):
		n = 2
	case isDelim(t[0]):
		n = 1
	default:
		for n < len(t) && !isWhite(t[n]) && !isDelim(t[n]) {
			n++
		}
	}
	*s = t[n:]
	return t[:n]
}

func xrefInt(t string) (int64, bool) {
	v, err := strconv.ParseInt(t, 10, 64)
	return v, err == nil
}

func beInt(b []byte) int64 {
	var v int64
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}
