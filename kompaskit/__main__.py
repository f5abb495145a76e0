"""``python -m kompaskit`` = the ``kompaskit`` command."""
import sys

from .cli import main

sys.exit(main())
