package filestore

import (
	"testing"

	"github.com/saq-review/saq"
	"github.com/saq-review/saq/infra/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) saq.BlobStore {
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
