"""Sources: the only code that does I/O; each turns what the user named into RawDocuments. May
import result, registry, parse, text, document, config, options, net; never engine or analysis."""
