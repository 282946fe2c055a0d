package results

// Entries of a results folder besides the tables of Files (docs/outputs.md):
// concord run writes all of them, concord figures rewrites the last two.
const (
	ReadmeFile = "README.md"   // what each file holds
	ReportFile = "report.html" // the self-contained report
	FiguresDir = "figures"     // one file per figure and format
)
