"""``python -m tidings`` runs the command line."""

from .cli import main

main()
