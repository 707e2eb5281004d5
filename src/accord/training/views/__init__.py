"""Training's pages: the catalogue and sessions, the pipeline, trainees and certificates, and
the public statistics and certificate verification."""
