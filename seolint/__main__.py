from seolint.cli import main

main()
