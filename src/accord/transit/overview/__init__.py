"""The map and the charts, read through the other transit sub-packages' selectors."""
