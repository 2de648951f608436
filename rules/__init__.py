"""The built-in rules: one module per rule, shipped in the wheel as `seolint.rules`. May import
rule, sitetools, similarity, titlewidth, keyphrase, text, parse, document; never a source, the
analysis or the engine (a rule reads the Page or Site it is given)."""
