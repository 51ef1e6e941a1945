"""python -m edition COMMAND: the edition's command line (edition.cli)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
