package pdftext

import "golang.org/x/text/unicode/norm"

// aglNames holds the Adobe Glyph List names that Latin-script documents
// use in /Differences arrays. Accented letters ("Eacute", "ccedilla") are
// composed from a base letter and an accent name below.
var aglNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "quoteleft": '‘', "parenleft": '(',
	"parenright": ')', "asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "period": '.',
	"slash": '/', "zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5',
	"six": '6', "seven": '7', "eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<',
	"equal": '=', "greater": '>', "question": '?', "at": '@', "bracketleft": '[', "backslash": '\\',
	"bracketright": ']', "asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{',
	"bar": '|', "braceright": '}', "asciitilde": '~', "exclamdown": '¡', "cent": '¢', "sterling": '£',
	"currency": '¤', "yen": '¥', "brokenbar": '¦', "section": '§', "dieresis": '¨', "copyright": '©',
	"ordfeminine": 'ª', "guillemotleft": '«', "logicalnot": '¬', "registered": '®', "macron": '¯',
	"degree": '°', "plusminus": '±', "twosuperior": '²', "threesuperior": '³', "acute": '´', "mu": 'µ',
	"paragraph": '¶', "periodcentered": '·', "cedilla": '¸', "onesuperior": '¹', "ordmasculine": 'º',
	"guillemotright": '»', "onequarter": '¼', "onehalf": '½', "threequarters": '¾', "questiondown": '¿',
	"multiply": '×', "divide": '÷', "germandbls": 'ß', "AE": 'Æ', "ae": 'æ', "OE": 'Œ', "oe": 'œ',
	"Oslash": 'Ø', "oslash": 'ø', "Eth": 'Ð', "eth": 'ð', "Thorn": 'Þ', "thorn": 'þ', "dotlessi": 'ı',
	"Lslash": 'Ł', "lslash": 'ł', "endash": '–', "emdash": '—', "quotedblleft": '“', "quotedblright": '”',
	"quotesinglbase": '‚', "quotedblbase": '„', "bullet": '•', "ellipsis": '…', "dagger": '†',
	"daggerdbl": '‡', "perthousand": '‰', "guilsinglleft": '‹', "guilsinglright": '›', "Euro": '€',
	"trademark": '™', "florin": 'ƒ', "fraction": '⁄', "minus": '−', "nbspace": '\u00A0',
	"sfthyphen": '\u00AD', "fi": 'ﬁ', "fl": 'ﬂ', "ff": 'ﬀ', "ffi": 'ﬃ', "ffl": 'ﬄ', "circumflex": 'ˆ',
	"tilde": '˜', "ring": '˚', "caron": 'ˇ', "breve": '˘', "dotaccent": '˙', "ogonek": '˛',
	"hungarumlaut": '˝', "checkmark": '✓', "check": '✓', "ballotbox": '☐', "ballotboxx": '☒',
	"ballotboxcheck": '☑', "filledbox": '■', "H22073": '□', "H18543": '▪', "H18551": '▫',
	"circle": '○', "blackcircle": '●', "a20": '✔', "a19": '✓',
}

var accents = map[string]rune{
	"acute": '\u0301', "grave": '\u0300', "circumflex": '\u0302', "dieresis": '\u0308',
	"tilde": '\u0303', "ring": '\u030A', "cedilla": '\u0327', "caron": '\u030C', "macron": '\u0304',
	"breve": '\u0306', "ogonek": '\u0328', "dotaccent": '\u0307', "hungarumlaut": '\u030B',
	"commaaccent": '\u0326',
}

func init() {
	// Compose "Aacute" … "zcaron" from a letter and an accent name.
	for name, mark := range accents {
		for c := 'A'; c <= 'z'; c++ {
			if c > 'Z' && c < 'a' {
				continue
			}
			s := norm.NFC.String(string(c) + string(mark))
			if len([]rune(s)) == 1 {
				aglNames[string(c)+name] = []rune(s)[0]
			}
		}
	}
	for c := 'A'; c <= 'z'; c++ { // single letters are their own names
		if c <= 'Z' || c >= 'a' {
			aglNames[string(c)] = c
		}
	}
}
