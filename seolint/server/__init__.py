"""seolint in the editor: the language server (`seolint server`).

`lsp` speaks the protocol (pygls), `analysis_adapter` is its only door into the analysis,
`edits` places suppression comments, `command` is the CLI's `server` subcommand. Nothing here
is imported by `seolint check`: pygls loads only when the server starts.
"""
