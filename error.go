package saq

import (
	"errors"
	"fmt"
)

// ErrorKind classifies why a file or a request could not be processed.
// Kinds are part of the JSON contract; their names never change.
type ErrorKind string

// Rejection kinds for submitted files.
const (
	KindNotPDF    ErrorKind = "not_pdf"   // the bytes are not a PDF at all
	KindEmpty     ErrorKind = "empty"     // no bytes, or a PDF without pages or content
	KindEncrypted ErrorKind = "encrypted" // a password is needed to open it
	KindCorrupt   ErrorKind = "corrupt"   // truncated, broken cross-reference table, damaged streams
	KindNoText    ErrorKind = "no_text"   // pages are images only (OCR is needed), or the text is in fonts that cannot be decoded
	KindTooLarge  ErrorKind = "too_large" // over the configured byte or page limit
	KindTimeout   ErrorKind = "timeout"   // extraction ran past its deadline
	KindInternal  ErrorKind = "internal"  // a bug of ours; the message says what failed
)

// Kinds for requests.
const (
	KindInvalidQuery ErrorKind = "invalid_query" // a search query that cannot be parsed or is too expensive
	KindNotFound     ErrorKind = "not_found"     // no such object, or not visible to the caller
	KindForbidden    ErrorKind = "forbidden"     // the caller's role or scope does not allow it
	KindInvalid      ErrorKind = "invalid"       // a malformed request or parameter
	KindBusy         ErrorKind = "busy"          // too many requests at once: try again shortly
)

// Error is a typed error with a message meant for the person who submitted
// the file or made the request. It never carries stack traces.
type Error struct {
	Kind    ErrorKind `json:"kind"`
	Message string    `json:"message"`
}

func (e *Error) Error() string { return string(e.Kind) + ": " + e.Message }

// Errorf returns an *Error of the given kind.
func Errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf reports the kind of the first *Error in err's chain, or
// KindInternal when there is none.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// AsError converts any error into an *Error, keeping the kind and message of
// a typed error and classifying everything else as internal.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: KindInternal, Message: err.Error()}
}
