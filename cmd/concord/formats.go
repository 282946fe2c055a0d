package main

import "github.com/concord-oncology/concord/concordance/pipeline"

// formatReaders supplies readers for call files that are not VCFs.
func formatReaders() pipeline.FormatReader { return nil }
