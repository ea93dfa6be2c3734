package hostile

import (
	"fmt"
	"strings"
)

// FormXObjects is the questionnaire whose tick boxes and answers are drawn
// by form XObjects, not by the page: the page draws the headings and
// questions, then form Fm1 (own /Resources, /Matrix moving it to the tick
// line) draws the tick boxes and Answer1 in its own font named /F1, a
// font whose /Differences shifts the alphabet by one (the code of "a"
// draws "b"), so that reading Fm1 with the page's /F1 gives garbage. Fm1
// draws Fm2 (own /Resources, /Matrix scaling by one half and moving it
// to the last line), which draws Answer2 in 22-point Helvetica.
//
// Hostile because many readers, the PDF library's text functions among
// them, do not look inside form XObjects at all, and those that do often
// ignore the form's own resources or matrix: the answers are then lost,
// garbled, or attached to the wrong question.
func FormXObjects() []byte {
	f := &File{}
	tree := f.Reserve()
	helv := f.Helvetica()
	var diffs strings.Builder
	for _, r := range []string{"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} {
		fmt.Fprintf(&diffs, "%d", r[0])
		for i := range r {
			fmt.Fprintf(&diffs, " /%c", r[(i+1)%26])
		}
		diffs.WriteByte(' ')
	}
	shifted := f.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >> >>", diffs.String()))
	unshift := func(s string) string { // the codes that draw s in the shifted font
		return strings.Map(func(r rune) rune {
			switch {
			case r == 'a':
				return 'z'
			case r == 'A':
				return 'Z'
			case r > 'a' && r <= 'z', r > 'A' && r <= 'Z':
				return r - 1
			}
			return r
		}, s)
	}
	lines := Questionnaire()
	fm2 := f.Flate(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 -20 1200 60] /Matrix [0.5 0 0 0.5 0 %g] /Resources << /Font << /F1 %d 0 R >> >>",
		lineY(lineAnswer2)-lineY(lineTicks), helv), []byte(show(0, 0, 22, lines[lineAnswer2])))
	fm1 := f.Flate(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 -100 500 20] /Matrix [1 0 0 1 72 %g] /Resources << /Font << /F1 %d 0 R >> /XObject << /Fm2 %d 0 R >> >>",
		lineY(lineTicks), shifted, fm2),
		[]byte(show(0, 0, 11, unshift(lines[lineTicks]))+show(0, lineY(lineAnswer1)-lineY(lineTicks), 11, unshift(lines[lineAnswer1]))+"q /Fm2 Do Q\n"))
	body := questionnaireOps(func(i int) bool { return i == lineTicks || i == lineAnswer1 || i == lineAnswer2 })
	p := f.Page(tree, body+"q /Fm1 Do Q\n", fmt.Sprintf("/Font << /F1 %d 0 R >> /XObject << /Fm1 %d 0 R >>", helv, fm1), "")
	f.Pages(tree, p)
	f.Catalog(tree, "")
	return f.Bytes()
}

