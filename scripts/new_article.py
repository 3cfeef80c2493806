"""`make new`: start a new article (content_intake/new_article.py says how)."""

import sys

from content_intake.new_article import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
