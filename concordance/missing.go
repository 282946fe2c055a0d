package concordance

import "math"

// Missing is the value of an unknown float quantity (VAF, tumour fraction).
var Missing = math.NaN()

// Known reports whether x is a known (non-NaN) value.
func Known(x float64) bool { return !math.IsNaN(x) }
