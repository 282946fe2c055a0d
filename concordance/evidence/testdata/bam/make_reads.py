#!/usr/bin/env python3
"""Writes ref.fa and reads.sam for make.sh: a 1.2 kb random reference and
hand-placed reads around six sites (see README.md). Deterministic: the
reference comes from a fixed-seed generator, the reads from fixed lists."""
import random

rng = random.Random(20240601)
L1, L2 = 1200, 300
chr1 = [rng.choice("ACGT") for _ in range(L1)]
chr2 = [rng.choice("ACGT") for _ in range(L2)]


def other(b):
    return {"A": "C", "C": "G", "G": "T", "T": "A"}[b]


# Site bases fixed so the alleles below cannot be shifted left or right.
def setb(pos, b):
    chr1[pos - 1] = b


setb(300, "C")          # SNV C>T
setb(400, "G"); setb(401, "A")  # MNV GA>TC
setb(599, "C"); setb(600, "A"); setb(601, "C")  # insertion A>ATG after 600
setb(900, "G"); setb(901, "T"); setb(902, "C"); setb(903, "A"); setb(904, "T")  # deletion GTCA>G at 900
setb(1000, "T")         # SNV T>G, no support
setb(1100, "A")         # SNV A>C, low coverage

ref = "".join(chr1)
with open("ref.fa", "w") as f:
    f.write(">chr1\n")
    for i in range(0, L1, 60):
        f.write(ref[i:i + 60] + "\n")
    f.write(">chr2\n")
    s2 = "".join(chr2)
    for i in range(0, L2, 60):
        f.write(s2[i:i + 60] + "\n")

RL = 60  # read length
reads = []
n = [0]


def name(tag):
    n[0] += 1
    return "r%03d_%s" % (n[0], tag)


def read(tag, start, seq_edits=None, cigar=None, flag=0, mapq=60, quals=None, qname=None,
         rnext="*", pnext=0, tlen=0, length=RL):
    """A read starting at 1-based start; seq from the reference with
    seq_edits {refpos: base} applied; cigar as a list of (op, n)."""
    seq_edits = seq_edits or {}
    if cigar is None:
        cigar = [("M", length)]
    seq, pos = [], start
    for op, k in cigar:
        if op == "M":
            for p in range(pos, pos + k):
                seq.append(seq_edits.get(p, ref[p - 1]))
            pos += k
        elif op == "D":
            pos += k
        elif op == "I":
            seq.append(seq_edits["ins"])
        elif op == "S":
            seq.append("".join(ref[pos - 1 - k + j] if pos - 1 - k + j >= 0 else "A" for j in range(k)))
    seq = "".join(seq)
    q = ["?"] * len(seq)  # Phred 30
    for i, c in (quals or {}).items():
        q[i] = c
    cig = "".join("%d%s" % (k, op) for op, k in cigar)
    reads.append((qname or name(tag), flag, "chr1", start, mapq, cig, rnext, pnext, tlen, seq, "".join(q)))


def qpos(start, refpos):
    return refpos - start  # for all-M reads


# --- Site A: SNV chr1:300 C>T -----------------------------------------
for k in range(30):  # reference reads, both strands
    read("A_ref", 300 - 5 - k, flag=16 * (k % 2))
for k in range(6):
    read("A_alt", 300 - 10 - 4 * k, {300: "T"}, flag=16 * (k % 2))
for k in range(2):  # alt base at Phred 10: under -Q 20
    s = 300 - 20 - k
    read("A_altlowbq", s, {300: "T"}, quals={qpos(s, 300): "+"})
read("A_altdup", 290, {300: "T"}, flag=1024)
for k in range(2):
    read("A_altlowmq", 285 - k, {300: "T"}, mapq=5)
