"""truce's annotated event corpus: its format, sources, validation, split and scoring.

The corpus is the ground truth the events stage learns from and is measured on. It lives in
``corpus/`` at the top of the repository; this package reads, checks and scores it. Nothing here
imports spaCy, so the tools run with any Python 3.11.
"""
