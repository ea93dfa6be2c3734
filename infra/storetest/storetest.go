// Package storetest is the contract every saq.BlobStore implementation
// must meet; each implementation's tests run it against a real instance.
package storetest

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/saq-review/saq"
)

// Run checks a fresh, empty store made by open.
func Run(t *testing.T, open func(t *testing.T) saq.BlobStore) {
	ctx := context.Background()
	t.Run("missing key is not_found", func(t *testing.T) {
		s := open(t)
		if _, err := s.Get(ctx, "originals/nothing.pdf"); saq.KindOf(err) != saq.KindNotFound {
			t.Fatalf("Get missing: %v, want not_found", err)
		}
	})
	t.Run("put then get, overwrite", func(t *testing.T) {
		s := open(t)
		data := append([]byte("%PDF-1.7\n\x00\xff binary"), bytes.Repeat([]byte("x"), 1<<20)...)
		if err := s.Put(ctx, "originals/ab/cd.pdf", data); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, "originals/ab/cd.pdf")
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Get = %d bytes, %v; want the %d bytes put", len(got), err, len(data))
		}
		if err := s.Put(ctx, "originals/ab/cd.pdf", []byte("v2")); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Get(ctx, "originals/ab/cd.pdf"); string(got) != "v2" {
			t.Fatalf("after overwrite Get = %q", got)
		}
	})
	t.Run("list by prefix, sorted", func(t *testing.T) {
		s := open(t)
		for _, k := range []string{"records/b.json", "records/a.json", "status/a.json", "records2/x.json"} {
			if err := s.Put(ctx, k, []byte(k)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.List(ctx, "records/")
		if err != nil || !slices.Equal(got, []string{"records/a.json", "records/b.json"}) {
			t.Fatalf("List(records/) = %v, %v", got, err)
		}
		got, _ = s.List(ctx, "records")
		if !slices.Equal(got, []string{"records/a.json", "records/b.json", "records2/x.json"}) {
			t.Fatalf("List(records) = %v", got)
		}
		if got, err := s.List(ctx, "nothing/"); err != nil || len(got) != 0 {
			t.Fatalf("List(nothing/) = %v, %v", got, err)
		}
	})
	t.Run("keys that escape are refused", func(t *testing.T) {
		s := open(t)
		for _, k := range []string{"../escape", "/etc/passwd", "a/../../b", "a//b", "a/./b", "", "a\\b"} {
			if err := s.Put(ctx, k, []byte("x")); err == nil {
				t.Errorf("Put(%q) accepted", k)
			}
			if _, err := s.Get(ctx, k); err == nil || saq.KindOf(err) == saq.KindNotFound {
				t.Errorf("Get(%q) = %v, want an invalid-key error", k, err)
			}
		}
	})
}