read("A_altsecondary", 280, {300: "T"}, flag=256)
read("A_altqcfail", 281, {300: "T"}, flag=512)
read("A_del", 270, cigar=[("M", 28), ("D", 3), ("M", 32)])  # deletion over 298-300
read("A_softclip", 301, cigar=[("S", 10), ("M", 50)])      # 300 is clipped
read("A_endsat", 241)                                      # last base is 300
# Proper pairs overlapping the site (flags 99/147).
def pair(tag, s1, s2, e1=None, e2=None, q1=None, q2=None):
    qn = name(tag)
    tl = s2 + RL - s1
    read(tag, s1, e1, flag=99, quals=q1, qname=qn, rnext="=", pnext=s2, tlen=tl)
    read(tag, s2, e2, flag=147, quals=q2, qname=qn, rnext="=", pnext=s1, tlen=-tl)
pair("A_pair_altalt", 270, 280, {300: "T"}, {300: "T"})
pair("A_pair_refref_q15", 271, 281, None, None, {qpos(271, 300): "0"}, {qpos(281, 300): "0"})  # Phred 15 each
pair("A_pair_alt35_ref25", 272, 282, {300: "T"}, None, {qpos(272, 300): "D"}, {qpos(282, 300): ":"})
pair("A_pair_tie_a", 273, 283, {300: "T"}, None)
pair("A_pair_tie_b", 274, 284, {300: "T"}, None)
pair("A_pair_tie_c", 275, 285, {300: "T"}, None)
# An improper pair (paired, not proper): counted with mpileup -A.
qn = name("A_improper")
read("A_improper", 276, {300: "T"}, flag=65, qname=qn, rnext="chr2", pnext=100)

# --- Site M: MNV chr1:400-401 GA>TC -----------------------------------
for k in range(20):
    read("M_ref", 400 - 5 - k, flag=16 * (k % 2))
for k in range(3):
    read("M_alt", 400 - 15 - k, {400: "T", 401: "C"})
read("M_half", 380, {400: "T"})            # only the first base changed
read("M_lowbq", 381, {400: "T", 401: "C"}, quals={qpos(381, 401): "+"})

# --- Site I: insertion chr1:600 A>ATG ---------------------------------
def ins(tag, s, seq, flag=0, quals=None, mapq=60):
    pre = 600 - s + 1
    read(tag, s, {"ins": seq}, cigar=[("M", pre), ("I", len(seq)), ("M", RL - pre - len(seq))], flag=flag, quals=quals, mapq=mapq)
for k in range(20):
    read("I_ref", 600 - 8 - k, flag=16 * (k % 2))
for k in range(4):
    ins("I_alt", 600 - 20 - k, "TG", flag=16 * (k % 2))
ins("I_other", 575, "T")                       # a different insertion
ins("I_alt_lowbq", 574, "TG", quals={600 - 574: "+"})  # anchor base at Phred 10
ins("I_alt_dup", 573, "TG", flag=1024)
read("I_endsat", 541)                          # ends on the anchor

# --- Site D: deletion chr1:900 GTCA>G ---------------------------------
def dele(tag, s, k, mapq=60):
    pre = 900 - s + 1
    read(tag, s, cigar=[("M", pre), ("D", k), ("M", RL - pre)], mapq=mapq)
for k in range(25):
    read("D_ref", 900 - 6 - k, flag=16 * (k % 2))
for k in range(3):
    dele("D_alt", 900 - 30 - k, 3)
dele("D_other", 870, 2)                        # a 2-base deletion
dele("D_alt_mq0", 869, 3, mapq=0)

# --- Site N: SNV chr1:1000 T>G, no support ----------------------------
for k in range(40):
    read("N_ref", 1000 - 5 - k, flag=16 * (k % 2))

# --- Site C: SNV chr1:1100 A>C, low coverage --------------------------
for k in range(4):
    read("C_ref", 1100 - 10 - k)
read("C_alt", 1080, {1100: "C"})

with open("reads.sam", "w") as f:
    f.write("@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:chr1\tLN:%d\n@SQ\tSN:chr2\tLN:%d\n" % (L1, L2))
    f.write("@RG\tID:test\tSM:test\n")
    for r in reads:
        f.write("\t".join(str(x) for x in r) + "\tRG:Z:test\n")
