#!/bin/sh
# Makes the test BAM and the counts samtools and bcftools give at its
# sites. Needs python3, samtools and bcftools (Debian: apt-get install -y
# samtools bcftools; written with samtools 1.16.1 and bcftools 1.16 /
# htslib 1.16). Run from this folder; the outputs are committed so the Go
# tests need none of these tools.
set -eu
cd "$(dirname "$0")"
python3 make_reads.py
samtools faidx ref.fa
samtools sort -o reads.bam reads.sam
samtools index reads.bam
rm reads.sam

# The sites (1-based): SNV, the two MNV positions, insertion and deletion
# anchors, an SNV without support, an SNV with low coverage.
printf 'chr1\t300\nchr1\t400\nchr1\t401\nchr1\t600\nchr1\t900\nchr1\t1000\nchr1\t1100\n' > sites.txt

# concord's defaults are -Q 20 -q 20; -A counts improper pairs (as concord
# does); -B: no BAQ; -d 0: no depth cap. Overlapping mates are detected
# (mpileup's default).
samtools --version | head -n 2 > versions.txt
bcftools --version | head -n 2 >> versions.txt
samtools mpileup -A -B -d 0 -Q 20 -q 20 -f ref.fa -l sites.txt --output-QNAME reads.bam 2>/dev/null > mpileup.txt
bcftools mpileup -A -B -d 100000 -Q 20 -q 20 -a FORMAT/AD,FORMAT/DP -f ref.fa -T sites.txt reads.bam 2>/dev/null |
	bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t[%AD]\t[%DP]\n' > bcftools.txt
python3 expected.py mpileup.txt > expected.tsv
# The same with the lowest cut-offs, to check that they are what removes reads
# (-Q 1, not 0: at -Q 0 mpileup counts both mates of an overlapping pair again,
# the one whose quality it zeroed included; concord counts a fragment once).
samtools mpileup -A -B -d 0 -Q 1 -q 0 -f ref.fa -l sites.txt --output-QNAME reads.bam 2>/dev/null > mpileup_q1.txt
python3 expected.py mpileup_q1.txt > expected_q1.tsv
