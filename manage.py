#!/usr/bin/env python
"""Django's manage.py, on production settings unless DJANGO_SETTINGS_MODULE says otherwise.

Local development: export DJANGO_SETTINGS_MODULE=imprint.settings.dev
"""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imprint.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
