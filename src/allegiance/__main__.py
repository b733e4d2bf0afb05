import sys

from allegiance.cli.main import main

sys.exit(main())