// AcroForm is the questionnaire as a filled form: the page prints the
// headings, questions and the labels Yes, No, Partially; the tick is a
// check box field (/V /Yes on Yes, /Off on the others), Answer1 the value
// of a text field whose widget is a kid of the field (the value sits on
// the parent), with an appearance stream that shows the same text, and
// Answer2 the value of a text field typed on two lines.
//
// Hostile because form field values are not page content: a reader of
// content streams alone sees an empty questionnaire, and one that also
// draws the appearance streams reads the answers twice.
func AcroForm() []byte {
	f := &File{}
	tree := f.Reserve()
	helv := f.Helvetica()
	y := lineY(lineTicks)
	var fields, annots []int
	box := func(name string, x float64, on bool) {
		state := "/Off"
		if on {
			state = "/Yes"
		}
		w := f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Btn /T (%s) /V %s /AS %s /Rect [%g %g %g %g] /MK << /CA (4) >> >>", name, state, state, x, y-1, x+9, y+8))
		fields, annots = append(fields, w), append(annots, w)
	}
	box("q1_yes", 72, true)
	box("q1_no", 118, false)
	box("q1_partially", 156, false)
	labels := show(84, y, 11, "Yes") + show(130, y, 11, "No") + show(168, y, 11, "Partially")

	y1 := lineY(lineAnswer1)
	ap := f.Flate(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 490 16] /Resources << /Font << /Helv %d 0 R >> >>", helv),
		[]byte("/Tx BMC BT /Helv 10 Tf 2 4 Td "+literal(Answer1)+" Tj ET EMC"))
	parent := f.Reserve()
	widget := f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /Parent %d 0 R /Rect [70 %g 560 %g] /AP << /N %d 0 R >> >>", parent, y1-4, y1+12, ap))
	f.Set(parent, fmt.Sprintf("<< /FT /Tx /T (q1_answer) /V %s /Kids [%d 0 R] >>", literal(Answer1), widget))
	fields, annots = append(fields, parent), append(annots, widget)

	y2 := lineY(lineAnswer2)
	two := strings.Replace(Answer2, "2024 ", "2024\r", 1)
	a2 := f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /Ff 4096 /T (q2_answer) /V %s /Rect [70 %g 560 %g] >>", literal(two), y2-20, y2+12))
	fields, annots = append(fields, a2), append(annots, a2)

	body := questionnaireOps(func(i int) bool { return i == lineTicks || i == lineAnswer1 || i == lineAnswer2 })
	p := f.Page(tree, body+labels, fmt.Sprintf("/Font << /F1 %d 0 R >>", helv), fmt.Sprintf("/Annots [%s]", refs(annots)))
	f.Pages(tree, p)
	f.Catalog(tree, fmt.Sprintf("/AcroForm << /Fields [%s] /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >> >>", refs(fields), helv))
	return f.Bytes()
}

// Embedded is the State and answers of the questionnaire that
// ActiveContent embeds as an attachment: text that must not be read.
const (
	EmbeddedState  = "Canada"
	EmbeddedAnswer = "Embedded attachment text that is not part of the submission."
)

// ActiveContent is the questionnaire in a file that also carries active
// and attached content: an /OpenAction and a page /AA action running
// JavaScript, a document-level script in the /JavaScript name tree, an
// embedded file (/EmbeddedFiles) that is itself a questionnaire of
// another State with other answers (EmbeddedState, EmbeddedAnswer), and a
// /FileAttachment annotation on the page pointing at it.
//
// Hostile because a reader must neither run the scripts nor read the
// attachment as if it were the submission; the page text is all there is.
func ActiveContent() []byte {
	f := &File{}
	tree := f.Reserve()
	js := `app.alert("pwned"); this.exportDataObject({cName: "answers.pdf", nLaunch: 2}); while (true) {}`
	jsAction := f.Add("<< /Type /Action /S /JavaScript /JS " + literal(js) + " >>")
	jsStream := f.Flate("", []byte(js))
	docJS := f.Add(fmt.Sprintf("<< /Type /Action /S /JavaScript /JS %d 0 R >>", jsStream))
	emb := f.Flate("/Type /EmbeddedFile /Subtype /application#2Fpdf", plain(EmbeddedState, EmbeddedAnswer, EmbeddedAnswer))
	spec := f.Add(fmt.Sprintf("<< /Type /Filespec /F (answers.pdf) /UF (answers.pdf) /EF << /F %d 0 R >> >>", emb))
	attach := f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /FileAttachment /Rect [520 800 540 820] /FS %d 0 R /Contents (%s) /Name /PushPin >>", spec, EmbeddedAnswer))
	p := f.questionnairePage(tree, "", "", fmt.Sprintf("/Annots [%d 0 R] /AA << /O %d 0 R >>", attach, jsAction))
	f.Pages(tree, p)
	f.Catalog(tree, fmt.Sprintf("/OpenAction %d 0 R /Names << /JavaScript << /Names [(init) %d 0 R] >> /EmbeddedFiles << /Names [(answers.pdf) %d 0 R] >> >>",
		jsAction, docJS, spec))
	return f.Bytes()
}
