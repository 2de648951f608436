"""Sources: the only code that does I/O; each turns what the user named into RawDocuments. May
import result, registry, sitetools, parse, document, config, options, net; never engine or
analysis (docs/architecture.md)."""
