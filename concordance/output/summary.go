package output

import (
	"encoding/json"
	"io"

	"github.com/concord-oncology/concord/concordance/schema"
)

// WriteSummary writes summary.json, indented, with a final newline.
func WriteSummary(w io.Writer, s *schema.Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}
