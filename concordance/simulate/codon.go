package simulate

import (
	"math"
	"math/rand/v2"
)

func mathExp(x float64) float64 { return math.Exp(x) }
func mathLog(x float64) float64 { return math.Log(x) }

// codonUsage is the human codon usage per thousand codons (Kazusa codon
// usage database, Homo sapiens, from GenBank CDSs), used to draw synthetic
// coding sequence with a realistic composition (about 52% GC).
var codonUsage = map[string]float64{
	"TTT": 17.6, "TTC": 20.3, "TTA": 7.7, "TTG": 12.9, "CTT": 13.2, "CTC": 19.6, "CTA": 7.2, "CTG": 39.6,
	"ATT": 16.0, "ATC": 20.8, "ATA": 7.5, "ATG": 22.0, "GTT": 11.0, "GTC": 14.5, "GTA": 7.1, "GTG": 28.1,
	"TCT": 15.2, "TCC": 17.7, "TCA": 12.2, "TCG": 4.4, "CCT": 17.5, "CCC": 19.8, "CCA": 16.9, "CCG": 6.9,
	"ACT": 13.1, "ACC": 18.9, "ACA": 15.1, "ACG": 6.1, "GCT": 18.4, "GCC": 27.7, "GCA": 15.8, "GCG": 7.4,
	"TAT": 12.2, "TAC": 15.3, "CAT": 10.9, "CAC": 15.1, "CAA": 12.3, "CAG": 34.2, "AAT": 17.0, "AAC": 19.1,
	"AAA": 24.4, "AAG": 31.9, "GAT": 21.8, "GAC": 25.1, "GAA": 29.0, "GAG": 39.6, "TGT": 10.6, "TGC": 12.6,
	"TGG": 13.2, "CGT": 4.5, "CGC": 10.4, "CGA": 6.2, "CGG": 11.4, "AGT": 12.1, "AGC": 19.5, "AGA": 12.2,
	"AGG": 12.0, "GGT": 10.8, "GGC": 22.2, "GGA": 16.5, "GGG": 16.5,
}

// geneticCode maps codons to one-letter amino acids ('*' = stop).
var geneticCode = func() map[string]byte {
	const bases = "TCAG"
	const aas = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"
	m := map[string]byte{}
	i := 0
	for _, a := range bases {
		for _, b := range bases {
			for _, c := range bases {
				m[string([]rune{a, b, c})] = aas[i]
				i++
			}
		}
	}
	return m
}()

// threeLetter names amino acids as HGVS writes them.
var threeLetter = map[byte]string{
	'A': "Ala", 'R': "Arg", 'N': "Asn", 'D': "Asp", 'C': "Cys", 'Q': "Gln", 'E': "Glu", 'G': "Gly",
	'H': "His", 'I': "Ile", 'L': "Leu", 'K': "Lys", 'M': "Met", 'F': "Phe", 'P': "Pro", 'S': "Ser",
	'T': "Thr", 'W': "Trp", 'Y': "Tyr", 'V': "Val", '*': "Ter",
}

var sortedCodons, codonCum = func() ([]string, []float64) {
	var cs []string
	for _, a := range "TCAG" {
		for _, b := range "TCAG" {
			for _, c := range "TCAG" {
				s := string([]rune{a, b, c})
				if _, ok := codonUsage[s]; ok {
					cs = append(cs, s)
				}
			}
		}
	}
	cum := make([]float64, len(cs))
	t := 0.0
	for i, c := range cs {
		t += codonUsage[c]
		cum[i] = t
	}
	return cs, cum
}()

// randomCodon draws a sense codon by human codon usage.
func randomCodon(r *rand.Rand) string {
	x := r.Float64() * codonCum[len(codonCum)-1]
	lo, hi := 0, len(codonCum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if codonCum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return sortedCodons[lo]
}

func isStop(c []byte) bool {
	return c[0] == 'T' && (c[1] == 'A' && (c[2] == 'A' || c[2] == 'G') || c[1] == 'G' && c[2] == 'A')
}

// codonTable is geneticCode indexed by the 6-bit code of a codon.
var codonTable = func() (t [64]byte) {
	for c, aa := range geneticCode {
		t[codonIndex([]byte(c))] = aa
	}
	return t
}()

var baseCode = func() (t [256]int) {
	for i := range t {
		t[i] = -1
	}
	t['A'], t['C'], t['G'], t['T'] = 0, 1, 2, 3
	return t
}()

func codonIndex(c []byte) int { return baseCode[c[0]]<<4 | baseCode[c[1]]<<2 | baseCode[c[2]] }

// translate translates s from its first base until (and including) the
// first stop codon, or until the sequence ends.
func translate(s []byte) []byte {
	out := make([]byte, 0, len(s)/3)
	for i := 0; i+3 <= len(s); i += 3 {
		aa := codonTable[codonIndex(s[i:i+3])]
		out = append(out, aa)
		if aa == '*' {
			break
		}
	}
	return out
}

// translateAll translates every whole codon of s, through stops.
func translateAll(s []byte) []byte {
	out := make([]byte, 0, len(s)/3)
	for i := 0; i+3 <= len(s); i += 3 {
		out = append(out, codonTable[codonIndex(s[i:i+3])])
	}
	return out
}
