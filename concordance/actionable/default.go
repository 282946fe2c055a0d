package actionable

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed default.tsv
var defaultTSV string

var defaultTable = sync.OnceValues(func() (*Table, error) {
	return Read(strings.NewReader(defaultTSV), "default")
})

// Default returns concord's built-in actionability table (default.tsv,
// with a source on every line). It is also a template for a user's own
// table (--actionable).
func Default() *Table {
	t, err := defaultTable()
	if err != nil {
		panic("actionable: the built-in table does not parse: " + err.Error()) // a bug, caught by the tests
	}
	return t
}

// DefaultTSV returns the text of the built-in table.
func DefaultTSV() string { return defaultTSV }
