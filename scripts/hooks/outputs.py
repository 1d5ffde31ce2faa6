"""MkDocs hook: files made from the built site, beside its pages: link-preview cards and
printable PDFs. Each is cached by the content it is made from, so an unchanged page is not
made again. The work itself lives in sitegen (cards.py, pdfs/); this hook only calls it.
"""

from __future__ import annotations
