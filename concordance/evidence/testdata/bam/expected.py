#!/usr/bin/env python3
"""Derives per-variant alt and depth counts from samtools mpileup's text
output (the file given): at an SNV, depth is the bases shown (deletions '*'
excluded) and alt the bases equal to ALT; at an indel, the entries at the
anchor position, alt those carrying the same +N/-N event; at an MNV, reads
(by name) with a base at both positions, alt those with both ALT bases."""
import re
import sys

VARIANTS = [  # chrom, pos, ref, alt
    ("chr1", 300, "C", "T"),
    ("chr1", 400, "GA", "TC"),
    ("chr1", 600, "A", "ATG"),
    ("chr1", 900, "GTCA", "G"),
    ("chr1", 1000, "T", "G"),
    ("chr1", 1100, "A", "C"),
]


def entries(bases):
    """Splits a pileup base column into one token per read."""
    out, i = [], 0
    while i < len(bases):
        c = bases[i]
        if c == "^":
            i += 2
            continue
        if c == "$":
            i += 1
            continue
        if c in "+-":
            m = re.match(r"[+-](\d+)", bases[i:])
            k = int(m.group(1))
            j = i + len(m.group(0))
            out[-1] += m.group(0) + bases[j:j + k].upper()
            i = j + k
            continue
        out.append(c)
        i += 1
    return out


pile = {}
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    chrom, pos, refb = f[0], int(f[1]), f[2]
    toks = entries(f[4])
    names = f[6].split(",") if len(f) > 6 and f[6] else []
    assert len(toks) == len(names) == int(f[3]), line
    pile[(chrom, pos)] = (refb, toks, names)


def base(tok, refb):
    b = tok[0]
    if b in ".,":
        return refb.upper()
    return b.upper()


print("chrom\tpos\tref\talt\talt_reads\tdepth\tsource")
for chrom, pos, ref, alt in VARIANTS:
    refb, toks, names = pile.get((chrom, pos), ("N", [], []))
    if len(ref) == len(alt) == 1:
        shown = [t for t in toks if t[0] not in "*#"]
        a = sum(1 for t in shown if base(t, refb) == alt)
        print(f"{chrom}\t{pos}\t{ref}\t{alt}\t{a}\t{len(shown)}\tsamtools mpileup")
    elif len(ref) == len(alt):
        second = pile[(chrom, pos + 1)]
        b2 = {n: base(t, second[0]) for t, n in zip(second[1], second[2]) if t[0] not in "*#"}
        d = a = 0
        for t, n in zip(toks, names):
            if t[0] in "*#" or n not in b2:
                continue
            d += 1
            if base(t, refb) == alt[0] and b2[n] == alt[1]:
                a += 1
        print(f"{chrom}\t{pos}\t{ref}\t{alt}\t{a}\t{d}\tsamtools mpileup --output-QNAME, both positions")
    else:
        event = ("+" + str(len(alt) - 1) + alt[1:]) if len(alt) > len(ref) else ("-" + str(len(ref) - 1) + ref[1:])
        shown = [t for t in toks if t[0] not in "*#"]
        a = sum(1 for t in shown if t[1:] == event)
        print(f"{chrom}\t{pos}\t{ref}\t{alt}\t{a}\t{len(shown)}\tsamtools mpileup")
