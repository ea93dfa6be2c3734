package hostile

import (
	"fmt"
	"sort"
	"strings"
)

// HugeString is the questionnaire with, below it, one text object that
// shows a single string of n bytes (words of ordinary text).
//
// Hostile because the string compresses to almost nothing, while a reader
// that turns every character into a glyph record before checking any
// budget needs a hundred bytes or more per character: 20 MB of string,
// gigabytes of glyphs.
func HugeString(n int) []byte {
	s := strings.Repeat("lorem ipsum ", n/12+1)[:n]
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "BT /F1 11 Tf 72 40 Td ("+s+") Tj ET\n", "", "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// ManyShows is the questionnaire with, below it, n Tj operators of one
// character each in a single text object, all on one line of the content
// stream.
//
// Hostile because the operator count, not the byte count, drives the
// cost of a page: a budget on stream size does not see it.
func ManyShows(n int) []byte {
	f := &File{}
	tree := f.Reserve()
	p := f.questionnairePage(tree, "BT /F1 11 Tf 72 40 Td "+strings.Repeat("(a) Tj ", n)+"ET\n", "", "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// BadUTF16 is the questionnaire drawn in a Type0 font whose ToUnicode
// CMap maps some codes to invalid UTF-16: Answer1 has an unpaired high
// surrogate after "covers". Answer2 is the value of a filled text field,
// UTF-16 with an unpaired low surrogate after "cases" and a reversed
// surrogate pair after "tried". The document information dictionary
// (/Info) has a title, author and subject with unpaired surrogates.
//
// Hostile because a decoder that trusts UTF-16 emits invalid UTF-8 (which
// breaks JSON records and search indexes) or drops whole strings.
// Correct reading replaces each bad unit with U+FFFD.
func BadUTF16() []byte {
	f := &File{}
	tree := f.Reserve()
	cmap := f.Stream("", []byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Hostile-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfchar
<E000> <D800>
endbfchar
1 beginbfrange <0000> <DFFF> <0000> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`))
	desc := f.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hostile /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
	font := f.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Hostile /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, cmap))
	// utf16 writes s as 2-byte units; \x01 stands for an unpaired high
	// surrogate, \x02 for an unpaired low one, \x03 for a reversed pair.
	utf16 := func(s string, high string) string {
		var b strings.Builder
		for _, r := range s {
			switch r {
			case 1:
				b.WriteString(high)
			case 2:
				b.WriteString("DC00")
			case 3:
				b.WriteString("DC00D800")
			default:
				fmt.Fprintf(&b, "%04X", r)
			}
		}
		return b.String()
	}
	lines := Questionnaire()
	lines[lineAnswer1] = strings.Replace(Answer1, "covers", "covers\x01", 1)
	var c strings.Builder
	for i, l := range lines {
		if i != lineAnswer2 {
			fmt.Fprintf(&c, "BT /F1 11 Tf 72 %g Td <%s> Tj ET\n", lineY(i), utf16(l, "E000"))
		}
	}
	value := strings.Replace(strings.Replace(Answer2, "cases", "cases\x02", 1), "tried", "tried\x03", 1)
	y := lineY(lineAnswer2)
	field := f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (answer2) /V <FEFF%s> /Rect [70 %g 560 %g] >>", utf16(value, "D800"), y-4, y+12))
	p := f.Page(tree, c.String(), fmt.Sprintf("/Font << /F1 %d 0 R >>", font), fmt.Sprintf("/Annots [%d 0 R]", field))
	info := f.Add("<< /Title <FEFFD800> /Author <FEFF0041DC00> /Subject <FEFFD8> >>")
	f.Trailer = fmt.Sprintf("/Info %d 0 R", info)
	f.Pages(tree, p)
	f.Catalog(tree, fmt.Sprintf("/AcroForm << /Fields [%d 0 R] >>", field))
	return f.Bytes()
}

// aglName is the Adobe Glyph List name of the characters of Questionnaire.
func aglName(r rune) string {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return string(r)
	case r >= '0' && r <= '9':
		return []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[r-'0']
	}
	return map[rune]string{' ': "space", '.': "period", ',': "comma", ':': "colon", '?': "question",
		'[': "bracketleft", ']': "bracketright", '-': "hyphen", '(': "parenleft", ')': "parenright"}[r]
}

// subsetFont adds a simple font the way subsetting producers write one:
// codes 1, 2, 3… given in order of first use to the characters of text,
// named in /Differences by name(r), no ToUnicode. It returns the font and
// the encoder of strings into its codes.
func (f *File) subsetFont(text string, first int, name func(r rune, code int) string) (int, func(string) string) {
	seen := map[rune]bool{}
	var chars []rune
	for _, r := range text {
		if !seen[r] {
			seen[r] = true
			chars = append(chars, r)
		}
	}
	sort.Slice(chars, func(i, j int) bool { return chars[i] < chars[j] })
	code := map[rune]int{}
	diffs := []string{fmt.Sprint(first)}
	widths := make([]string, len(chars))
	for i, r := range chars {
		code[r] = first + i
		diffs = append(diffs, "/"+name(r, first+i))
		widths[i] = "556"
		if r == ' ' {
			widths[i] = "278"
		}
	}
	desc := f.Add("<< /Type /FontDescriptor /FontName /ABCDEF+SubsetSans /Flags 4 /FontBBox [0 -210 1000 730] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 >>")
	font := f.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+SubsetSans /FirstChar %d /LastChar %d /Widths [%s] /Encoding << /Type /Encoding /Differences [%s] >> /FontDescriptor %d 0 R >>",
		first, first+len(chars)-1, strings.Join(widths, " "), strings.Join(diffs, " "), desc))
	enc := func(s string) string {
		var b strings.Builder
		b.WriteByte('<')
		for _, r := range s {
			fmt.Fprintf(&b, "%02X", code[r])
		}
		b.WriteByte('>')
		return b.String()
	}
	return font, enc
}

// encodedQuestionnaire adds a page of the questionnaire drawn with a font
// built by subsetFont, the lines for which inFont is false in Helvetica.
func (f *File) encodedQuestionnaire(tree int, font int, enc func(string) string, inFont func(i int) bool) int {
	helv := f.Helvetica()
	var c strings.Builder
	for i, l := range Questionnaire() {
		if inFont(i) {
			fmt.Fprintf(&c, "BT /F2 11 Tf 72 %g Td %s Tj ET\n", lineY(i), enc(l))
		} else {
			c.WriteString(show(72, lineY(i), 11, l))
		}
	}
	return f.Page(tree, c.String(), fmt.Sprintf("/Font << /F1 %d 0 R /F2 %d 0 R >>", helv, font), "")
}

// WideCodespace is the questionnaire in a simple (one-byte) TrueType
// font whose ToUnicode CMap declares a two-byte codespace, <0000> <FFFF>,
// over one-byte entries (<41> <0041>), as some producers write it.
//
// Hostile because a reader that cuts strings by the CMap's codespace pairs
// the letters up ("Qu" becomes code 0x5175), and every pair maps to
// nothing: a readable file comes out as replacement characters.
func WideCodespace() []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	b.WriteString("95 beginbfchar\n")
	for c := 0x20; c < 0x7F; c++ {
		fmt.Fprintf(&b, "<%02X> <%04X>\n", c, c)
	}
	b.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	f := &File{}
	tree := f.Reserve()
	tu := f.Flate("", []byte(b.String()))
	font := f.Add(fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Arial /Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>", tu))
	p := f.Page(tree, questionnaireOps(nil), fmt.Sprintf("/Font << /F1 %d 0 R >>", font), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// DifferencesFont is the questionnaire in a subset Type1 font without
// ToUnicode whose codes 1, 2, 3… are named in /Differences with Adobe
// Glyph List names (/A, /space, /period, /bracketleft…).
//
// Hostile because the codes mean nothing in any standard encoding: the
// text can only be read by resolving the glyph names.
func DifferencesFont() []byte {
	f := &File{}
	tree := f.Reserve()
	font, enc := f.subsetFont(strings.Join(Questionnaire(), ""), 1, func(r rune, _ int) string { return aglName(r) })
	p := f.encodedQuestionnaire(tree, font, enc, func(int) bool { return true })
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// UnknownGlyphNames is the questionnaire in a subset font without
// ToUnicode that numbers its glyphs in order of use (codes 1, 2, 3…) and
// names them in /Differences with private names (/g1, /g2…).
//
// Hostile because the names say nothing and the codes follow no
// encoding: a reader that falls back on the base encoding drops the
// codes below 32 and reads the others as punctuation and letters that
// are not the text, garbage that passes for answers.
func UnknownGlyphNames() []byte {
	f := &File{}
	tree := f.Reserve()
	font, enc := f.subsetFont(strings.Join(Questionnaire(), ""), 1, func(_ rune, code int) string { return fmt.Sprintf("g%d", code) })
	p := f.encodedQuestionnaire(tree, font, enc, func(int) bool { return true })
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// identityFont adds a Type0 font with /Encoding /Identity-H and no
// ToUnicode, and the encoder of strings into its 2-byte codes: glyph ids
// as a TrueType subset would number them, unrelated to Unicode.
func (f *File) identityFont() (int, func(string) string) {
	desc := f.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Subset /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 556 /CIDToGIDMap /Identity >>")
	font := f.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Subset /Encoding /Identity-H /DescendantFonts [%d 0 R] >>", desc))
	return font, func(s string) string {
		var b strings.Builder
		b.WriteByte('<')
		for _, r := range s {
			fmt.Fprintf(&b, "%04X", int(r)-29) // "a" is glyph 68 in many TrueType fonts
		}
		b.WriteByte('>')
		return b.String()
	}
}

// IdentityNoToUnicode is the questionnaire in a Type0 Identity-H font
// without ToUnicode: the strings hold glyph ids, and nothing in the file
// says which characters they draw.
//
// Hostile because the text is there for the eye but not for a reader:
// without OCR (or the font program's own tables) it cannot be decoded.
func IdentityNoToUnicode() []byte {
	f := &File{}
	tree := f.Reserve()
	font, enc := f.identityFont()
	p := f.encodedQuestionnaire(tree, font, enc, func(int) bool { return true })
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// UndecodableAnswers is the questionnaire whose headings, questions and
// tick boxes are in Helvetica but whose two narrative answers are in a
// Type0 Identity-H font without ToUnicode.
//
// Hostile because the document reads well enough to find its questions,
// so the answers' undecodable text would pass as answers.
func UndecodableAnswers() []byte {
	f := &File{}
	tree := f.Reserve()
	font, enc := f.identityFont()
	p := f.encodedQuestionnaire(tree, font, enc, func(i int) bool { return i == lineAnswer1 || i == lineAnswer2 })
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// InlineImages is the questionnaire with two inline images drawn before
// it (BI … ID data EI). The first, unfiltered, 16 × 4 grey pixels, has
// data that contains " EI " followed by an unbalanced "(" ; the second,
// labelled DCT (never decoded), has binary data with "\nEI\n" followed by
// more binary bytes.
//
// Hostile because the data of an inline image has no length: a reader
// that ends it at the first "EI" between white space resumes inside the
// pixels, where the "(" opens a string that swallows the questionnaire.
func InlineImages() []byte {
	gray := []byte("\x00\x01 EI (\xff\xfe")
	for len(gray) < 16*4 {
		gray = append(gray, byte(0x80+len(gray)))
	}
	jpeg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\nEI\n\x8f\x00(\x01\x02\xff\xd9")
	content := "q 64 0 0 16 400 780 cm BI /W 16 /H 4 /BPC 8 /CS /G ID " + string(gray) + "\nEI Q\n" +
		"q 64 0 0 16 400 700 cm BI /W 2 /H 2 /BPC 8 /CS /RGB /F /DCT ID " + string(jpeg) + "\nEI Q\n"
	f := &File{}
	tree := f.Reserve()
	font := f.Helvetica()
	p := f.Page(tree, content+questionnaireOps(nil), fmt.Sprintf("/Font << /F1 %d 0 R >>", font), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}
