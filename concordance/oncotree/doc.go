// Package oncotree classifies OncoTree cancer-type codes for concord's
// strata and models: whether a cancer is rare or common, a coarse organ
// group, and its expected ctDNA shedding class.
//
// Sources:
//
//   - Codes, names and tissues: OncoTree (Kundra et al. 2021, "OncoTree: a
//     cancer classification system for precision oncology", JCO Clin Cancer
//     Inform 5:221–230; the tree file trees/tsv/oncotree_2026_05_21.txt of
//     github.com/cBioPortal/oncotree). A handful of codes in the table are
//     not OncoTree codes but names used by other tools and by concord's
//     simulator (OCCC, MUCM, MTC, UPS, SINET, GBM); each says so in its
//     entry (Official false) and names the OncoTree code it stands for.
//   - Rare versus common: the RARECARE definition used by IMPRESS-Norway,
//     an incidence below 6 per 100,000 per year in Europe (Gatta G et al.
//     2011, "Rare cancers are not so rare: the rare cancer burden in
//     Europe", Eur J Cancer 47:2493–2511). RARECARE classifies by
//     topography and morphology, OncoTree by diagnosis, so the mapping is
//     a judgement per code: the common cancers are the large carcinomas
//     (colorectal, lung non-small-cell, breast, prostate, pancreatic,
//     gastric, bladder urothelial, renal cell, cutaneous melanoma, ovarian
//     high-grade serous, endometrial); sarcomas, CNS tumours, neuroendocrine
//     tumours, biliary, liver, oesophageal, thyroid, head-and-neck and the
//     rare histologies of common organs are rare.
//   - Shedding class (high, medium, low, cns): how much ctDNA the tumour
//     type typically releases in advanced disease, after Bettegowda C et al.
//     2014, "Detection of circulating tumor DNA in early- and late-stage
//     human malignancies", Sci Transl Med 6:224ra24 (detection above 75% in
//     colorectal, bladder, gastro-oesophageal, melanoma, hepatocellular;
//     below 50% in brain, renal, prostate and thyroid cancer), and Lin et al.
//     2025, The Oncologist (2.1% of CNS samples with tumour fraction ≥1%).
//     See METHODS.md §2.3. The classes agree with concord's simulator.
//   - Organ group: a coarse grouping of OncoTree tissues (thoracic, breast,
//     lower_gi, upper_gi, hepatopancreatobiliary, genitourinary,
//     gynaecological, sarcoma, cns, skin, head_and_neck, other), small
//     enough to be a factor of the detection model.
//
// A code the table does not hold is classified from the free-text cancer
// type by a few keywords (Classify); when neither helps, every attribute is
// "unknown". Nothing is ever assumed common.
package oncotree
