"""Cleaning figures: how much of a page's cleaned text is the article, and how much of the article is kept."""
