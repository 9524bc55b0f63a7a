"""`python -m refs` runs the command line."""

from refs.cli import main

main()
