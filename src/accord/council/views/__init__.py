"""The council's pages (``pages``) and their forms (``forms``)."""
