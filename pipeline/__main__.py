"""``python -m pipeline``: the newsclaims command line."""

from pipeline.cli import main

main()
