"""The built-in rules: one module per rule, shipped in the wheel as `seolint.rules`."""
