import sys

from imprint.cli import main

sys.exit(main())
