"""The funds' pages: ``pages`` reads (lists, statements, exports, IATI files, the portal),
``money`` writes (the forms of the money's life, the fund itself, the IATI import)."""
