// Package notebooks holds concord's Jupyter notebooks (GoNB kernel) and
// pins what they import.
//
// A GoNB kernel compiles every cell in a module of its own and runs a bare
// `go get` after each cell, which asks the module proxy for @latest of
// anything missing. The first cell of each notebook copies this folder's
// go.mod and go.sum into the kernel's module, so every package below is
// already pinned there and nothing is fetched. This file imports each
// package a notebook imports (TestImportsPinned checks that), so that
// `go mod tidy` keeps them in go.mod and `go vet` proves go.sum holds them.
//
// The folder is a module of its own, with a replace to the checkout it
// lives in, so that gota (github.com/go-gota/gota, notebooks only) stays out
// of concord's own dependency graph.
package notebooks

import (
	_ "github.com/go-gota/gota/dataframe"
	_ "github.com/go-gota/gota/series"
	_ "gonum.org/v1/plot"
	_ "gonum.org/v1/plot/plotter"
	_ "gonum.org/v1/plot/vg"
	_ "gonum.org/v1/plot/vg/draw"
	_ "gonum.org/v1/plot/vg/vgimg"

	_ "github.com/concord-oncology/concord/concordance"
	_ "github.com/concord-oncology/concord/concordance/actionable"
	_ "github.com/concord-oncology/concord/concordance/analysis"
	_ "github.com/concord-oncology/concord/concordance/output"
	_ "github.com/concord-oncology/concord/concordance/render"
	_ "github.com/concord-oncology/concord/concordance/results"
	_ "github.com/concord-oncology/concord/concordance/schema"
	_ "github.com/concord-oncology/concord/concordance/simulate"
	_ "github.com/concord-oncology/concord/notebooks/nb"
	_ "github.com/concord-oncology/concord/plots"
	_ "github.com/concord-oncology/concord/stats"
)
