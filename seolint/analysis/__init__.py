"""The analysis: a page's RawDocument → parse once → page rules → PageResult, in this process or in
worker processes (check's files in order, the crawl's pages as a stream). Imports: sources,
result, registry, rule, suppress, parse, text, keyphrase, document, config; never engine.
"""
