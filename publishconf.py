"""Production settings: `make publish` builds with these on top of pelicanconf.py."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

# The public address; override with SITEURL=... in the environment of the build.
SITEURL = os.environ.get("SITEURL", "https://tuyengiao.hoabinh.example")
FEED_DOMAIN = SITEURL
SITE_FILES_BASE_URL = SITEURL
RELATIVE_URLS = False
PRECOMPRESS_ENABLED = True  # .gz and .br beside each page, for nginx (deploy/nginx/)
DELETE_OUTPUT_DIRECTORY = True
